// storage/adjacency.h — an in-memory, immutable copy of the committed adjacency.
//
// Expanding a node through RocksDB costs a Seek (index binary search, block-cache lookup,
// key compares) before the first neighbour; for the small traversals our users ask all day
// that Seek is most of the query. An AdjacencySnapshot answers Transaction::edges() from
// memory instead, in exactly the order and with exactly the content the `out`/`in` column
// families would give at the same snapshot (tests/storage/adjacency_test.cc checks this).
//
// Layout: a compressed-sparse-row base (per direction: offsets by node id, then entries
// sorted by (type, neighbour, edge id), 12 bytes each) plus an overlay holding the complete
// list of every node whose adjacency changed since the base was built. Deriving the snapshot
// after a commit copies only the overlay's map of shared lists and the touched lists; when
// the overlay outgrows a fraction of the base, the two are merged into a new base.
//
// The base stores ids as 32-bit numbers: a graph whose node or edge ids do not fit (or whose
// node ids are too sparse for an offsets array) gets no snapshot and is served by RocksDB.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/graph_store.h"

namespace entente::storage {

//! The final state of one edge after a commit: present (created or properties changed, with
//! its encoded properties) or absent (deleted).
struct AdjChange {
  EdgeId id;
  NodeId src;
  TypeId type;
  NodeId dst;
  bool present;
  std::string props;  // encoded (property_codec), when present
};

//! One edge as the builder receives it.
struct AdjInput {
  NodeId src;
  TypeId type;
  NodeId dst;
  EdgeId id;
  std::string_view props;  // encoded; must outlive build()
};

class AdjacencySnapshot {
 public:
  //! Builds a snapshot of exactly `edges` (any order). Null if the ids do not fit the layout.
  static std::shared_ptr<const AdjacencySnapshot> build(std::vector<AdjInput> edges);
  //! The empty graph.
  static std::shared_ptr<const AdjacencySnapshot> empty();

  //! This snapshot with `changes` applied (in order). Null if an id does not fit the layout.
  std::shared_ptr<const AdjacencySnapshot> apply(const std::vector<AdjChange>& changes) const;

  //! Same contract as Transaction::edges (order, kBoth reporting a self loop once, stop early).
  //! Returns false if fn stopped the iteration.
  bool edges(NodeId node, Direction dir, const std::vector<TypeId>& types,
             const std::function<bool(const EdgeRef&)>& fn) const;
  size_t degree(NodeId node, Direction dir, const std::vector<TypeId>& types) const;
  //! Every edge once, in (src, type, dst, id) order: Transaction::scanEdges from memory.
  bool scanAll(const std::function<bool(const EdgeRef&)>& fn) const;

  size_t edgeCount() const { return edge_count_; }
  //! Approximate heap bytes held (base shared with other snapshots counted in full).
  size_t memoryBytes() const;

  struct Base;
  struct NodeList;

 private:
  friend class AdjacencyBuilder;
  static std::shared_ptr<const AdjacencySnapshot> fromBase(std::shared_ptr<const Base> base);
  bool visit(int side, NodeId node, const std::vector<TypeId>& types, bool skip_self_loops,
             const std::function<bool(const EdgeRef&)>& fn) const;
  std::shared_ptr<const AdjacencySnapshot> merged() const;

  std::shared_ptr<const Base> base_;
  // side 0 = out (neighbour = dst), side 1 = in (neighbour = src)
  std::unordered_map<NodeId, std::shared_ptr<const NodeList>> overlay_[2];
  size_t overlay_entries_ = 0;
  size_t edge_count_ = 0;
};

}  // namespace entente::storage
