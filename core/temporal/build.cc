// core/temporal/build.cc — temporal values from fields: the maps of date({…}), time({…}),
// datetime({…}) …, selection from other temporals ({date: d, time: t, …}), truncation, and
// the epoch constructors. Every field is range-checked here, so each error names the field
// and its allowed range.
#include <algorithm>
#include <cctype>

#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

std::string range(std::string_view field, int64_t v, int64_t lo, int64_t hi) {
  return std::string(field) + " " + std::to_string(v) + " is out of range " + std::to_string(lo) +
         ".." + std::to_string(hi);
}

bool inRange(int64_t v, int64_t lo, int64_t hi) { return v >= lo && v <= hi; }

int64_t floorDiv(int64_t a, int64_t b) { return (a >= 0 ? a : a - b + 1) / b; }
int64_t floorTo(int64_t v, int64_t step) { return floorDiv(v, step) * step; }

int64_t weekOneMonday(int64_t week_year) {
  const int64_t jan4 = daysFromCivil(week_year, 1, 4);  // January 4 is in week 1
  return jan4 - (dateFields(jan4).weekday - 1);
}
int weeksIn(int64_t week_year) { return dateFields(daysFromCivil(week_year, 12, 28)).week; }

// The day count the date fields (over the base) describe.
Result<int64_t> resolveDays(const Fields& f) {
  using R = Result<int64_t>;
  std::optional<DateFields> base;
  if (f.base_days) base = dateFields(*f.base_days);
  const bool week = f.week || f.day_of_week;
  const bool ordinal = f.ordinal_day.has_value();
  const bool quarter = f.quarter || f.day_of_quarter;
  const bool civil = f.month || f.day;
  if (int(week) + int(ordinal) + int(quarter) + int(civil) > 1) {
    return R::failure(
        "fields of different calendars (month/day, week/dayOfWeek, ordinalDay, "
        "quarter/dayOfQuarter) cannot be combined");
  }
  if (!f.year && !base) return R::failure("year must be given");
  if (!base) {
    if (f.day && !f.month) return R::failure("day cannot be given without month");
    if (f.day_of_week && !f.week) return R::failure("dayOfWeek cannot be given without week");
    if (f.day_of_quarter && !f.quarter) {
      return R::failure("dayOfQuarter cannot be given without quarter");
    }
  }
  if (f.year && !inRange(*f.year, kMinYear, kMaxYear)) {
    return R::failure(range("year", *f.year, kMinYear, kMaxYear));
  }
  if (week) {
    const int64_t y = f.year ? *f.year : base->week_year;
    const int64_t w = f.week ? *f.week : base ? base->week : 1;
    const int64_t dow = f.day_of_week ? *f.day_of_week : base ? base->weekday : 1;
    if (!inRange(w, 1, weeksIn(y))) return R::failure(range("week", w, 1, weeksIn(y)));
    if (!inRange(dow, 1, 7)) return R::failure(range("dayOfWeek", dow, 1, 7));
    return weekOneMonday(y) + (w - 1) * 7 + dow - 1;
  }
  const int64_t y = f.year ? *f.year : base->year;
  if (ordinal) {
    const int n = isLeapYear(y) ? 366 : 365;
    if (!inRange(*f.ordinal_day, 1, n))
      return R::failure(range("ordinalDay", *f.ordinal_day, 1, n));
    return daysFromCivil(y, 1, 1) + *f.ordinal_day - 1;
  }
  if (quarter) {
    const int64_t q = f.quarter ? *f.quarter : base ? base->quarter : 1;
    if (!inRange(q, 1, 4)) return R::failure(range("quarter", q, 1, 4));
    const int64_t start = daysFromCivil(y, static_cast<int>(3 * q - 2), 1);
    const int64_t end = q == 4 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, int(3 * q + 1), 1);
    const int64_t dq = f.day_of_quarter ? *f.day_of_quarter : base ? base->day_of_quarter : 1;
    if (!inRange(dq, 1, end - start)) return R::failure(range("dayOfQuarter", dq, 1, end - start));
    return start + dq - 1;
  }
  const int64_t m = f.month ? *f.month : base ? base->month : 1;
  const int64_t d = f.day ? *f.day : base ? base->day : 1;
  if (!inRange(m, 1, 12)) return R::failure(range("month", m, 1, 12));
  const int dim = daysInMonth(y, static_cast<int>(m));
  if (!inRange(d, 1, dim)) return R::failure(range("day", d, 1, dim));
  return daysFromCivil(y, static_cast<int>(m), static_cast<int>(d));
}

