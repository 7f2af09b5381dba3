// query/exec/write_util.h — turning evaluated values into stored properties.
//
// Property values must be storable: null (meaning "absent"), bool, int, float, string, date,
// lists of those scalars, and maps (an Entente extension). Reserved relationship properties
// are normalised: since/until become dates (ISO strings accepted), confidence must be a
// number in 0..1, source is a node id or list of node ids (Source nodes accepted).
#pragma once

#include <string_view>

#include "query/exec/exec_state.h"
#include "storage/graph_store.h"

namespace entente::query {

//! The value to store for `key` (null RValue => nullopt: remove / do not store).
//! Throws TypeError / ArgumentError naming the property.
std::optional<Value> storableValue(const RValue& v, std::string_view key, bool relationship);

//! Sets or removes `key` in sorted `props`; counts like the openCypher TCK
//! (+1 set for a non-null value, -1 removed when an old value is replaced or removed).
void putProperty(ExecState& st, storage::Properties& props, uint32_t key,
                 std::optional<Value> value);

//! The map a `SET x = ...` / `+= ...` / CREATE property map evaluates to, as (key, value)
//! pairs. Nodes and relationships stand for their properties.
RMap propertyMapOf(ExecState& st, const RValue& v, std::string_view what);

//! Stored properties of a node/relationship that must exist (EntityNotFound otherwise).
storage::NodeRecord loadNode(ExecState& st, uint64_t id);
storage::EdgeRecord loadEdge(ExecState& st, uint64_t id);

}  // namespace entente::query
