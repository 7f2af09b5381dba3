// storage/rocks_txn.h — Transaction on RocksDB: one snapshot, plus a WriteBatchWithIndex for
// a write transaction so that its reads see its own writes (GetFromBatchAndDB,
// NewIteratorWithBase) and its commit is a single db->Write.
//
// Prefix scans borrow an iterator from a small per-column-family pool (creating a RocksDB
// iterator costs more than a whole 1-hop expansion; read transactions also inherit idle
// iterators from their shared ReadView, see read_view.h): each pooled iterator has its own
// upper-bound buffer that ReadOptions::iterate_upper_bound points to and that is rewritten
// before every Seek. Every scan also checks the prefix itself, so a bound the table reader
// evaluated for a previous Seek can never let a foreign key through. Borrowing (rather than
// one iterator per family) keeps nested scans from a callback correct. A write invalidates
// the pooled iterators of a write transaction (they are rebuilt over the changed batch).
// Do not write through the transaction from inside one of its scan callbacks.
//
// An optimistic write transaction (GraphStore::beginOptimistic) is the same machinery without
// the writer lock: it registers its snapshot in the store's CommitLog, notes the keys it
// claims besides those it writes, and at commit takes the lock, validates its write set
// against the commits made since its snapshot, re-bases its reads on the latest state (for
// the counters computed at commit) and commits like a locked one.
//
// A read transaction whose view carries an AdjacencySnapshot answers edges(), degree() and
// scanEdges() from it (same order, same content, no Seek); a write transaction always reads
// RocksDB (its own writes are in the batch) and records each edge's final state for the
// cache at commit.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/commit_log.h"
#include "storage/dictionary.h"
#include "storage/graph_store.h"
#include "storage/key_codec.h"
#include "storage/read_view.h"

namespace entente::storage {

class RocksStore;

class RocksTransaction final : public Transaction {
 public:
  //! `lock` is the single-writer lock when writable and not optimistic (released at
  //! commit/rollback); an optimistic transaction takes it only inside commit().
  RocksTransaction(RocksStore* store, std::unique_lock<std::mutex> lock, bool writable,
                   bool optimistic = false);
  ~RocksTransaction() override;
  //! Makes every write fail with `s` (a write transaction that could not be granted).
  void setWriteError(Status s) { write_error_ = std::move(s); }

  bool writable() const override { return writable_ && !finished_; }

  std::optional<uint32_t> lookupString(std::string_view s) const override;
  std::string stringOf(uint32_t id) const override;

  std::optional<NodeRecord> getNode(NodeId id) const override;
  std::optional<Value> nodeProperty(NodeId id, KeyId key) const override;
  bool nodeHasLabel(NodeId id, LabelId label) const override;
  bool nodeExists(NodeId id) const override;
  void scanNodes(const std::function<bool(NodeId)>& fn) const override;
  void scanLabel(LabelId label, const std::function<bool(NodeId)>& fn) const override;
  std::vector<NodeId> findByName(std::string_view name) const override;

  std::optional<EdgeRecord> getEdge(EdgeId id) const override;
  bool withEdge(EdgeId id, const std::function<void(const EdgeRef&)>& fn) const override;
  std::optional<Value> edgeProperty(EdgeId id, NodeId src, TypeId type, NodeId dst,
                                    KeyId key) const override;
  void edges(NodeId node, Direction dir, const std::vector<TypeId>& types,
             const std::function<bool(const EdgeRef&)>& fn) const override;
  size_t degree(NodeId node, Direction dir, const std::vector<TypeId>& types) const override;
  void scanEdges(const std::function<bool(const EdgeRef&)>& fn) const override;

  RelTypeDef relType(TypeId id) const override;
  std::vector<RelTypeDef> relTypes() const override;
  std::vector<std::string> labels() const override;
  std::vector<std::string> propertyKeys() const override;

  Result<uint32_t> internString(std::string_view s) override;
  Result<NodeId> createNode(const std::vector<LabelId>& labels, const Properties& props) override;
  Status createNodeWithId(NodeId id, const std::vector<LabelId>& labels,
                          const Properties& props) override;
  Status updateNode(const NodeRecord& node) override;
  Status deleteNode(NodeId id, bool detach, size_t* edges_deleted) override;
  Result<EdgeId> createEdge(NodeId src, TypeId type, NodeId dst, const Properties& props) override;
  Status updateEdgeProps(EdgeId id, const Properties& props) override;
  Status deleteEdge(EdgeId id) override;
  Status putRelType(const RelTypeDef& def) override;