// The nanosecond of the day the time fields (over the base) describe.
Result<int64_t> resolveTime(const Fields& f) {
  using R = Result<int64_t>;
  int64_t h = 0, mi = 0, s = 0, ns = 0;
  if (f.base_time) {
    int64_t n = f.base_time->nanosOfDay();
    h = n / (3600 * kNanosPerSecond);
    mi = n / (60 * kNanosPerSecond) % 60;
    s = n / kNanosPerSecond % 60;
    ns = n % kNanosPerSecond;
  } else {
    // A smaller unit needs the larger ones: {minute: 5} alone is not a time.
    if (f.minute && !f.hour) return R::failure("minute cannot be given without hour");
    if (f.second && !f.minute) return R::failure("second cannot be given without minute");
    if ((f.millisecond || f.microsecond || f.nanosecond) && !f.second) {
      return R::failure("a fraction of a second cannot be given without second");
    }
  }
  if (f.hour) {
    if (!inRange(*f.hour, 0, 23)) return R::failure(range("hour", *f.hour, 0, 23));
    h = *f.hour;
  }
  if (f.minute) {
    if (!inRange(*f.minute, 0, 59)) return R::failure(range("minute", *f.minute, 0, 59));
    mi = *f.minute;
  }
  if (f.second) {
    if (!inRange(*f.second, 0, 59)) return R::failure(range("second", *f.second, 0, 59));
    s = *f.second;
  }
  if (f.millisecond || f.microsecond || f.nanosecond) {
    const int64_t ms = f.millisecond.value_or(0), us = f.microsecond.value_or(0),
                  n = f.nanosecond.value_or(0);
    if (!inRange(ms, 0, 999)) return R::failure(range("millisecond", ms, 0, 999));
    const int64_t us_max = f.millisecond ? 999 : 999'999;
    if (!inRange(us, 0, us_max)) return R::failure(range("microsecond", us, 0, us_max));
    const int64_t ns_max = f.microsecond ? 999 : f.millisecond ? 999'999 : 999'999'999;
    if (!inRange(n, 0, ns_max)) return R::failure(range("nanosecond", n, 0, ns_max));
    ns = ms * 1'000'000 + us * 1000 + n;
  }
  return ((h * 60 + mi) * 60 + s) * kNanosPerSecond + ns;
}

template <class T, class U>
Result<T> relay(const Result<U>& r) {
  return Result<T>::failure(r.error());
}

}  // namespace

bool Fields::hasDateField() const {
  return year || month || day || week || day_of_week || ordinal_day || quarter || day_of_quarter;
}
bool Fields::hasTimeField() const {
  return hour || minute || second || millisecond || microsecond || nanosecond;
}

Result<Date> buildDate(const Fields& f) {
  auto days = resolveDays(f);
  if (!days) return relay<Date>(days);
  return dateOfDays(*days);
}

Result<LocalTime> buildLocalTime(const Fields& f) {
  auto n = resolveTime(f);
  if (!n) return relay<LocalTime>(n);
  return LocalTime::ofNanos(*n);
}

Result<Zone> zoneOfFields(const Fields& f, const Zone& default_zone) {
  if (f.timezone) return parseZone(*f.timezone);
  if (f.base_zone) return *f.base_zone;
  return default_zone;
}

Result<Time> buildTime(const Fields& f, const Zone& default_zone, int64_t now) {
  auto local = buildLocalTime(f);
  if (!local) return relay<Time>(local);
  auto zone = zoneOfFields(f, default_zone);
  if (!zone) return relay<Time>(zone);
  const int32_t offset = currentOffset(*zone, now);
  int64_t n = local->nanosOfDay();
  if (f.base_zone && f.timezone && f.convert_to_timezone) {
    // The same instant at the new offset, wrapped into the day.
    const int32_t from = currentOffset(*f.base_zone, now);
    n = (n + int64_t{offset - from} * kNanosPerSecond) % kNanosPerDay;
    if (n < 0) n += kNanosPerDay;
  }
  return Time(LocalTime::ofNanos(n), offset);
}

