// analytics/stance.cc — stance between two actors, allies and enemies (see alliance.h).
#include <algorithm>
#include <functional>
#include <limits>
#include <map>

#include "analytics/alliance.h"

namespace entente::analytics {

namespace {

const int kInf = std::numeric_limits<int>::max();

//! One signed link out of a node: parallel relations of one sign to one neighbour collapse
//! into the most confident of them.
struct Link {
  uint32_t target;
  uint32_t edge;
};

std::vector<Link> linksOf(const Projection& p, uint32_t v) {
  std::vector<Link> links;
  auto [first, last] = p.outRange(v);
  for (uint32_t e = first; e < last; ++e) {
    uint32_t t = p.target(e);
    const EdgeData& d = p.edge(e);
    if (t == v || d.sign == 0) continue;
    bool merged = false;
    // Edges are sorted by target, so a parallel link is among the last few entries.
    for (auto it = links.rbegin(); it != links.rend() && it->target == t; ++it) {
      if (p.edge(it->edge).sign == d.sign) {
        if (d.confidence > p.edge(it->edge).confidence) it->edge = e;
        merged = true;
        break;
      }
    }
    if (!merged) links.push_back({t, e});
  }
  return links;
}

Hop hopOf(const Projection& p, uint32_t from, uint32_t e) {
  const EdgeData& d = p.edge(e);
  NodeId u = p.nodeAt(from), v = p.nodeAt(p.target(e));
  return Hop{d.id, d.type, d.reversed ? v : u, d.reversed ? u : v, d.reversed, d.sign, d.confidence};
}

//! Enumerates simple signed paths from `a` of at most `max_hops` links. With a target, only
//! paths ending there (pruned by `dist`, the hop distance to the target); without one, every
//! path to a non-excluded node. Excluded nodes are never intermediates.
class PathEnumerator {
 public:
  PathEnumerator(const Projection& p, const std::vector<uint8_t>& excluded, uint64_t budget)
      : p_(p), excluded_(excluded), budget_(budget), on_path_(p.nodeCount(), 0) {}

  void run(uint32_t a, std::optional<uint32_t> target, int max_hops, const std::vector<int>* dist,
           const std::function<void(SignedPath&&)>& emit) {
    target_ = target;
    max_hops_ = max_hops;
    dist_ = dist;
    emit_ = &emit;
    nodes_ = {a};
    edges_.clear();
    dfs(a, 0);
  }
  bool truncated() const { return truncated_; }

 private:
  void record() {
    SignedPath path;
    path.sign = 1;
    double conf = 1;
    for (size_t i = 0; i < edges_.size(); ++i) {
      path.hops.push_back(hopOf(p_, nodes_[i], edges_[i]));
      path.sign *= path.hops.back().sign;
      conf *= path.hops.back().confidence;
    }
    for (uint32_t n : nodes_) path.nodes.push_back(p_.nodeAt(n));
    path.weight = conf / static_cast<double>(uint64_t{1} << (edges_.size() - 1));
    (*emit_)(std::move(path));
  }

  void dfs(uint32_t v, int depth) {
    if (depth > 0) {
      if (target_) {
        if (v == *target_) return record();
      } else if (!excluded_[v]) {
        record();
      }
      if (excluded_[v] || depth == max_hops_) return;
    }
    on_path_[v] = 1;
    for (const Link& l : linksOf(p_, v)) {
      if (++steps_ > budget_) {
        truncated_ = true;
        break;
      }
      if (on_path_[l.target]) continue;
      if (dist_ && ((*dist_)[l.target] == kInf || depth + 1 + (*dist_)[l.target] > max_hops_)) continue;
      nodes_.push_back(l.target);
      edges_.push_back(l.edge);
      dfs(l.target, depth + 1);
      nodes_.pop_back();
      edges_.pop_back();
      if (truncated_) break;
    }
    on_path_[v] = 0;
  }

