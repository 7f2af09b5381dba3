// storage/bulk_importer.h — RocksStore::bulkImport as one call per phase (in the manner of
// LevelDB's db/repair.cc): validate the nodes, validate the edges, sort the edges, write one
// SST file per column family (the `out` and `in` adjacency files on two threads meanwhile),
// then ingest them all with one IngestExternalFiles call and publish the new state.
//
// bulk_import.cc runs the phases and ingests; bulk_import_validate.cc checks the input;
// bulk_import_files.cc sorts and writes the files. Internal to storage/.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <rocksdb/sst_file_writer.h>

#include "storage/rocks_store.h"

namespace entente::storage {

//! One edge in adjacency order: (a, t, b, e) is (src, type, dst, edge) in the `out` order.
struct AdjEntry {
  NodeId a;
  NodeId b;
  EdgeId e;
  TypeId t;
};
bool adjLess(const AdjEntry& x, const AdjEntry& y);

//! Writes one SST; `fill(put)` calls put(key, value) in key order.
template <typename Fill>
Status writeSst(rocksdb::Options options, const std::string& file, Fill&& fill) {
  // Written uncompressed: an import is CPU-bound here, and compactions compress later.
  options.compression = rocksdb::kNoCompression;
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, nullptr,
                                /*invalidate_page_cache=*/false);
  rocksdb::Status s = writer.Open(file);
  if (!s.ok()) return fromRocks(s, "bulk import: creating " + file);
  fill([&](std::string_view k, std::string_view v) {
    if (s.ok())
      s = writer.Put(rocksdb::Slice(k.data(), k.size()), rocksdb::Slice(v.data(), v.size()));
  });
  if (s.ok()) s = writer.Finish();
  return fromRocks(s, "bulk import: writing " + file);
}

//! One bulk import into `store`. REQUIRES: the store's writer lock held for its lifetime.
class BulkImporter {
 public:
  BulkImporter(RocksStore& store, std::vector<BulkNode> nodes, std::vector<BulkEdge> edges);
  //! Joins the file writers and removes the temporary directory.
  ~BulkImporter();

  //! All or nothing: nothing is visible unless every phase succeeds.
  Status run();

 private:
  // bulk_import_validate.cc: nothing is written before everything checks out.
  Status validateNodes();  // sorts nodes by id, normalises their labels
  Status validateEdges();
  Status checkProps(const Properties& props);
  bool known(uint32_t id);
  bool inStore(NodeId id);

  // bulk_import_files.cc
  void buildOutEntries();  // edge properties encoded, edges in `out` order
  std::string_view propsOf(EdgeId eid) const;
  Status makeTempDir();
  void startAdjacencyFiles();     // out.sst and in.sst on two threads
  Status finishAdjacencyFiles();  // waits for them
  void joinAdjacencyWriters();
  Status writeNodeFiles();  // nodes, labels, names
  Status writeEdgeFile();
  void buildFreshAdjacency();

  // bulk_import.cc
  void markKind(uint32_t id, uint8_t kind);
  Status writeIndexFile();  // index entries, constraints checked
  Status writeMetaFiles();  // counters and dictionary kinds
  Status ingest();
  void addArg(keys::Cf c, const std::string& file);

  RocksStore& store_;
  std::vector<BulkNode> nodes_;
  std::vector<BulkEdge> edges_;

  // Validation.
  rocksdb::ReadOptions ro_;
  std::string ignored_;
  bool any_props_ = false;
  std::set<TypeId> types_seen_;

  // The sorted entries.
  EdgeId base_ = 0;
  std::string prop_buf_;  // encoded edge properties, edge i at [offs_[i], offs_[i+1])
  std::vector<uint64_t> offs_;
  std::vector<AdjEntry> out_;
  NodeId max_id_ = 0;

  // The files.
  std::string tmp_;
  std::vector<rocksdb::IngestExternalFileArg> args_;
  Status out_status_, in_status_;
  std::thread out_thread_, in_thread_;
  std::unordered_map<LabelId, int64_t> label_delta_;
  std::map<std::string, std::string> dict_puts_, meta_puts_;
  std::vector<Dictionary::Entry> dict_entries_;
  std::unordered_map<IndexId, IndexCounts> index_delta_;
  uint64_t next_node_ = 0;  // the store's next node id after the import

  // The adjacency snapshot built from these entries (into a store without edges).
  bool fresh_adjacency_ = false;
  std::shared_ptr<const AdjacencySnapshot> adjacency_;
};

}  // namespace entente::storage
