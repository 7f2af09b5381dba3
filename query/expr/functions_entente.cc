// query/expr/functions_entente.cc — Entente's time and provenance functions.
//
// validAt, sources, saidBy and confidence read the reserved relation properties of
// the README (since/until, source, said_by, confidence), so questions like "who backed
// whom in 2016, according to whom" need no knowledge of the property names.
#include <algorithm>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

const RelRef& relArg(const FnArgs& a) {
  if (!a[0].isRel()) a.typeError(0, "a Relationship");
  return a[0].asRel();
}

RValue validAt(const FnArgs& a) {
  const RelRef& r = relArg(a);
  Date when = a.ctx.as_of.value_or(a.ctx.today);
  if (a.n > 1) {
    auto d = storage::dateOrIsoString(a[1]);
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
  std::sort(out.begin(), out.end(),
            [](const RValue& x, const RValue& y) { return x.asNode().id < y.asNode().id; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const RValue& x, const RValue& y) { return x.asNode() == y.asNode(); }),
            out.end());
  return out;
}

RValue saidBy(const FnArgs& a) {
  return relProperty(needTxn(a.ctx, a.pos), relArg(a), storage::kSaidBy);
}

RValue confidence(const FnArgs& a) {
  return relProperty(needTxn(a.ctx, a.pos), relArg(a), storage::kConfidence);
}

const FunctionDef kEntente[] = {
    {"validAt", 1, 2, validAt, true, false},
    {"sources", 1, 1, sources, true, false},
    {"saidBy", 1, 1, saidBy, true, false},
    {"confidence", 1, 1, confidence, true, false},
};

}  // namespace

std::span<const FunctionDef> ententeFunctions() { return kEntente; }

}  // namespace entente::query::expr
