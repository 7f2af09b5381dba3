// analytics/backing.cc — backing paths: shortest-first simple paths of positive relations.
//
// A backward BFS from the target gives every node's distance to it (over allowed moves);
// then an iterative-deepening DFS enumerates the paths of length L = d(from), d(from)+1, ...
// pruning any branch that cannot reach the target within L. So paths come out shortest
// first, and the work is bounded by `budget` expansions.
#include <algorithm>
#include <functional>
#include <limits>

#include "analytics/alliance.h"

namespace entente::analytics {

namespace {

Hop hopOf(const Projection& p, uint32_t from, uint32_t e) {
  const EdgeData& d = p.edge(e);
  NodeId u = p.nodeAt(from), v = p.nodeAt(p.target(e));
  Hop h;
  h.edge = d.id;
  h.type = d.type;
  h.src = d.reversed ? v : u;
  h.dst = d.reversed ? u : v;
  h.reversed = d.reversed;
  h.sign = d.sign;
  h.confidence = d.confidence;
  return h;
}

}  // namespace

BackingResult backingPaths(const GraphContext& ctx, NodeId from, NodeId to,
                           const BackingOptions& opt) {
  BackingResult result;
  ProjectionSpec spec;
  spec.types = opt.types;
  spec.as_of = opt.as_of;
  spec.direction = DirectionMode::kUndirected;
  ProjectionPtr p = ctx.project(spec);
  auto a = p->indexOf(from), b = p->indexOf(to);
  if (!a || !b || from == to || opt.max_hops <= 0) return result;

  std::vector<TypeId> forward_only;
  for (const auto& name : opt.forward_only)
    if (auto id = ctx.txn.lookupString(name)) forward_only.push_back(*id);
  auto isForwardOnly = [&](TypeId t) {
    return std::find(forward_only.begin(), forward_only.end(), t) != forward_only.end();
  };
  // The CSR edge e at u (towards v) may be walked u -> v.
  auto allowedOut = [&](uint32_t e) {
    const EdgeData& d = p->edge(e);
    return d.sign >= 0 && (!d.reversed || !isForwardOnly(d.type));
  };
  // The CSR edge e at v (towards u) mirrors a move u -> v: allowed when its twin at u is.
  auto allowedIn = [&](uint32_t e) {
    const EdgeData& d = p->edge(e);
    return d.sign >= 0 && (d.reversed || !isForwardOnly(d.type));
  };

  const int kInf = std::numeric_limits<int>::max();
  std::vector<int> dist(p->nodeCount(), kInf);
  std::vector<uint32_t> frontier = {*b}, next;
  dist[*b] = 0;
  for (int d = 1; d <= opt.max_hops && !frontier.empty(); ++d) {
    next.clear();
    for (uint32_t v : frontier) {
      auto [first, last] = p->outRange(v);
      ctx.interrupt.tick(1 + last - first);
      for (uint32_t e = first; e < last; ++e) {
        uint32_t u = p->target(e);
        if (dist[u] != kInf || !allowedIn(e)) continue;
        dist[u] = d;
        next.push_back(u);
      }
    }
    frontier.swap(next);
  }
  if (dist[*a] == kInf) return result;

  std::vector<uint8_t> on_path(p->nodeCount(), 0);
  std::vector<uint32_t> nodes = {*a}, edges;
  uint64_t steps = 0;
  std::vector<SignedPath> level;
  int length = 0;
  std::function<void(uint32_t, int)> dfs = [&](uint32_t v, int depth) {
    if (v == *b) {
      if (depth != length) return;
      SignedPath path;
      path.sign = 1;
      path.weight = 1;
      for (size_t i = 0; i < edges.size(); ++i) {
        path.hops.push_back(hopOf(*p, nodes[i], edges[i]));
        path.weight *= path.hops.back().confidence;
      }
      for (uint32_t n : nodes) path.nodes.push_back(p->nodeAt(n));
      level.push_back(std::move(path));
      return;
    }
    on_path[v] = 1;
    auto [first, last] = p->outRange(v);
    for (uint32_t e = first; e < last && !result.truncated; ++e) {
      if (++steps > opt.budget) {
        result.truncated = true;
        break;
      }
      ctx.interrupt.tick();
      uint32_t t = p->target(e);
      if (on_path[t] || dist[t] == kInf || depth + 1 + dist[t] > length || !allowedOut(e)) continue;
      nodes.push_back(t);
      edges.push_back(e);
      dfs(t, depth + 1);
      nodes.pop_back();
      edges.pop_back();
    }
    on_path[v] = 0;
  };
  for (length = dist[*a]; length <= opt.max_hops && result.paths.size() < opt.max_paths; ++length) {
    level.clear();
    dfs(*a, 0);
    std::stable_sort(level.begin(), level.end(),
                     [](const SignedPath& x, const SignedPath& y) { return x.weight > y.weight; });
    for (auto& path : level) {
      if (result.paths.size() >= opt.max_paths) break;
      result.paths.push_back(std::move(path));
    }
    if (result.truncated) break;
  }
  return result;
}

}  // namespace entente::analytics
