// storage/read_view.h — a snapshot shared by read transactions, with idle iterators to lend.
//
// Creating a RocksDB snapshot and iterators costs about as much as a whole 1-hop expansion.
// As long as nothing was written, every new read transaction would take an identical
// snapshot, so they share one ReadView instead: its snapshot, and the iterators earlier
// transactions on it gave back. A view is identified by (latest sequence number, store
// version): any commit changes the first, a bulk import (whose files may carry no new
// sequence number) the second, so a transaction never reuses a view older than what it
// must see.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <rocksdb/db.h>

#include "storage/adjacency.h"
#include "storage/index_catalog.h"
#include "storage/key_codec.h"

namespace entente::storage {

//! An iterator plus the upper bound its ReadOptions point to (rewritten before every Seek).
struct ScanIter {
  rocksdb::ReadOptions ro;
  std::string bound;
  rocksdb::Slice upper;
  std::unique_ptr<rocksdb::Iterator> it;
  uint64_t gen = 0;  // write generation of the transaction that built it (write txns)
};

struct ReadView {
  ReadView(rocksdb::DB* d, uint64_t v) : db(d), version(v) {
    snapshot = db->GetSnapshot();
    seq = snapshot->GetSequenceNumber();
  }
  ~ReadView() {
    for (auto& v : idle) v.clear();  // iterators go before their snapshot
    db->ReleaseSnapshot(snapshot);
  }
  ReadView(const ReadView&) = delete;
  ReadView& operator=(const ReadView&) = delete;

  std::unique_ptr<ScanIter> take(keys::Cf cf) {
    std::lock_guard lock(mu);
    if (idle[cf].empty()) return nullptr;
    auto s = std::move(idle[cf].back());
    idle[cf].pop_back();
    return s;
  }
  void give(keys::Cf cf, std::vector<std::unique_ptr<ScanIter>>* its) {
    if (its->empty()) return;
    std::lock_guard lock(mu);
    for (auto& s : *its) idle[cf].push_back(std::move(s));
    its->clear();
  }

  rocksdb::DB* db;
  const rocksdb::Snapshot* snapshot;
  std::shared_ptr<const AdjacencySnapshot> adj;  // the same commits in memory; null: use RocksDB
  std::shared_ptr<const IndexCatalog> catalog;   // the index catalog of the same commits
  uint64_t seq;
  uint64_t version;
  std::mutex mu;
  std::vector<std::unique_ptr<ScanIter>> idle[keys::kCfCount];
};

}  // namespace entente::storage
