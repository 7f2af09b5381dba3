// core/temporal/fields.cc — the accessors of temporal values (d.year, t.offset, dur.hours …),
// named as in Cypher.
#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

struct Parts {
  std::optional<int64_t> days;          // has a date
  std::optional<int64_t> nanos_of_day;  // has a time
  std::optional<int32_t> offset;        // has an offset
  std::optional<int64_t> epoch_s;       // an instant
  int32_t epoch_ns = 0;
};

Parts partsOf(const Temporal& t) {
  Parts p;
  if (auto* v = std::get_if<Date>(&t)) p.days = v->days;
  if (auto* v = std::get_if<LocalTime>(&t)) p.nanos_of_day = v->nanosOfDay();
  if (auto* v = std::get_if<Time>(&t)) {
    p.nanos_of_day = v->local().nanosOfDay();
    p.offset = v->offsetSeconds();
  }
  if (auto* v = std::get_if<LocalDateTime>(&t)) {
    p.days = v->epochDays();
    p.nanos_of_day = v->time().nanosOfDay();
  }
  if (auto* v = std::get_if<DateTime>(&t)) {
    p.days = v->local().epochDays();
    p.nanos_of_day = v->local().time().nanosOfDay();
    p.offset = v->offsetSeconds();
    p.epoch_s = v->epochSeconds();
    p.epoch_ns = v->nanos();
  }
  return p;
}

}  // namespace

std::optional<int64_t> intField(const Temporal& t, std::string_view name) {
  const Parts p = partsOf(t);
  if (p.days) {
    const DateFields f = dateFields(*p.days);
    if (name == "year") return f.year;
    if (name == "quarter") return f.quarter;
    if (name == "month") return f.month;
    if (name == "week") return f.week;
    if (name == "weekYear") return f.week_year;
    if (name == "day") return f.day;
    if (name == "ordinalDay") return f.ordinal_day;
    if (name == "dayOfWeek" || name == "weekDay") return f.weekday;
    if (name == "dayOfQuarter" || name == "quarterDay") return f.day_of_quarter;
  }
  if (p.nanos_of_day) {
    const int64_t n = *p.nanos_of_day, s = n / kNanosPerSecond, frac = n % kNanosPerSecond;
    if (name == "hour") return s / 3600;
    if (name == "minute") return s / 60 % 60;
    if (name == "second") return s % 60;
    if (name == "millisecond") return frac / 1'000'000;
    if (name == "microsecond") return frac / 1000;
    if (name == "nanosecond") return frac;
  }
  if (p.offset) {
    if (name == "offsetMinutes") return *p.offset / 60;
    if (name == "offsetSeconds") return *p.offset;
  }
  if (p.epoch_s) {
    if (name == "epochSeconds") return *p.epoch_s;
    if (name == "epochMillis") return *p.epoch_s * 1000 + p.epoch_ns / 1'000'000;
  }
  return std::nullopt;
}

std::optional<std::string> stringField(const Temporal& t, std::string_view name) {
  const Parts p = partsOf(t);
  if (!p.offset) return std::nullopt;
  if (name == "offset") return formatOffset(*p.offset);
  if (name == "timezone") {
    if (auto* v = std::get_if<DateTime>(&t); v && v->hasNamedZone()) {
      return std::string(v->zoneName());
    }
    return formatOffset(*p.offset);
  }
  return std::nullopt;
}

std::optional<int64_t> durationField(const Duration& d, std::string_view name) {
  const int64_t m = d.months(), days = d.days(), s = d.seconds(), n = d.nanos();
  if (name == "years") return m / 12;
  if (name == "quarters") return m / 3;
  if (name == "months") return m;
  if (name == "weeks") return days / 7;
  if (name == "days") return days;
  if (name == "hours") return s / 3600;
  if (name == "minutes") return s / 60;
  if (name == "seconds") return s;
  if (name == "milliseconds") return s * 1000 + n / 1'000'000;
  if (name == "microseconds") return s * 1'000'000 + n / 1000;
  if (name == "nanoseconds") return s * kNanosPerSecond + n;
  if (name == "quartersOfYear") return m / 3 % 4;
  if (name == "monthsOfQuarter") return m % 3;
  if (name == "monthsOfYear") return m % 12;
  if (name == "daysOfWeek") return days % 7;
  if (name == "minutesOfHour") return s / 60 % 60;
  if (name == "secondsOfMinute") return s % 60;
  if (name == "millisecondsOfSecond") return n / 1'000'000;
  if (name == "microsecondsOfSecond") return n / 1000;
  if (name == "nanosecondsOfSecond") return n;
  return std::nullopt;
}

}  // namespace entente::temporal
