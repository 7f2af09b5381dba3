// query/expr/functions_temporal.cc — date().
//
// Entente keeps dates only (no times or zones): date() is today, date('2024-12-01') and
// date({year: 2024, month: 12, day: 1}) build one; d.year / d.month / d.day read it
// (access.cc).

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

const RValue* mapField(const RMap& m, std::string_view key) {
  for (const auto& [k, v] : m)
    if (lowercase(k) == key) return &v;
  return nullptr;
}

RValue date(const FnArgs& a) {
  if (a.n == 0) return a.ctx.today;
  const RValue& v = a[0];
  if (v.isNull()) return RValue();
  if (v.isDate()) return v;
  if (v.isString()) {
    Date d;
    if (!Date::parse(v.asString(), &d)) a.argumentError("invalid date '" + v.asString() + "'");
    return d;
  }
  if (v.isMap()) {
    const RValue* year = mapField(v.asMap(), "year");
    const RValue* month = mapField(v.asMap(), "month");
    const RValue* day = mapField(v.asMap(), "day");
    if (!year) a.argumentError("a map argument needs a 'year'");
    auto field = [&](const RValue* f, int64_t dflt, const char* name) -> int64_t {
      if (!f) return dflt;
      if (!f->isInt())
        a.argumentError(std::string("'") + name + "' must be an Integer, got " + f->kindName());
      return f->asInt();
    };
    int64_t y = field(year, 0, "year"), m = field(month, 1, "month"), d = field(day, 1, "day");
    if (y < -999999 || y > 999999 || m < 1 || m > 12 || d < 1 || d > 31)
      a.argumentError("invalid date");
    Date out = Date::fromCivil(static_cast<int>(y), static_cast<unsigned>(m), static_cast<unsigned>(d));
    int cy;
    unsigned cm, cd;
    out.toCivil(&cy, &cm, &cd);
    if (cy != y || cm != m || cd != d) a.argumentError("invalid date");  // e.g. February 30
    return out;
  }
  a.typeError(0, "a String, Map or Date");
}

const FunctionDef kTemporal[] = {
    // Not pure: date() with no argument is "today" (constant per execution, not per plan).
    {"date", 0, 1, date, false, false},
};

}  // namespace

std::span<const FunctionDef> temporalFunctions() { return kTemporal; }

}  // namespace entente::query::expr
