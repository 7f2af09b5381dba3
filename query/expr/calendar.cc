#include "query/expr/calendar.h"

#include <cctype>

namespace entente::query::expr {
namespace {

int weekdayOf(Date d) { return ((d.days + 3) % 7 + 7) % 7 + 1; }  // 1970-01-01 was a Thursday

int yearOf(Date d) {
  int y;
  unsigned m, day;
  d.toCivil(&y, &m, &day);
  return y;
}

bool isLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

Date monday(Date d) { return Date{d.days - (weekdayOf(d) - 1)}; }
Date weekOneMonday(int week_year) {
  return monday(Date::fromCivil(week_year, 1, 4));
}  // Jan 4 is in week 1
int weeksIn(int week_year) { return calendarFields(Date::fromCivil(week_year, 12, 28)).week; }
Date quarterStart(int year, int quarter) {
  return Date::fromCivil(year, static_cast<unsigned>(3 * quarter - 2), 1);
}

int64_t floorTo(int64_t v, int64_t step) { return (v >= 0 ? v : v - step + 1) / step * step; }

bool inRange(int64_t v, int64_t lo, int64_t hi) { return v >= lo && v <= hi; }

// Exactly n digits at text[pos..].
bool digits(std::string_view text, size_t pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

CalendarFields calendarFields(Date d) {
  CalendarFields f{};
  unsigned m, day;
  d.toCivil(&f.year, &m, &day);
  f.month = static_cast<int>(m);
  f.day = static_cast<int>(day);
  f.weekday = weekdayOf(d);
  f.ordinal_day = d.days - Date::fromCivil(f.year, 1, 1).days + 1;
  f.quarter = (f.month - 1) / 3 + 1;
  f.day_of_quarter = d.days - quarterStart(f.year, f.quarter).days + 1;
  // The week-based year is that of the week's Thursday.
  Date thursday{d.days + (4 - f.weekday)};
  f.week_year = yearOf(thursday);
  f.week = (thursday.days - Date::fromCivil(f.week_year, 1, 1).days) / 7 + 1;
  return f;
}

std::optional<Date> dateFromSpec(const DateSpec& s, std::string* error) {
  std::optional<CalendarFields> base;
  if (s.base) base = calendarFields(*s.base);
  auto pick = [&](const std::optional<int64_t>& given, int CalendarFields::*from,
                  int64_t dflt) -> int64_t {
    return given ? *given : base ? (*base).*from : dflt;
  };
  auto fail = [&](const std::string& why) -> std::optional<Date> {
    *error = why;
    return std::nullopt;
  };
  if (!s.year && !base) return fail("a map argument needs a 'year' (or a 'date')");
  if (s.week || s.day_of_week) {
    int64_t y = pick(s.year, &CalendarFields::week_year, 0);
    int64_t w = pick(s.week, &CalendarFields::week, 1),
            dow = pick(s.day_of_week, &CalendarFields::weekday, 1);
    if (!inRange(y, -999999, 999999) || !inRange(w, 1, weeksIn(static_cast<int>(y))) ||
        !inRange(dow, 1, 7))
      return fail("invalid week date");
    return Date{weekOneMonday(static_cast<int>(y)).days +
                static_cast<int32_t>((w - 1) * 7 + dow - 1)};
  }
  int64_t y = pick(s.year, &CalendarFields::year, 0);
  if (!inRange(y, -999999, 999999)) return fail("invalid year");
  const int year = static_cast<int>(y);
  if (s.ordinal_day) {
    if (!inRange(*s.ordinal_day, 1, isLeap(y) ? 366 : 365)) return fail("invalid ordinal day");
    return Date{Date::fromCivil(year, 1, 1).days + static_cast<int32_t>(*s.ordinal_day - 1)};
  }
  if (s.quarter || s.day_of_quarter) {
    int64_t q = pick(s.quarter, &CalendarFields::quarter, 1);
    int64_t dq = pick(s.day_of_quarter, &CalendarFields::day_of_quarter, 1);
    if (!inRange(q, 1, 4)) return fail("invalid quarter");
    Date start = quarterStart(year, static_cast<int>(q));
    int length =
        (q == 4 ? Date::fromCivil(year + 1, 1, 1) : quarterStart(year, static_cast<int>(q) + 1))
            .days -
        start.days;
    if (!inRange(dq, 1, length)) return fail("invalid day of quarter");
    return Date{start.days + static_cast<int32_t>(dq - 1)};
  }
  int64_t m = pick(s.month, &CalendarFields::month, 1), d = pick(s.day, &CalendarFields::day, 1);
  if (!inRange(m, 1, 12) || !inRange(d, 1, 31)) return fail("invalid date");
  Date out = Date::fromCivil(year, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (calendarFields(out).day != d) return fail("invalid date");  // e.g. February 30
  return out;
}

std::optional<Date> parseIsoDate(std::string_view t) {
  Date d;
  if (Date::parse(t, &d)) return d;
  int y;
  if (!digits(t, 0, 4, &y)) return std::nullopt;
  std::string_view rest = t.substr(4);
  bool dashed = !rest.empty() && rest[0] == '-';
  if (dashed) rest.remove_prefix(1);
  DateSpec s;
  s.year = y;
  int a = 0, b = 0;
  std::string error;
  if (!rest.empty() && rest[0] == 'W') {  // week date: W30 / W30-2 / W302
    if (!digits(rest, 1, 2, &a)) return std::nullopt;
    s.week = a;
    std::string_view day = rest.substr(3);
    if (dashed && !day.empty()) {
      if (day[0] != '-') return std::nullopt;
      day.remove_prefix(1);
    }
    if (!day.empty()) {
      if (day.size() != 1 || !digits(day, 0, 1, &b)) return std::nullopt;
      s.day_of_week = b;
    }
    return dateFromSpec(s, &error);
  }
  if (rest.size() == 3 && digits(rest, 0, 3, &a)) {  // ordinal: 2015-202 / 2015202
    s.ordinal_day = a;
    return dateFromSpec(s, &error);
  }
  if (dashed) return std::nullopt;                   // the dashed calendar forms are Date::parse's
  if (rest.size() == 2 && digits(rest, 0, 2, &a)) {  // 201507
    s.month = a;
    return dateFromSpec(s, &error);
  }
  if (rest.size() == 4 && digits(rest, 0, 2, &a) && digits(rest, 2, 2, &b)) {  // 20150721
    s.month = a;
    s.day = b;
    return dateFromSpec(s, &error);
  }
  return std::nullopt;
}

std::optional<Date> truncateDate(Date d, std::string_view unit) {
  std::string u;
  for (char c : unit) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CalendarFields f = calendarFields(d);
  auto jan1 = [](int64_t y) { return Date::fromCivil(static_cast<int>(y), 1, 1); };
  if (u == "millennium") return jan1(floorTo(f.year, 1000));
  if (u == "century") return jan1(floorTo(f.year, 100));
  if (u == "decade") return jan1(floorTo(f.year, 10));
  if (u == "year") return jan1(f.year);
  if (u == "weekyear") return weekOneMonday(f.week_year);
  if (u == "quarter") return quarterStart(f.year, f.quarter);
  if (u == "month") return Date::fromCivil(f.year, static_cast<unsigned>(f.month), 1);
  if (u == "week") return monday(d);
  if (u == "day") return d;
  return std::nullopt;
}

}  // namespace entente::query::expr