  // Indexes and constraints (storage/rocks_txn_index.cc, storage/rocks_txn_index_write.cc).
  std::vector<IndexStats> indexes() const override;
  std::optional<IndexDef> findIndex(std::string_view name) const override;
  Status indexSeek(IndexId id, const IndexRange& range,
                   const std::function<bool(uint64_t)>& fn) const override;
  Result<IndexStats> indexStats(IndexId id) const override;
  Result<IndexId> createIndex(const IndexSpec& spec) override;
  Status dropIndex(std::string_view name) override;

  Status commit() override;
  void rollback() override;

 private:
  // ---- index maintenance (rocks_txn_index_write.cc) ----
  //! One index's change for one entity: the entry to delete and/or the one to put.
  struct IndexOp {
    const IndexDef* def;
    std::string del_key, put_key;  // "" = none
  };
  //! Computes the index changes of an entity going from (old_targets, old_props) to
  //! (new_targets, new_props) (labels, or the relationship type; null props = the entity
  //! does not exist on that side) and checks UNIQUE and NOT NULL. Reads only.
  Status planIndexOps(IndexEntity kind, uint64_t entity, const std::vector<uint32_t>& old_targets,
                      const Properties* old_props, const std::vector<uint32_t>& new_targets,
                      const Properties* new_props, std::vector<IndexOp>* ops) const;
  //! Writes planned changes, counts entries and notes the tuples touched (distinctDelta).
  void applyIndexOps(const std::vector<IndexOp>& ops);
  //! Removes the entries of an edge about to be erased (reads its properties only when its
  //! type is indexed).
  void unindexEdge(EdgeId id, NodeId src, TypeId type, NodeId dst);
  //! Whether some entry of index `id` has the tuple `tuple` and an entity other than `except`;
  //! the first such entity in *found.
  bool tupleTaken(IndexId id, std::string_view tuple, uint64_t except, uint64_t* found) const;
  //! Puts this transaction's index counts into the batch (commit).
  void writeIndexCounts();
  const IndexCatalog& catalog() const { return *catalog_; }
  //! The catalog to change (copied on first change).
  IndexCatalog& mutableCatalog();
  std::string describeTuple(const IndexDef& def, const Properties& props) const;
  std::string entityName(IndexEntity kind, uint64_t id) const;
  std::string targetName(const IndexDef& def) const;

  std::shared_ptr<const IndexCatalog> catalog_;  // what this transaction sees
  std::shared_ptr<IndexCatalog> own_catalog_;    // this transaction's changed copy, if any
  //! Change in distinct tuples of index `id` made by this transaction: for an index it
  //! created, all of them (one scan); otherwise, for each tuple it touched, whether the
  //! tuple exists now minus whether it existed in the snapshot (two seeks per tuple, done
  //! here rather than on every write). Not `exact`: at most kDistinctSample tuples are
  //! probed and the result scaled (planner statistics inside a large transaction).
  int64_t distinctDelta(IndexId id, bool exact) const;
  static constexpr size_t kDistinctSample = 4096;

  std::unordered_map<IndexId, IndexCounts> index_delta_;  // entries counted at write time
  std::unordered_map<IndexId, std::set<std::string>> touched_tuples_;
  std::set<IndexId> created_indexes_;
  //! Distinct tuples of an index created by this transaction, counted by createIndex and
  //! exact until this transaction writes an entry of it (then distinctDelta rescans).
  std::map<IndexId, int64_t> created_distinct_;
  std::vector<IndexId> dropped_indexes_;

