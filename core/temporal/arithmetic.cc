// core/temporal/arithmetic.cc — temporal ± duration, and comparison of temporal values.
//
// Adding follows Neo4j's DurationValue.addTo: months first (the day clamped to the month's
// end), then days, then seconds and nanoseconds. A value without a date ignores months and
// days; a Date takes the duration's whole days of seconds (truncated). A DateTime adds months
// and days to its local date-time (then resolves it in its zone, keeping its offset where
// still valid) and seconds on the time line.
#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

using Wide = __int128;

int64_t floorDiv(Wide a, int64_t b) {
  Wide q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return static_cast<int64_t>(q);
}

// The local date-time `months` and `days` on, the day clamped to the month's end.
Result<LocalDateTime> plusCalendar(const LocalDateTime& l, int64_t months, int64_t days) {
  CivilDate c = civilFromDays(l.epochDays());
  const Wide m = Wide(c.year) * 12 + (c.month - 1) + months;
  const int64_t y = floorDiv(m, 12);
  if (y < kMinYear || y > kMaxYear) {
    return Result<LocalDateTime>::failure("the result's year is out of range " +
                                          std::to_string(kMinYear) + ".." +
                                          std::to_string(kMaxYear));
  }
  const int mo = static_cast<int>(m - Wide(y) * 12) + 1;
  const int d = std::min(c.day, daysInMonth(y, mo));
  const Wide day = Wide(daysFromCivil(y, mo, d)) + days;
  const Wide secs = day * kSecondsPerDay + l.time().nanosOfDay() / kNanosPerSecond;
  if (day < daysFromCivil(kMinYear, 1, 1) || day > daysFromCivil(kMaxYear, 12, 31)) {
    return Result<LocalDateTime>::failure("the result's year is out of range " +
                                          std::to_string(kMinYear) + ".." +
                                          std::to_string(kMaxYear));
  }
  return LocalDateTime(static_cast<int64_t>(secs), l.nanos());
}

LocalTime plusNanos(LocalTime t, Wide nanos) {
  Wide n = (Wide(t.nanosOfDay()) + nanos) % kNanosPerDay;
  if (n < 0) n += kNanosPerDay;
  return LocalTime::ofNanos(static_cast<int64_t>(n));
}

Result<LocalDateTime> plusSeconds(const LocalDateTime& l, Wide nanos) {
  const Wide total = Wide(l.epochSeconds()) * kNanosPerSecond + l.nanos() + nanos;
  const int64_t s = floorDiv(total, kNanosPerSecond);
  const Wide day = floorDiv(Wide(s), kSecondsPerDay);
  if (day < daysFromCivil(kMinYear, 1, 1) || day > daysFromCivil(kMaxYear, 12, 31)) {
    return Result<LocalDateTime>::failure("the result is out of the range of years " +
                                          std::to_string(kMinYear) + ".." +
                                          std::to_string(kMaxYear));
  }
  return LocalDateTime(s, static_cast<int32_t>(total - Wide(s) * kNanosPerSecond));
}

template <class T>
Result<Temporal> relay(const Result<T>& r) {
  return Result<Temporal>::failure(r.error());
}

int sign3(Wide a, Wide b) { return a < b ? -1 : a > b ? 1 : 0; }

}  // namespace

Result<Temporal> plus(const Temporal& t, const Duration& d, int sign) {
  const Wide months = Wide(d.months()) * sign, days = Wide(d.days()) * sign;
  const Wide nanos = (Wide(d.seconds()) * kNanosPerSecond + d.nanos()) * sign;
  if (months > INT64_MAX || months < INT64_MIN || days > INT64_MAX || days < INT64_MIN) {
    return Result<Temporal>::failure("duration is out of range");
  }
  if (auto* v = std::get_if<Date>(&t)) {
    // Whole days of the seconds, truncated toward zero (Java's seconds / 86400).
    const Wide secs = Wide(d.seconds()) * sign;
    const Wide extra = secs / kSecondsPerDay;
    auto l = plusCalendar(LocalDateTime(int64_t{v->days} * kSecondsPerDay, 0),
                          static_cast<int64_t>(months), static_cast<int64_t>(days + extra));
    if (!l) return relay(l);
    auto date = dateOfDays(l->epochDays());
    if (!date) return relay(date);
    return Temporal(*date);
  }
  if (auto* v = std::get_if<LocalTime>(&t)) return Temporal(plusNanos(*v, nanos));
  if (auto* v = std::get_if<Time>(&t)) {
    return Temporal(Time(plusNanos(v->local(), nanos), v->offsetSeconds()));
  }
  if (auto* v = std::get_if<LocalDateTime>(&t)) {
    auto l = plusCalendar(*v, static_cast<int64_t>(months), static_cast<int64_t>(days));
    if (!l) return relay(l);
    auto r = plusSeconds(*l, nanos);
    if (!r) return relay(r);
    return Temporal(*r);
  }
  const DateTime& dt = std::get<DateTime>(t);
  DateTime base = dt;
  if (months != 0 || days != 0) {
    auto l = plusCalendar(dt.local(), static_cast<int64_t>(months), static_cast<int64_t>(days));
    if (!l) return relay(l);
    base = atZone(*l, zoneOf(dt), dt.offsetSeconds());
  }
  if (nanos == 0) return Temporal(base);
  // On the time line: the instant moves, the zone stays (its offset may change).
  auto utc = plusSeconds(LocalDateTime(base.epochSeconds(), base.nanos()), nanos);
  if (!utc) return relay(utc);
  DateTime moved(utc->epochSeconds(), utc->nanos(), base.offsetSeconds(), base.zoneId());
  return Temporal(inZone(moved, zoneOf(base)));
}

int compare(const Temporal& a, const Temporal& b) {
  if (a.index() != b.index()) return a.index() < b.index() ? -1 : 1;
  if (auto* x = std::get_if<Date>(&a)) return sign3(x->days, std::get<Date>(b).days);
  if (auto* x = std::get_if<LocalTime>(&a)) {
    return sign3(x->nanosOfDay(), std::get<LocalTime>(b).nanosOfDay());
  }
  if (auto* x = std::get_if<Time>(&a)) {
    const Time& y = std::get<Time>(b);
    if (int c = sign3(x->utcNanos(), y.utcNanos())) return c;
    return sign3(x->offsetSeconds(), y.offsetSeconds());
  }
  if (auto* x = std::get_if<LocalDateTime>(&a)) {
    const LocalDateTime& y = std::get<LocalDateTime>(b);
    if (int c = sign3(x->epochSeconds(), y.epochSeconds())) return c;
    return sign3(x->nanos(), y.nanos());
  }
  const DateTime& x = std::get<DateTime>(a);
  const DateTime& y = std::get<DateTime>(b);
  if (int c = sign3(x.epochSeconds(), y.epochSeconds())) return c;
  if (int c = sign3(x.nanos(), y.nanos())) return c;
  if (int c = sign3(x.offsetSeconds(), y.offsetSeconds())) return c;
  return x.zoneName().compare(y.zoneName()) < 0 ? -1 : x.zoneName() == y.zoneName() ? 0 : 1;
}

bool equal(const Temporal& a, const Temporal& b) {
  if (a.index() != b.index()) return false;
  if (auto* x = std::get_if<Time>(&a)) return x->utcNanos() == std::get<Time>(b).utcNanos();
  if (auto* x = std::get_if<DateTime>(&a)) {
    const DateTime& y = std::get<DateTime>(b);
    return x->epochSeconds() == y.epochSeconds() && x->nanos() == y.nanos();
  }
  return compare(a, b) == 0;
}

}  // namespace entente::temporal
