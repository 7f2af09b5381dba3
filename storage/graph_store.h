// storage/graph_store.h — the property graph on RocksDB.
//
// This module owns every byte on disk. It keeps entities (nodes) with labels and properties,
// directed typed relations (edges) written twice (out- and in-index, type in the key so that
// "relations of type T from node n" is one prefix scan), a label index, a case-insensitive
// name + alias index, a string dictionary (labels, relation types, property keys), the
// relation-type schema (sign, symmetric, inverse, transitive), property indexes with UNIQUE
// and NOT NULL constraints (storage/index_schema.h) and a format version.
// Key layouts are drawn at the top of storage/key_codec.h.
//
// Concurrency: any number of readers, and two kinds of write transaction. A *locked* one
// (beginWrite: auto-commit statements, imports) holds the single writer lock from begin to
// commit, so it sees every earlier commit. An *optimistic* one (beginOptimistic: explicit
// transactions) runs without the lock on its begin snapshot and records its write set; its
// commit takes the lock, fails with kConflict (leaving nothing behind) if a commit made after
// its snapshot wrote or claimed a key it wrote or claimed (storage/commit_log.h), and is then
// applied like a locked one. Every Transaction reads one consistent snapshot; a write
// transaction also sees its own uncommitted writes (RocksDB WriteBatchWithIndex) and commits
// them as one WriteBatch, so it is applied whole or not at all. Acknowledged (committed)
// writes survive kill -9 (WAL on) and, with StoreOptions::sync (the default), power loss:
// commit() returns once the WAL is synced, concurrent committers sharing one sync.
//
// Errors: nothing here throws. Fallible calls return Status or Result<T>.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entente/value.h"
#include "storage/index_schema.h"
#include "storage/status.h"
#include "storage/valid_time.h"

namespace entente::storage {

using NodeId = uint64_t;
using EdgeId = uint64_t;
using LabelId = uint32_t;  // dictionary id of a label
using TypeId = uint32_t;   // dictionary id of a relation type
using KeyId = uint32_t;    // dictionary id of a property key

//! Properties of a node or edge: sorted by KeyId, no duplicate keys, no null values.
using Properties = std::vector<std::pair<KeyId, Value>>;

enum class Direction : uint8_t { kOut, kIn, kBoth };

struct NodeRecord {
  NodeId id = 0;
  std::vector<LabelId> labels;  // sorted, unique
  Properties props;
};

struct EdgeRecord {
  EdgeId id = 0;
  NodeId src = 0;
  TypeId type = 0;
  NodeId dst = 0;
  Properties props;
};

//! One adjacency entry as seen from `node`, without decoding properties (the hot path).
//! `raw_props` points into iterator memory: valid only during the callback.
struct EdgeRef {
  EdgeId id;
  NodeId src;
  TypeId type;
  NodeId dst;
  std::string_view raw_props;
  NodeId other(NodeId node) const { return node == src ? dst : src; }
};

//! Sign of a relation type for alliance reasoning.
enum class Sign : int8_t { kNegative = -1, kNeutral = 0, kPositive = 1 };

struct RelTypeDef {
  std::string name;
  Sign sign = Sign::kNeutral;
  bool symmetric = false;
  bool transitive = false;
  std::string inverse;      // optional inverse name ("" if none)
  std::string description;  // free text
  bool declared = false;    // false for types only used, never declared
};

struct StoreOptions {
  bool create_if_missing = true;
  bool error_if_exists = false;
  //! Durable commits: commit() returns only once the WAL is fsynced (power-loss safe), one
  //! sync shared by the commits that wait at the same time (group commit). Off: a commit is
  //! acknowledged once in the OS page cache (kill -9 safe, power loss may lose recent ones).
  bool sync = true;
  size_t block_cache_mb = 64;
  bool read_only = false;
  //! Keep an in-memory copy of the adjacency for traversals (storage/adjacency.h).
  bool adjacency_cache = true;
};

//! Reserved relation property names with engine meaning (README, "What it can do"); the valid-time
//! ones, kSince and kUntil, are in storage/valid_time.h with the rule that reads them.
inline constexpr std::string_view kSource = "source", kSaidBy = "said_by",
                                  kConfidence = "confidence", kName = "name", kAliases = "aliases";

class GraphStore;
std::string encodeProperties(const Properties& props);  // below, with the other helpers

//! A consistent view of the graph; a write transaction also buffers writes.
//! Not thread-safe: one Transaction is used by one thread at a time.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual bool writable() const = 0;

  // ---- dictionary (read) -------------------------------------------------------------
  virtual std::optional<uint32_t> lookupString(std::string_view s) const = 0;  // id if known
  virtual std::string stringOf(uint32_t id) const = 0;                         // "" if unknown

