// core/temporal/civil.cc — the proleptic Gregorian calendar on 64-bit day counts (days since
// 1970-01-01): civil dates, ISO weeks (week-based year, Monday = 1), ordinal days and
// quarters. Civil <-> days follow Howard Hinnant's public-domain algorithms.
#include <limits>

#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

int64_t floorDiv(int64_t a, int64_t b) { return (a >= 0 ? a : a - b + 1) / b; }

}  // namespace

bool isLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}

int64_t daysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = floorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = floorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

DateFields dateFields(int64_t days) {
  DateFields f{};
  CivilDate c = civilFromDays(days);
  f.year = c.year;
  f.month = c.month;
  f.day = c.day;
  f.weekday = static_cast<int>(floorDiv(days + 3, 7) * -7 + days + 3) + 1;  // 1970-01-01: Thu
  f.ordinal_day = static_cast<int>(days - daysFromCivil(c.year, 1, 1) + 1);
  f.quarter = (c.month - 1) / 3 + 1;
  f.day_of_quarter = static_cast<int>(days - daysFromCivil(c.year, 3 * f.quarter - 2, 1) + 1);
  // The week-based year is that of the week's Thursday.
  const int64_t thursday = days + (4 - f.weekday);
  f.week_year = civilFromDays(thursday).year;
  f.week = static_cast<int>((thursday - daysFromCivil(f.week_year, 1, 1)) / 7 + 1);
  return f;
}

Result<Date> dateOfDays(int64_t days) {
  if (days < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max()) {
    return Result<Date>::failure("date " + formatDate(days) +
                                 " is out of the supported range of dates (years -5877641.."
                                 "5881580)");
  }
  return Date{static_cast<int32_t>(days)};
}

}  // namespace entente::temporal
