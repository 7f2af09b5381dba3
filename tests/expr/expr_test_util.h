// tests/expr/expr_test_util.h — builders for hand-made ast::Expr trees, a compile scope,
// and an in-memory Transaction so expression tests need neither the parser nor RocksDB.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "query/error.h"
#include "query/expr/expr_internal.h"
#include "query/expr/expression.h"

namespace entente::query::testing {

using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;

inline ExprPtr make(ExprKind k) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = k;
  e->pos = {1, 1};
  return e;
}
inline ExprPtr lit(Value v) {
  auto e = make(ExprKind::kLiteral);
  e->literal = std::move(v);
  return e;
}
inline ExprPtr null() { return lit(Value()); }
inline ExprPtr var(std::string name) {
  auto e = make(ExprKind::kVariable);
  e->name = std::move(name);
  return e;
}
inline ExprPtr param(std::string name) {
  auto e = make(ExprKind::kParameter);
  e->name = std::move(name);
  return e;
}
inline ExprPtr bin(Op op, ExprPtr a, ExprPtr b) {
  auto e = make(ExprKind::kBinary);
  e->op = op;
  e->children.push_back(std::move(a));
  e->children.push_back(std::move(b));
  return e;
}
inline ExprPtr un(Op op, ExprPtr a) {
  auto e = make(ExprKind::kUnary);
  e->op = op;
  e->children.push_back(std::move(a));
  return e;
}
inline ExprPtr prop(ExprPtr base, std::string key) {
  auto e = make(ExprKind::kProperty);
  e->name = std::move(key);
  e->children.push_back(std::move(base));
  return e;
}
inline void pushAll(std::vector<ExprPtr>&) {}
template <typename... Rest>
void pushAll(std::vector<ExprPtr>& out, ExprPtr first, Rest... rest) {
  out.push_back(std::move(first));
  pushAll(out, std::move(rest)...);
}
template <typename... Args>
ExprPtr fn(std::string name, Args... args) {
  auto e = make(ExprKind::kFunction);
  e->name = std::move(name);
  pushAll(e->children, std::move(args)...);
  return e;
}
template <typename... Args>
ExprPtr list(Args... args) {
  auto e = make(ExprKind::kList);
  pushAll(e->children, std::move(args)...);
  return e;
}
inline void addEntries(ast::Expr&) {}
template <typename... Rest>
void addEntries(ast::Expr& e, std::string key, ExprPtr value, Rest... rest) {
  e.map_keys.push_back(std::move(key));
  e.children.push_back(std::move(value));
  addEntries(e, std::move(rest)...);
}
//! mapOf("k1", v1, "k2", v2, ...)
template <typename... Args>
ExprPtr mapOf(Args... kv) {
  auto e = make(ExprKind::kMap);
  addEntries(*e, std::move(kv)...);
  return e;
}
inline ExprPtr isNull(ExprPtr a, bool negated = false) {
  auto e = make(negated ? ExprKind::kIsNotNull : ExprKind::kIsNull);
  e->children.push_back(std::move(a));
  return e;
}
inline ExprPtr index(ExprPtr base, ExprPtr i) {
  auto e = make(ExprKind::kIndex);
  e->children.push_back(std::move(base));
  e->children.push_back(std::move(i));
  return e;
}
inline ExprPtr slice(ExprPtr base, ExprPtr from, ExprPtr to) {
  auto e = make(ExprKind::kSlice);
  e->children.push_back(std::move(base));
  e->children.push_back(std::move(from));
  e->children.push_back(std::move(to));
  return e;
}
//! [name IN src WHERE where | proj] (where/proj may be nullptr).
inline ExprPtr comprehension(std::string name, ExprPtr src, ExprPtr where, ExprPtr proj) {
  auto e = make(ExprKind::kListComprehension);
  e->name = std::move(name);
  e->children.push_back(std::move(src));
  e->children.push_back(std::move(where));
  e->children.push_back(std::move(proj));
  return e;
}
inline ExprPtr quantifier(Op op, std::string name, ExprPtr src, ExprPtr where) {
  auto e = make(ExprKind::kQuantifier);
  e->op = op;
  e->name = std::move(name);
  e->children.push_back(std::move(src));
  e->children.push_back(std::move(where));
  return e;
}
inline ExprPtr labelCheck(ExprPtr v, std::vector<std::string> labels) {
  auto e = make(ExprKind::kLabelCheck);
  e->children.push_back(std::move(v));
  e->map_keys = std::move(labels);
  return e;
}