  // ---- nodes -------------------------------------------------------------------------
  virtual std::optional<NodeRecord> getNode(NodeId id) const = 0;
  virtual bool nodeExists(NodeId id) const = 0;
  //! One property of a node without building a NodeRecord (expression evaluation reads
  //! `n.key` once per row). nullopt if the node or the property does not exist. The
  //! default decodes the whole node; stores override it with a findProperty() read.
  virtual std::optional<Value> nodeProperty(NodeId id, KeyId key) const {
    auto n = getNode(id);
    if (!n) return std::nullopt;
    for (auto& [k, v] : n->props)
      if (k == key) return v;
    return std::nullopt;
  }
  //! Whether node `id` exists and carries `label` (for `n:Label` in expressions).
  virtual bool nodeHasLabel(NodeId id, LabelId label) const {
    auto n = getNode(id);
    if (!n) return false;
    for (LabelId l : n->labels)
      if (l == label) return true;
    return false;
  }
  //! Calls fn for every node id in id order; stop early by returning false.
  virtual void scanNodes(const std::function<bool(NodeId)>& fn) const = 0;
  virtual void scanLabel(LabelId label, const std::function<bool(NodeId)>& fn) const = 0;
  //! Nodes whose name or one of whose aliases equals `name`, case-insensitively.
  virtual std::vector<NodeId> findByName(std::string_view name) const = 0;

  // ---- edges -------------------------------------------------------------------------
  virtual std::optional<EdgeRecord> getEdge(EdgeId id) const = 0;
  //! One property of edge `id` (whose endpoints and type the caller already knows, so a
  //! store can read the adjacency entry directly). nullopt if absent. The default decodes
  //! the whole edge through getEdge.
  virtual std::optional<Value> edgeProperty(EdgeId id, NodeId src, TypeId type, NodeId dst,
                                            KeyId key) const {
    (void)src, (void)type, (void)dst;
    auto e = getEdge(id);
    if (!e) return std::nullopt;
    for (auto& [k, v] : e->props)
      if (k == key) return v;
    return std::nullopt;
  }
  //! Adjacency of `node`: for kOut edges with src == node, kIn dst == node, kBoth both
  //! (a self loop is reported once for kBoth). `types` empty = every type. Ordered by
  //! (type, neighbour, edge id) within a direction. Stop early by returning false.
  virtual void edges(NodeId node, Direction dir, const std::vector<TypeId>& types,
                     const std::function<bool(const EdgeRef&)>& fn) const = 0;
  virtual size_t degree(NodeId node, Direction dir, const std::vector<TypeId>& types) const = 0;
  virtual void scanEdges(const std::function<bool(const EdgeRef&)>& fn) const = 0;
  //! Calls fn once with edge `id` as an adjacency entry (endpoints, type, raw properties)
  //! without decoding its properties (a relationship index seek's way from an entry to the
  //! edge); false, without calling fn, if there is no such edge.
  virtual bool withEdge(EdgeId id, const std::function<void(const EdgeRef&)>& fn) const {
    auto e = getEdge(id);
    if (!e) return false;
    const std::string raw = encodeProperties(e->props);
    fn(EdgeRef{e->id, e->src, e->type, e->dst, raw});
    return true;
  }

  // ---- schema ------------------------------------------------------------------------
  //! Definition of a relation type (declared, or neutral/asymmetric default if only used).
  virtual RelTypeDef relType(TypeId id) const = 0;
  virtual std::vector<RelTypeDef> relTypes() const = 0;  // every declared or used type
  virtual std::vector<std::string> labels() const = 0;   // every label ever used
  virtual std::vector<std::string> propertyKeys() const = 0;

  // ---- property indexes and constraints (storage/index_schema.h) -----------------------
  //! Every index and constraint this transaction sees, by id, with its counts.
  virtual std::vector<IndexStats> indexes() const { return {}; }
  //! The index or constraint named `name`, if any.
  virtual std::optional<IndexDef> findIndex(std::string_view name) const { return std::nullopt; }
  //! Calls fn(entity id) for every entry of index `id` in `range` (see IndexRange), in key
  //! order (value order, then entity id; IN values in value order, each entity once per
  //! index). Stop early by returning false. Sees exactly this transaction's snapshot plus its
  //! own writes. NotFound if the index does not exist (or is a NOT NULL constraint, which
  //! has no entries: InvalidArgument); InvalidArgument for a malformed range or a list/map
  //! value (lists and maps are not indexed).
  virtual Status indexSeek(IndexId id, const IndexRange& range,
                           const std::function<bool(uint64_t)>& fn) const {
    return Status::NotFound("Indexes are not supported by this store");
  }
  //! Entries, distinct value tuples and the definition of index `id`: the counts of the
  //! latest commit plus this transaction's own writes (planner statistics; exact, except
  //! that a write transaction that touched more than a few thousand distinct values of the
  //! index gets its own share of `distinct` estimated from a sample).
  virtual Result<IndexStats> indexStats(IndexId id) const {
    return Status::NotFound("Indexes are not supported by this store");
  }
  //! Creates an index or constraint and fills it from the data this transaction sees, in
  //! this transaction (its entries commit with it; see storage/rocks_txn_index.cc for the
  //! cost). kAlreadyExists if the name is taken or the same schema (entity, label/type,
  //! keys; for NOT NULL: the same NOT NULL constraint) is already indexed — IF NOT EXISTS is
  //! the caller's to decide; kConstraintViolation, naming a violating pair of entities (or
  //! the entity without the property), if the data already breaks the new constraint.
  //! REQUIRES writable().
  virtual Result<IndexId> createIndex(const IndexSpec& spec) {
    return Status::InvalidArgument("Indexes are not supported by this store");
  }
  //! Drops an index or constraint and its entries. NotFound if there is none of that name.
  //! REQUIRES writable().
  virtual Status dropIndex(std::string_view name) {
    return Status::InvalidArgument("Indexes are not supported by this store");
  }

