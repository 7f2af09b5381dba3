// core/temporal/temporal.h — the temporal library: parsing, formatting, building from
// fields, arithmetic, comparison and time zones for the openCypher temporal values of
// include/entente/temporal.h, with Neo4j's semantics.
//
// Pure functions on values; no dependency on the query engine or storage. Failures are
// values (Result<T>) carrying a message that names the field and its allowed range
// ("month 13 is out of range 1..12 in '2024-13-01'"); callers turn them into ArgumentErrors.
// Files: civil.cc (calendars), parse.cc (ISO 8601 text), format.cc (toString), build.cc
// (from fields, selection, truncation), duration.cc (durations and between), arithmetic.cc
// (temporal ± duration), zones.cc (IANA zones through Howard Hinnant's tz library, reading
// /usr/share/zoneinfo).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "entente/temporal.h"
#include "entente/value.h"  // Date

namespace entente::temporal {

//! A value or the reason there is none.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  static Result failure(std::string why) { return Result(Failure{std::move(why)}); }
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<0>(v_); }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }
  //! REQUIRES !ok().
  const std::string& error() const { return std::get<1>(v_).why; }

 private:
  struct Failure {
    std::string why;
  };
  explicit Result(Failure f) : v_(std::move(f)) {}
  std::variant<T, Failure> v_;
};

// ---- Limits ----------------------------------------------------------------------------
inline constexpr int64_t kMinYear = -999'999'999, kMaxYear = 999'999'999;
inline constexpr int32_t kMaxOffsetSeconds = 18 * 3600;

// ---- Civil calendar (civil.cc) ---------------------------------------------------------
int64_t daysFromCivil(int64_t year, int month, int day);
struct CivilDate {
  int64_t year;
  int month, day;
};
CivilDate civilFromDays(int64_t days);
bool isLeapYear(int64_t year);
int daysInMonth(int64_t year, int month);

//! Every calendar field of a day.
struct DateFields {
  int64_t year;
  int month, day;
  int64_t week_year;
  int week, weekday;  // ISO 8601, Monday = 1
  int ordinal_day;    // 1..366
  int quarter, day_of_quarter;
};
DateFields dateFields(int64_t days);

//! A Date from a day count; fails when it does not fit Date's range.
Result<Date> dateOfDays(int64_t days);

// ---- Time zones (zones.cc) -------------------------------------------------------------
//! The zone a value is seen in: a fixed offset (id 0) or a named IANA zone.
struct Zone {
  int32_t offset_seconds = 0;  // the fixed offset (ignored for a named zone)
  uint32_t id = 0;             // 0: fixed offset
  bool named() const { return id != 0; }
  friend bool operator==(const Zone&, const Zone&) = default;
};
//! The zone of a DateTime.
inline Zone zoneOf(const DateTime& dt) { return Zone{dt.offsetSeconds(), dt.zoneId()}; }
//! "Z", "+01:00", "+0100", "-02", "+00:53:28", or an IANA name ("Europe/Stockholm").
Result<Zone> parseZone(std::string_view text);
//! The id of an IANA zone name (interned for the life of the process); nullopt if unknown.
std::optional<uint32_t> zoneId(std::string_view name);
std::string_view zoneName(uint32_t id);
//! The offset of `zone` at the UTC instant.
int32_t offsetAt(const Zone& zone, int64_t utc_seconds);
//! The DateTime of a local date-time in `zone`. A local time in a DST gap moves forward by
//! the gap's length and an ambiguous one takes the earlier offset (java.time's rule, as
//! Neo4j). `preferred_offset`, when valid for an ambiguous time, wins (the offset written in
//! '…+01:00[Europe/Stockholm]').
DateTime atZone(const LocalDateTime& local, const Zone& zone,
                std::optional<int32_t> preferred_offset = std::nullopt);
//! The same instant seen in another zone.
DateTime inZone(const DateTime& dt, const Zone& zone);
//! The offset a named zone has "now" (used for a Time built with a named zone).
int32_t currentOffset(const Zone& zone, int64_t now_utc_seconds);

// ---- Parsing ISO 8601 text (parse.cc) --------------------------------------------------
//! Calendar (2015-07-21, 20150721, 2015-07, 201507, 2015), week (2015-W30-2, 2015W302,
//! 2015-W30) and ordinal (2015-202, 2015202) dates; years beyond 4 digits with a sign.
Result<Date> parseDate(std::string_view text);
//! 21:40:32.142, 214032.142, 21:40, 2140, 21 (fraction up to 9 digits, '.' or ',').
Result<LocalTime> parseLocalTime(std::string_view text);
//! A local time and an offset (Z, ±hh, ±hhmm, ±hh:mm); `default_zone` when none is given.
Result<Time> parseTime(std::string_view text, const Zone& default_zone, int64_t now_utc_seconds);
//! <date>T<time>.
Result<LocalDateTime> parseLocalDateTime(std::string_view text);
//! <date>T<time>[offset][[Zone/Name]].
Result<DateTime> parseDateTime(std::string_view text, const Zone& default_zone);
//! PnYnMnWnDTnHnMnS (fractions allowed, signs per part) or P<local date-time>.
Result<Duration> parseDuration(std::string_view text);

// ---- Formatting (format.cc; also the toString members) ---------------------------------
std::string formatDate(int64_t days);
std::string formatOffset(int32_t offset_seconds);  // "Z", "+01:00", "+00:53:28"

