// query/expr/access.cc — property access, indexing, slicing and label checks.
//
// Node and relationship properties are read one key at a time through the transaction
// (Transaction::nodeProperty / edgeProperty) so `n.name` never decodes the whole record.
// A key the dictionary has never seen cannot be stored anywhere: the answer is null
// without touching the graph.
#include <algorithm>

#include "query/expr/calendar.h"
#include "query/expr/expr_internal.h"

namespace entente::query {
namespace {

RValue fromStored(std::optional<Value> v) { return v ? RValue::fromValue(*v) : RValue(); }

}  // namespace

RValue nodeProperty(const storage::Transaction& txn, NodeRef n, std::string_view key) {
  auto k = txn.lookupString(key);
  if (!k) return RValue();
  return fromStored(txn.nodeProperty(n.id, *k));
}

RValue relProperty(const storage::Transaction& txn, const RelRef& r, std::string_view key) {
  auto k = txn.lookupString(key);
  if (!k) return RValue();
  return fromStored(txn.edgeProperty(r.id, r.src, r.type, r.dst, *k));
}

bool relationValidAt(const storage::Transaction& txn, const RelRef& rel, Date date) {
  auto bound = [&](std::string_view key) -> std::optional<Value> {
    auto k = txn.lookupString(key);
    return k ? txn.edgeProperty(rel.id, rel.src, rel.type, rel.dst, *k) : std::nullopt;
  };
  return storage::validAtValues(bound(storage::kSince), bound(storage::kUntil), date);
}

namespace expr {
namespace {

RValue dateField(Date d, std::string_view key, ast::SourcePos pos) {
  const CalendarFields f = calendarFields(d);
  std::string k = lowercase(key);
  if (k == "year") return int64_t{f.year};
  if (k == "month") return int64_t{f.month};
  if (k == "day") return int64_t{f.day};
  if (k == "quarter") return int64_t{f.quarter};
  if (k == "dayofquarter") return int64_t{f.day_of_quarter};
  if (k == "week") return int64_t{f.week};
  if (k == "weekyear") return int64_t{f.week_year};
  if (k == "dayofweek" || k == "weekday") return int64_t{f.weekday};
  if (k == "ordinalday" || k == "dayofyear") return int64_t{f.ordinal_day};
  throwArgumentError("Unknown field '" + std::string(key) + "' of a Date", pos);
}

}  // namespace

void checkNotDeleted(const RValue& entity, const EvalContext& ctx, ast::SourcePos pos) {
  auto gone = [](const std::unordered_set<uint64_t>* ids, uint64_t id) {
    return ids && ids->count(id) > 0;
  };
  if (entity.isNode() ? gone(ctx.deleted_node_ids, entity.asNode().id)
                      : entity.isRel() && gone(ctx.deleted_rel_ids, entity.asRel().id))
    throw QueryError(ErrorCode::kEntityNotFound,
                     std::string("The ") + (entity.isNode() ? "node" : "relationship") +
                         " was deleted by this statement: its properties and labels cannot be read",
                     pos, ErrorDetail::kDeletedEntityAccess);
}

const storage::Transaction& needTxn(const EvalContext& ctx, ast::SourcePos pos) {
  if (!ctx.txn) throw QueryError(ErrorCode::kInternalError, "expression needs a transaction", pos);
  return *ctx.txn;
}

RValue property(const RValue& base, std::string_view key, EvalContext& ctx, ast::SourcePos pos) {
  switch (base.kind()) {
    case RValue::Kind::kNull: return RValue();
    case RValue::Kind::kNode:
      checkNotDeleted(base, ctx, pos);
      return nodeProperty(needTxn(ctx, pos), base.asNode(), key);
    case RValue::Kind::kRel:
      checkNotDeleted(base, ctx, pos);
      return relProperty(needTxn(ctx, pos), base.asRel(), key);
    case RValue::Kind::kMap: {
      const RMap& m = base.asMap();
      auto it = std::lower_bound(m.begin(), m.end(), key,
                                 [](const auto& e, std::string_view k) { return e.first < k; });
      if (it != m.end() && it->first == key) return it->second;
      return RValue();
    }
    case RValue::Kind::kDate: return dateField(base.asDate(), key, pos);
    default:
      throwTypeError(
          std::string("Type mismatch: expected a Map, Node, Relationship or Date for '.") +
              std::string(key) + "', got " + base.kindName(),
          pos);
  }
}

RValue index(const RValue& base, const RValue& idx, EvalContext& ctx, ast::SourcePos pos) {
  if (base.isNull() || idx.isNull()) return RValue();
  if (base.isList()) {
    if (!idx.isInt())
      throwTypeError(
          std::string("Type mismatch: list index must be an Integer, got ") + idx.kindName(), pos);
    const RList& l = base.asList();
    int64_t i = idx.asInt(), n = static_cast<int64_t>(l.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return RValue();
    return l[static_cast<size_t>(i)];
  }
  if (base.isMap() || base.isNode() || base.isRel()) {
    if (!idx.isString())
      throwTypeError(std::string("Type mismatch: map key must be a String, got ") + idx.kindName(),
                     pos, ErrorDetail::kMapElementAccessByNonString);
    return property(base, idx.asString(), ctx, pos);
  }
  throwTypeError(std::string("Type mismatch: cannot index into ") + base.kindName(), pos);
}

RValue slice(const RValue& base, const RValue* from, const RValue* to, ast::SourcePos pos) {
  if (base.isNull() || (from && from->isNull()) || (to && to->isNull())) return RValue();
  if (!base.isList())
    throwTypeError(std::string("Type mismatch: cannot slice ") + base.kindName(), pos);
  const RList& l = base.asList();
  int64_t n = static_cast<int64_t>(l.size());
  auto bound = [&](const RValue* v, int64_t dflt) {
    if (!v) return dflt;
    if (!v->isInt())
      throwTypeError(
          std::string("Type mismatch: slice bound must be an Integer, got ") + v->kindName(), pos);
    int64_t i = v->asInt();
    if (i < 0) i += n;
    return std::clamp<int64_t>(i, 0, n);
  };
  int64_t a = bound(from, 0), b = bound(to, n);
  if (a >= b) return RList{};
  return RList(l.begin() + a, l.begin() + b);
}

RValue hasLabels(const RValue& v, const std::vector<std::string>& labels, EvalContext& ctx,
                 ast::SourcePos pos) {
  if (v.isNull()) return RValue();
  if (v.isNode()) {
    const auto& txn = needTxn(ctx, pos);
    for (const auto& label : labels) {
      auto id = txn.lookupString(label);
      if (!id || !txn.nodeHasLabel(v.asNode().id, *id)) return false;
    }
    return true;
  }
  if (v.isRel()) {
    const auto& txn = needTxn(ctx, pos);
    for (const auto& label : labels) {
      auto id = txn.lookupString(label);
      if (!id || *id != v.asRel().type) return false;
    }
    return true;
  }
  throwTypeError(std::string("Type mismatch: label check expects a Node, got ") + v.kindName(),
                 pos);
}

}  // namespace expr
}  // namespace entente::query
