// storage/index_catalog.h — the in-memory catalog of indexes and constraints, and its
// encoding in the `meta` column family (layout in key_codec.h).
//
// The store keeps one immutable IndexCatalog behind a shared_ptr; a write transaction that
// creates or drops an index works on its own copy and publishes it at commit, in the same
// critical section (RocksStore::view_mu_) as its RocksDB write, so every ReadView pairs a
// snapshot with the catalog of exactly the commits it holds. Writes look indexes up here by
// label or type (never in RocksDB): a node whose labels carry no index costs one bool test.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/index_schema.h"

namespace entente::storage {

//! Entry and distinct-tuple counts of one index (absolute in the store, deltas in a
//! transaction).
struct IndexCounts {
  int64_t entries = 0;
  int64_t distinct = 0;
};

class IndexCatalog {
 public:
  IndexCatalog() = default;
  IndexCatalog(const IndexCatalog& other) : defs_(other.defs_) { rebuild(); }
  IndexCatalog& operator=(const IndexCatalog&) = delete;

  //! nullptr if absent. Pointers stay valid while this catalog lives and is not changed.
  const IndexDef* byId(IndexId id) const;
  const IndexDef* byName(std::string_view name) const;
  //! Indexes and constraints on one label (kNode) or type (kRelationship), by id.
  const std::vector<const IndexDef*>& on(IndexEntity entity, uint32_t target) const;
  //! Whether anything is defined on that kind of entity (the hot-path test).
  bool anyOn(IndexEntity entity) const {
    return entity == IndexEntity::kNode ? any_node_ : any_rel_;
  }
  const std::map<IndexId, IndexDef>& all() const { return defs_; }
  bool empty() const { return defs_.empty(); }

  void put(IndexDef def);
  void erase(IndexId id);

 private:
  void rebuild();
  std::map<IndexId, IndexDef> defs_;
  std::map<std::pair<IndexEntity, uint32_t>, std::vector<const IndexDef*>> by_target_;
  bool any_node_ = false, any_rel_ = false;
};

namespace codec {
//! [format:1 = 1][entity:1][constraint:1][state:1][target:4][n:4][key:4]*n[name bytes]
std::string encodeIndexDef(const IndexDef& def);
//! False if the bytes are not an IndexDef (def->id is left for the caller to set).
bool decodeIndexDef(std::string_view bytes, IndexDef* def);
}  // namespace codec

}  // namespace entente::storage