// ---- Building from fields (build.cc) ---------------------------------------------------
//! The fields of a map argument (date({year: 2024, ...}), datetime({...}), truncate's map),
//! plus what was selected from other temporals ({date: d, time: t, datetime: dt}).
struct Fields {
  std::optional<int64_t> year, month, day, week, day_of_week, ordinal_day, quarter, day_of_quarter;
  std::optional<int64_t> hour, minute, second, millisecond, microsecond, nanosecond;
  std::optional<std::string> timezone;
  // Selection: the date and the time of day to start from, and the zone of the value the
  // time came from (a Time's offset or a DateTime's zone).
  std::optional<int64_t> base_days;
  std::optional<LocalTime> base_time;
  std::optional<Zone> base_zone;
  //! With a base zone and a new `timezone`: convert the instant (selection) or keep the
  //! local fields (truncation).
  bool convert_to_timezone = true;
  bool hasDateField() const;
  bool hasTimeField() const;
};
Result<Date> buildDate(const Fields& f);
Result<LocalTime> buildLocalTime(const Fields& f);
Result<Time> buildTime(const Fields& f, const Zone& default_zone, int64_t now_utc_seconds);
Result<LocalDateTime> buildLocalDateTime(const Fields& f);
Result<DateTime> buildDateTime(const Fields& f, const Zone& default_zone);
//! The zone a field set names (its `timezone`, else the base zone, else the default).
Result<Zone> zoneOfFields(const Fields& f, const Zone& default_zone);

//! Truncation units: millennium … day for dates, hour … microsecond for times.
enum class Unit {
  kMillennium,
  kCentury,
  kDecade,
  kYear,
  kWeekYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
};
//! The unit named (case-insensitive); nullopt for another name.
std::optional<Unit> parseUnit(std::string_view name);
bool isDateUnit(Unit u);
//! The first day of the unit containing `days` (REQUIRES isDateUnit(u)).
int64_t truncateDays(int64_t days, Unit u);
//! The start of the unit containing the time (a date unit gives midnight).
LocalTime truncateTime(LocalTime t, Unit u);

//! A DateTime at an instant given as seconds (+ nanoseconds) or milliseconds since the
//! epoch, in UTC.
DateTime fromEpoch(int64_t seconds, int64_t nanos);
DateTime fromEpochMillis(int64_t millis);

// ---- Durations (duration.cc) -----------------------------------------------------------
//! A duration from fractional parts, each fraction spilled into the next smaller part by
//! the average month (30.436875 days) and 86400-second day (Neo4j's rule).
Result<Duration> durationOf(double months, double days, double seconds, double nanos);
Result<Duration> add(const Duration& a, const Duration& b);
Result<Duration> subtract(const Duration& a, const Duration& b);
Result<Duration> negate(const Duration& d);
Result<Duration> multiply(const Duration& d, int64_t factor);  // exact
Result<Duration> multiply(const Duration& d, double factor);   // spilled by durationOf
Result<Duration> divide(const Duration& d, double divisor);

//! A temporal value of any kind, for between() and the generic operations.
using Temporal = std::variant<Date, LocalTime, Time, LocalDateTime, DateTime>;
enum class Between { kAll, kMonths, kDays, kSeconds };
//! duration.between(a, b) and inMonths/inDays/inSeconds: from a to b, in calendar units where
//! both have dates, then in seconds. nullopt when the two cannot be compared that way never
//! happens (any pair works, missing parts taken from the other value, as Neo4j).
Result<Duration> between(const Temporal& a, const Temporal& b, Between what);

// ---- Arithmetic (arithmetic.cc) --------------------------------------------------------
//! temporal + duration (`sign` -1 for minus). Months first (clamping the day to the month's
//! end), then days, then seconds and nanoseconds; a type without a date ignores months and
//! days, one without a time ignores seconds (Neo4j).
Result<Temporal> plus(const Temporal& t, const Duration& d, int sign = 1);

// ---- Comparison ------------------------------------------------------------------------
//! Cypher ordering within one temporal kind: -1, 0, 1. Times and DateTimes compare by
//! instant, then (for equal instants) by offset and zone so that ORDER BY is total.
int compare(const Temporal& a, const Temporal& b);
//! Cypher `=` of two values of the same kind: instants for Time and DateTime.
bool equal(const Temporal& a, const Temporal& b);

// ---- Accessors (fields.cc) -------------------------------------------------------------
//! The value of accessor `name` (case-sensitive as Cypher's: year, quarter, month, week,
//! weekYear, dayOfQuarter, quarterDay, day, ordinalDay, dayOfWeek, weekDay, hour, minute,
//! second, millisecond, microsecond, nanosecond, epochSeconds, epochMillis, offsetMinutes,
//! offsetSeconds); nullopt when the kind has no such field. String fields (timezone,
//! offset) come from stringField.
std::optional<int64_t> intField(const Temporal& t, std::string_view name);
std::optional<std::string> stringField(const Temporal& t, std::string_view name);
//! Duration accessors: years, months, weeks, days, hours, minutes, seconds, milliseconds,
//! microseconds, nanoseconds, quartersOfYear, monthsOfQuarter, monthsOfYear, daysOfWeek,
//! minutesOfHour, secondsOfMinute, millisecondsOfSecond, microsecondsOfSecond,
//! nanosecondsOfSecond.
std::optional<int64_t> durationField(const Duration& d, std::string_view name);

}  // namespace entente::temporal