Result<LocalDateTime> buildLocalDateTime(const Fields& f) {
  auto days = resolveDays(f);
  if (!days) return relay<LocalDateTime>(days);
  auto n = resolveTime(f);
  if (!n) return relay<LocalDateTime>(n);
  return LocalDateTime(*days * kSecondsPerDay + *n / kNanosPerSecond,
                       static_cast<int32_t>(*n % kNanosPerSecond));
}

Result<DateTime> buildDateTime(const Fields& f, const Zone& default_zone) {
  auto local = buildLocalDateTime(f);
  if (!local) return relay<DateTime>(local);
  auto zone = zoneOfFields(f, default_zone);
  if (!zone) return relay<DateTime>(zone);
  if (f.base_zone && f.timezone && f.convert_to_timezone) {
    return inZone(atZone(*local, *f.base_zone), *zone);
  }
  return atZone(*local, *zone);
}

std::optional<Unit> parseUnit(std::string_view name) {
  std::string u;
  for (char c : name) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<std::string_view, Unit> kUnits[] = {
      {"millennium", Unit::kMillennium},
      {"century", Unit::kCentury},
      {"decade", Unit::kDecade},
      {"year", Unit::kYear},
      {"weekyear", Unit::kWeekYear},
      {"quarter", Unit::kQuarter},
      {"month", Unit::kMonth},
      {"week", Unit::kWeek},
      {"day", Unit::kDay},
      {"hour", Unit::kHour},
      {"minute", Unit::kMinute},
      {"second", Unit::kSecond},
      {"millisecond", Unit::kMillisecond},
      {"microsecond", Unit::kMicrosecond},
  };
  for (const auto& [n, unit] : kUnits) {
    if (u == n) return unit;
  }
  return std::nullopt;
}

bool isDateUnit(Unit u) { return u <= Unit::kDay; }

int64_t truncateDays(int64_t days, Unit u) {
  DateFields f = dateFields(days);
  switch (u) {
    case Unit::kMillennium: return daysFromCivil(floorTo(f.year, 1000), 1, 1);
    case Unit::kCentury: return daysFromCivil(floorTo(f.year, 100), 1, 1);
    case Unit::kDecade: return daysFromCivil(floorTo(f.year, 10), 1, 1);
    case Unit::kYear: return daysFromCivil(f.year, 1, 1);
    case Unit::kWeekYear: return weekOneMonday(f.week_year);
    case Unit::kQuarter: return daysFromCivil(f.year, 3 * f.quarter - 2, 1);
    case Unit::kMonth: return daysFromCivil(f.year, f.month, 1);
    case Unit::kWeek: return days - (f.weekday - 1);
    default: return days;
  }
}

LocalTime truncateTime(LocalTime t, Unit u) {
  int64_t step = 1;
  switch (u) {
    case Unit::kHour: step = 3600 * kNanosPerSecond; break;
    case Unit::kMinute: step = 60 * kNanosPerSecond; break;
    case Unit::kSecond: step = kNanosPerSecond; break;
    case Unit::kMillisecond: step = 1'000'000; break;
    case Unit::kMicrosecond: step = 1000; break;
    default: return LocalTime();  // a date unit: midnight
  }
  return LocalTime::ofNanos(t.nanosOfDay() / step * step);
}

DateTime fromEpoch(int64_t seconds, int64_t nanos) {
  const int64_t carry = floorDiv(nanos, kNanosPerSecond);
  return DateTime(seconds + carry, static_cast<int32_t>(nanos - carry * kNanosPerSecond), 0, 0);
}

DateTime fromEpochMillis(int64_t millis) {
  const int64_t s = floorDiv(millis, 1000);
  return DateTime(s, static_cast<int32_t>((millis - s * 1000) * 1'000'000), 0, 0);
}

}  // namespace entente::temporal
