// entente/temporal.h — the openCypher temporal values beside Date (entente/value.h): LocalTime,
// Time, LocalDateTime, DateTime and Duration, with nanosecond precision.
//
// These are plain values (no allocation; a DateTime's named zone is a small id into the
// process's zone table). Parsing, formatting, arithmetic, comparison and time zones live in
// core/temporal/ (core/temporal/temporal.h); the members here are what a user of the
// public API needs to read a value. `==` is identity of values (same fields), not Cypher's
// `=` (which compares a Time or DateTime by its instant, see core/temporal/temporal.h).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace entente {

inline constexpr int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr int64_t kSecondsPerDay = 86'400;
inline constexpr int64_t kNanosPerDay = kNanosPerSecond * kSecondsPerDay;

//! A time of day without a zone: nanoseconds since midnight, [0, kNanosPerDay).
class LocalTime {
 public:
  constexpr LocalTime() = default;
  //! REQUIRES 0 <= nanos < kNanosPerDay.
  static constexpr LocalTime ofNanos(int64_t nanos) {
    LocalTime t;
    t.nanos_ = nanos;
    return t;
  }
  constexpr int64_t nanosOfDay() const { return nanos_; }
  std::string toString() const;  // "21:40:32.142", "21:40" (seconds shown when not zero)
  friend bool operator==(LocalTime, LocalTime) = default;
  friend auto operator<=>(LocalTime, LocalTime) = default;

 private:
  int64_t nanos_ = 0;
};

//! A time of day at a UTC offset (seconds east of UTC, within ±18 hours).
class Time {
 public:
  constexpr Time() = default;
  constexpr Time(LocalTime local, int32_t offset_seconds)
      : local_(local), offset_(offset_seconds) {}
  constexpr LocalTime local() const { return local_; }
  constexpr int32_t offsetSeconds() const { return offset_; }
  //! The time of day in UTC as nanoseconds (may lie outside one day): the ordering key.
  constexpr int64_t utcNanos() const {
    return local_.nanosOfDay() - int64_t{offset_} * kNanosPerSecond;
  }
  std::string toString() const;  // "21:40:32.142+01:00", "12:00Z"
  friend bool operator==(const Time&, const Time&) = default;

 private:
  LocalTime local_;
  int32_t offset_ = 0;
};

//! A date and time of day without a zone: seconds since 1970-01-01T00:00 (local) plus
//! nanoseconds [0, 1e9).
class LocalDateTime {
 public:
  constexpr LocalDateTime() = default;
  //! REQUIRES 0 <= nanos < kNanosPerSecond.
  constexpr LocalDateTime(int64_t epoch_seconds, int32_t nanos)
      : seconds_(epoch_seconds), nanos_(nanos) {}
  constexpr int64_t epochSeconds() const { return seconds_; }
  constexpr int32_t nanos() const { return nanos_; }
  //! Days since 1970-01-01 (floor).
  constexpr int64_t epochDays() const {
    return (seconds_ >= 0 ? seconds_ : seconds_ - kSecondsPerDay + 1) / kSecondsPerDay;
  }
  constexpr LocalTime time() const {
    return LocalTime::ofNanos((seconds_ - epochDays() * kSecondsPerDay) * kNanosPerSecond + nanos_);
  }
  std::string toString() const;  // "2015-07-21T21:40:32.142"
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;

 private:
  int64_t seconds_ = 0;
  int32_t nanos_ = 0;
};

//! An instant with the zone it is seen in: a fixed UTC offset, or a named IANA zone (whose
//! offset at the instant is kept too). Seconds since 1970-01-01T00:00Z plus nanoseconds.
class DateTime {
 public:
  constexpr DateTime() = default;
  //! `zone_id` 0 means a fixed offset; others come from temporal::zoneId (core/temporal).
  constexpr DateTime(int64_t epoch_seconds, int32_t nanos, int32_t offset_seconds, uint32_t zone_id)
      : seconds_(epoch_seconds), nanos_(nanos), offset_(offset_seconds), zone_(zone_id) {}
  constexpr int64_t epochSeconds() const { return seconds_; }
  constexpr int32_t nanos() const { return nanos_; }
  constexpr int32_t offsetSeconds() const { return offset_; }
  constexpr uint32_t zoneId() const { return zone_; }
  constexpr bool hasNamedZone() const { return zone_ != 0; }
  //! The IANA name of the zone ("Europe/Stockholm"); empty for a fixed offset.
  std::string_view zoneName() const;
  constexpr LocalDateTime local() const { return LocalDateTime(seconds_ + offset_, nanos_); }
  std::string toString() const;  // "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]"
  friend bool operator==(const DateTime&, const DateTime&) = default;

 private:
  int64_t seconds_ = 0;
  int32_t nanos_ = 0;
  int32_t offset_ = 0;
  uint32_t zone_ = 0;
};

//! An amount of time in four independent parts (no carrying between them: a month is not a
//! number of days, a day is not 86400 seconds across a DST change). Seconds and nanoseconds
//! are one signed quantity, kept with nanoseconds in [0, 1e9).
class Duration {
 public:
  constexpr Duration() = default;
  //! Any nanoseconds; carried into seconds.
  constexpr Duration(int64_t months, int64_t days, int64_t seconds, int64_t nanos)
      : months_(months),
        days_(days),
        seconds_(seconds + floorDiv(nanos)),
        nanos_(static_cast<int32_t>(nanos - floorDiv(nanos) * kNanosPerSecond)) {}
  constexpr int64_t months() const { return months_; }
  constexpr int64_t days() const { return days_; }
  constexpr int64_t seconds() const { return seconds_; }
  constexpr int32_t nanos() const { return nanos_; }
  std::string toString() const;  // "P1Y2M3DT4H5M6.5S", "PT0S"
  friend bool operator==(const Duration&, const Duration&) = default;

 private:
  static constexpr int64_t floorDiv(int64_t n) {
    return (n >= 0 ? n : n - kNanosPerSecond + 1) / kNanosPerSecond;
  }
  int64_t months_ = 0, days_ = 0, seconds_ = 0;
  int32_t nanos_ = 0;
};

}  // namespace entente
