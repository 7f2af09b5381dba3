// storage/rocks_store.h — GraphStore on RocksDB (internal; users see only graph_store.h).
//
// Owns the DB, its column-family handles, the shared block cache and the in-memory state
// loaded at open: dictionary, relation-type schema, next ids and counts. Counts and next ids
// are persisted in `meta` in the same WriteBatch as the change they describe (so they are
// never out of step after a crash) and read back at open: opening never scans the data.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include "storage/adjacency_cache.h"
#include "storage/commit_log.h"
#include "storage/dictionary.h"
#include "storage/graph_store.h"
#include "storage/index_catalog.h"
#include "storage/key_codec.h"
#include "storage/read_view.h"

namespace entente::storage {

//! Converts a RocksDB status (the only place where that happens).
Status fromRocks(const rocksdb::Status& s, std::string_view context);

class RocksTransaction;

class RocksStore final : public GraphStore {
 public:
  static Result<std::unique_ptr<GraphStore>> open(const std::string& path,
                                                  const StoreOptions& options);
  ~RocksStore() override;

  std::unique_ptr<Transaction> beginRead() const override;
  std::unique_ptr<Transaction> beginWrite() override;
  std::unique_ptr<Transaction> beginOptimistic() override;
  Result<uint32_t> intern(std::string_view s) override;
  Status bulkImport(std::vector<BulkNode> nodes, std::vector<BulkEdge> edges) override;
  uint64_t version() const override { return version_.load(std::memory_order_acquire); }
  const std::string& path() const override { return path_; }
  uint64_t approxNodeCount() const override { return node_count_.load(std::memory_order_relaxed); }
  uint64_t approxLabelCount(LabelId label) const override;
  bool adjacencyInMemory() const override;

 private:
  friend class RocksTransaction;
  friend class BulkImporter;  // bulk_importer.h: the phases of bulkImport
  RocksStore(std::string path, const StoreOptions& options)
      : path_(std::move(path)), options_(options) {}

  Status openDb(bool* created);
  Status initOrCheckMeta(bool created);
  Status loadState();
  rocksdb::ColumnFamilyOptions cfOptions(keys::Cf cf) const;
  //! Starts building the adjacency snapshot from RocksDB (REQUIRES view_mu_ held).
  void rebuildAdjacencyLocked();

  //! Acquires the single-writer lock; error if this thread already holds it (would deadlock).
  Status lockWriter(std::unique_lock<std::mutex>* lock);
  void unlockWriter(std::unique_lock<std::mutex>* lock);

  // Applied after a successful commit/import (the writer lock is held).
  void applyCounts(int64_t node_delta, const std::unordered_map<LabelId, int64_t>& label_delta);
  uint64_t labelCountLocked(LabelId label) const;  // REQUIRES counts_mu_ held
  void raiseNextNode(NodeId at_least);

  rocksdb::ColumnFamilyHandle* cf(keys::Cf c) const { return handles_[c]; }
  //! The hash of key `key` of family `c` in write sets (storage/commit_log.h).
  uint64_t keyHash(keys::Cf c, std::string_view key) const {
    return writeKeyHash(handles_[c]->GetID(), key);
  }
  //! Returns once the WAL is synced up to sequence `seq` (no-op unless options_.sync). Group
  //! commit: one waiter syncs for all (DB::SyncWAL) while the others wait for its result;
  //! those arriving during a sync are covered by the next one. Call without the writer lock.
  Status waitDurable(uint64_t seq);
  //! The snapshot new read transactions share (a new one once anything changed).
  std::shared_ptr<ReadView> currentView() const;

  std::string path_;
  StoreOptions options_;
  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // destroyed before db_ (see destructor)
  rocksdb::WriteOptions write_options_;

  std::mutex writer_mu_;
  std::atomic<std::thread::id> writer_thread_{};
  //! Write sets of recent commits while optimistic transactions are open.
  CommitLog commit_log_;
  // Group commit (waitDurable): the WAL is synced up to synced_seq_; syncing_ while a leader
  // runs SyncWAL.
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  bool syncing_ = false;
  uint64_t synced_seq_ = 0;

  Dictionary dict_;
  std::atomic<uint64_t> next_node_{1}, next_edge_{1}, version_{0}, node_count_{0};
  mutable std::shared_mutex counts_mu_;
  std::unordered_map<LabelId, uint64_t> label_counts_;
  mutable std::shared_mutex schema_mu_;
  std::map<TypeId, RelTypeDef> reltypes_;  // declared types only
  std::atomic<uint64_t> bulk_seq_{0};

  // ---- indexes (storage/index_store.cc, storage/bulk_index.cc) ----
  //! Reads the catalog, its counts and the next index id from `meta` (at open).
  Status loadIndexCatalog();
  //! Installs a committed catalog (REQUIRES view_mu_ held, writer lock held).
  void publishCatalogLocked(std::shared_ptr<const IndexCatalog> catalog) {
    catalog_ = std::move(catalog);
  }
  //! Adds committed count deltas; drops the counts of `dropped` indexes.
  void applyIndexCounts(const std::unordered_map<IndexId, IndexCounts>& delta,
                        const std::vector<IndexId>& dropped);
  IndexCounts indexCounts(IndexId id) const;
  //! Bulk import: checks the constraints on the imported entities and writes the index
  //! entries of every existing index into the SST `file` (*wrote: whether it has entries),
  //! the new counts into `meta_puts` and their deltas into `delta`. Writes nothing to the DB.
  Status bulkIndexEntries(const std::vector<BulkNode>& nodes, const std::vector<BulkEdge>& edges,
                          EdgeId base, const std::string& file, bool* wrote,
                          std::map<std::string, std::string>* meta_puts,
                          std::unordered_map<IndexId, IndexCounts>* delta);
  std::shared_ptr<const IndexCatalog> catalog_ =
      std::make_shared<IndexCatalog>();  // writers + view_mu_
  std::atomic<uint32_t> next_index_{1};
  std::unordered_map<IndexId, IndexCounts> index_counts_;  // guarded by counts_mu_
  // view_mu_ also spans the RocksDB write of every commit that changes edges, so a view's
  // snapshot and its adjacency snapshot always hold the same commits (adjacency_cache.h).
  mutable std::mutex view_mu_;
  mutable std::shared_ptr<ReadView> view_;
  //! Reset first thing in the destructor: no background build may outlive the DB.
  std::unique_ptr<AdjacencyCache> adjacency_;
};

}  // namespace entente::storage