  // ---- writes (REQUIRE writable(); return an error status otherwise) -------------------
  // Every write keeps the indexes in step in the same batch and checks the constraints on
  // the entity it writes: a violation fails that call with kConstraintViolation and leaves
  // the transaction as it was before the call.
  //! Returns the id of s, assigning a new one if needed.
  virtual Result<uint32_t> internString(std::string_view s) = 0;
  virtual Result<NodeId> createNode(const std::vector<LabelId>& labels,
                                    const Properties& props) = 0;
  //! Bulk/explicit-id variant: fails if the id is taken.
  virtual Status createNodeWithId(NodeId id, const std::vector<LabelId>& labels,
                                  const Properties& props) = 0;
  //! Replaces labels and properties of an existing node (indexes kept in step).
  virtual Status updateNode(const NodeRecord& node) = 0;
  //! Fails with kConstraint if the node still has edges and !detach; with detach deletes them.
  virtual Status deleteNode(NodeId id, bool detach, size_t* edges_deleted = nullptr) = 0;
  virtual Result<EdgeId> createEdge(NodeId src, TypeId type, NodeId dst,
                                    const Properties& props) = 0;
  virtual Status updateEdgeProps(EdgeId id, const Properties& props) = 0;
  virtual Status deleteEdge(EdgeId id) = 0;
  virtual Status putRelType(const RelTypeDef& def) = 0;

  //! Makes every write of this transaction durable and visible at once.
  virtual Status commit() = 0;
  //! Drops every write (also done by the destructor if not committed).
  virtual void rollback() = 0;
};

//! Property encoding helpers (compact binary; the format is drawn in property_codec.h).
std::string encodeProperties(const Properties& props);
bool decodeProperties(std::string_view bytes, Properties* out);
//! Finds one property without decoding the rest; nullopt if absent or bytes malformed.
std::optional<Value> findProperty(std::string_view bytes, KeyId key);

//! Bulk input for GraphStore::bulkImport (sorted SST files + IngestExternalFile).
struct BulkNode {
  NodeId id;
  std::vector<LabelId> labels;
  Properties props;
};
struct BulkEdge {
  NodeId src;
  TypeId type;
  NodeId dst;
  Properties props;
};

class GraphStore {
 public:
  static constexpr uint32_t kFormatVersion = 2;  // 2: property indexes (1 upgrades on open)

  //! Opens or creates the database at `path`. A database of another format version is
  //! refused with a clear message.
  static Result<std::unique_ptr<GraphStore>> open(const std::string& path,
                                                  const StoreOptions& options = {});
  virtual ~GraphStore() = default;

  //! REQUIRES: every Transaction is destroyed before the GraphStore that began it.
  virtual std::unique_ptr<Transaction> beginRead() const = 0;
  //! Blocks while another locked write transaction is alive (single writer).
  virtual std::unique_ptr<Transaction> beginWrite() = 0;
  //! An optimistic write transaction (see "Concurrency" above): never blocks; reads its begin
  //! snapshot plus its own writes. Besides the keys it writes it claims, as if it wrote them,
  //! the (index, value) of every UNIQUE entry it adds and both endpoints of every relation it
  //! creates or deletes, so a concurrent equal value or endpoint delete conflicts. It interns
  //! strings through the store (committed at once) and cannot create or drop indexes. Its
  //! commit fails with kConflict also when an index or constraint was created or dropped, or
  //! a bulk import ran, since it began. On a read-only store its writes fail with kReadOnly.
  virtual std::unique_ptr<Transaction> beginOptimistic() = 0;

  //! Interns strings (labels, types, keys) outside a statement, e.g. before a bulk import.
  virtual Result<uint32_t> intern(std::string_view s) = 0;
  //! Loads nodes then edges through sorted SST files and IngestExternalFile (not one Put
  //! at a time). Edge endpoints must exist (in `nodes` or already in the store); edge ids
  //! are assigned here. Atomic: on any error nothing is imported.
  virtual Status bulkImport(std::vector<BulkNode> nodes, std::vector<BulkEdge> edges) = 0;

  //! Increments on every commit or import: lets caches (analytics projections, plan stats)
  //! know the data changed.
  virtual uint64_t version() const = 0;
  virtual const std::string& path() const = 0;
  //! Approximate counts for the planner.
  virtual uint64_t approxNodeCount() const = 0;
  virtual uint64_t approxLabelCount(LabelId label) const = 0;
  //! Whether new read transactions traverse an in-memory copy of the adjacency (it is built
  //! in the background after open; see storage/adjacency.h).
  virtual bool adjacencyInMemory() const = 0;
};

}  // namespace entente::storage
