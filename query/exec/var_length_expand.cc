// Variable-length expansion `-[*min..max]->`.
//
// Default mode enumerates relationship-unique trails depth-first (openCypher semantics: a
// trail may revisit nodes, never a relationship), one row per trail of length min..max.
//
// distinct_reach mode (chosen by the planner only where it gives the same answer: no
// relationship or path variable, directed, min <= 1, and a consumer that only sees distinct
// end nodes) runs a BFS with a visited set and yields each reachable node once: a node v
// other than the start is the end of some trail of length <= max iff its BFS distance is
// <= max (a shortest path is a trail); the start is the end of a closed trail iff an edge
// leads back to it from a node at distance <= max-1.
#include <algorithm>

#include "query/exec/id_map.h"
#include "query/exec/operators.h"

namespace entente::query {

bool relUsed(const Row& row, uint64_t rel, const std::vector<int>& rels,
             const std::vector<int>& lists);

namespace {

struct Empty {};

class VarExpandOp final : public PerInputRowOperator<VarExpandOp> {
 public:
  VarExpandOp(const VarExpandSpec& spec, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)),
        spec_(spec),
        check_(spec.to_check),
        filter_(spec.filter) {}

 private:
  friend PerInputRowOperator;

  bool produce(Row& row) {
    if (pending_zero_) {
      pending_zero_ = false;
      if (emit(row, from_)) return true;
    }
    return reach_ ? nextReach(row) : nextTrail(row);
  }

  struct Frame {
    uint64_t node = 0;
    std::vector<RelRef> edges;
    size_t idx = 0;
  };

  bool beginRow(const Row& row) {
    const RValue& f = row[spec_.from];
    if (!f.isNode()) return false;
    from_ = f.asNode().id;
    if (spec_.into) {
      const RValue& t = row[spec_.to];
      if (!t.isNode()) return false;
      into_ = t.asNode().id;
    }
    if (!check_.prepare(st_, row) || !filter_.prepare(st_, row)) return false;
    max_ = spec_.max;
    if (max_ < 0) {  // unbounded `*`: capped, and the statement says so
      max_ = st_.options.default_max_hops;
      st_.notice("unbounded variable-length pattern capped at " + std::to_string(max_) + " hops");
    }
    pending_zero_ = spec_.min == 0;
    depth_ = 0;
    trail_.clear();
    reach_ = spec_.distinct_reach && filter_.symmetric().empty();
    dedupe_ = spec_.distinct_reach && !reach_;
    if (dedupe_) visited_->clear();
    if (reach_) {
      visited_->clear();
      visited_->insert(from_, Empty{});
      queue_.clear();
      qpos_ = 0;
      cur_.clear();
      cur_pos_ = 0;
      start_done_ = pending_zero_;
      if (max_ >= 1) queue_.push_back({from_, 0});
    } else if (max_ >= 1) {
      pushFrame(from_);
    }
    return true;
  }

  template <typename Fn>
  void loadEdges(uint64_t node, Fn&& fn) {
    filter_.scan(st_, node, spec_.dir, fn);
  }

  void pushFrame(uint64_t node) {
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.node = node;
    f.idx = 0;
    f.edges.clear();
    loadEdges(node, [&f](const storage::EdgeRef& e) {
      f.edges.push_back(RelRef{e.id, e.src, e.type, e.dst});
    });
  }

  bool inTrail(uint64_t rel) const {
    for (const auto& r : trail_)
      if (r.id == rel) return true;
    return false;
  }

  bool nextTrail(Row& row) {
    while (depth_ > 0) {
      Frame& f = frames_[depth_ - 1];
      if (f.idx >= f.edges.size()) {
        --depth_;
        continue;
      }
      RelRef e = f.edges[f.idx++];
      uint64_t node = f.node;
      trail_.resize(depth_ - 1);
      st_.tick();
      if (inTrail(e.id) || relUsed(row, e.id, spec_.unique_rels, spec_.unique_lists)) continue;
      trail_.push_back(e);
      uint64_t other = e.src == node ? e.dst : e.src;
      auto len = static_cast<int64_t>(trail_.size());
      if (len < max_) pushFrame(other);
      if (len >= spec_.min && emit(row, other)) return true;
    }
    return false;
  }

  bool nextReach(Row& row) {
    for (;;) {
      while (cur_pos_ < cur_.size()) {
        uint64_t other = cur_[cur_pos_++];
        st_.tick();
        if (other == from_) {
          if (start_done_) continue;
          start_done_ = true;
          if (emit(row, other)) return true;
          continue;
        }
        if (!visited_->insert(other, Empty{})) continue;
        if (cur_depth_ + 1 < max_) queue_.push_back({other, cur_depth_ + 1});
        if (emit(row, other)) return true;
      }
      if (qpos_ >= queue_.size()) return false;
      auto [node, depth] = queue_[qpos_++];
      cur_.clear();
      cur_pos_ = 0;
      cur_depth_ = depth;
      // An init-capture: clang before 16 cannot capture a structured binding.
      loadEdges(node,
                [this, node = node](const storage::EdgeRef& e) { cur_.push_back(e.other(node)); });
    }
  }

  bool emit(Row& row, uint64_t node) {
    if (spec_.into ? node != into_ : !check_.matches(st_, node)) return false;
    if (dedupe_ && !visited_->insert(node, Empty{})) return false;
    if (!spec_.into) row[spec_.to] = NodeRef{node};
    if (spec_.list >= 0) {
      RList rels;
      rels.reserve(trail_.size());
      for (const auto& r : trail_) rels.emplace_back(r);
      if (spec_.reverse_list) std::reverse(rels.begin(), rels.end());
      row[spec_.list] = RValue(std::move(rels));
    }
    return true;
  }

  const VarExpandSpec& spec_;
  NodeCheck check_;
  EdgeFilter filter_;
  bool pending_zero_ = false;
  bool reach_ = false, dedupe_ = false;
  int64_t max_ = 1;
  uint64_t from_ = 0, into_ = 0;
  // trail enumeration
  std::vector<Frame> frames_;
  size_t depth_ = 0;
  std::vector<RelRef> trail_;
  // distinct reachability
  PooledIdMap<Empty> visited_;
  std::vector<std::pair<uint64_t, int64_t>> queue_;
  size_t qpos_ = 0;
  std::vector<uint64_t> cur_;
  size_t cur_pos_ = 0;
  int64_t cur_depth_ = 0;
  bool start_done_ = false;
};

class VarExpandNode final : public SpecNode<VarExpandSpec, VarExpandOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable& names) const override {
    std::string range =
        "*" + std::to_string(spec_.min) + ".." + (spec_.max >= 0 ? std::to_string(spec_.max) : "");
    return std::string(spec_.distinct_reach ? "VarLengthReach (" : "VarLengthExpand (") +
           spec_.from_var + ")" +
           arrow(spec_.dir, spec_.rel_var + spec_.filter.describe(names) + range) + "(" +
           spec_.to_var + (spec_.into ? "" : spec_.to_check.describe(names)) + ")" +
           (spec_.into ? " into" : "");
  }
};

}  // namespace

PlanPtr makeVarExpand(VarExpandSpec spec, PlanPtr input) {
  return withInput(std::make_unique<VarExpandNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
