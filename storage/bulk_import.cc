// storage/bulk_import.cc — GraphStore::bulkImport: validate, sort, write one SST file per
// column family (SstFileWriter) and ingest them all with one IngestExternalFiles call, which
// RocksDB records atomically in its MANIFEST: the import is all or nothing.
//
// Edge ids are assigned in input order. The `out` order (src, type, dst, edge) is usually the
// input order already (checked, sorted otherwise); the `in` order (dst, type, src, edge) is
// derived from it by stable counting sorts (by type, then by dst) when ids are dense. The
// `out` and `in` files are written on two threads while this thread writes the others.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <thread>
#include <unordered_set>

#include <rocksdb/sst_file_writer.h>

#include "storage/adjacency_builder.h"
#include "storage/property_codec.h"
#include "storage/rocks_store.h"

namespace entente::storage {

namespace fs = std::filesystem;

namespace {

struct AdjEntry {
  NodeId a;
  NodeId b;
  EdgeId e;
  TypeId t;
};
bool adjLess(const AdjEntry& x, const AdjEntry& y) {
  if (x.a != y.a) return x.a < y.a;
  if (x.t != y.t) return x.t < y.t;
  if (x.b != y.b) return x.b < y.b;
  return x.e < y.e;
}

// Stable counting sort of `in` by key(entry) in [0, range).
template <typename Key>
std::vector<AdjEntry> countingSort(const std::vector<AdjEntry>& in, uint64_t range, Key key) {
  std::vector<uint64_t> start(range + 1, 0);
  for (const AdjEntry& x : in) ++start[key(x) + 1];
  for (uint64_t i = 1; i <= range; ++i) start[i] += start[i - 1];
  std::vector<AdjEntry> out(in.size());
  for (const AdjEntry& x : in) out[start[key(x)]++] = x;
  return out;
}

// Writes one SST; `fill(put)` calls put(key, value) in key order.
template <typename Fill>
Status writeSst(rocksdb::Options options, const std::string& file, Fill&& fill) {
  // Written uncompressed: an import is CPU-bound here, and compactions compress later.
  options.compression = rocksdb::kNoCompression;
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, nullptr, /*invalidate_page_cache=*/false);
  rocksdb::Status s = writer.Open(file);
  if (!s.ok()) return fromRocks(s, "bulk import: creating " + file);
  fill([&](std::string_view k, std::string_view v) {
    if (s.ok()) s = writer.Put(rocksdb::Slice(k.data(), k.size()), rocksdb::Slice(v.data(), v.size()));
  });
  if (s.ok()) s = writer.Finish();
  return fromRocks(s, "bulk import: writing " + file);
}

}  // namespace

