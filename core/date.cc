// core/date.cc — calendar arithmetic for entente::Date (days since 1970-01-01).
// Civil <-> days conversions follow Howard Hinnant's public-domain algorithms.
#include <cstdio>
#include <string>

#include "entente/value.h"

namespace entente {
namespace {

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned daysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Parses exactly `n` ASCII digits at text[pos..]; false otherwise.
bool digits(std::string_view text, size_t pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Date Date::fromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{static_cast<int32_t>(era * 146097 + static_cast<int>(doe) - 719468)};
}

void Date::toCivil(int* year, unsigned* month, unsigned* day) const {
  int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (m <= 2);
  *month = m;
  *day = d;
}

bool Date::parse(std::string_view text, Date* out) {
  int y = 0, m = 1, d = 1;
  if (!digits(text, 0, 4, &y)) return false;
  if (text.size() == 4) {
    *out = fromCivil(y, 1, 1);
    return true;
  }
  if (text.size() < 7 || text[4] != '-' || !digits(text, 5, 2, &m) || m < 1 || m > 12) return false;
  if (text.size() == 7) {
    *out = fromCivil(y, static_cast<unsigned>(m), 1);
    return true;
  }
  if (text.size() != 10 || text[7] != '-' || !digits(text, 8, 2, &d)) return false;
  if (d < 1 || static_cast<unsigned>(d) > daysInMonth(y, static_cast<unsigned>(m))) return false;
  *out = fromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

std::string Date::toString() const {
  int y;
  unsigned m, d;
  toCivil(&y, &m, &d);
  char buf[32];
  if (y >= 0 && y <= 9999) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%+05d-%02u-%02u", y, m, d);
  }
  return buf;
}

}  // namespace entente
