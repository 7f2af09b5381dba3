// analytics/identity.h — identity lineage through FORMERLY relations.
//
// `X -[:FORMERLY]-> Y` says X was formerly Y (renamed, or Y's successor): HTS FORMERLY
// Al-Nusra Front. lineage() walks these relations both ways; resolveCurrent() turns a name
// into the entity that carries it today: when the named entity has a single successor it
// follows the chain (Al-Nusra Front -> Hayat Tahrir al-Sham) and says so. With an AS OF
// date only FORMERLY relations valid then are followed (a rename dated after the date has
// not happened yet). A split (two successors) stops the walk: the answer would be a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/value.h"
#include "storage/graph_store.h"

namespace entente::analytics {

struct LineageStep {
  storage::NodeId node = 0;
  int step =
      0;  //! 0: the entity itself; -1 its former identity, -2 the one before; +1 successor, ...
};

//! The entity's lineage, ordered by step (oldest first). Always contains {node, 0}.
std::vector<LineageStep> lineage(const storage::Transaction& txn, storage::NodeId node,
                                 std::optional<Date> as_of = std::nullopt);

struct CurrentEntity {
  storage::NodeId named = 0;           //! the entity the name or id designates
  storage::NodeId current = 0;         //! after following successors (== named if none)
  std::vector<storage::NodeId> chain;  //! named, ..., current
  bool followed() const { return current != named; }
  bool ambiguous_successor = false;  //! stopped at an entity with several successors
};

//! Follows successors of `node` (entities that are FORMERLY it) while there is exactly one.
CurrentEntity currentOf(const storage::Transaction& txn, storage::NodeId node,
                        std::optional<Date> as_of = std::nullopt);

//! Resolves a name or alias (case-insensitive) and follows its lineage. Empty when the name
//! matches nothing; several entries when it matches several entities.
std::vector<CurrentEntity> resolveCurrent(const storage::Transaction& txn, std::string_view name,
                                          std::optional<Date> as_of = std::nullopt);

}  // namespace entente::analytics
