// Expand: from a bound node along one relationship (types in the storage prefix scan, AS OF
// and inline properties tested on raw bytes), binding the relationship and the node at the
// other end — or, in "into" mode, only edges reaching an already bound node.
#include <algorithm>

#include "query/exec/operators.h"

namespace entente::query {

//! True if `rel` is already used by the row in one of the given slots (uniqueness of
//! relationships within one MATCH).
bool relUsed(const Row& row, uint64_t rel, const std::vector<int>& rels,
             const std::vector<int>& lists) {
  for (int s : rels)
    if (row[s].isRel() && row[s].asRel().id == rel) return true;
  for (int s : lists) {
    if (!row[s].isList()) continue;
    for (const auto& r : row[s].asList())
      if (r.isRel() && r.asRel().id == rel) return true;
  }
  return false;
}

namespace {

class ExpandOp final : public PerInputRowOperator<ExpandOp> {
 public:
  ExpandOp(const ExpandSpec& spec, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)),
        spec_(spec),
        check_(spec.to_check),
        filter_(spec.filter) {}

 private:
  friend PerInputRowOperator;

  [[gnu::always_inline]] bool produce(Row& row) {  // the hot path of 1-hop queries
    while (pos_ < buf_.size()) {
      const RelRef& e = buf_[pos_++];
      st_.tick();
      uint64_t other = e.src == from_ ? e.dst : e.src;
      if (spec_.into && other != into_) continue;
      if (spec_.rel_bound && e.id != bound_rel_) continue;
      if (relUsed(row, e.id, spec_.unique_rels, spec_.unique_lists)) continue;
      if (!spec_.into && !check_.matches(st_, other)) continue;
      row[spec_.rel] = e;
      if (!spec_.into) row[spec_.to] = NodeRef{other};
      return true;
    }
    return false;
  }

  bool beginRow(const Row& row) {
    buf_.clear();
    pos_ = 0;
    const RValue& f = row[spec_.from];
    if (!f.isNode()) return false;
    from_ = f.asNode().id;
    if (spec_.into) {
      const RValue& t = row[spec_.to];
      if (!t.isNode()) return false;
      into_ = t.asNode().id;
    }
    if (spec_.rel_bound) {
      const RValue& r = row[spec_.rel];
      if (!r.isRel()) return false;
      bound_rel_ = r.asRel().id;
    }
    if (!spec_.into && !check_.prepare(st_, row)) return false;
    if (!filter_.prepare(st_, row)) return false;
    filter_.scan(st_, from_, spec_.dir, [this](const storage::EdgeRef& e) {
      buf_.push_back(RelRef{e.id, e.src, e.type, e.dst});
    });
    return !buf_.empty();
  }

  const ExpandSpec& spec_;
  NodeCheck check_;
  EdgeFilter filter_;
  std::vector<RelRef> buf_;
  size_t pos_ = 0;
  uint64_t from_ = 0, into_ = 0, bound_rel_ = 0;
};

class ExpandNode final : public SpecNode<ExpandSpec, ExpandOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable& names) const override {
    return std::string(spec_.into ? "ExpandInto (" : "Expand (") + spec_.from_var + ")" +
           arrow(spec_.dir, spec_.rel_var + spec_.filter.describe(names)) + "(" + spec_.to_var +
           (spec_.into ? "" : spec_.to_check.describe(names)) + ")";
  }
};

}  // namespace

PlanPtr makeExpand(ExpandSpec spec, PlanPtr input) {
  return withInput(std::make_unique<ExpandNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