Status RocksStore::bulkImport(std::vector<BulkNode> nodes, std::vector<BulkEdge> edges) {
  std::unique_lock<std::mutex> lock;
  if (Status s = lockWriter(&lock); !s.ok()) return s;
  struct Unlock {
    RocksStore* st;
    std::unique_lock<std::mutex>* l;
    ~Unlock() { st->unlockWriter(l); }
  } unlock{this, &lock};
  if (nodes.empty() && edges.empty()) return Status::OK();

  // ---- validate (nothing is written before everything checks out) ----
  rocksdb::ReadOptions ro;
  auto inStore = [&](NodeId id) {
    if (node_count_.load() == 0) return false;
    rocksdb::PinnableSlice v;
    return db_->Get(ro, cf(keys::kNodes), keys::nodeKey(id).view(), &v).ok();
  };
  std::string ignored;
  auto known = [&](uint32_t id) { return dict_.stringOf(id, &ignored); };
  auto checkProps = [&](const Properties& props) -> Status {
    for (const auto& [key, value] : props) {
      if (!known(key)) return Status::InvalidArgument("Bulk import: unknown property key id " + std::to_string(key));
      if (!codec::isStorableValue(value))
        return Status::InvalidArgument("Bulk import: property '" + std::string(dict_.stringOf(key, &ignored) ? ignored : "") +
                                       "' cannot store a " + value.typeName() + " value");
    }
    return Status::OK();
  };
  if (!std::is_sorted(nodes.begin(), nodes.end(), [](const BulkNode& x, const BulkNode& y) { return x.id < y.id; }))
    std::sort(nodes.begin(), nodes.end(), [](const BulkNode& x, const BulkNode& y) { return x.id < y.id; });
  for (size_t i = 0; i < nodes.size(); ++i) {
    BulkNode& n = nodes[i];
    if (i > 0 && nodes[i - 1].id == n.id)
      return Status::InvalidArgument("Bulk import: node id " + std::to_string(n.id) + " appears twice");
    if (n.id == UINT64_MAX) return Status::InvalidArgument("Bulk import: node id out of range");
    std::sort(n.labels.begin(), n.labels.end());
    n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
    for (LabelId l : n.labels)
      if (!known(l)) return Status::InvalidArgument("Bulk import: unknown label id " + std::to_string(l));
    if (Status s = checkProps(n.props); !s.ok()) return s;
    if (inStore(n.id)) return Status::Constraint("Bulk import: node id " + std::to_string(n.id) + " is already taken");
  }
  // Membership in the imported node set: a bitmap when ids are dense, binary search otherwise.
  std::vector<bool> bitmap;
  NodeId lo = nodes.empty() ? 0 : nodes.front().id, hi = nodes.empty() ? 0 : nodes.back().id;
  bool dense = !nodes.empty() && hi - lo < 64 * nodes.size() + 4096;
  if (dense) {
    bitmap.assign(hi - lo + 1, false);
    for (const BulkNode& n : nodes) bitmap[n.id - lo] = true;
  }
  std::unordered_set<NodeId> existing;  // endpoints found in the store
  auto endpointOk = [&](NodeId id) {
    if (dense ? (id >= lo && id <= hi && bitmap[id - lo])
              : std::binary_search(nodes.begin(), nodes.end(), id,
                                   [](const auto& x, const auto& y) {
                                     if constexpr (std::is_same_v<std::decay_t<decltype(x)>, BulkNode>) return x.id < y;
                                     else return x < y.id;
                                   }))
      return true;
    if (existing.count(id)) return true;
    if (!inStore(id)) return false;
    existing.insert(id);
    return true;
  };
  bool any_props = false;
  std::set<TypeId> types_seen;
  TypeId last_type = 0;
  bool have_last = false;
  for (const BulkEdge& e : edges) {
    if (!have_last || e.type != last_type) {
      if (!known(e.type)) return Status::InvalidArgument("Bulk import: unknown relation type id " + std::to_string(e.type));
      types_seen.insert(e.type);
      last_type = e.type;
      have_last = true;
    }
    if (!endpointOk(e.src)) return Status::NotFound("Bulk import: start node " + std::to_string(e.src) + " does not exist");
    if (!endpointOk(e.dst)) return Status::NotFound("Bulk import: end node " + std::to_string(e.dst) + " does not exist");
    if (!e.props.empty()) {
      any_props = true;
      if (Status s = checkProps(e.props); !s.ok()) return s;
    }
  }

  // ---- build the sorted entries ----
  const EdgeId base = next_edge_.load();
  std::string prop_buf;  // encoded edge properties, edge i at [offs[i], offs[i+1])
  std::vector<uint64_t> offs;
  if (any_props) {
    offs.reserve(edges.size() + 1);
    for (const BulkEdge& e : edges) {
      offs.push_back(prop_buf.size());
      prop_buf += encodeProperties(e.props);
    }
    offs.push_back(prop_buf.size());
  }
  auto propsOf = [&](EdgeId eid) -> std::string_view {
    if (!any_props) return {};
    size_t i = eid - base;
    return std::string_view(prop_buf).substr(offs[i], offs[i + 1] - offs[i]);
  };
  std::vector<AdjEntry> out(edges.size());
  NodeId max_id = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    out[i] = {edges[i].src, edges[i].dst, base + i, edges[i].type};
    max_id = std::max({max_id, edges[i].src, edges[i].dst});
  }
  if (!std::is_sorted(out.begin(), out.end(), adjLess)) std::sort(out.begin(), out.end(), adjLess);

  std::string tmp = path_ + "/bulk-tmp-" + std::to_string(bulk_seq_.fetch_add(1));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) return Status::IOError("Bulk import: cannot create " + tmp + ": " + ec.message());
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{tmp};

  std::vector<rocksdb::IngestExternalFileArg> args;
  auto addArg = [&](keys::Cf c, const std::string& file) {
    rocksdb::IngestExternalFileArg a;
    a.column_family = cf(c);
    a.external_files = {file};
    a.options.move_files = true;  // hard links: the files are ours
    a.options.write_global_seqno = false;
    args.push_back(std::move(a));
  };

  Status out_status, in_status;
  std::thread out_thread, in_thread;
  if (!edges.empty()) {
    out_thread = std::thread([&] {
      out_status = writeSst(db_->GetOptions(cf(keys::kOut)), tmp + "/out.sst", [&](auto&& put) {
        for (const AdjEntry& x : out) put(keys::adjKey(x.a, x.t, x.b, x.e).view(), propsOf(x.e));
      });
    });
    in_thread = std::thread([&] {
      // (src,type,dst,e) --stable by type--> (type,src,dst,e) --stable by dst--> (dst,type,src,e)
      std::vector<AdjEntry> in;
      bool small_types = *types_seen.rbegin() < 4 * edges.size() + 1024;
      if (max_id < 8 * edges.size() + (1u << 20) && small_types) {
        in = types_seen.size() > 1 ? countingSort(out, *types_seen.rbegin() + 1, [](const AdjEntry& x) { return x.t; })
                                   : out;
        in = countingSort(in, max_id + 1, [](const AdjEntry& x) { return x.b; });
      } else {
        in = out;
        std::sort(in.begin(), in.end(), [](const AdjEntry& x, const AdjEntry& y) {
          return adjLess({x.b, x.a, x.e, x.t}, {y.b, y.a, y.e, y.t});
        });
      }
      in_status = writeSst(db_->GetOptions(cf(keys::kIn)), tmp + "/in.sst", [&](auto&& put) {
        for (const AdjEntry& x : in) put(keys::adjKey(x.b, x.t, x.a, x.e).view(), propsOf(x.e));
      });
    });
  }

  // This thread: nodes, labels, names, edges, dict, meta.
  Status s;
  std::unordered_map<LabelId, int64_t> label_delta;
  std::map<std::string, std::string> dict_puts, meta_puts;
  std::vector<Dictionary::Entry> dict_entries;
  auto markKind = [&](uint32_t id, uint8_t kind) {
    uint8_t k = dict_.kinds(id);
    for (const auto& e : dict_entries)
      if (e.id == id) k |= e.kinds;
    if (k & kind) return;
    std::string text;
    dict_.stringOf(id, &text);
    dict_entries.push_back({id, text, static_cast<uint8_t>(k | kind)});
    dict_puts[keys::dictIdKey(id)] = keys::dictIdValue(static_cast<uint8_t>(k | kind), text);
  };
  if (!nodes.empty()) {
    std::string buf;
    s = writeSst(db_->GetOptions(cf(keys::kNodes)), tmp + "/nodes.sst", [&](auto&& put) {
      for (const BulkNode& n : nodes) {
        buf.clear();
        codec::appendVarint(&buf, n.labels.size());
        for (LabelId l : n.labels) codec::appendVarint(&buf, l);
        if (!n.props.empty()) buf += encodeProperties(n.props);
        put(keys::nodeKey(n.id).view(), buf);
      }
    });
    if (s.ok()) addArg(keys::kNodes, tmp + "/nodes.sst");
    std::vector<std::pair<LabelId, NodeId>> label_keys;
    std::vector<std::string> name_keys;
    auto name_key = dict_.lookup(kName), aliases_key = dict_.lookup(kAliases);
    std::set<uint32_t> prop_keys;
    for (const BulkNode& n : nodes) {
      for (LabelId l : n.labels) {
        label_keys.emplace_back(l, n.id);
        ++label_delta[l];
      }
      for (const auto& [key, value] : n.props) {
        prop_keys.insert(key);
        if (name_key && key == *name_key && value.isString())
          name_keys.push_back(keys::nameKey(keys::foldCase(value.asString()), n.id));
        if (aliases_key && key == *aliases_key && value.isList())
          for (const Value& a : value.asList())
            if (a.isString()) name_keys.push_back(keys::nameKey(keys::foldCase(a.asString()), n.id));
      }
    }
    for (auto& [l, d] : label_delta) markKind(l, keys::kKindLabel);
    for (uint32_t k : prop_keys) markKind(k, keys::kKindKey);
    std::sort(label_keys.begin(), label_keys.end());
    std::sort(name_keys.begin(), name_keys.end());
    name_keys.erase(std::unique(name_keys.begin(), name_keys.end()), name_keys.end());
    if (s.ok() && !label_keys.empty()) {
      s = writeSst(db_->GetOptions(cf(keys::kLabels)), tmp + "/labels.sst", [&](auto&& put) {
        for (auto [l, id] : label_keys) put(keys::labelKey(l, id).view(), {});
      });
      if (s.ok()) addArg(keys::kLabels, tmp + "/labels.sst");
    }
    if (s.ok() && !name_keys.empty()) {
      s = writeSst(db_->GetOptions(cf(keys::kNames)), tmp + "/names.sst", [&](auto&& put) {
        for (const std::string& k : name_keys) put(k, {});
      });
      if (s.ok()) addArg(keys::kNames, tmp + "/names.sst");
    }
  }
  if (s.ok() && !edges.empty()) {
    s = writeSst(db_->GetOptions(cf(keys::kEdges)), tmp + "/edges.sst", [&](auto&& put) {
      for (size_t i = 0; i < edges.size(); ++i)
        put(keys::edgeKey(base + i).view(), keys::edgeValue(edges[i].src, edges[i].type, edges[i].dst).view());
    });
    if (s.ok()) addArg(keys::kEdges, tmp + "/edges.sst");
    for (TypeId t : types_seen) markKind(t, keys::kKindType);
    if (any_props)
      for (const BulkEdge& e : edges)
        for (const auto& kv : e.props) markKind(kv.first, keys::kKindKey);
  }
  if (out_thread.joinable()) out_thread.join();
  if (in_thread.joinable()) in_thread.join();

  // Into a store without edges, the adjacency snapshot is built from these entries (after
  // the file writers are done, so as not to raise the peak memory); otherwise it is rebuilt
  // from RocksDB after the import.
  bool fresh_adjacency = false;
  if (adjacency_->enabled()) {
    std::lock_guard view_lock(view_mu_);
    auto cur = adjacency_->current();
    fresh_adjacency = cur && cur->edgeCount() == 0;
  }
  std::shared_ptr<const AdjacencySnapshot> adjacency;
  if (s.ok() && fresh_adjacency && !edges.empty()) {
    AdjacencyBuilder builder(out.size());
    bool fits = true;
    for (size_t i = 0; fits && i < out.size(); ++i)
      fits = builder.add(out[i].a, out[i].t, out[i].b, out[i].e, propsOf(out[i].e));
    if (fits) adjacency = builder.finish();
  }
  if (s.ok()) s = out_status;
  if (s.ok()) s = in_status;
  if (!s.ok()) return s;
  if (!edges.empty()) {
    addArg(keys::kOut, tmp + "/out.sst");
    addArg(keys::kIn, tmp + "/in.sst");
  }

  // Index entries (storage/bulk_index.cc), checked against the constraints.
  std::unordered_map<IndexId, IndexCounts> index_delta;
  bool index_file = false;
  if (Status is = bulkIndexEntries(nodes, edges, base, tmp + "/index.sst", &index_file, &meta_puts, &index_delta); !is.ok())
    return is;
  if (index_file) addArg(keys::kIndex, tmp + "/index.sst");

  // Counters and dictionary kinds ride in the same atomic ingestion.
  auto u64 = [](uint64_t x) {
    std::string v;
    keys::appendU64(&v, x);
    return v;
  };
  uint64_t next_node = next_node_.load();
  if (!nodes.empty()) next_node = std::max<uint64_t>(next_node, nodes.back().id + 1);
  meta_puts[std::string(keys::kMetaNextNode)] = u64(next_node);
  meta_puts[std::string(keys::kMetaNextEdge)] = u64(base + edges.size());
  meta_puts[std::string(keys::kMetaCountNodes)] = u64(node_count_.load() + nodes.size());
  for (auto [l, d] : label_delta) meta_puts[keys::metaCountLabelKey(l)] = u64(approxLabelCount(l) + d);
  s = writeSst(db_->GetOptions(cf(keys::kMeta)), tmp + "/meta.sst", [&](auto&& put) {
    for (const auto& [k, v] : meta_puts) put(k, v);
  });
  if (s.ok()) addArg(keys::kMeta, tmp + "/meta.sst");
  if (s.ok() && !dict_puts.empty()) {
    s = writeSst(db_->GetOptions(cf(keys::kDict)), tmp + "/dict.sst", [&](auto&& put) {
      for (const auto& [k, v] : dict_puts) put(k, v);
    });
    if (s.ok()) addArg(keys::kDict, tmp + "/dict.sst");
  }
  if (!s.ok()) return s;

  // Under the view mutex: no reader may pair the new files with the old adjacency.
  std::lock_guard view_lock(view_mu_);
  s = fromRocks(db_->IngestExternalFiles(args), "bulk import: ingesting");
  if (!s.ok()) return s;
  if (!edges.empty()) {
    if (fresh_adjacency) {
      adjacency_->reset(std::move(adjacency));  // null (ids too large): readers use RocksDB
    } else {
      rebuildAdjacencyLocked();
    }
  }
  view_.reset();
  // Durable and visible: update the in-memory state.
  next_edge_.store(base + edges.size());
  raiseNextNode(next_node);
  applyCounts(static_cast<int64_t>(nodes.size()), label_delta);
  applyIndexCounts(index_delta, {});
  dict_.publish(dict_entries);
  version_.fetch_add(1, std::memory_order_acq_rel);
  return Status::OK();
}

}  // namespace entente::storage
