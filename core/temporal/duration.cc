// core/temporal/duration.cc — durations: building from fractional parts, duration ± duration,
// × and ÷ by numbers, and duration.between / inMonths / inDays / inSeconds. Overflow is an
// error, never a wrap.
#include <cmath>

#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

// Neo4j's average month: 365.2425 / 12 days.
constexpr double kAverageNanosPerMonth = 2'629'746'000'000'000.0;
constexpr double kNanosPerDayD = 86'400'000'000'000.0;

Result<Duration> overflow() {
  return Result<Duration>::failure("duration is out of range (64-bit overflow)");
}

bool toLong(double v, int64_t* out) {
  if (!std::isfinite(v) || v >= 9.2e18 || v <= -9.2e18) return false;
  *out = static_cast<int64_t>(v);  // toward zero, as Java's (long) cast
  return true;
}

using Wide = __int128;

Result<Duration> fromWide(Wide months, Wide days, Wide seconds, Wide nanos) {
  Wide carry = nanos / kNanosPerSecond;
  seconds += carry;
  nanos -= carry * kNanosPerSecond;
  auto fits = [](Wide v) { return v >= INT64_MIN && v <= INT64_MAX; };
  if (!fits(months) || !fits(days) || !fits(seconds)) return overflow();
  return Duration(static_cast<int64_t>(months), static_cast<int64_t>(days),
                  static_cast<int64_t>(seconds), static_cast<int64_t>(nanos));
}

bool hasDate(const Temporal& t) {
  return std::holds_alternative<Date>(t) || std::holds_alternative<LocalDateTime>(t) ||
         std::holds_alternative<DateTime>(t);
}
bool hasTime(const Temporal& t) { return !std::holds_alternative<Date>(t); }
bool hasOffset(const Temporal& t) {
  return std::holds_alternative<Time>(t) || std::holds_alternative<DateTime>(t);
}

// The local time of day (nanoseconds), midnight for a date.
int64_t localNanos(const Temporal& t) {
  if (auto* v = std::get_if<LocalTime>(&t)) return v->nanosOfDay();
  if (auto* v = std::get_if<Time>(&t)) return v->local().nanosOfDay();
  if (auto* v = std::get_if<LocalDateTime>(&t)) return v->time().nanosOfDay();
  if (auto* v = std::get_if<DateTime>(&t)) return v->local().time().nanosOfDay();
  return 0;
}
int32_t offsetOf(const Temporal& t) {
  if (auto* v = std::get_if<Time>(&t)) return v->offsetSeconds();
  if (auto* v = std::get_if<DateTime>(&t)) return v->offsetSeconds();
  return 0;
}
LocalDateTime localOf(const Temporal& t) {
  if (auto* v = std::get_if<Date>(&t)) return LocalDateTime(int64_t{v->days} * kSecondsPerDay, 0);
  if (auto* v = std::get_if<LocalDateTime>(&t)) return *v;
  if (auto* v = std::get_if<DateTime>(&t)) return v->local();
  return LocalDateTime();
}

Wide nanosOf(const LocalDateTime& l) {
  return Wide(l.epochSeconds()) * kNanosPerSecond + l.nanos();
}
Wide nanosOf(const DateTime& d) { return Wide(d.epochSeconds()) * kNanosPerSecond + d.nanos(); }

// java.time's LocalDateTime.until for MONTHS and DAYS: the end date moves one day toward the
// start when its time of day has not yet reached the start's.
int64_t adjustedEndDays(const LocalDateTime& a, const LocalDateTime& b) {
  int64_t end = b.epochDays();
  const int64_t ta = a.time().nanosOfDay(), tb = b.time().nanosOfDay();
  if (end > a.epochDays() && tb < ta) --end;
  if (end < a.epochDays() && tb > ta) ++end;
  return end;
}
int64_t monthsUntil(const LocalDateTime& a, const LocalDateTime& b) {
  CivilDate ca = civilFromDays(a.epochDays()), cb = civilFromDays(adjustedEndDays(a, b));
  const Wide p1 = (Wide(ca.year) * 12 + ca.month - 1) * 32 + ca.day;
  const Wide p2 = (Wide(cb.year) * 12 + cb.month - 1) * 32 + cb.day;
  return static_cast<int64_t>((p2 - p1) / 32);
}
int64_t daysUntil(const LocalDateTime& a, const LocalDateTime& b) {
  return adjustedEndDays(a, b) - a.epochDays();
}

LocalDateTime plusMonthsDays(const LocalDateTime& l, int64_t months, int64_t days) {
  CivilDate c = civilFromDays(l.epochDays());
  Wide m = Wide(c.year) * 12 + (c.month - 1) + months;
  int64_t y = static_cast<int64_t>(m >= 0 ? m / 12 : (m - 11) / 12);
  int mo = static_cast<int>(m - Wide(y) * 12) + 1;
  int d = std::min(c.day, daysInMonth(y, mo));
  int64_t day = daysFromCivil(y, mo, d) + days;
  return LocalDateTime(day * kSecondsPerDay + l.time().nanosOfDay() / kNanosPerSecond, l.nanos());
}

}  // namespace

