// analytics/alliance.h — backing paths, stance, allies and enemies on signed relations.
//
// The sign of each relation type (positive: BACKS, ALLIED_WITH, PART_OF, LEADS,
// AFFILIATED_WITH; negative: FIGHTS, STRIKES, CONSIDERS_TERRORIST; neutral types play no
// part) comes from the relation-type schema. Everything runs on an undirected signed
// Projection (cached until the data changes), optionally restricted to relations valid at
// an AS OF date.
//
// Backing path from A to B: a simple path A -> ... -> B of positive relations where BACKS
// (and any type listed in `forward_only`) is followed only from supporter to supported,
// and every other type both ways: membership and leadership are ties that carry support
// up (a member supports its coalition) and down (backing a coalition supports its
// members), and symmetric types (ALLIED_WITH) have no direction. So the United States
// reaches the YPG by BACKS SDF then SDF <-PART_OF- YPG, but nobody is "backed" by walking
// a BACKS relation backwards.
//
// Stance of A towards B: if direct signed relations link them, they decide (all positive:
// friendly; all negative: hostile; both: mixed). Otherwise every simple path of at most
// `max_hops` signed links (intermediates never Place/Source-only nodes: a struck place
// must not act as a go-between) has a sign (product of signs) and a weight 0.5^(length-1) ×
// the product of its links' confidences — the enemy of my enemy is a friend of weaker
// confidence. Parallel relations of the same sign between two actors form one link (the
// most confident one represents it). Two rules keep dense data (hundreds of states backing
// governments against the same jihadist groups) from drowning every proxy war in sheer path
// counts:
//   * a path that turns on a common recipient of two BACKS relations (A -BACKS-> X <-BACKS- B)
//     is not counted: backing the same party, often against different enemies (the US and
//     Iran both backed Iraq against IS), does not make two backers friends;
//   * each path length votes once: the friendly (hostile) weight is, summed over lengths, the
//     friendly (hostile) paths' weights divided by the number of paths of that length.
// The answer is mixed when the minority carries at least a third of the total weight, else
// the majority's sign; unknown when no path exists. See docs/reasoning.md.
//
// The searches tick the context's Interrupt, so a cancelled or timed-out query stops them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/projection.h"

namespace entente::analytics {

//! One traversed relation.
struct Hop {
  EdgeId edge = 0;
  TypeId type = 0;
  NodeId src = 0, dst = 0;  //! as stored
  bool reversed = false;    //! traversed dst -> src
  int8_t sign = 0;
  double confidence = 1.0;
};

struct SignedPath {
  std::vector<NodeId> nodes;  //! in traversal order, nodes.size() == hops.size() + 1
  std::vector<Hop> hops;
  int sign = 0;       //! product of the hops' signs
  double weight = 0;  //! 0.5^(len-1) × product of confidences (stance) or product of confidences
};

inline const std::vector<std::string>& defaultExcludedLabels() {
  static const std::vector<std::string> labels = {"Place", "Source"};
  return labels;
}

struct BackingOptions {
  int max_hops = 4;
  size_t max_paths = 20;
  std::vector<std::string> types = {"BACKS", "PART_OF", "LEADS", "ALLIED_WITH"};
  std::vector<std::string> forward_only = {"BACKS"};
  std::optional<Date> as_of;
  uint64_t budget = 2'000'000;  //! expansions before giving up (the result says truncated)
};

struct BackingResult {
  std::vector<SignedPath> paths;  //! shortest first, then most confident
  bool truncated = false;
};

BackingResult backingPaths(const GraphContext& ctx, NodeId from, NodeId to,
                           const BackingOptions& options = {});

enum class Stance : uint8_t { kUnknown, kFriendly, kHostile, kMixed };
const char* stanceName(Stance s);

struct StanceOptions {
  int max_hops = 4;
  size_t max_paths = 10;           //! explaining paths returned
  std::vector<std::string> types;  //! empty = every signed type
  std::optional<Date> as_of;
  //! A node is skipped as an intermediate when every one of its labels is listed here
  //! (the FSA is both ArmedGroup and Source and stays an actor).
  std::vector<std::string> excluded_labels = defaultExcludedLabels();
  double mixed_share = 1.0 / 3;  //! minority share of the weight that makes it mixed
  //! Two backers of one actor are not thereby friends: a path that turns on a common
  //! recipient of two relations of these types (A -BACKS-> X <-BACKS- B) is not counted.
  //! Empty: every path counts (plain structural balance).
  std::vector<std::string> co_backing_types = {"BACKS"};
  uint64_t budget = 2'000'000;
};

struct StanceResult {
  Stance stance = Stance::kUnknown;
  double confidence = 0;
  bool direct = false;                //! decided by direct relations
  double positive = 0, negative = 0;  //! weights per sign (each length's paths averaged)
  std::vector<SignedPath> paths;      //! explaining paths: direct first, then by weight
  size_t path_count = 0;              //! all paths found (paths may be a prefix)
  bool truncated = false;
};

StanceResult stance(const GraphContext& ctx, NodeId a, NodeId b, const StanceOptions& options = {});

struct Relative {
  NodeId node = 0;
  StanceResult stance;
};
//! Actors within two signed links of `a` whose stance (over paths of ≤ 2 links) is friendly
//! (allies) or hostile (enemies), most confident first.
std::vector<Relative> allies(const GraphContext& ctx, NodeId a, StanceOptions options = {});
std::vector<Relative> enemies(const GraphContext& ctx, NodeId a, StanceOptions options = {});

//! "Turkey -[CONSIDERS_TERRORIST]-> People's Protection Units -[PART_OF]-> Syrian Democratic
//! Forces (hostile, 2 hops)".
std::string describePath(const storage::Transaction& txn, const SignedPath& path);

//! Nodes whose labels are all in `labels` (for the intermediates rule), as a mask over the
//! projection's dense indexes.
std::vector<uint8_t> excludedMask(const storage::Transaction& txn, const Projection& p,
                                  const std::vector<std::string>& labels,
                                  const Interrupt& interrupt = {});

}  // namespace entente::analytics