  // ---- reads ----
  bool get(keys::Cf cf, std::string_view key, rocksdb::PinnableSlice* value) const;
  //! The stored bytes of node `id` (false if there is none), valid until the next read of a
  //! node through this transaction. A read transaction keeps the records it has read (see
  //! node_cache_); a write transaction reads the batch and RocksDB every time.
  bool nodeBytes(NodeId id, rocksdb::PinnableSlice* scratch, std::string_view* out) const;
  std::unique_ptr<ScanIter> borrow(keys::Cf cf, std::string_view prefix) const;
  void giveBack(keys::Cf cf, std::unique_ptr<ScanIter> s) const;
  //! Calls fn(key, value) for every key starting with prefix; false if fn stopped the scan.
  template <typename F>
  bool scanPrefix(keys::Cf cf, std::string_view prefix, F&& fn) const;
  bool scanAdj(keys::Cf cf, NodeId node, const std::vector<TypeId>& types, bool skip_self_loops,
               const std::function<bool(const EdgeRef&)>& fn) const;
  bool knownString(uint32_t id) const;
  uint8_t kindsOf(uint32_t id) const;

  // ---- writes ----
  Status checkWritable() const;
  void put(keys::Cf cf, std::string_view key, std::string_view value);
  void del(keys::Cf cf, std::string_view key);
  Status validate(std::vector<LabelId>* labels, const Properties& props) const;
  Status validateProps(const Properties& props) const;
  void markKind(uint32_t id, uint8_t kind);
  void markNodeKinds(const std::vector<LabelId>& labels, const Properties& props);
  std::vector<std::string> foldedNames(const Properties& props) const;
  void writeNode(NodeId id, const std::vector<LabelId>& labels, const Properties& props);
  Status insertNode(NodeId id, std::vector<LabelId> labels, const Properties& props);
  struct EdgeKeyParts {
    NodeId src;
    TypeId type;
    NodeId dst;
  };
  bool edgeEnds(EdgeId id, EdgeKeyParts* out) const;
  void eraseEdge(EdgeId id, const EdgeKeyParts& e);
  void finish();

  // ---- write sets (storage/rocks_txn_commit.cc) ----
  //! Sorted unique hashes of every key in the batch plus the keys it claims, derived from
  //! the batch too (so they cost nothing unless a log needs them): both endpoint node keys of
  //! every relation it writes, and the (index, value) of every UNIQUE entry it puts.
  std::vector<uint64_t> writeSet() const;
  //! Optimistic commit, under the writer lock: kConflict if a commit since the snapshot
  //! touched the write set or changed the index catalog; then reads move to the latest state.
  Status validateAndRebase();
  //! Puts the dictionary entries whose kinds this transaction extends (merged with the
  //! store's current kinds, so concurrent transactions never undo each other's bits).
  void writeDictionary();

  RocksStore* store_;
  rocksdb::DB* db_;
  std::unique_lock<std::mutex> lock_;
  bool writable_;
  const bool optimistic_;
  CommitLog::Ticket ticket_;                           // optimistic: its registration
  std::shared_ptr<const IndexCatalog> begin_catalog_;  // optimistic: the catalog at begin
  std::vector<uint64_t> write_set_;                    // optimistic: validated at commit
  bool finished_ = false;
  Status write_error_;
  const rocksdb::Snapshot* snapshot_ = nullptr;  // own snapshot (write transactions)
  std::shared_ptr<ReadView> view_;               // shared snapshot (read transactions)
  rocksdb::ReadOptions ro_;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> batch_;
  uint64_t gen_ = 0;  // bumped on every write: pooled iterators of older generations are stale
  mutable std::vector<std::unique_ptr<ScanIter>> pool_[keys::kCfCount];
  //! Node records a read transaction has read, by id (nullopt: no such node). Its snapshot
  //! never changes, and a statement reads the same nodes again and again: several properties
  //! of one node per row, the labels of the nodes a pattern reaches from many rows. Cleared
  //! when it reaches kNodeCacheMax entries, so memory stays bounded.
  mutable std::unordered_map<NodeId, std::optional<std::string>> node_cache_;
  static constexpr size_t kNodeCacheMax = size_t{1} << 16;

  // Pending effects, applied to the store's shared state only after a successful commit.
  std::unordered_map<std::string, uint32_t> new_strings_;
  std::unordered_map<uint32_t, Dictionary::Entry> dict_updates_;
  int64_t node_delta_ = 0;
  std::unordered_map<LabelId, int64_t> label_delta_;
  bool nodes_created_ = false, edges_created_ = false;
  std::map<TypeId, RelTypeDef> reltype_updates_;
  std::unordered_map<EdgeId, AdjChange> adj_changes_;  // final state of each edge written
};

}  // namespace entente::storage