Result<Duration> durationOf(double months, double days, double seconds, double nanos) {
  int64_t m = 0, d = 0, s = 0, n = 0;
  if (!toLong(months, &m)) return overflow();
  days += (kAverageNanosPerMonth * months - kAverageNanosPerMonth * static_cast<double>(m)) /
          kNanosPerDayD;
  if (!toLong(days, &d)) return overflow();
  seconds += (kNanosPerDayD * days - kNanosPerDayD * static_cast<double>(d)) / 1e9;
  if (!toLong(seconds, &s)) return overflow();
  nanos += 1e9 * seconds - 1e9 * static_cast<double>(s);
  if (!toLong(nanos, &n)) return overflow();
  return fromWide(m, d, s, n);
}

Result<Duration> add(const Duration& a, const Duration& b) {
  return fromWide(Wide(a.months()) + b.months(), Wide(a.days()) + b.days(),
                  Wide(a.seconds()) + b.seconds(), Wide(a.nanos()) + b.nanos());
}

Result<Duration> subtract(const Duration& a, const Duration& b) {
  return fromWide(Wide(a.months()) - b.months(), Wide(a.days()) - b.days(),
                  Wide(a.seconds()) - b.seconds(), Wide(a.nanos()) - b.nanos());
}

Result<Duration> negate(const Duration& d) { return subtract(Duration(), d); }

Result<Duration> multiply(const Duration& d, int64_t factor) {
  return fromWide(Wide(d.months()) * factor, Wide(d.days()) * factor, Wide(d.seconds()) * factor,
                  Wide(d.nanos()) * factor);
}

Result<Duration> multiply(const Duration& d, double factor) {
  return durationOf(
      static_cast<double>(d.months()) * factor, static_cast<double>(d.days()) * factor,
      static_cast<double>(d.seconds()) * factor, static_cast<double>(d.nanos()) * factor);
}

Result<Duration> divide(const Duration& d, double divisor) {
  if (divisor == 0) return Result<Duration>::failure("division of a duration by zero");
  return durationOf(
      static_cast<double>(d.months()) / divisor, static_cast<double>(d.days()) / divisor,
      static_cast<double>(d.seconds()) / divisor, static_cast<double>(d.nanos()) / divisor);
}

Result<Duration> between(const Temporal& a, const Temporal& b, Between what) {
  if (!hasDate(a) || !hasDate(b)) {
    // No calendar in common: the difference of the times of day (a date counts as midnight),
    // at UTC when both have offsets.
    if (what == Between::kMonths || what == Between::kDays) return Duration();
    Wide ta = localNanos(a), tb = localNanos(b);
    if (hasOffset(a) && hasOffset(b)) {
      ta -= Wide(offsetOf(a)) * kNanosPerSecond;
      tb -= Wide(offsetOf(b)) * kNanosPerSecond;
    }
    if (!hasTime(a) && !hasTime(b)) return Duration();
    return fromWide(0, 0, 0, tb - ta);
  }
  // Both have dates: calendar units on the local date-times, the rest on the time line. A
  // value without a zone is taken in the other's zone (Neo4j); two zoned values are seen in
  // the start's zone.
  const auto* za = std::get_if<DateTime>(&a);
  const auto* zb = std::get_if<DateTime>(&b);
  const bool zoned = za || zb;
  const Zone zone = za ? zoneOf(*za) : zb ? zoneOf(*zb) : Zone{};
  const DateTime da = za ? *za : atZone(localOf(a), zone);
  const DateTime db = zb ? *zb : atZone(localOf(b), zone);
  LocalDateTime la = zoned ? da.local() : localOf(a);
  LocalDateTime lb = zoned ? inZone(db, zone).local() : localOf(b);
  auto rest = [&](const LocalDateTime& from) -> Wide {
    if (zoned) return nanosOf(db) - nanosOf(atZone(from, zone, da.offsetSeconds()));
    return nanosOf(lb) - nanosOf(from);
  };
  switch (what) {
    case Between::kMonths: return Duration(monthsUntil(la, lb), 0, 0, 0);
    case Between::kDays: return Duration(0, daysUntil(la, lb), 0, 0);
    case Between::kSeconds: return fromWide(0, 0, 0, rest(la));
    case Between::kAll: break;
  }
  const int64_t months = monthsUntil(la, lb);
  LocalDateTime m = plusMonthsDays(la, months, 0);
  const int64_t days = daysUntil(m, lb);
  LocalDateTime md = plusMonthsDays(m, 0, days);
  return fromWide(months, days, 0, rest(md));
}

}  // namespace entente::temporal
