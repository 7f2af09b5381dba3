// Directed/UndirectedRelationshipIndexSeek: relationships of a type by a property index,
// binding the relationship and both its ends (see query/exec/index_seek.h).
#include <algorithm>

#include "query/exec/index_seek.h"
#include "query/status_error.h"

namespace entente::query {

bool relUsed(const Row& row, uint64_t rel, const std::vector<int>& rels,
             const std::vector<int>& lists);

namespace {

class RelIndexSeekOp final : public PerInputRowOperator<RelIndexSeekOp> {
 public:
  RelIndexSeekOp(const RelIndexSeekSpec& spec, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)),
        spec_(spec),
        filter_(spec.filter),
        left_check_(spec.left_check),
        right_check_(spec.right_check) {}

 private:
  friend PerInputRowOperator;

  // Orientations of one edge still to produce: bit 0 (left = src), bit 1 (left = dst).
  [[gnu::always_inline]] bool produce(Row& row) {
    for (;;) {
      while (orient_ != 0) {
        const int o = (orient_ & 1) ? 0 : 1;
        orient_ &= ~(1u << o);
        const RelRef& e = buf_[pos_ - 1];
        const uint64_t l = o == 0 ? e.src : e.dst, r = o == 0 ? e.dst : e.src;
        if (spec_.left == spec_.right && l != r) continue;
        if (!left_check_.matches(st_, l)) continue;
        if (!right_check_.matches(st_, r)) continue;
        row[spec_.rel] = e;
        row[spec_.left] = NodeRef{l};
        row[spec_.right] = NodeRef{r};
        return true;
      }
      if (pos_ >= buf_.size()) return false;
      const RelRef& e = buf_[pos_++];
      st_.tick();
      if (relUsed(row, e.id, spec_.unique_rels, spec_.unique_lists)) continue;
      orient_ = both_ ? 3u : spec_.dir == storage::Direction::kIn ? 2u : 1u;
      if (e.src == e.dst && orient_ == 3u) orient_ = 1u;  // a self loop once
    }
  }

  bool beginRow(const Row& row) {
    buf_.clear();
    pos_ = 0;
    orient_ = 0;
    if (!filter_.prepare(st_, row) || !left_check_.prepare(st_, row) ||
        !right_check_.prepare(st_, row))
      return false;
    both_ = spec_.dir == storage::Direction::kBoth || !filter_.symmetric().empty();
    auto keep = [this](const storage::EdgeRef& e) {
      if (filter_.accept(st_, e)) buf_.push_back(RelRef{e.id, e.src, e.type, e.dst});
    };
    IndexUse use;
    auto range = indexRange(spec_, row, st_, use);
    if (use == IndexUse::kNothing) return false;
    if (use == IndexUse::kSeek) {
      ids_.clear();
      storage::Status s = st_.tx.indexSeek(spec_.index, *range, [this](uint64_t id) {
        ids_.push_back(id);
        return !st_.tickExpired();
      });
      st_.checkBudget();
      if (s.code() != storage::Status::Code::kNotFound) {
        throwIfFailed(s);
        for (uint64_t id : ids_) {  // entries first: no reads while the index is iterated
          st_.tx.withEdge(id, keep);
          st_.tick();
        }
        return !buf_.empty();
      }
    }
    // A comparand the index cannot answer, or the index was dropped since planning.
    const std::vector<uint32_t>& types = filter_.types();
    st_.tx.scanEdges([&](const storage::EdgeRef& e) {
      if (std::find(types.begin(), types.end(), e.type) != types.end()) keep(e);
      return !st_.tickExpired();
    });
    st_.checkBudget();
    return !buf_.empty();
  }

  const RelIndexSeekSpec& spec_;
  EdgeFilter filter_;
  NodeCheck left_check_, right_check_;
  std::vector<uint64_t> ids_;
  std::vector<RelRef> buf_;
  size_t pos_ = 0;
  unsigned orient_ = 0;
  bool both_ = false;
};

class RelIndexSeekNode final : public SpecNode<RelIndexSeekSpec, RelIndexSeekOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable& names) const override {
    const bool directed = spec_.dir != storage::Direction::kBoth;
    std::string rel = "-[" + spec_.rel_var + spec_.filter.describe(names) + "]-";
    if (spec_.dir == storage::Direction::kOut) rel += ">";
    if (spec_.dir == storage::Direction::kIn) rel = "<" + rel;
    return std::string(directed ? "Directed" : "Undirected") + "RelationshipIndexSeek(" +
           spec_.index_name + ", " + spec_.text + ") (" + spec_.left_var +
           spec_.left_check.describe(names) + ")" + rel + "(" + spec_.right_var +
           spec_.right_check.describe(names) + ")";
  }
};

}  // namespace

PlanPtr makeRelIndexSeek(RelIndexSeekSpec spec, PlanPtr input) {
  return withInput(std::make_unique<RelIndexSeekNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
