// storage/bulk_import.cc — GraphStore::bulkImport: validate, sort, write one SST file per
// column family (SstFileWriter) and ingest them all with one IngestExternalFiles call, which
// RocksDB records atomically in its MANIFEST: the import is all or nothing.
//
// Edge ids are assigned in input order. BulkImporter (bulk_importer.h) runs the phases, one
// call each: validation in bulk_import_validate.cc, sorting and the data files in
// bulk_import_files.cc; here the counters and dictionary kinds, the ingestion and the
// update of the in-memory state.
#include <algorithm>
#include <filesystem>

#include "storage/bulk_importer.h"

namespace entente::storage {

Status RocksStore::bulkImport(std::vector<BulkNode> nodes, std::vector<BulkEdge> edges) {
  std::unique_lock<std::mutex> lock;
  if (Status s = lockWriter(&lock); !s.ok()) return s;
  struct Unlock {
    RocksStore* st;
    std::unique_lock<std::mutex>* l;
    ~Unlock() { st->unlockWriter(l); }
  } unlock{this, &lock};
  if (nodes.empty() && edges.empty()) return Status::OK();
  return BulkImporter(*this, std::move(nodes), std::move(edges)).run();
}

BulkImporter::BulkImporter(RocksStore& store, std::vector<BulkNode> nodes,
                           std::vector<BulkEdge> edges)
    : store_(store), nodes_(std::move(nodes)), edges_(std::move(edges)) {}

BulkImporter::~BulkImporter() {
  joinAdjacencyWriters();
  if (tmp_.empty()) return;
  std::error_code e;
  std::filesystem::remove_all(tmp_, e);
}

Status BulkImporter::run() {
  if (Status s = validateNodes(); !s.ok()) return s;
  if (Status s = validateEdges(); !s.ok()) return s;
  buildOutEntries();
  if (Status s = makeTempDir(); !s.ok()) return s;
  startAdjacencyFiles();
  Status s = writeNodeFiles();
  if (s.ok()) s = writeEdgeFile();
  Status adjacency_files = finishAdjacencyFiles();
  if (s.ok()) s = adjacency_files;
  if (s.ok()) buildFreshAdjacency();
  if (s.ok()) s = writeIndexFile();
  if (s.ok()) s = writeMetaFiles();
  if (s.ok()) s = ingest();
  return s;
}

void BulkImporter::addArg(keys::Cf c, const std::string& file) {
  rocksdb::IngestExternalFileArg a;
  a.column_family = store_.cf(c);
  a.external_files = {file};
  a.options.move_files = true;  // hard links: the files are ours
  a.options.write_global_seqno = false;
  args_.push_back(std::move(a));
}

void BulkImporter::markKind(uint32_t id, uint8_t kind) {
  uint8_t k = store_.dict_.kinds(id);
  for (const auto& e : dict_entries_)
    if (e.id == id) k |= e.kinds;
  if (k & kind) return;
  std::string text;
  store_.dict_.stringOf(id, &text);
  dict_entries_.push_back({id, text, static_cast<uint8_t>(k | kind)});
  dict_puts_[keys::dictIdKey(id)] = keys::dictIdValue(static_cast<uint8_t>(k | kind), text);
}

// Index entries (storage/bulk_index.cc), checked against the constraints; their counts go
// into meta_puts_.
Status BulkImporter::writeIndexFile() {
  bool index_file = false;
  std::string file = tmp_ + "/index.sst";
  Status s =
      store_.bulkIndexEntries(nodes_, edges_, base_, file, &index_file, &meta_puts_, &index_delta_);
  if (s.ok() && index_file) addArg(keys::kIndex, file);
  return s;
}

// Counters and dictionary kinds ride in the same atomic ingestion.
Status BulkImporter::writeMetaFiles() {
  const std::string& tmp = tmp_;
  auto u64 = [](uint64_t x) {
    std::string v;
    keys::appendU64(&v, x);
    return v;
  };
  uint64_t next_node = store_.next_node_.load();
  if (!nodes_.empty()) next_node = std::max<uint64_t>(next_node, nodes_.back().id + 1);
  next_node_ = next_node;
  meta_puts_[std::string(keys::kMetaNextNode)] = u64(next_node);
  meta_puts_[std::string(keys::kMetaNextEdge)] = u64(base_ + edges_.size());
  meta_puts_[std::string(keys::kMetaCountNodes)] = u64(store_.node_count_.load() + nodes_.size());
  for (auto [l, d] : label_delta_)
    meta_puts_[keys::metaCountLabelKey(l)] = u64(store_.approxLabelCount(l) + d);
  Status s =
      writeSst(store_.db_->GetOptions(store_.cf(keys::kMeta)), tmp + "/meta.sst", [&](auto&& put) {
        for (const auto& [k, v] : meta_puts_) put(k, v);
      });
  if (s.ok()) addArg(keys::kMeta, tmp + "/meta.sst");
  if (s.ok() && !dict_puts_.empty()) {
    s = writeSst(store_.db_->GetOptions(store_.cf(keys::kDict)), tmp + "/dict.sst",
                 [&](auto&& put) {
                   for (const auto& [k, v] : dict_puts_) put(k, v);
                 });
    if (s.ok()) addArg(keys::kDict, tmp + "/dict.sst");
  }
  return s;
}

Status BulkImporter::ingest() {
  // Under the view mutex: no reader may pair the new files with the old adjacency.
  std::lock_guard view_lock(store_.view_mu_);
  Status s = fromRocks(store_.db_->IngestExternalFiles(args_), "bulk import: ingesting");
  if (!s.ok()) return s;
  if (!edges_.empty()) {
    if (fresh_adjacency_) {
      store_.adjacency_->reset(std::move(adjacency_));  // null (ids too large): readers use RocksDB
    } else {
      store_.rebuildAdjacencyLocked();
    }
  }
  store_.view_.reset();
  store_.commit_log_.invalidateOpen();  // no write set: open optimistic transactions conflict
  // Durable and visible: update the in-memory state.
  store_.next_edge_.store(base_ + edges_.size());
  store_.raiseNextNode(next_node_);
  store_.applyCounts(static_cast<int64_t>(nodes_.size()), label_delta_);
  store_.applyIndexCounts(index_delta_, {});
  store_.dict_.publish(dict_entries_);
  store_.version_.fetch_add(1, std::memory_order_acq_rel);
  return Status::OK();
}

}  // namespace entente::storage
