// shortestPath / allShortestPaths between two bound nodes.
//
// shortestPath: bidirectional BFS (forward along the pattern's direction from the left
// node, backward from the right node), always expanding the smaller frontier one whole
// level; among the meetings found in that level the one closest to the other side gives a
// shortest path. allShortestPaths: BFS from the left node recording every predecessor on a
// shortest route, then every path is enumerated back from the right node. Both stop at the
// hop cap; visited sets bound the memory and the time budget is checked per edge batch.
#include <algorithm>
#include <unordered_map>

#include "query/exec/id_map.h"
#include "query/exec/operators.h"

namespace entente::query {
namespace {

struct Parent {
  uint64_t node = 0;
  RelRef rel{};
  int64_t depth = 0;
};

storage::Direction reverse(storage::Direction d) {
  if (d == storage::Direction::kOut) return storage::Direction::kIn;
  if (d == storage::Direction::kIn) return storage::Direction::kOut;
  return d;
}

class ShortestPathOp final : public PerInputRowOperator<ShortestPathOp> {
 public:
  ShortestPathOp(const ShortestPathSpec& spec, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)), spec_(spec), filter_(spec.filter) {}

  void reset() override {
    PerInputRowOperator::reset();
    paths_.clear();
    pos_ = 0;
  }

 private:
  friend PerInputRowOperator;

  //! Finds the paths between the row's two nodes into paths_.
  bool beginRow(const Row& row) {
    paths_.clear();
    pos_ = 0;
    const RValue& a = row[spec_.from];
    const RValue& b = row[spec_.to];
    if (!a.isNode() || !b.isNode() || !filter_.prepare(st_, row)) return false;
    uint64_t s = a.asNode().id, t = b.asNode().id;
    max_ = spec_.max;
    if (max_ < 0) {
      max_ = st_.options.default_max_hops;
      st_.notice("unbounded variable-length pattern capped at " + std::to_string(max_) + " hops");
    }
    if (s == t) {
      if (spec_.min == 0) paths_.push_back(PathRef{{NodeRef{s}}, {}});
    } else if (spec_.all) {
      allShortest(s, t);
    } else {
      shortest(s, t);
    }
    return !paths_.empty();
  }

  bool produce(Row& row) {
    if (pos_ >= paths_.size()) return false;
    PathRef& p = paths_[pos_++];
    if (spec_.list >= 0) {
      RList rels;
      for (const auto& r : p.rels) rels.emplace_back(r);
      row[spec_.list] = RValue(std::move(rels));
    }
    row[spec_.path] = RValue(std::move(p));
    return true;
  }

  template <typename Fn>
  void edges(uint64_t node, storage::Direction dir, Fn&& fn) {
    filter_.scan(st_, node, dir, fn);
  }

  // Expands one level of one side; returns the best meeting node or 0 with found=false.
  bool level(std::vector<uint64_t>& frontier, IdMap<Parent>& mine, IdMap<Parent>& theirs,
             storage::Direction dir, uint64_t* meet) {
    std::vector<uint64_t> next;
    int64_t best = -1;
    for (uint64_t u : frontier) {
      int64_t du = mine.find(u)->depth;
      edges(u, dir, [&](const storage::EdgeRef& e) {
        uint64_t v = e.other(u);
        if (!mine.insert(v, Parent{u, RelRef{e.id, e.src, e.type, e.dst}, du + 1})) return;
        next.push_back(v);
        if (Parent* p = theirs.find(v); p && (best < 0 || p->depth < best)) {
          best = p->depth;
          *meet = v;
        }
      });
    }
    frontier.swap(next);
    return best >= 0;
  }

