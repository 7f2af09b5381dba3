// Set / Remove: property and label updates (also MERGE's ON MATCH / ON CREATE SET).
#include <algorithm>

#include "query/error.h"
#include "query/exec/operators.h"
#include "query/exec/write_util.h"
#include "query/status_error.h"

namespace entente::query {
namespace {

// The properties of a node or relationship, edited in place and written back once.
struct Target {
  bool is_node = true;
  storage::NodeRecord node;
  storage::EdgeRecord edge;
  storage::Properties& props() { return is_node ? node.props : edge.props; }
};

bool load(ExecState& st, const RValue& v, Target& t, const SetOpSpec& op) {
  if (v.isNull()) return false;  // SET on a null (OPTIONAL MATCH miss) is ignored
  if (v.isNode()) {
    t.is_node = true;
    t.node = loadNode(st, v.asNode().id);
    return true;
  }
  if (v.isRel()) {
    if (op.kind == SetOpKind::kLabels || op.kind == SetOpKind::kRemoveLabels)
      throw QueryError(ErrorCode::kTypeError, "Labels can only be set on nodes", op.pos,
                       ErrorDetail::kInvalidArgumentType);
    t.is_node = false;
    t.edge = loadEdge(st, v.asRel().id);
    return true;
  }
  throw QueryError(ErrorCode::kTypeError,
                   std::string("Expected a node or relationship to update, got ") + v.kindName(),
                   op.pos, ErrorDetail::kInvalidArgumentType);
}

void store(ExecState& st, Target& t) {
  throwIfFailed(t.is_node ? st.tx.updateNode(t.node)
                          : st.tx.updateEdgeProps(t.edge.id, t.edge.props));
}

void applyOne(ExecState& st, const SetOpSpec& op, const Row& row) {
  Target t;
  if (!load(st, op.target->eval(row, st), t, op)) return;
  switch (op.kind) {
    case SetOpKind::kProperty: {
      RValue v = op.value->eval(row, st);
      putProperty(st, t.props(), st.internId(op.key),
                  storableValue(v, st.names.name(op.key), !t.is_node));
      break;
    }
    case SetOpKind::kRemoveProperty: {
      auto key = st.id(op.key);
      if (!key) return;
      putProperty(st, t.props(), *key, std::nullopt);
      break;
    }
    case SetOpKind::kReplace:
    case SetOpKind::kMerge: {
      RMap m = propertyMapOf(st, op.value->eval(row, st), "SET");
      if (op.kind == SetOpKind::kReplace) {
        // Keys absent from the new map are removed.
        storage::Properties& props = t.props();
        for (size_t i = 0; i < props.size();) {
          std::string name = st.tx.stringOf(props[i].first);
          bool kept = std::any_of(m.begin(), m.end(), [&](const auto& kv) {
            return kv.first == name && !kv.second.isNull();
          });
          if (!kept) {
            props.erase(props.begin() + static_cast<std::ptrdiff_t>(i));
            ++st.stats.properties_removed;
          } else {
            ++i;
          }
        }
      }
      for (const auto& [k, v] : m) {
        auto value = storableValue(v, k, !t.is_node);
        if (!value) {
          if (auto key = st.tx.lookupString(k)) putProperty(st, t.props(), *key, std::nullopt);
          continue;
        }
        putProperty(st, t.props(), st.intern(k), std::move(value));
      }
      break;
    }
    case SetOpKind::kLabels:
      for (int l : op.labels) {
        uint32_t id = st.internId(l);
        auto& labels = t.node.labels;
        auto it = std::lower_bound(labels.begin(), labels.end(), id);
        if (it != labels.end() && *it == id) continue;
        labels.insert(it, id);
        ++st.stats.labels_added;
      }
      break;
    case SetOpKind::kRemoveLabels:
      for (int l : op.labels) {
        auto id = st.id(l);
        if (!id) continue;
        auto& labels = t.node.labels;
        auto it = std::lower_bound(labels.begin(), labels.end(), *id);
        if (it == labels.end() || *it != *id) continue;
        labels.erase(it);
        ++st.stats.labels_removed;
      }
      break;
  }
  store(st, t);
}

class SetOp final : public SingleInputOperator {
 public:
  SetOp(const SetSpec& spec, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), spec_(spec) {}

 private:
  bool getNext(Row& row) override {
    if (!input_->next(row)) return false;
    applySetOps(st_, spec_.ops, row);
    return true;
  }

  const SetSpec& spec_;
};

class SetNode final : public SpecNode<SetSpec, SetOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable&) const override { return spec_.text; }
};

}  // namespace

void applySetOps(ExecState& st, const std::vector<SetOpSpec>& ops, const Row& row) {
  for (const auto& op : ops) applyOne(st, op, row);
}

PlanPtr makeSet(SetSpec spec, PlanPtr input) {
  return withInput(std::make_unique<SetNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
