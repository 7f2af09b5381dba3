// Create: makes the nodes and relationships of a CREATE pattern for each input row.
#include <algorithm>

#include "query/error.h"
#include "query/exec/operators.h"
#include "query/exec/write_util.h"
#include "query/status_error.h"

namespace entente::query {
namespace {

[[noreturn]] void nullMergeProperty(bool rel, std::string_view key) {
  // openCypher (and Neo4j) classify this run-time error as a SemanticError.
  throw QueryError(ErrorCode::kSemanticError,
                   "Cannot merge the following " + std::string(rel ? "relationship" : "node") +
                       " because of null property value for '" + std::string(key) + "'",
                   {},
                   ErrorDetail::kMergeReadOwnWrites);  // the TCK's name for it (Merge1 [17])
}

//! The stored properties `spec` gives for `row` (sorted by key id), into `props`.
void evalProperties(ExecState& st, const CreatePropsSpec& spec, const Row& row, bool rel,
                    bool merge, storage::Properties& props) {
  props.clear();
  if (!spec.entries.empty()) {  // a map literal: values straight into properties
    props.reserve(spec.entries.size());
    for (const auto& [key, expr] : spec.entries) {
      RValue v = expr->eval(row, st);
      if (v.isNull()) {
        if (merge) nullMergeProperty(rel, st.names.name(key));
        continue;
      }
      props.emplace_back(st.internId(key), *storableValue(v, st.names.name(key), rel));
    }
  } else if (spec.map) {
    RValue map = spec.map->eval(row, st);
    RMap converted;
    if (!map.isMap()) converted = propertyMapOf(st, map, "A property map");
    for (const auto& [k, v] : map.isMap() ? map.asMap() : converted) {
      if (v.isNull() && merge) nullMergeProperty(rel, k);
      auto value = storableValue(v, k, rel);
      if (!value) continue;
      props.emplace_back(st.intern(k), std::move(*value));
    }
  }
  if (props.size() > 1)
    std::sort(props.begin(), props.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
}

class CreateOp final : public SingleInputOperator {
 public:
  CreateOp(const CreateSpec& spec, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), spec_(spec) {}

 private:
  bool getNext(Row& row) override {
    if (!input_->next(row)) return false;
    applyCreate(st_, spec_, row, false);
    return true;
  }

  const CreateSpec& spec_;
};

class CreateNode final : public SpecNode<CreateSpec, CreateOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable&) const override { return "Create " + spec_.text; }
};

}  // namespace

void applyCreate(ExecState& st, const CreateSpec& spec, Row& row, bool merge) {
  // Reused across the nodes and relationships of the pattern (one allocation each).
  std::vector<storage::LabelId> labels;
  storage::Properties props;
  for (const auto& n : spec.nodes) {
    labels.clear();
    for (int l : n.labels) labels.push_back(st.internId(l));
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    evalProperties(st, n.props, row, false, merge, props);
    auto id = st.tx.createNode(labels, props);
    if (!id.ok()) throwIfFailed(id.status());
    ++st.stats.nodes_created;
    st.stats.labels_added += static_cast<int64_t>(labels.size());
    st.stats.properties_set += static_cast<int64_t>(props.size());
    row[n.slot] = NodeRef{id.value()};
  }
  for (const auto& r : spec.rels) {
    const RValue& a = row[r.from];
    const RValue& b = row[r.to];
    if (!a.isNode() || !b.isNode())
      throw QueryError(ErrorCode::kSyntaxError,
                       "Cannot create relationship `" + r.var + "`: an end node is " +
                           (a.isNull() || b.isNull() ? "null" : "not a node"));
    uint32_t type = st.internId(r.type);
    evalProperties(st, r.props, row, true, merge, props);
    auto id = st.tx.createEdge(a.asNode().id, type, b.asNode().id, props);
    if (!id.ok()) throwIfFailed(id.status());
    ++st.stats.relationships_created;
    st.stats.properties_set += static_cast<int64_t>(props.size());
    row[r.slot] = RelRef{id.value(), a.asNode().id, type, b.asNode().id};
  }
  for (const auto& p : spec.paths) buildPath(p, row);
}

PlanPtr makeCreate(CreateSpec spec, PlanPtr input) {
  return withInput(std::make_unique<CreateNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
