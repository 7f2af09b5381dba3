// Node scans: every node, a label, by id (`WHERE id(n) = $x`), by name or alias (("Name")
// and `{name: 'x'}`), or an already bound node re-checked. Each runs once per input row.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "query/error.h"
#include "query/exec/node_candidates.h"
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class ScanOp final : public NodeCandidatesOp<ScanOp> {
 public:
  ScanOp(const ScanSpec& spec, ExecState& st, OperatorPtr input)
      : NodeCandidatesOp(st, std::move(input), spec.slot, spec.check), spec_(spec) {}

 private:
  friend NodeCandidatesOp;

  void addId(const RValue& v) {
    int64_t id;
    if (v.isInt()) {
      id = v.asInt();
    } else if (v.isFloat() && std::floor(v.asFloat()) == v.asFloat() &&
               std::isfinite(v.asFloat())) {
      id = static_cast<int64_t>(v.asFloat());
    } else {
      return;  // `id(n) = 'x'` or null: no node
    }
    if (id < 0) return;
    if (spec_.verify_exists && !st_.tx.nodeExists(static_cast<uint64_t>(id))) return;
    ids_.push_back(static_cast<uint64_t>(id));
  }

  void fill(const Row& row) {
    if (!startCandidates(row)) return;
    auto collect = [this](storage::NodeId id) {
      ids_.push_back(id);
      return !st_.tickExpired();
    };
    switch (spec_.kind) {
      case ScanKind::kAll:
        st_.tx.scanNodes(collect);
        st_.checkBudget();
        break;
      case ScanKind::kLabel:
        if (auto label = st_.id(spec_.label)) st_.tx.scanLabel(*label, collect);
        st_.checkBudget();
        break;
      case ScanKind::kById: {
        RValue v = spec_.key->eval(row, st_);
        if (v.isList()) {
          for (const auto& item : v.asList()) addId(item);
          // WHERE id(n) IN [0, 0] is a filter: each node once, in the list's first order.
          if (ids_.size() > 1) {
            std::unordered_set<uint64_t> seen;
            seen.reserve(ids_.size());
            ids_.erase(std::remove_if(ids_.begin(), ids_.end(),
                                      [&seen](uint64_t id) { return !seen.insert(id).second; }),
                       ids_.end());
          }
        } else {
          addId(v);
        }
        break;
      }
      case ScanKind::kByName:
      case ScanKind::kByNameProperty: {
        RValue v = spec_.key->eval(row, st_);
        if (spec_.key_list) {
          if (!v.isList()) {  // null finds nothing; another value is the filter's type error
            if (!v.isNull()) st_.tx.scanNodes(collect);
            break;
          }
          for (const auto& e : v.asList()) {
            if (e.isNull()) continue;
            if (!e.isString()) {  // a non-string name is not indexed: the check decides
              ids_.clear();
              st_.tx.scanNodes(collect);
              st_.checkBudget();
              break;
            }
            for (auto id : st_.tx.findByName(e.asString())) ids_.push_back(id);
          }
          std::sort(ids_.begin(), ids_.end());  // a node named by two elements: once
          ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
        } else if (v.isString()) {
          ids_ = st_.tx.findByName(v.asString());
        } else if (!v.isNull() && spec_.kind == ScanKind::kByNameProperty) {
          st_.tx.scanNodes(collect);  // a non-string name is not indexed: the check decides
          st_.checkBudget();
        }
        if (ids_.empty() && spec_.required)
          throw QueryError(ErrorCode::kEntityNotFound,
                           "No entity named " + spec_.key_text +
                               " (a (\"Name\") node in CREATE/MERGE must exist)");
        break;
      }
      case ScanKind::kBound: {
        const RValue& v = row[spec_.slot];
        if (v.isNode()) ids_.push_back(v.asNode().id);
        break;
      }
    }
  }

  const ScanSpec& spec_;
};

class ScanNode final : public SpecNode<ScanSpec, ScanOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable& names) const override {
    std::string node = "(" + spec_.var + spec_.check.describe(names) + ")";
    switch (spec_.kind) {
      case ScanKind::kAll: return "AllNodesScan " + node;
      case ScanKind::kLabel: return "NodeByLabelScan " + node + " label " + names.name(spec_.label);
      case ScanKind::kById: return "NodeById " + node + " id = " + spec_.key_text;
      case ScanKind::kByName: return "NodeByName " + node + " name = " + spec_.key_text;
      case ScanKind::kByNameProperty:
        return "NodeByName " + node + (spec_.key_list ? " name IN " : " name = ") + spec_.key_text;
      case ScanKind::kBound: return "CheckNode " + node;
    }
    return "Scan";
  }
};

}  // namespace

PlanPtr makeScan(ScanSpec spec, PlanPtr input) {
  return withInput(std::make_unique<ScanNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
