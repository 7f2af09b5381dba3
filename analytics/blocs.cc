// analytics/blocs.cc — blocs(): signed components of actors split by balance.cc.
#include "analytics/blocs.h"

#include <algorithm>
#include <numeric>
#include <unordered_set>

namespace entente::analytics {

BlocsResult blocs(const GraphContext& ctx, const BlocOptions& opt) {
  BlocsResult result;
  ProjectionSpec spec;
  spec.types = opt.types;
  spec.as_of = opt.as_of;
  spec.direction =
      DirectionMode::kDirected;  // each relation once (symmetric ones twice: filtered below)
  spec.signed_only = true;
  ProjectionPtr p = ctx.project(spec);
  auto excluded = excludedMask(ctx.txn, *p, opt.excluded_labels, ctx.interrupt);
  if (opt.actors) {  // only the listed nodes take part
    std::vector<uint8_t> listed(p->nodeCount(), 0);
    for (NodeId n : *opt.actors)
      if (auto idx = p->indexOf(n)) listed[*idx] = 1;
    for (uint32_t v = 0; v < p->nodeCount(); ++v)
      if (!listed[v]) excluded[v] = 1;
  }

  std::unordered_set<EdgeId> chosen;
  if (opt.relations) chosen.insert(opt.relations->begin(), opt.relations->end());

  // Signed relations between actors, each once.
  struct Rel {
    uint32_t u, v;
    EdgeData d;
  };
  std::vector<Rel> rels;
  for (uint32_t v = 0; v < p->nodeCount(); ++v) {
    auto [first, last] = p->outRange(v);
    ctx.interrupt.tick(1 + last - first);
    for (uint32_t e = first; e < last; ++e) {
      const EdgeData& d = p->edge(e);
      uint32_t t = p->target(e);
      if (d.reversed || d.sign == 0 || t == v || excluded[v] || excluded[t]) continue;
      if (opt.relations && !chosen.count(d.id)) continue;
      rels.push_back({v, t, d});
    }
  }
  // Union-find into components of actors.
  std::vector<uint32_t> parent(p->nodeCount());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::vector<uint8_t> actor(p->nodeCount(), 0);
  for (const auto& r : rels) {
    actor[r.u] = actor[r.v] = 1;
    uint32_t a = find(r.u), b = find(r.v);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::vector<uint32_t>> comps;
  std::vector<int> comp_of_root(p->nodeCount(), -1);
  for (uint32_t v = 0; v < p->nodeCount(); ++v) {
    if (!actor[v]) continue;
    uint32_t r = find(v);
    if (comp_of_root[r] < 0) {
      comp_of_root[r] = static_cast<int>(comps.size());
      comps.emplace_back();
    }
    comps[comp_of_root[r]].push_back(v);
  }
  std::vector<std::vector<const Rel*>> comp_rels(comps.size());
  for (const auto& r : rels) comp_rels[comp_of_root[find(r.u)]].push_back(&r);
  std::vector<size_t> order(comps.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return comps[a].size() > comps[b].size(); });

  result.actors = std::count(actor.begin(), actor.end(), 1);
  result.relations = rels.size();
  int bloc_number = 0;
  std::vector<uint32_t> local(p->nodeCount(), 0);  // dense index -> index within its component
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const auto& nodes = comps[order[rank]];
    const auto& crels = comp_rels[order[rank]];
    for (uint32_t i = 0; i < nodes.size(); ++i) local[nodes[i]] = i;
    std::vector<SignedEdge> edges;
    edges.reserve(crels.size());
    for (const Rel* r : crels) edges.push_back({local[r->u], local[r->v], r->d.sign});
    uint32_t n = static_cast<uint32_t>(nodes.size());
    Partition part = n <= opt.exact_limit
                         ? balanceExact(n, edges, ctx.interrupt)
                         : balanceHeuristic(n, edges, opt.restarts, opt.seed, ctx.interrupt);
    ComponentBalance cb;
    cb.component = static_cast<int>(rank) + 1;
    cb.actors = n;
    cb.relations = crels.size();
    cb.frustration = part.frustration;
    cb.exact = part.exact;
    for (const Rel* r : crels) {
      bool same = part.side[local[r->u]] == part.side[local[r->v]];
      if ((r->d.sign > 0) != same)
        cb.frustrated.push_back({r->d.id, p->nodeAt(r->u), p->nodeAt(r->v), r->d.type, r->d.sign});
    }
    result.frustration += cb.frustration;
    result.exact = result.exact && cb.exact;
    // Camps, larger first; members in node id order.
    Bloc camp[2];
    for (uint32_t i = 0; i < n; ++i) camp[part.side[i]].members.push_back(p->nodeAt(nodes[i]));
    if (camp[1].members.size() > camp[0].members.size()) std::swap(camp[0], camp[1]);
    for (auto& c : camp) {
      if (c.members.empty()) continue;
      c.number = ++bloc_number;
      c.component = cb.component;
      result.blocs.push_back(std::move(c));
    }
    result.components.push_back(std::move(cb));
  }
  return result;
}

}  // namespace entente::analytics
