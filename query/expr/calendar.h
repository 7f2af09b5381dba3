// query/expr/calendar.h — the calendars openCypher uses for dates, on top of entente::Date:
// ISO weeks (week-based year, week 1..53, Monday = 1), ordinal days and quarters. Used by
// date(), date.truncate() and the d.week / d.weekYear / ... accessors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "entente/value.h"

namespace entente::query::expr {

struct CalendarFields {
  int year;
  int month, day;                // civil
  int week_year, week, weekday;  // ISO 8601 (Monday = 1)
  int ordinal_day;               // 1..366
  int quarter, day_of_quarter;   // 1..4, 1..92
};
CalendarFields calendarFields(Date d);

//! What date({...}) and date.truncate's map may give; unset fields come from `base` (the
//! `date` key) or default to the first.
struct DateSpec {
  std::optional<Date> base;
  std::optional<int64_t> year, month, day, week, day_of_week, ordinal_day, quarter, day_of_quarter;
};
//! The date the spec describes, or an error message (`*error`) for an invalid one. The
//! calendar is chosen by the fields given: week / dayOfWeek, ordinalDay, quarter /
//! dayOfQuarter, else year-month-day.
std::optional<Date> dateFromSpec(const DateSpec& spec, std::string* error);

//! ISO 8601 text: 2015-07-21, 20150721, 2015-07, 201507, 2015-W30-2, 2015W302, 2015-W30,
//! 2015W30, 2015-202 (ordinal), 2015202, 2015.
std::optional<Date> parseIsoDate(std::string_view text);

//! The first day of `d`'s millennium, century, decade, year, weekYear, quarter, month,
//! week or day (`unit`, case-insensitive); nullopt for another unit.
std::optional<Date> truncateDate(Date d, std::string_view unit);

}  // namespace entente::query::expr
