// core/temporal/date.cc — the members of entente::Date (days since 1970-01-01), on the
// calendar of civil.cc. Date::parse is the strict form valid time uses (YYYY-MM-DD, YYYY-MM,
// YYYY); parseDate (parse.cc) reads every ISO 8601 form.
#include <string>

#include "core/temporal/temporal.h"

namespace entente {
namespace {

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
  return Date{
      static_cast<int32_t>(temporal::daysFromCivil(y, static_cast<int>(m), static_cast<int>(d)))};
}

void Date::toCivil(int* year, unsigned* month, unsigned* day) const {
  temporal::CivilDate c = temporal::civilFromDays(days);
  *year = static_cast<int>(c.year);
  *month = static_cast<unsigned>(c.month);
  *day = static_cast<unsigned>(c.day);
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
  if (d < 1 || d > temporal::daysInMonth(y, m)) return false;
  *out = fromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

std::string Date::toString() const { return temporal::formatDate(days); }

}  // namespace entente
