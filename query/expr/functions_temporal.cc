// query/expr/functions_temporal.cc — date() and the Entente time/provenance functions.
//
// Entente keeps dates only (no times or zones): date() is today, date('2024-12-01') and
// date({year: 2024, month: 12, day: 1}) build one; d.year / d.month / d.day read it
// (access.cc). The extensions validAt, sources, saidBy and confidence read the reserved
// relation properties of DESIGN §3 (since/until, source, said_by, confidence).
#include <algorithm>

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

const RelRef& relArg(const FnArgs& a) {
  if (!a[0].isRel()) a.typeError(0, "a Relationship");
  return a[0].asRel();
}

RValue validAt(const FnArgs& a) {
  const RelRef& r = relArg(a);
  Date when = a.ctx.as_of.value_or(a.ctx.today);
  if (a.n > 1) {
    auto d = asDate(a[1]);
    if (!d) {
      if (a[1].isString()) a.argumentError("invalid date '" + a[1].asString() + "'");
      a.typeError(1, "a Date or an ISO date String");
    }
    when = *d;
  }
  return relationValidAt(needTxn(a.ctx, a.pos), r, when);
}

RValue sources(const FnArgs& a) {
  const RelRef& r = relArg(a);
  const auto& txn = needTxn(a.ctx, a.pos);
  RValue prop = relProperty(txn, r, storage::kSource);
  RList out;
  auto addOne = [&](const RValue& v) {
    if (v.isInt() && v.asInt() >= 0) {
      NodeRef n{static_cast<uint64_t>(v.asInt())};
      if (txn.nodeExists(n.id)) out.emplace_back(n);
    } else if (v.isString()) {
      // A source given by name: the entity (Source, newspaper, ...) of that name or alias.
      for (auto id : txn.findByName(v.asString())) out.emplace_back(NodeRef{id});
    }
  };
  if (prop.isList()) {
    for (const auto& v : prop.asList()) addOne(v);
  } else {
    addOne(prop);
  }
  // One entry per source even if listed twice.
  std::sort(out.begin(), out.end(), [](const RValue& x, const RValue& y) { return x.asNode().id < y.asNode().id; });
  out.erase(std::unique(out.begin(), out.end(), [](const RValue& x, const RValue& y) { return x.asNode() == y.asNode(); }),
            out.end());
  return out;
}

RValue saidBy(const FnArgs& a) { return relProperty(needTxn(a.ctx, a.pos), relArg(a), storage::kSaidBy); }

RValue confidence(const FnArgs& a) {
  return relProperty(needTxn(a.ctx, a.pos), relArg(a), storage::kConfidence);
}

const FunctionDef kTemporal[] = {
    // Not pure: date() with no argument is "today" (constant per execution, not per plan).
    {"date", 0, 1, date, false, false},
};

const FunctionDef kEntente[] = {
    {"validAt", 1, 2, validAt, true, false},
    {"sources", 1, 1, sources, true, false},
    {"saidBy", 1, 1, saidBy, true, false},
    {"confidence", 1, 1, confidence, true, false},
};

}  // namespace

std::span<const FunctionDef> temporalFunctions() { return kTemporal; }
std::span<const FunctionDef> ententeFunctions() { return kEntente; }

}  // namespace entente::query::expr