//! Variables a..: fixed slots given at construction; scratch slots appended after them.
class TestScope : public CompileScope {
 public:
  explicit TestScope(std::vector<std::string> vars = {}) : vars_(std::move(vars)) {}
  std::optional<int> slotOf(std::string_view v) const override {
    for (size_t i = 0; i < vars_.size(); ++i)
      if (vars_[i] == v) return static_cast<int>(i);
    return std::nullopt;
  }
  int newSlot(std::string_view) override { return static_cast<int>(vars_.size()) + scratch_++; }
  ExprProgram compilePattern(const PatternExprSpec& spec) override {
    throw QueryError(ErrorCode::kSemanticError, "patterns not supported in this test", spec.pos);
  }
  int width() const { return static_cast<int>(vars_.size()) + scratch_; }

 private:
  std::vector<std::string> vars_;
  int scratch_ = 0;
};

//! A tiny in-memory graph behind the Transaction interface (reads only).
class FakeTxn : public storage::Transaction {
 public:
  uint32_t intern(std::string_view s) {
    for (size_t i = 0; i < dict.size(); ++i)
      if (dict[i] == s) return static_cast<uint32_t>(i + 1);
    dict.emplace_back(s);
    return static_cast<uint32_t>(dict.size());
  }
  storage::NodeId addNode(std::vector<std::string> labels,
                          std::vector<std::pair<std::string, Value>> props) {
    storage::NodeRecord n;
    n.id = nodes.size() + 1;
    for (auto& l : labels) n.labels.push_back(intern(l));
    std::sort(n.labels.begin(), n.labels.end());
    n.props = toProps(props);
    nodes.push_back(n);
    return n.id;
  }
  RelRef addEdge(storage::NodeId src, std::string type, storage::NodeId dst,
                 std::vector<std::pair<std::string, Value>> props) {
    storage::EdgeRecord e{edge_records.size() + 1, src, intern(type), dst, toProps(props)};
    edge_records.push_back(e);
    return RelRef{e.id, src, e.type, dst};
  }

  bool writable() const override { return false; }
  std::optional<uint32_t> lookupString(std::string_view s) const override {
    for (size_t i = 0; i < dict.size(); ++i)
      if (dict[i] == s) return static_cast<uint32_t>(i + 1);
    return std::nullopt;
  }
  std::string stringOf(uint32_t id) const override {
    return id && id <= dict.size() ? dict[id - 1] : "";
  }
  std::optional<storage::NodeRecord> getNode(storage::NodeId id) const override {
    if (id == 0 || id > nodes.size()) return std::nullopt;
    return nodes[id - 1];
  }
  bool nodeExists(storage::NodeId id) const override { return id >= 1 && id <= nodes.size(); }
  void scanNodes(const std::function<bool(storage::NodeId)>&) const override {}
  void scanLabel(storage::LabelId, const std::function<bool(storage::NodeId)>&) const override {}
  std::vector<storage::NodeId> findByName(std::string_view name) const override {
    std::vector<storage::NodeId> out;
    auto key = lookupString("name");
    for (auto& n : nodes)
      for (auto& [k, v] : n.props)
        if (key && k == *key && v.isString() && v.asString() == name) out.push_back(n.id);
    return out;
  }
  std::optional<storage::EdgeRecord> getEdge(storage::EdgeId id) const override {
    if (id == 0 || id > edge_records.size()) return std::nullopt;
    return edge_records[id - 1];
  }
  void edges(storage::NodeId, storage::Direction, const std::vector<storage::TypeId>&,
             const std::function<bool(const storage::EdgeRef&)>&) const override {}
  size_t degree(storage::NodeId, storage::Direction,
                const std::vector<storage::TypeId>&) const override {
    return 0;
  }
  void scanEdges(const std::function<bool(const storage::EdgeRef&)>&) const override {}
  storage::RelTypeDef relType(storage::TypeId) const override { return {}; }
  std::vector<storage::RelTypeDef> relTypes() const override { return {}; }
  std::vector<std::string> labels() const override { return {}; }
  std::vector<std::string> propertyKeys() const override { return {}; }
  storage::Result<uint32_t> internString(std::string_view) override { return ro(); }
  storage::Result<storage::NodeId> createNode(const std::vector<storage::LabelId>&,
                                              const storage::Properties&) override {
    return ro();
  }
  storage::Status createNodeWithId(storage::NodeId, const std::vector<storage::LabelId>&,
                                   const storage::Properties&) override {
    return ro();
  }
  storage::Status updateNode(const storage::NodeRecord&) override { return ro(); }
  storage::Status deleteNode(storage::NodeId, bool, size_t*) override { return ro(); }
  storage::Result<storage::EdgeId> createEdge(storage::NodeId, storage::TypeId, storage::NodeId,
                                              const storage::Properties&) override {
    return ro();
  }
  storage::Status updateEdgeProps(storage::EdgeId, const storage::Properties&) override {
    return ro();
  }
  storage::Status deleteEdge(storage::EdgeId) override { return ro(); }
  storage::Status putRelType(const storage::RelTypeDef&) override { return ro(); }
  storage::Status commit() override { return storage::Status::OK(); }
  void rollback() override {}