  void shortest(uint64_t s, uint64_t t) {
    fwd_->clear();
    bwd_->clear();
    fwd_->insert(s, Parent{s, {}, 0});
    bwd_->insert(t, Parent{t, {}, 0});
    std::vector<uint64_t> ff{s}, bf{t};
    int64_t df = 0, db = 0;
    uint64_t meet = 0;
    bool found = false;
    while (!found && !ff.empty() && !bf.empty() && df + db < max_) {
      if (ff.size() <= bf.size()) {
        found = level(ff, *fwd_, *bwd_, spec_.dir, &meet);
        ++df;
      } else {
        found = level(bf, *bwd_, *fwd_, reverse(spec_.dir), &meet);
        ++db;
      }
    }
    if (!found) return;
    PathRef path;
    for (uint64_t n = meet;;) {  // meet back to s
      path.nodes.push_back(NodeRef{n});
      Parent* p = fwd_->find(n);
      if (n == s) break;
      path.rels.push_back(p->rel);
      n = p->node;
    }
    std::reverse(path.nodes.begin(), path.nodes.end());
    std::reverse(path.rels.begin(), path.rels.end());
    for (uint64_t n = meet; n != t;) {  // meet forward to t
      Parent* p = bwd_->find(n);
      path.rels.push_back(p->rel);
      n = p->node;
      path.nodes.push_back(NodeRef{n});
    }
    if (static_cast<int64_t>(path.rels.size()) >= spec_.min) paths_.push_back(std::move(path));
  }

  void allShortest(uint64_t s, uint64_t t) {
    std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, RelRef>>> preds;
    fwd_->clear();
    fwd_->insert(s, Parent{s, {}, 0});
    std::vector<uint64_t> frontier{s}, next;
    bool found = false;
    for (int64_t depth = 0; !found && !frontier.empty() && depth < max_; ++depth) {
      next.clear();
      for (uint64_t u : frontier) {
        edges(u, spec_.dir, [&](const storage::EdgeRef& e) {
          uint64_t v = e.other(u);
          Parent* p = fwd_->find(v);
          if (!p) {
            fwd_->insert(v, Parent{u, {}, depth + 1});
            next.push_back(v);
          } else if (p->depth != depth + 1) {
            return;
          }
          preds[v].push_back({u, RelRef{e.id, e.src, e.type, e.dst}});
          if (v == t) found = true;
        });
      }
      frontier.swap(next);
    }
    if (!found) return;
    // Enumerate every path back from t.
    std::vector<NodeRef> nodes{NodeRef{t}};
    std::vector<RelRef> rels;
    enumerate(t, s, preds, nodes, rels);
  }

  void enumerate(
      uint64_t n, uint64_t s,
      const std::unordered_map<uint64_t, std::vector<std::pair<uint64_t, RelRef>>>& preds,
      std::vector<NodeRef>& nodes, std::vector<RelRef>& rels) {
    if (n == s) {
      PathRef p{{nodes.rbegin(), nodes.rend()}, {rels.rbegin(), rels.rend()}};
      if (static_cast<int64_t>(p.rels.size()) >= spec_.min) paths_.push_back(std::move(p));
      return;
    }
    auto it = preds.find(n);
    if (it == preds.end()) return;
    for (const auto& [u, r] : it->second) {
      st_.tick();
      nodes.push_back(NodeRef{u});
      rels.push_back(r);
      enumerate(u, s, preds, nodes, rels);
      nodes.pop_back();
      rels.pop_back();
    }
  }

  const ShortestPathSpec& spec_;
  EdgeFilter filter_;
  PooledIdMap<Parent> fwd_, bwd_;
  std::vector<PathRef> paths_;
  size_t pos_ = 0;
  int64_t max_ = 1;
};

class ShortestPathNode final : public SpecNode<ShortestPathSpec, ShortestPathOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable& names) const override {
    std::string range =
        "*" + std::to_string(spec_.min) + ".." + (spec_.max >= 0 ? std::to_string(spec_.max) : "");
    return std::string(spec_.all ? "AllShortestPaths " : "ShortestPath ") + spec_.path_var +
           " = (" + spec_.from_var + ")" + arrow(spec_.dir, spec_.filter.describe(names) + range) +
           "(" + spec_.to_var + ")" + (spec_.all ? "" : " bidirectional BFS");
  }
};

}  // namespace

PlanPtr makeShortestPath(ShortestPathSpec spec, PlanPtr input) {
  return withInput(std::make_unique<ShortestPathNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
