// api/convert.h — conversions between the public API's types and the storage layer's.
//
// The public API speaks Node / Relationship / Map with string names; storage speaks
// records with dictionary ids. Everything crossing that line goes through here, as does
// the checks of the reserved
// properties (since/until dates, confidence 0..1, source ids) shared by the CRUD calls and
// the importers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/entente.h"
#include "query/status_error.h"
#include "storage/graph_store.h"

namespace entente::api {

inline constexpr std::string_view kKey = "key";  // dataset-local key kept on imported entities

// A failed storage call becomes an Error through query::fromStatus (query/status_error.h),
// the one mapping shared with the query engine.
Error invalidInput(std::string message, int line = 0, int column = 0);
Error ioError(std::string message);
Error internalError(std::string message);
Error notFound(std::string message);

Map toMap(const storage::Transaction& txn, const storage::Properties& props);
Node toNode(const storage::Transaction& txn, const storage::NodeRecord& record);
Relationship toRelationship(const storage::Transaction& txn, const storage::EdgeRecord& record);

//! Interns the keys, drops null values, sorts by key id (the storage invariant).
storage::Result<storage::Properties> toProperties(storage::Transaction& txn, const Map& map);
storage::Result<std::vector<storage::LabelId>> internLabels(storage::Transaction& txn,
                                                            const std::vector<std::string>& labels);

//! A short name of a value's type for messages: "string", "integer", "list", ...
std::string jsonTypeName(const Value& v);

//! Checks that every value may be stored and that the reserved properties have their types;
//! converts since/until strings to dates and a single `source` id to a list. Returns "" or
//! a message such as "confidence: expected a number in 0..1, got string".
std::string normalizeEntityProperties(Map* props);
std::string normalizeRelationProperties(Map* props);

//! Runs `f`, turning any exception into an InternalError so none crosses the public API.
template <typename F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return internalError("out of memory");
  } catch (const std::exception& e) {
    return internalError(e.what());
  } catch (...) {
    return internalError("unknown exception");
  }
}

}  // namespace entente::api
