// analytics/projection.h — compressed (CSR) in-memory projections of the stored graph.
//
// Every graph algorithm and every piece of alliance reasoning runs on a Projection: the
// relations of some types (optionally only those valid at an AS OF date) copied out of one
// storage snapshot into a Boost.Graph compressed_sparse_row_graph, with the stored node ids
// mapped to dense indexes 0..n-1. Each CSR edge carries the relation's id, type, sign (from
// the relation-type schema), a weight and whether it runs against the stored direction.
// Projections are immutable once built and shared (shared_ptr<const Projection>); a
// ProjectionCache (one per query Engine, i.e. per open database) keeps them until
// GraphStore::version() changes. Building honours an Interrupt (analytics/interrupt.h), so
// projecting a large graph stops when its query is cancelled or out of time.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "analytics/interrupt.h"
#include "entente/value.h"
#include "storage/graph_store.h"

namespace entente::analytics {

using storage::EdgeId;
using storage::NodeId;
using storage::TypeId;

//! How relation direction is projected.
enum class DirectionMode : uint8_t {
  kDirected,    //! as stored; symmetric types (ALLIED_WITH, FIGHTS, ...) also the other way
  kUndirected,  //! every relation in both directions
};

//! What to project. Default: every relation type, no date filter, directed.
struct ProjectionSpec {
  std::vector<std::string> types;  //! relation type names; empty = every type
  std::optional<Date> as_of;       //! keep relations valid at as_of (storage/valid_time.h)
  DirectionMode direction = DirectionMode::kDirected;
  //! Edge weight: "" = 1 / confidence (1 when absent or not positive); otherwise the
  //! numeric value of this relation property (1 when absent, not numeric or negative).
  std::string weight_property;
  //! Only relation types with a non-neutral sign (alliance reasoning).
  bool signed_only = false;

  std::string cacheKey() const;
};

//! Data attached to each CSR edge.
struct EdgeData {
  EdgeId id = 0;
  TypeId type = 0;
  int8_t sign = 0;        //! -1, 0, +1 from the relation type's schema
  bool reversed = false;  //! this CSR edge runs dst -> src of the stored relation
  double weight = 1.0;
  double confidence = 1.0;  //! the relation's `confidence` (1 when absent)
};

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeData,
                                                    boost::no_property, uint32_t, uint32_t>;

class Projection {
 public:
  //! Builds a projection from one snapshot. Never throws for data reasons (unknown type
  //! names simply select nothing); throws what `interrupt` raises when it fires.
  static std::shared_ptr<const Projection> build(const storage::Transaction& txn,
                                                 const ProjectionSpec& spec,
                                                 const Interrupt& interrupt = {});

  const CsrGraph& graph() const { return graph_; }
  const ProjectionSpec& spec() const { return spec_; }
  uint32_t nodeCount() const { return static_cast<uint32_t>(nodes_.size()); }
  size_t edgeCount() const { return boost::num_edges(graph_); }
  //! Dense index of a stored node, nullopt if the node is not in the projection.
  std::optional<uint32_t> indexOf(NodeId id) const;
  NodeId nodeAt(uint32_t index) const { return nodes_[index]; }
  const std::vector<NodeId>& nodes() const { return nodes_; }
  //! The out-edges of dense node `v` as a contiguous range [first, last) of edge indexes;
  //! edges are sorted by target within a source, so parallel relations are adjacent.
  std::pair<uint32_t, uint32_t> outRange(uint32_t v) const {
    return {graph_.m_forward.m_rowstart[v], graph_.m_forward.m_rowstart[v + 1]};
  }
  uint32_t target(uint32_t e) const { return graph_.m_forward.m_column[e]; }
  const EdgeData& edge(uint32_t e) const {
    return graph_[boost::detail::csr_edge_descriptor<uint32_t, uint32_t>(0, e)];
  }
  //! The stored type name of a TypeId seen in this projection ("" if unknown).
  const std::string& typeName(TypeId t) const;

 private:
  ProjectionSpec spec_;
  std::vector<NodeId> nodes_;  // sorted: indexOf is a binary search
  CsrGraph graph_;
  std::unordered_map<TypeId, std::string> type_names_;
};

using ProjectionPtr = std::shared_ptr<const Projection>;

//! Projections shared between queries until the data changes. Thread-safe. The query Engine
//! owns one for its store, so two databases in one process never share or evict each
//! other's projections, and they are freed with the database.
class ProjectionCache {
 public:
  explicit ProjectionCache(size_t capacity = 16) : capacity_(capacity) {}

  //! The projection of `spec` over the store's current data: built from a fresh read
  //! snapshot on a miss, then kept until store.version() moves on. An interrupted build
  //! throws and caches nothing.
  ProjectionPtr get(const storage::GraphStore& store, const ProjectionSpec& spec,
                    const Interrupt& interrupt = {});
  //! For a statement's own snapshot: a write transaction (which may hold uncommitted
  //! changes) always gets a fresh, uncached projection; a read one uses the cache.
  ProjectionPtr get(const storage::GraphStore& store, const storage::Transaction& txn,
                    const ProjectionSpec& spec, const Interrupt& interrupt = {});
  //! Projections currently held.
  size_t size() const;

  size_t hits() const;
  size_t misses() const;
  void clear();

 private:
  mutable std::mutex mu_;
  size_t capacity_;
  uint64_t version_ = 0;
  std::unordered_map<std::string, ProjectionPtr> entries_;
  size_t hits_ = 0, misses_ = 0;
};

//! What analytics code reads from: the statement's snapshot, optionally a store + cache so
//! that read-only statements share projections, and the statement's Interrupt.
struct GraphContext {
  const storage::Transaction& txn;
  const storage::GraphStore* store = nullptr;
  ProjectionCache* cache = nullptr;
  Interrupt interrupt = {};

  ProjectionPtr project(const ProjectionSpec& spec) const {
    if (store && cache) return cache->get(*store, txn, spec, interrupt);
    return Projection::build(txn, spec, interrupt);
  }
};

// ---- small helpers shared by the analytics code --------------------------------------------

//! The canonical `name` of a node, or "#<id>" if it has none.
std::string nodeName(const storage::Transaction& txn, NodeId id);

}  // namespace entente::analytics
