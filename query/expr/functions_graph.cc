// query/expr/functions_graph.cc — functions over nodes, relationships and paths.
//
// Nodes and relationships travel as ids (NodeRef/RelRef); functions that need labels,
// types or properties read them from the transaction in the evaluation context.
#include <algorithm>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

RValue id(const FnArgs& a) {
  if (a[0].isNode()) return static_cast<int64_t>(a[0].asNode().id);
  if (a[0].isRel()) return static_cast<int64_t>(a[0].asRel().id);
  a.typeError(0, "a Node or Relationship");
}

RValue elementId(const FnArgs& a) {
  if (a[0].isNode()) return std::to_string(a[0].asNode().id);
  if (a[0].isRel()) return "r" + std::to_string(a[0].asRel().id);
  a.typeError(0, "a Node or Relationship");
}

RValue labels(const FnArgs& a) {
  if (!a[0].isNode()) a.typeError(0, "a Node");
  checkNotDeleted(a[0], a.ctx, a.pos);
  const auto& txn = needTxn(a.ctx, a.pos);
  auto node = txn.getNode(a[0].asNode().id);
  if (!node) return RValue();
  RList out;
  out.reserve(node->labels.size());
  for (auto l : node->labels) out.emplace_back(txn.stringOf(l));
  std::sort(out.begin(), out.end(),
            [](const RValue& x, const RValue& y) { return x.asString() < y.asString(); });
  return out;
}

RValue type(const FnArgs& a) {
  if (!a[0].isRel()) a.typeError(0, "a Relationship");
  return needTxn(a.ctx, a.pos).stringOf(a[0].asRel().type);
}

//! The stored properties of a node or relationship, keys by name (sorted).
std::optional<RMap> storedProperties(const FnArgs& a) {
  checkNotDeleted(a[0], a.ctx, a.pos);
  const auto& txn = needTxn(a.ctx, a.pos);
  std::optional<storage::Properties> props;
  if (a[0].isNode()) {
    if (auto n = txn.getNode(a[0].asNode().id)) props = std::move(n->props);
  } else if (auto e = txn.getEdge(a[0].asRel().id)) {
    props = std::move(e->props);
  }
  if (!props) return std::nullopt;
  RMap out;
  out.reserve(props->size());
  for (auto& [k, v] : *props) out.emplace_back(txn.stringOf(k), RValue::fromValue(v));
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  return out;
}

RValue properties(const FnArgs& a) {
  if (a[0].isMap()) return a[0];
  if (!a[0].isNode() && !a[0].isRel()) a.typeError(0, "a Node, Relationship or Map");
  auto m = storedProperties(a);
  return m ? RValue(std::move(*m)) : RValue();
}

RValue keys(const FnArgs& a) {
  RList out;
  if (a[0].isMap()) {
    for (const auto& [k, v] : a[0].asMap()) out.emplace_back(k);
    return out;
  }
  if (!a[0].isNode() && !a[0].isRel()) a.typeError(0, "a Node, Relationship or Map");
  auto m = storedProperties(a);
  if (!m) return RValue();
  for (auto& [k, v] : *m) out.emplace_back(k);
  return out;
}

RValue nodes(const FnArgs& a) {
  if (!a[0].isPath()) a.typeError(0, "a Path");
  RList out;
  for (auto n : a[0].asPath().nodes) out.emplace_back(n);
  return out;
}

RValue relationships(const FnArgs& a) {
  if (!a[0].isPath()) a.typeError(0, "a Path");
  RList out;
  for (const auto& r : a[0].asPath().rels) out.emplace_back(r);
  return out;
}

RValue startNode(const FnArgs& a) {
  if (!a[0].isRel()) a.typeError(0, "a Relationship");
  return NodeRef{a[0].asRel().src};
}

RValue endNode(const FnArgs& a) {
  if (!a[0].isRel()) a.typeError(0, "a Relationship");
  return NodeRef{a[0].asRel().dst};
}

const FunctionDef kFunctions[] = {
    {"id", 1, 1, id, true, true},
    {"elementId", 1, 1, elementId, true, true},
    {"labels", 1, 1, labels, true, false},
    {"type", 1, 1, type, true, false},
    {"properties", 1, 1, properties, true, false},
    {"keys", 1, 1, keys, true, false},
    {"nodes", 1, 1, nodes, true, true},
    {"relationships", 1, 1, relationships, true, true},
    {"startNode", 1, 1, startNode, true, true},
    {"endNode", 1, 1, endNode, true, true},
};

}  // namespace

std::span<const FunctionDef> graphFunctions() { return kFunctions; }

}  // namespace entente::query::expr
