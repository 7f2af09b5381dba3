// query/materialize.h — engine values (ids) to public values (entente::Node, ...).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "entente/value.h"
#include "query/runtime/runtime_value.h"
#include "storage/graph_store.h"

namespace entente::query {

//! Converts one value, reading labels, types and properties of graph values from `txn`.
//! `names` caches dictionary strings for the duration of one statement.
Value materialize(const RValue& v, const storage::Transaction& txn,
                  std::unordered_map<uint32_t, std::string>& names);

}  // namespace entente::query
