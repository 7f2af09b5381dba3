// analytics/algorithms.h — classic graph algorithms on a Projection (Boost.Graph).
//
// Weighted shortest path is boost::dijkstra_shortest_paths and betweenness is
// boost::brandes_betweenness_centrality, both run directly on the projection's CSR.
// Connected components are a union-find over the CSR edges (boost::connected_components
// needs an undirected graph type and the CSR graph is directed-only, so a union-find over
// its edges is the cheaper equivalent: direction is ignored, i.e. weak components).
// PageRank is a power iteration over the CSR out-edges: Boost's page_rank needs a
// bidirectional graph (in-edges), which would double the projection's memory.
// Each takes an Interrupt (analytics/interrupt.h) and throws what it raises when it fires.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "analytics/projection.h"

namespace entente::analytics {

struct ShortestPath {
  std::vector<uint32_t> nodes;  //! dense indexes, source first
  std::vector<uint32_t> edges;  //! CSR edge indexes (see Projection::edge), nodes.size()-1 of them
  double cost = 0;
};

//! Cheapest path from `source` to `target` by edge weight (Dijkstra); nullopt if unreachable.
std::optional<ShortestPath> shortestPath(const Projection& p, uint32_t source, uint32_t target,
                                         const Interrupt& interrupt = {});

//! Weakly connected components: component id per node (0.. in order of first node index).
std::vector<uint32_t> connectedComponents(const Projection& p, uint32_t* count = nullptr,
                                          const Interrupt& interrupt = {});

//! Betweenness centrality (Brandes, unweighted, parallel relations counted once). For an
//! undirected projection the scores are those of the undirected graph (each pair counted
//! once). `normalize` divides by the number of ordered pairs not involving the node.
std::vector<double> betweenness(const Projection& p, bool normalize = false,
                                const Interrupt& interrupt = {});

//! PageRank by power iteration; dangling nodes spread their rank evenly. Scores sum to 1.
std::vector<double> pageRank(const Projection& p, double damping = 0.85, int iterations = 20,
                             const Interrupt& interrupt = {});

}  // namespace entente::analytics
