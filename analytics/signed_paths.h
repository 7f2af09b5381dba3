// analytics/signed_paths.h — the simple signed paths between actors that stance, allies and
// enemies weigh (internal to analytics/).
//
// A path is a sequence of signed links over an undirected signed Projection; parallel
// relations of one sign between two nodes form one link. A path never visits a node twice,
// never passes *through* an excluded node (Places and Sources: two actors striking the
// same town are not thereby friends), and must be readable without turning on a common
// recipient of two backing relations: in A -BACKS-> X <-BACKS- B, A and B merely back the
// same party (often against different enemies), which says nothing about them. When a link
// holds relations both ways (X and Y back each other) the path is kept if some reading of
// its links avoids such a turn, and the hops reported are that reading's relations.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

#include "analytics/alliance.h"

namespace entente::analytics {

constexpr int kUnreachable = std::numeric_limits<int>::max();

//! One signed link out of a node: the most confident relation of each way of reading it
//! (kNoEdge when there is none). `out`: this node backs the neighbour; `in`: the neighbour
//! backs this node (both only for co-backing types); `other`: any other relation.
struct Link {
  static constexpr uint32_t kNoEdge = UINT32_MAX;
  uint32_t target = 0;
  int8_t sign = 0;
  uint32_t out = kNoEdge, in = kNoEdge, other = kNoEdge;
};

//! The signed links of node `v`. `co_backing`: the relation types of the rule above (BACKS).
std::vector<Link> linksOf(const Projection& p, uint32_t v,
                          const std::vector<TypeId>& co_backing = {});

//! Hop distances to `b` over signed links, never passing through an excluded node
//! (kUnreachable beyond `max_hops`); a lower bound for the enumeration's pruning.
std::vector<int> distancesTo(const Projection& p, uint32_t b, int max_hops,
                             const std::vector<uint8_t>& excluded, const Interrupt& interrupt);

//! Enumerates simple signed paths from `a` of at most `max_hops` links. With a target, only
//! paths ending there (pruned by `dist`); without one, every path to a non-excluded node.
//! Paths come with weight 0.5^(length-1) × the product of their relations' confidences.
class PathEnumerator {
 public:
  PathEnumerator(const Projection& p, const std::vector<uint8_t>& excluded,
                 std::vector<TypeId> co_backing, uint64_t budget, const Interrupt& interrupt);

  void run(uint32_t a, std::optional<uint32_t> target, int max_hops, const std::vector<int>* dist,
           const std::function<void(SignedPath&&)>& emit);
  //! The search budget ran out: paths may be missing.
  bool truncated() const { return truncated_; }

 private:
  //! Which readings of the path so far are possible: ending `free` (the last node is not the
  //! backed recipient of the last link) or ending `backed` (it is).
  struct Reach {
    bool free = false, backed = false;
  };
  void dfs(uint32_t v, int depth);
  void record();

  const Projection& p_;
  const std::vector<uint8_t>& excluded_;
  const std::vector<TypeId> co_backing_;
  const Interrupt& interrupt_;
  uint64_t budget_, steps_ = 0;
  bool truncated_ = false;
  std::vector<uint8_t> on_path_;
  std::optional<uint32_t> target_;
  int max_hops_ = 0;
  const std::vector<int>* dist_ = nullptr;
  const std::function<void(SignedPath&&)>* emit_ = nullptr;
  std::vector<uint32_t> nodes_;
  std::vector<Link> links_;
  std::vector<Reach> reach_;  // reach_[i]: on arriving at nodes_[i]
};

}  // namespace entente::analytics