  const Projection& p_;
  const std::vector<uint8_t>& excluded_;
  uint64_t budget_, steps_ = 0;
  bool truncated_ = false;
  std::vector<uint8_t> on_path_;
  std::optional<uint32_t> target_;
  int max_hops_ = 0;
  const std::vector<int>* dist_ = nullptr;
  const std::function<void(SignedPath&&)>* emit_ = nullptr;
  std::vector<uint32_t> nodes_, edges_;
};

//! Hop distances to `b` over signed links, never passing through an excluded node.
std::vector<int> distancesTo(const Projection& p, uint32_t b, int max_hops, const std::vector<uint8_t>& excluded) {
  std::vector<int> dist(p.nodeCount(), kInf);
  std::vector<uint32_t> frontier = {b}, next;
  dist[b] = 0;
  for (int d = 1; d <= max_hops && !frontier.empty(); ++d) {
    next.clear();
    for (uint32_t v : frontier) {
      if (v != b && excluded[v]) continue;
      for (const Link& l : linksOf(p, v)) {
        if (dist[l.target] != kInf) continue;
        dist[l.target] = d;
        next.push_back(l.target);
      }
    }
    frontier.swap(next);
  }
  return dist;
}

//! The stance that a set of paths between two actors supports.
StanceResult decide(std::vector<SignedPath> paths, const StanceOptions& opt, bool truncated) {
  StanceResult r;
  r.truncated = truncated;
  r.path_count = paths.size();
  double best_pos = 0, best_neg = 0, direct_pos = -1, direct_neg = -1;
  for (const auto& path : paths) {
    (path.sign > 0 ? r.positive : r.negative) += path.weight;
    (path.sign > 0 ? best_pos : best_neg) = std::max(path.sign > 0 ? best_pos : best_neg, path.weight);
    if (path.hops.size() == 1) (path.sign > 0 ? direct_pos : direct_neg) = std::max(path.sign > 0 ? direct_pos : direct_neg, path.weight);
  }
  if (direct_pos >= 0 || direct_neg >= 0) {
    r.direct = true;
    if (direct_pos >= 0 && direct_neg >= 0) {
      r.stance = Stance::kMixed;
      r.confidence = std::min(direct_pos, direct_neg);
    } else {
      r.stance = direct_pos >= 0 ? Stance::kFriendly : Stance::kHostile;
      r.confidence = std::max(direct_pos, direct_neg);
    }
  } else if (r.positive + r.negative > 0) {
    double total = r.positive + r.negative, minority = std::min(r.positive, r.negative);
    if (minority / total >= opt.mixed_share - 1e-9) {
      r.stance = Stance::kMixed;
      r.confidence = std::min(1.0, 2 * minority / total) * std::max(best_pos, best_neg);
    } else {
      bool friendly = r.positive > r.negative;
      r.stance = friendly ? Stance::kFriendly : Stance::kHostile;
      r.confidence = std::max(r.positive, r.negative) / total * (friendly ? best_pos : best_neg);
    }
  }
  std::stable_sort(paths.begin(), paths.end(), [](const SignedPath& x, const SignedPath& y) {
    if ((x.hops.size() == 1) != (y.hops.size() == 1)) return x.hops.size() == 1;
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.hops.size() < y.hops.size();
  });
  if (paths.size() > opt.max_paths) paths.resize(opt.max_paths);
  r.paths = std::move(paths);
  return r;
}

ProjectionPtr signedProjection(const GraphContext& ctx, const StanceOptions& opt) {
  ProjectionSpec spec;
  spec.types = opt.types;
  spec.as_of = opt.as_of;
  spec.direction = DirectionMode::kUndirected;
  spec.signed_only = true;
  return ctx.project(spec);
}

std::vector<Relative> relatives(const GraphContext& ctx, NodeId a, StanceOptions opt, Stance wanted) {
  std::vector<Relative> out;
  ProjectionPtr p = signedProjection(ctx, opt);
  auto ai = p->indexOf(a);
  if (!ai) return out;
  auto excluded = excludedMask(ctx.txn, *p, opt.excluded_labels);
  std::map<NodeId, std::vector<SignedPath>> by_end;
  PathEnumerator en(*p, excluded, opt.budget);
  std::function<void(SignedPath&&)> emit = [&](SignedPath&& path) { by_end[path.nodes.back()].push_back(std::move(path)); };
  en.run(*ai, std::nullopt, std::min(opt.max_hops, 2), nullptr, emit);
  for (auto& [node, paths] : by_end) {
    StanceResult s = decide(std::move(paths), opt, en.truncated());
    if (s.stance == wanted) out.push_back({node, std::move(s)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Relative& x, const Relative& y) {
    return x.stance.confidence > y.stance.confidence;
  });
  return out;
}

}  // namespace

const char* stanceName(Stance s) {
  switch (s) {
    case Stance::kFriendly: return "friendly";
    case Stance::kHostile: return "hostile";
    case Stance::kMixed: return "mixed";
    case Stance::kUnknown: break;
  }
  return "unknown";
}

std::vector<uint8_t> excludedMask(const storage::Transaction& txn, const Projection& p,
                                  const std::vector<std::string>& labels) {
  std::vector<uint8_t> mask(p.nodeCount(), 0);
  std::vector<storage::LabelId> ids;
  for (const auto& l : labels)
    if (auto id = txn.lookupString(l)) ids.push_back(*id);
  if (ids.empty()) return mask;
  for (storage::LabelId label : ids) {
    txn.scanLabel(label, [&](NodeId n) {
      auto idx = p.indexOf(n);
      if (!idx || mask[*idx]) return true;
      auto rec = txn.getNode(n);
      if (!rec) return true;
      bool all = std::all_of(rec->labels.begin(), rec->labels.end(), [&](storage::LabelId x) {
        return std::find(ids.begin(), ids.end(), x) != ids.end();
      });
      if (all) mask[*idx] = 1;
      return true;
    });
  }
  return mask;
}

StanceResult stance(const GraphContext& ctx, NodeId a, NodeId b, const StanceOptions& opt) {
  ProjectionPtr p = signedProjection(ctx, opt);
  auto ai = p->indexOf(a), bi = p->indexOf(b);
  if (!ai || !bi || a == b || opt.max_hops <= 0) return {};
  auto excluded = excludedMask(ctx.txn, *p, opt.excluded_labels);
  std::vector<int> dist = distancesTo(*p, *bi, opt.max_hops, excluded);
  std::vector<SignedPath> paths;
  PathEnumerator en(*p, excluded, opt.budget);
  std::function<void(SignedPath&&)> emit = [&](SignedPath&& path) { paths.push_back(std::move(path)); };
  if (dist[*ai] != kInf) en.run(*ai, *bi, opt.max_hops, &dist, emit);
  return decide(std::move(paths), opt, en.truncated());
}

std::vector<Relative> allies(const GraphContext& ctx, NodeId a, StanceOptions options) {
  return relatives(ctx, a, std::move(options), Stance::kFriendly);
}

std::vector<Relative> enemies(const GraphContext& ctx, NodeId a, StanceOptions options) {
  return relatives(ctx, a, std::move(options), Stance::kHostile);
}

std::string describePath(const storage::Transaction& txn, const SignedPath& path) {
  if (path.nodes.empty()) return "";
  std::string s = nodeName(txn, path.nodes[0]);
  for (size_t i = 0; i < path.hops.size(); ++i) {
    const Hop& h = path.hops[i];
    std::string type = txn.stringOf(h.type);
    s += h.reversed ? " <-[" + type + "]- " : " -[" + type + "]-> ";
    s += nodeName(txn, path.nodes[i + 1]);
  }
  size_t n = path.hops.size();
  s += std::string(" (") + (path.sign > 0 ? "friendly" : path.sign < 0 ? "hostile" : "neutral") + ", " +
       std::to_string(n) + (n == 1 ? " hop)" : " hops)");
  return s;
}

}  // namespace entente::analytics
