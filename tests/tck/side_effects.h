// tests/tck/side_effects.h — side effects as the openCypher TCK defines them.
//
// The TCK measures a statement's side effects by comparing the graph before and after it
// (the reference implementation, tck-api's SideEffectOps, does exactly that): +nodes are
// node ids that appear, +labels label names that come into use, +properties (entity, key,
// value) triples that appear, and so on. That differs from an engine's statement counters:
// `CREATE (:L), (:L)` adds one label, changing a property counts +1 and -1, deleting a node
// removes its properties. So the runner measures the graph, not Entente's Stats.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "entente/entente.h"

namespace entente::tck {

struct GraphState {
  std::set<uint64_t> nodes, relationships;
  std::set<std::string> labels;      // label names in use
  std::set<std::string> properties;  // "n<id> key value" / "r<id> key value"
};

//! The current state of `db`, or nullopt (with *error) if it cannot be read.
std::optional<GraphState> captureState(Database& db, std::string* error);

//! "+nodes", "-nodes", "+relationships", "-relationships", "+labels", "-labels",
//! "+properties", "-properties" → counts.
std::map<std::string, int64_t> sideEffects(const GraphState& before, const GraphState& after);

}  // namespace entente::tck
