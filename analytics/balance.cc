// analytics/balance.cc — minimum-frustration two-camp splits (exact and heuristic).
//
// Cost of a split, lexicographic: frustrated relations first, then frustrated positive
// ones (see blocs.h), folded into one integer: cost = count * kScale + positive.
#include <algorithm>
#include <map>
#include <random>

#include "analytics/blocs.h"

namespace entente::analytics {

namespace {

constexpr int64_t kScale = int64_t{1} << 24;

//! Per neighbour pair: the cost when both are on one side and when they are split.
struct PairCost {
  uint32_t other;
  int64_t same, split;
};

std::vector<std::vector<PairCost>> pairCosts(uint32_t n, const std::vector<SignedEdge>& edges) {
  std::map<std::pair<uint32_t, uint32_t>, std::pair<int64_t, int64_t>> counts;  // (pos, neg)
  for (const auto& e : edges) {
    if (e.u == e.v) continue;
    auto key = std::minmax(e.u, e.v);
    auto& c = counts[{key.first, key.second}];
    (e.sign > 0 ? c.first : c.second)++;
  }
  std::vector<std::vector<PairCost>> adj(n);
  for (const auto& [key, c] : counts) {
    int64_t same = c.second * kScale, split = c.first * (kScale + 1);
    adj[key.first].push_back({key.second, same, split});
    adj[key.second].push_back({key.first, same, split});
  }
  return adj;
}

int64_t costOf(const std::vector<std::vector<PairCost>>& adj, const std::vector<uint8_t>& side) {
  int64_t cost = 0;
  for (uint32_t v = 0; v < adj.size(); ++v)
    for (const auto& pc : adj[v])
      if (v < pc.other) cost += side[v] == side[pc.other] ? pc.same : pc.split;
  return cost;
}

//! Change in cost if `v` switches sides.
int64_t flipDelta(const std::vector<std::vector<PairCost>>& adj, const std::vector<uint8_t>& side,
                  uint32_t v) {
  int64_t d = 0;
  for (const auto& pc : adj[v])
    d += side[v] == side[pc.other] ? pc.split - pc.same : pc.same - pc.split;
  return d;
}

Partition finish(std::vector<uint8_t> side, const std::vector<SignedEdge>& edges, bool exact) {
  Partition p;
  p.side = std::move(side);
  for (const auto& e : edges) {
    if (e.u == e.v) {
      if (e.sign < 0) ++p.frustration;  // a negative self-loop can never be satisfied
      continue;
    }
    bool same = p.side[e.u] == p.side[e.v];
    if ((e.sign > 0 && !same) || (e.sign < 0 && same)) {
      ++p.frustration;
      if (e.sign > 0) ++p.frustrated_positive;
    }
  }
  p.exact = exact;
  return p;
}

//! Greedy descent: flip any node whose move lowers the cost until none does.
void descend(const std::vector<std::vector<PairCost>>& adj, std::vector<uint8_t>& side,
             const Interrupt& interrupt) {
  uint32_t n = static_cast<uint32_t>(adj.size());
  std::vector<int64_t> delta(n);
  for (uint32_t v = 0; v < n; ++v) delta[v] = flipDelta(adj, side, v);
  std::vector<uint32_t> queue;
  std::vector<uint8_t> queued(n, 1);
  for (uint32_t v = 0; v < n; ++v) queue.push_back(v);
  while (!queue.empty()) {
    uint32_t v = queue.back();
    queue.pop_back();
    queued[v] = 0;
    interrupt.tick(1 + adj[v].size());
    if (delta[v] >= 0) continue;
    side[v] ^= 1;
    delta[v] = -delta[v];
    for (const auto& pc : adj[v]) {
      // The pair (v, other) switched between same and split: other's delta moves by twice
      // the difference.
      int64_t diff = pc.split - pc.same;
      delta[pc.other] += side[v] == side[pc.other] ? 2 * diff : -2 * diff;
      if (delta[pc.other] < 0 && !queued[pc.other]) {
        queued[pc.other] = 1;
        queue.push_back(pc.other);
      }
    }
  }
}

}  // namespace

int64_t frustrationOf(const std::vector<SignedEdge>& edges, const std::vector<uint8_t>& side) {
  return finish(side, edges, false).frustration;
}

Partition balanceExact(uint32_t n, const std::vector<SignedEdge>& edges,
                       const Interrupt& interrupt) {
  if (n == 0) return finish({}, edges, true);
  n = std::min<uint32_t>(n, 30);
  auto adj = pairCosts(n, edges);
  std::vector<uint8_t> side(n, 0), best_side(n, 0);
  int64_t cost = costOf(adj, side), best = cost;
  // Node 0 stays on side 0 (a split and its mirror image are the same split).
  uint64_t steps = uint64_t{1} << (n - 1);
  for (uint64_t i = 1; i < steps; ++i) {
    uint32_t v = static_cast<uint32_t>(__builtin_ctzll(i)) + 1;
    interrupt.tick(1 + adj[v].size());
    cost += flipDelta(adj, side, v);
    side[v] ^= 1;
    if (cost < best) {
      best = cost;
      best_side = side;
    }
  }
  return finish(std::move(best_side), edges, true);
}

Partition balanceHeuristic(uint32_t n, const std::vector<SignedEdge>& edges, int restarts,
                           uint64_t seed, const Interrupt& interrupt) {
  if (n == 0) return finish({}, edges, false);
  auto adj = pairCosts(n, edges);
  std::mt19937_64 rng(seed);
  // Start 1: colour a BFS spanning forest by sign (balanced graphs come out exact).
  std::vector<uint8_t> side(n, 0), seen(n, 0);
  for (uint32_t s = 0; s < n; ++s) {
    if (seen[s]) continue;
    seen[s] = 1;
    std::vector<uint32_t> queue = {s};
    for (size_t i = 0; i < queue.size(); ++i) {
      uint32_t v = queue[i];
      for (const auto& pc : adj[v]) {
        if (seen[pc.other]) continue;
        seen[pc.other] = 1;
        bool negative = pc.same > pc.split;  // more negative than positive relations
        side[pc.other] = negative ? side[v] ^ 1 : side[v];
        queue.push_back(pc.other);
      }
    }
  }
  descend(adj, side, interrupt);
  std::vector<uint8_t> best_side = side;
  int64_t best = costOf(adj, side);
  std::uniform_int_distribution<uint32_t> pick(0, n - 1);
  for (int r = 0; r < restarts; ++r) {
    interrupt.tick(n);
    if (r % 2 == 0) {
      for (auto& s : side) s = static_cast<uint8_t>(rng() & 1);  // random restart
    } else {
      side = best_side;  // perturb the best: flip ~5% of the nodes
      for (uint32_t k = 0; k < std::max<uint32_t>(1, n / 20); ++k) side[pick(rng)] ^= 1;
    }
    descend(adj, side, interrupt);
    int64_t c = costOf(adj, side);
    if (c < best) {
      best = c;
      best_side = side;
    }
  }
  return finish(std::move(best_side), edges, false);
}

}  // namespace entente::analytics
