// analytics/blocs.h — camps of actors by structural balance.
//
// Actors are the nodes with at least one signed relation to another actor (nodes whose
// labels are all Place/Source are not actors; explicit lists of actors or of relations
// narrow it down). Each connected component of the signed
// graph is split into two camps so that the number of frustrated relations (positive
// across camps, negative within one) is minimal; parallel relations count one each.
// Among equally frustrated splits, the one that frustrates fewer positive relations wins
// (a camp is defined by who backs whom: hostility inside a camp, like Turkey designating
// the YPG of the US-backed SDF, is the more ordinary anomaly), then the first found.
//
// Exact for components of up to `exact_limit` nodes (default 24): Gray-code enumeration of
// all 2^(n-1) splits with O(degree) updates per step. Larger components: iterated local
// search (start from a spanning-tree colouring, then random restarts and perturbations,
// greedy single-node moves), which reports the frustration it reached; exact == false.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/alliance.h"

namespace entente::analytics {

// ---- the combinatorial core (no storage) ---------------------------------------------------

struct SignedEdge {
  uint32_t u, v;
  int8_t sign;  // +1 / -1
};

struct Partition {
  std::vector<uint8_t> side;  //! 0 / 1 per node
  int64_t frustration = 0;    //! frustrated relations
  int64_t frustrated_positive = 0;
  bool exact = false;
};

int64_t frustrationOf(const std::vector<SignedEdge>& edges, const std::vector<uint8_t>& side);
//! Minimum over all splits of n nodes (REQUIRES n <= 30; seconds above ~26).
Partition balanceExact(uint32_t n, const std::vector<SignedEdge>& edges,
                       const Interrupt& interrupt = {});
//! Iterated local search; deterministic for a given seed.
Partition balanceHeuristic(uint32_t n, const std::vector<SignedEdge>& edges, int restarts = 20,
                           uint64_t seed = 1, const Interrupt& interrupt = {});

// ---- on the stored graph -------------------------------------------------------------------

struct BlocOptions {
  std::vector<std::string> types;  //! empty = every signed type
  std::optional<Date> as_of;
  //! If set, only these nodes may be actors: the blocs of the subgraph they induce (e.g. the
  //! parties to one war and their supporters). Unset: every node.
  std::optional<std::vector<NodeId>> actors;
  //! If set, only these relations count (e.g. those of one war: backing Iraq against IS
  //! says nothing about the camps of the Syrian war). Unset: every signed relation.
  std::optional<std::vector<EdgeId>> relations;
  std::vector<std::string> excluded_labels = defaultExcludedLabels();
  uint32_t exact_limit = 24;  //! largest component solved exactly
  int restarts = 20;
  uint64_t seed = 1;
};

struct FrustratedRelation {
  EdgeId edge;
  NodeId src, dst;
  TypeId type;
  int8_t sign;
};

struct Bloc {
  int number = 0;     //! 1, 2, ... (largest component first, its larger camp first)
  int component = 0;  //! 1, 2, ...
  std::vector<NodeId> members;
};

struct ComponentBalance {
  int component = 0;
  size_t actors = 0, relations = 0;
  int64_t frustration = 0;
  bool exact = false;
  std::vector<FrustratedRelation> frustrated;
};

struct BlocsResult {
  std::vector<Bloc> blocs;
  std::vector<ComponentBalance> components;
  int64_t frustration = 0;  //! total over components
  size_t actors = 0, relations = 0;
  bool exact = true;  //! every component solved exactly
};

BlocsResult blocs(const GraphContext& ctx, const BlocOptions& options = {});

}  // namespace entente::analytics
