// query/procedures/analytics_args.h — argument handling shared by the alliance.*, algo.*
// and identity.* procedures (entity resolution, type lists, option maps, result values).
//
// Entity arguments accept a node, a node id or a name/alias (case-insensitive). A name that
// matches nothing is an EntityNotFound error naming it; one that matches several entities
// is an ArgumentError. Unless the options map says {followLineage: false}, an entity that
// has a successor (someone is FORMERLY it) is replaced by its current identity, and the
// procedure reports it (a notice, and its `followed_lineage` column).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/alliance.h"
#include "analytics/projection.h"
#include "query/procedures/registry.h"

namespace entente::query::proc {

//! The statement's snapshot, its engine's projection cache and its time budget / cancel flag.
analytics::GraphContext graphContext(ProcedureContext& ctx);

struct EntityArg {
  storage::NodeId node = 0;   //! the entity to answer for
  storage::NodeId named = 0;  //! the entity the argument designated
  std::string followed;       //! "" or "Al-Nusra Front is now Hayat Tahrir al-Sham (FORMERLY)"
};

EntityArg entityArg(ProcedureContext& ctx, const RValue& arg, std::string_view param,
                    bool follow_lineage);

//! Relation types from null (default), "A|B", "A" or a list of strings.
std::vector<std::string> typesArg(const RValue& arg, std::string_view param);

//! Option `key` of a map argument (null arg = no options); nullptr if absent.
const RValue* option(const RValue& options, std::string_view key);
int64_t intOption(const RValue& options, std::string_view key, int64_t fallback);
double floatOption(const RValue& options, std::string_view key, double fallback);
bool boolOption(const RValue& options, std::string_view key, bool fallback);
//! REQUIRES: options is null or a map (else ArgumentError naming the procedure).
void checkOptions(const RValue& options, std::string_view procedure);

//! A map value from unsorted pairs.
RValue makeMap(std::vector<std::pair<std::string, RValue>> entries);
//! A path value in traversal order.
RValue pathValue(const analytics::SignedPath& path);
//! The relations of a path as maps: type, from, to, since, until, sources (names),
//! source_ids, said_by, confidence and properties (all of them, as stored); from/to are
//! names, in the stored direction.
RValue relationsValue(const storage::Transaction& txn, const analytics::SignedPath& path);

}  // namespace entente::query::proc
