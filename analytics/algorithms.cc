// analytics/algorithms.cc — Dijkstra, components, betweenness and PageRank on a projection.
#include "analytics/algorithms.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>

namespace entente::analytics {

namespace {

//! Dijkstra event visitor: one tick per examined vertex.
struct TickOnExamine {
  using event_filter = boost::on_examine_vertex;
  const Interrupt* interrupt;
  template <typename Vertex, typename Graph>
  void operator()(Vertex, const Graph&) const {
    interrupt->tick();
  }
};

//! Boost's Brandes loop takes no visitor; its dependency map is written O(n + m) times per
//! source vertex, so this read-write map over a vector is where it notices an interrupt.
struct CheckedDependencyMap {
  using key_type = uint32_t;
  using value_type = double;
  using reference = double&;
  using category = boost::read_write_property_map_tag;
  std::vector<double>* values;
  const Interrupt* interrupt;
};
double get(const CheckedDependencyMap& m, uint32_t v) { return (*m.values)[v]; }
void put(const CheckedDependencyMap& m, uint32_t v, double x) {
  m.interrupt->tick();
  (*m.values)[v] = x;
}

}  // namespace

std::optional<ShortestPath> shortestPath(const Projection& p, uint32_t source, uint32_t target,
                                         const Interrupt& interrupt) {
  const CsrGraph& g = p.graph();
  uint32_t n = p.nodeCount();
  if (source >= n || target >= n) return std::nullopt;
  using Edge = boost::graph_traits<CsrGraph>::edge_descriptor;
  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  std::vector<Edge> pred(n);
  boost::dijkstra_shortest_paths(
      g, source,
      boost::weight_map(get(&EdgeData::weight, g))
          .distance_map(
              boost::make_iterator_property_map(dist.begin(), get(boost::vertex_index, g)))
          .visitor(boost::make_dijkstra_visitor(std::make_pair(
              boost::record_edge_predecessors(
                  boost::make_iterator_property_map(pred.begin(), get(boost::vertex_index, g)),
                  boost::on_edge_relaxed()),
              TickOnExamine{&interrupt}))));
  // dijkstra_shortest_paths initialises distances itself, to numeric_limits::max().
  if (dist[target] >= std::numeric_limits<double>::max()) return std::nullopt;
  ShortestPath path;
  path.cost = dist[target];
  for (uint32_t v = target; v != source && path.edges.size() < n;) {
    const Edge& e = pred[v];
    path.edges.push_back(static_cast<uint32_t>(get(boost::edge_index, g, e)));
    path.nodes.push_back(v);
    v = static_cast<uint32_t>(boost::source(e, g));
  }
  path.nodes.push_back(source);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.edges.begin(), path.edges.end());
  return path;
}

std::vector<uint32_t> connectedComponents(const Projection& p, uint32_t* count,
                                          const Interrupt& interrupt) {
  uint32_t n = p.nodeCount();
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];  // path halving
    return x;
  };
  for (uint32_t v = 0; v < n; ++v) {
    auto [first, last] = p.outRange(v);
    interrupt.tick(1 + last - first);
    for (uint32_t e = first; e < last; ++e) {
      uint32_t a = find(v), b = find(p.target(e));
      if (a != b) parent[std::max(a, b)] = std::min(a, b);  // smallest index is the root
    }
  }
  std::vector<uint32_t> comp(n, UINT32_MAX), label_of_root(n, UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t r = find(v);
    if (label_of_root[r] == UINT32_MAX) label_of_root[r] = next++;
    comp[v] = label_of_root[r];
  }
  if (count) *count = next;
  return comp;
}

std::vector<double> betweenness(const Projection& p, bool normalize, const Interrupt& interrupt) {
  // Parallel relations would multiply shortest-path counts: use the simple graph.
  uint32_t n = p.nodeCount();
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t v = 0; v < n; ++v) {
    auto [first, last] = p.outRange(v);
    interrupt.tick(1 + last - first);
    for (uint32_t e = first; e < last; ++e) {
      uint32_t t = p.target(e);
      if (t != v && (pairs.empty() || pairs.back() != std::make_pair(v, t)))
        pairs.emplace_back(v, t);
    }
  }
  using Simple =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                         boost::no_property, uint32_t, uint32_t>;
  Simple g(boost::edges_are_sorted, pairs.begin(), pairs.end(), n);
  // The positional overload, to pass the checked dependency map; the other maps are the
  // ones Boost would allocate itself.
  auto index = get(boost::vertex_index, g);
  std::vector<double> score(n, 0.0), dependency(n, 0.0), path_count(n, 0.0);
  std::vector<uint32_t> distance(n, 0);
  std::vector<std::vector<boost::graph_traits<Simple>::edge_descriptor>> incoming(n);
  boost::brandes_betweenness_centrality(
      g, boost::make_iterator_property_map(score.begin(), index), boost::dummy_property_map(),
      boost::make_iterator_property_map(incoming.begin(), index),
      boost::make_iterator_property_map(distance.begin(), index),
      CheckedDependencyMap{&dependency, &interrupt},
      boost::make_iterator_property_map(path_count.begin(), index), index);
  bool undirected = p.spec().direction == DirectionMode::kUndirected;
  if (undirected)
    for (double& s : score) s /= 2;  // each unordered pair was counted in both directions
  if (normalize && n > 2) {
    double pairs_count = static_cast<double>(n - 1) * (n - 2) / (undirected ? 2 : 1);
    for (double& s : score) s /= pairs_count;
  }
  return score;
}

std::vector<double> pageRank(const Projection& p, double damping, int iterations,
                             const Interrupt& interrupt) {
  uint32_t n = p.nodeCount();
  if (n == 0) return {};
  std::vector<double> rank(n, 1.0 / n), next(n);
  std::vector<uint32_t> outdeg(n);
  for (uint32_t v = 0; v < n; ++v) outdeg[v] = p.outRange(v).second - p.outRange(v).first;
  for (int it = 0; it < iterations; ++it) {
    interrupt.tick(n);
    double dangling = 0;
    for (uint32_t v = 0; v < n; ++v)
      if (outdeg[v] == 0) dangling += rank[v];
    std::fill(next.begin(), next.end(), (1.0 - damping) / n + damping * dangling / n);
    for (uint32_t v = 0; v < n; ++v) {
      if (outdeg[v] == 0) continue;
      double share = damping * rank[v] / outdeg[v];
      auto [first, last] = p.outRange(v);
      interrupt.tick(last - first);
      for (uint32_t e = first; e < last; ++e) next[p.target(e)] += share;
    }
    rank.swap(next);
  }
  return rank;
}

}  // namespace entente::analytics