  std::vector<std::string> dict;
  std::vector<storage::NodeRecord> nodes;
  std::vector<storage::EdgeRecord> edge_records;

 private:
  static storage::Status ro() { return storage::Status::ReadOnly("fake"); }
  storage::Properties toProps(std::vector<std::pair<std::string, Value>>& props) {
    storage::Properties out;
    for (auto& [k, v] : props) out.emplace_back(intern(k), v);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }
};

//! Compiles and evaluates `e` against `row` (variables named in `vars`, in slot order).
inline RValue evalExpr(const ast::Expr& e, std::vector<std::string> vars = {}, Row row = {},
                       EvalContext ctx = {}) {
  TestScope scope(std::move(vars));
  ExprProgram p = compileExpression(e, scope);
  row.resize(static_cast<size_t>(scope.width()));
  return p->eval(row, ctx);
}
inline RValue evalExpr(const ExprPtr& e, std::vector<std::string> vars = {}, Row row = {},
                       EvalContext ctx = {}) {
  return evalExpr(*e, std::move(vars), std::move(row), ctx);
}

//! The error code thrown while compiling or evaluating `e`, or "" if none.
inline std::string errorOf(const ExprPtr& e, std::vector<std::string> vars = {}, Row row = {},
                           EvalContext ctx = {}) {
  try {
    evalExpr(*e, std::move(vars), std::move(row), ctx);
  } catch (const QueryError& err) {
    return std::string(name(err.code()));
  }
  return "";
}
inline std::string messageOf(const ExprPtr& e, std::vector<std::string> vars = {}, Row row = {}) {
  try {
    evalExpr(*e, std::move(vars), std::move(row));
  } catch (const QueryError& err) {
    return err.what();
  }
  return "";
}

//! openCypher's detail of the error thrown for `e` ("InvalidArgumentType"), or "".
inline std::string detailOf(const ExprPtr& e, std::vector<std::string> vars = {}, Row row = {}) {
  try {
    evalExpr(*e, std::move(vars), std::move(row));
  } catch (const QueryError& err) {
    return std::string(name(err.detail()));
  }
  return "";
}

//! Cypher-ish rendering of a value for compact assertions: [1, 'a', null].
inline std::string show(const RValue& v) {
  switch (v.kind()) {
    case RValue::Kind::kNode: return "(#" + std::to_string(v.asNode().id) + ")";
    case RValue::Kind::kRel: return "[#" + std::to_string(v.asRel().id) + "]";
    case RValue::Kind::kPath: return "<path>";
    case RValue::Kind::kFloat: return expr::formatFloat(v.asFloat());
    case RValue::Kind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < v.asList().size(); ++i) s += (i ? ", " : "") + show(v.asList()[i]);
      return s + "]";
    }
    case RValue::Kind::kMap: {
      std::string s = "{";
      bool first = true;
      for (auto& [k, e] : v.asMap()) s += (first ? "" : ", ") + k + ": " + show(e), first = false;
      return s + "}";
    }
    default: return v.toValue().toCypher();
  }
}

}  // namespace entente::query::testing
