// storage/rocks_txn_commit.cc — committing a RocksTransaction: validation of an optimistic
// transaction, counters computed under the writer lock, the write, the commit log, publishing
// to the store's shared state, and waiting for durability.
#include <algorithm>
#include <shared_mutex>

#include <rocksdb/write_batch.h>

#include "storage/index_key_codec.h"
#include "storage/rocks_store.h"
#include "storage/rocks_txn.h"

namespace entente::storage {

namespace {

// Calls fn(cf id, key, is_put) for every record of a WriteBatch.
template <typename F>
class KeyVisitor : public rocksdb::WriteBatch::Handler {
 public:
  explicit KeyVisitor(F& fn) : fn_(fn) {}
  rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice&) override {
    fn_(cf, key.ToStringView(), true);
    return rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t cf, const rocksdb::Slice& key) override {
    fn_(cf, key.ToStringView(), false);
    return rocksdb::Status::OK();
  }
  rocksdb::Status SingleDeleteCF(uint32_t cf, const rocksdb::Slice& key) override {
    fn_(cf, key.ToStringView(), false);
    return rocksdb::Status::OK();
  }

 private:
  F& fn_;
};

}  // namespace

std::vector<uint64_t> RocksTransaction::writeSet() const {
  std::vector<uint64_t> out;
  if (!batch_) return out;
  const uint32_t out_cf = store_->cf(keys::kOut)->GetID(),
                 index_cf = store_->cf(keys::kIndex)->GetID();
  auto visit = [&](uint32_t cf, std::string_view key, bool is_put) {
    out.push_back(writeKeyHash(cf, key));
    if (cf == out_cf && key.size() == keys::kAdjKeyLen) {
      // A relation written or deleted claims both endpoints: a concurrent delete of either
      // (which writes its node key) conflicts, so no relation outlives its endpoint.
      keys::AdjKeyParts p = keys::parseAdjKey(key);
      out.push_back(store_->keyHash(keys::kNodes, keys::nodeKey(p.a).view()));
      out.push_back(store_->keyHash(keys::kNodes, keys::nodeKey(p.b).view()));
    } else if (is_put && cf == index_cf && key.size() >= ikeys::kIndexIdLen + ikeys::kEntityLen) {
      // A UNIQUE entry claims its (index, value) without the entity: two transactions adding
      // the same value for different entities conflict.
      const IndexDef* def = catalog().byId(keys::loadU32(key.data()));
      if (def && def->unique())
        out.push_back(writeKeyHash(cf, key.substr(0, key.size() - ikeys::kEntityLen)));
    }
  };
  KeyVisitor<decltype(visit)> visitor(visit);
  batch_->GetWriteBatch()->Iterate(&visitor).PermitUncheckedError();  // the visitor never fails
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status RocksTransaction::validateAndRebase() {
  // The writer lock is held: the catalog cannot change under us.
  if (store_->catalog_ != begin_catalog_)
    return Status::Conflict(
        "An index or constraint was created or dropped while this transaction ran, so its "
        "index entries may be incomplete; nothing was committed. Retry the transaction");
  write_set_ = writeSet();
  if (store_->commit_log_.conflicts(ticket_, write_set_))
    return Status::Conflict(
        "The transaction conflicts with one that committed after it began (both wrote the same "
        "node or relation, the same UNIQUE value, or a relation and its endpoint, or a bulk "
        "import ran); nothing was committed. Retry the transaction");
  // Valid: nothing this transaction wrote changed since its snapshot, so its batch applies
  // to the latest state as well. Counters and index statistics computed from here on read
  // that state (distinctDelta compares it with and without the batch).
  for (auto& pool : pool_) pool.clear();  // iterators go before their snapshot
  ++gen_;
  db_->ReleaseSnapshot(snapshot_);
  snapshot_ = db_->GetSnapshot();
  ro_.snapshot = snapshot_;
  return Status::OK();
}

void RocksTransaction::writeDictionary() {
  for (auto& [id, e] : dict_updates_) {
    e.kinds |= store_->dict_.kinds(id);
    put(keys::kDict, keys::dictIdKey(id), keys::dictIdValue(e.kinds, e.text));
  }
}

Status RocksTransaction::commit() {
  if (finished_)
    return Status::InvalidArgument("The transaction is already committed or rolled back");
  if (!batch_ || batch_->GetWriteBatch()->Count() == 0) {  // nothing to make durable
    finish();
    return Status::OK();
  }
  if (optimistic_) {
    Status s = store_->lockWriter(&lock_);  // released by finish()
    if (s.ok()) s = validateAndRebase();
    if (!s.ok()) {
      finish();
      return s;
    }
  }
  // Counters go in the same batch as the change they count, computed from this
  // transaction's deltas and the store's counts now (the writer lock is held).
  std::string v;
  auto putU64 = [&](std::string_view key, uint64_t x) {
    v.clear();
    keys::appendU64(&v, x);
    put(keys::kMeta, key, v);
  };
  if (nodes_created_) putU64(keys::kMetaNextNode, store_->next_node_.load());
  if (edges_created_) putU64(keys::kMetaNextEdge, store_->next_edge_.load());
  if (node_delta_ != 0)
    putU64(keys::kMetaCountNodes,
           static_cast<uint64_t>(std::max<int64_t>(
               0, static_cast<int64_t>(store_->node_count_.load()) + node_delta_)));
  for (auto [label, d] : label_delta_) {
    if (d == 0) continue;
    int64_t now;
    {
      std::shared_lock lock(store_->counts_mu_);
      now = static_cast<int64_t>(store_->labelCountLocked(label));
    }
    putU64(keys::metaCountLabelKey(label), static_cast<uint64_t>(std::max<int64_t>(0, now + d)));
  }
  writeDictionary();
  writeIndexCounts();
  rocksdb::Status s;
  if (adj_changes_.empty() && !own_catalog_) {
    s = db_->Write(store_->write_options_, batch_->GetWriteBatch());
  } else {
    // One critical section with read-view creation (see RocksStore::view_mu_).
    std::vector<AdjChange> changes;
    changes.reserve(adj_changes_.size());
    for (auto& [id, c] : adj_changes_) changes.push_back(std::move(c));
    std::lock_guard view_lock(store_->view_mu_);
    s = db_->Write(store_->write_options_, batch_->GetWriteBatch());
    if (s.ok() && !changes.empty()) store_->adjacency_->committed(std::move(changes));
    if (s.ok() && own_catalog_) store_->publishCatalogLocked(own_catalog_);
  }
  if (!s.ok()) {
    finish();
    return fromRocks(s, "commit");
  }
  const uint64_t seq = db_->GetLatestSequenceNumber();  // this batch's (the lock is held)
  // Open optimistic transactions validate against this commit. A catalog change makes them
  // all conflict anyway, so its (possibly huge) index build needs no write set.
  if (!own_catalog_ && store_->commit_log_.active())
    store_->commit_log_.append(seq, optimistic_ ? std::move(write_set_) : writeSet());
  // Applied: publish what this transaction made (dictionary, counts, schema, version).
  std::vector<Dictionary::Entry> entries;
  for (auto& [id, e] : dict_updates_) entries.push_back(e);
  store_->dict_.publish(entries);
  store_->applyCounts(node_delta_, label_delta_);
  store_->applyIndexCounts(index_delta_, dropped_indexes_);
  if (!reltype_updates_.empty()) {
    std::unique_lock lock(store_->schema_mu_);
    for (auto& [id, def] : reltype_updates_) store_->reltypes_[id] = def;
  }
  store_->version_.fetch_add(1, std::memory_order_acq_rel);
  finish();  // releases the writer lock: the next writer runs while this one waits for the sync
  return store_->waitDurable(seq);
}

}  // namespace entente::storage
