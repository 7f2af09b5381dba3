// query/expr/functions_temporal.cc — date(), date.truncate() and friends.
//
// Entente keeps dates only (no times or zones): date() is today, date('2024-12-01') (and
// the other ISO 8601 forms: week dates, ordinal dates, compact forms) and date({year: 2024,
// month: 12, day: 1}) (or week / ordinalDay / quarter fields, or a `date` to start from)
// build one; d.year, d.week, ... read it (access.cc). Calendar rules are in calendar.cc.

#include "query/expr/calendar.h"
#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

//! The fields of a date({...}) map (keys case-insensitive).
DateSpec dateSpec(const FnArgs& a, const RMap& m) {
  DateSpec s;
  for (const auto& [key, v] : m) {
    std::string k = lowercase(key);
    if (k == "date") {
      if (v.isNull()) continue;
      s.base = storage::dateOrIsoString(v);
      if (!s.base) a.argumentError("'date' must be a Date, got " + std::string(v.kindName()));
      continue;
    }
    std::optional<int64_t>* field = k == "year"           ? &s.year
                                    : k == "month"        ? &s.month
                                    : k == "day"          ? &s.day
                                    : k == "week"         ? &s.week
                                    : k == "dayofweek"    ? &s.day_of_week
                                    : k == "ordinalday"   ? &s.ordinal_day
                                    : k == "quarter"      ? &s.quarter
                                    : k == "dayofquarter" ? &s.day_of_quarter
                                                          : nullptr;
    if (!field) continue;  // time fields and the like: a date has none
    if (!v.isInt()) a.argumentError("'" + key + "' must be an Integer, got " + v.kindName());
    *field = v.asInt();
  }
  return s;
}

Date fromSpec(const FnArgs& a, const DateSpec& s) {
  std::string error;
  auto d = dateFromSpec(s, &error);
  if (!d) a.argumentError(error);
  return *d;
}

RValue date(const FnArgs& a) {
  if (a.n == 0) return a.ctx.today;
  const RValue& v = a[0];
  if (v.isNull()) return RValue();
  if (v.isDate()) return v;
  if (v.isString()) {
    auto d = parseIsoDate(v.asString());
    if (!d) a.argumentError("invalid date '" + v.asString() + "'");
    return *d;
  }
  if (v.isMap()) return fromSpec(a, dateSpec(a, v.asMap()));
  a.typeError(0, "a String, Map or Date");
}

//! date.transaction([zone]), date.statement(...), date.realtime(...): today (Entente has no
//! time zones); a null zone gives null.
RValue today(const FnArgs& a) {
  if (a.n > 0 && a[0].isNull()) return RValue();
  return a.ctx.today;
}

//! date.truncate(unit, date [, map]): the first day of the unit containing the date, then
//! the map's fields set (date.truncate('month', d, {day: 5}) is the 5th of d's month).
RValue truncate(const FnArgs& a) {
  const std::string& unit = a.stringArg(0);
  if (a[1].isNull()) return RValue();
  auto d = storage::dateOrIsoString(a[1]);
  if (!d) a.typeError(1, "a Date");
  auto t = truncateDate(*d, unit);
  if (!t) a.argumentError("cannot truncate a Date to unit '" + unit + "'");
  if (a.n < 3 || a[2].isNull()) return *t;
  if (!a[2].isMap()) a.typeError(2, "a Map");
  DateSpec s = dateSpec(a, a[2].asMap());
  s.base = *t;
  return fromSpec(a, s);
}

const FunctionDef kTemporal[] = {
    // Not pure: date() with no argument is "today" (constant per execution, not per plan).
    {"date", 0, 1, date, false, false},
    {"date.transaction", 0, 1, today, false, false},
    {"date.statement", 0, 1, today, false, false},
    {"date.realtime", 0, 1, today, false, false},
    {"date.truncate", 2, 3, truncate, false, true},
};

}  // namespace

std::span<const FunctionDef> temporalFunctions() { return kTemporal; }

}  // namespace entente::query::expr
