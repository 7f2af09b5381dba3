// storage/bulk_import_files.cc — the phases of a bulk import that sort the input and write
// the SST files: the `out` order (src, type, dst, edge) is usually the input order already
// (checked, sorted otherwise); the `in` order (dst, type, src, edge) is derived from it by
// stable counting sorts (by type, then by dst) when ids are dense. The `out` and `in` files
// are written on two threads while the calling thread writes the others.
#include <algorithm>
#include <filesystem>

#include "storage/adjacency_builder.h"
#include "storage/bulk_importer.h"
#include "storage/property_codec.h"

namespace entente::storage {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

bool adjLess(const AdjEntry& x, const AdjEntry& y) {
  if (x.a != y.a) return x.a < y.a;
  if (x.t != y.t) return x.t < y.t;
  if (x.b != y.b) return x.b < y.b;
  return x.e < y.e;
}

void BulkImporter::buildOutEntries() {
  const auto& edges = edges_;
  base_ = store_.next_edge_.load();
  if (any_props_) {
    offs_.reserve(edges.size() + 1);
    for (const BulkEdge& e : edges) {
      offs_.push_back(prop_buf_.size());
      prop_buf_ += encodeProperties(e.props);
    }
    offs_.push_back(prop_buf_.size());
  }
  out_.resize(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    out_[i] = {edges[i].src, edges[i].dst, base_ + i, edges[i].type};
    max_id_ = std::max({max_id_, edges[i].src, edges[i].dst});
  }
  if (!std::is_sorted(out_.begin(), out_.end(), adjLess))
    std::sort(out_.begin(), out_.end(), adjLess);
}

std::string_view BulkImporter::propsOf(EdgeId eid) const {
  if (!any_props_) return {};
  size_t i = eid - base_;
  return std::string_view(prop_buf_).substr(offs_[i], offs_[i + 1] - offs_[i]);
}

Status BulkImporter::makeTempDir() {
  std::string tmp = store_.path_ + "/bulk-tmp-" + std::to_string(store_.bulk_seq_.fetch_add(1));
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) return Status::IOError("Bulk import: cannot create " + tmp + ": " + ec.message());
  tmp_ = tmp;  // removed by the destructor
  return Status::OK();
}

void BulkImporter::startAdjacencyFiles() {
  if (edges_.empty()) return;
  out_thread_ = std::thread([this] {
    out_status_ =
        writeSst(store_.db_->GetOptions(store_.cf(keys::kOut)), tmp_ + "/out.sst", [&](auto&& put) {
          for (const AdjEntry& x : out_) put(keys::adjKey(x.a, x.t, x.b, x.e).view(), propsOf(x.e));
        });
  });
  in_thread_ = std::thread([this] {
    // (src,type,dst,e) --stable by type--> (type,src,dst,e) --stable by dst--> (dst,type,src,e)
    std::vector<AdjEntry> in;
    bool small_types = *types_seen_.rbegin() < 4 * edges_.size() + 1024;
    if (max_id_ < 8 * edges_.size() + (1u << 20) && small_types) {
      in = types_seen_.size() > 1 ? countingSort(out_, *types_seen_.rbegin() + 1,
                                                 [](const AdjEntry& x) { return x.t; })
                                  : out_;
      in = countingSort(in, max_id_ + 1, [](const AdjEntry& x) { return x.b; });
    } else {
      in = out_;
      std::sort(in.begin(), in.end(), [](const AdjEntry& x, const AdjEntry& y) {
        return adjLess({x.b, x.a, x.e, x.t}, {y.b, y.a, y.e, y.t});
      });
    }
    in_status_ =
        writeSst(store_.db_->GetOptions(store_.cf(keys::kIn)), tmp_ + "/in.sst", [&](auto&& put) {
          for (const AdjEntry& x : in) put(keys::adjKey(x.b, x.t, x.a, x.e).view(), propsOf(x.e));
        });
  });
}

void BulkImporter::joinAdjacencyWriters() {
  if (out_thread_.joinable()) out_thread_.join();
  if (in_thread_.joinable()) in_thread_.join();
}

Status BulkImporter::finishAdjacencyFiles() {
  joinAdjacencyWriters();
  if (!out_status_.ok()) return out_status_;
  if (!in_status_.ok()) return in_status_;
  if (!edges_.empty()) {
    addArg(keys::kOut, tmp_ + "/out.sst");
    addArg(keys::kIn, tmp_ + "/in.sst");
  }
  return Status::OK();
}

Status BulkImporter::writeNodeFiles() {
  const auto& nodes = nodes_;
  const std::string& tmp = tmp_;
  if (nodes.empty()) return Status::OK();
  std::string buf;
  Status s = writeSst(store_.db_->GetOptions(store_.cf(keys::kNodes)), tmp + "/nodes.sst",
                      [&](auto&& put) {
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
  auto name_key = store_.dict_.lookup(kName), aliases_key = store_.dict_.lookup(kAliases);
  std::set<uint32_t> prop_keys;
  for (const BulkNode& n : nodes) {
    for (LabelId l : n.labels) {
      label_keys.emplace_back(l, n.id);
      ++label_delta_[l];
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
  for (auto& [l, d] : label_delta_) markKind(l, keys::kKindLabel);
  for (uint32_t k : prop_keys) markKind(k, keys::kKindKey);
  std::sort(label_keys.begin(), label_keys.end());
  std::sort(name_keys.begin(), name_keys.end());
  name_keys.erase(std::unique(name_keys.begin(), name_keys.end()), name_keys.end());
  if (s.ok() && !label_keys.empty()) {
    s = writeSst(store_.db_->GetOptions(store_.cf(keys::kLabels)), tmp + "/labels.sst",
                 [&](auto&& put) {
                   for (auto [l, id] : label_keys) put(keys::labelKey(l, id).view(), {});
                 });
    if (s.ok()) addArg(keys::kLabels, tmp + "/labels.sst");
  }
  if (s.ok() && !name_keys.empty()) {
    s = writeSst(store_.db_->GetOptions(store_.cf(keys::kNames)), tmp + "/names.sst",
                 [&](auto&& put) {
                   for (const std::string& k : name_keys) put(k, {});
                 });
    if (s.ok()) addArg(keys::kNames, tmp + "/names.sst");
  }
  return s;
}

Status BulkImporter::writeEdgeFile() {
  const auto& edges = edges_;
  if (edges.empty()) return Status::OK();
  Status s = writeSst(store_.db_->GetOptions(store_.cf(keys::kEdges)), tmp_ + "/edges.sst",
                      [&](auto&& put) {
                        for (size_t i = 0; i < edges.size(); ++i)
                          put(keys::edgeKey(base_ + i).view(),
                              keys::edgeValue(edges[i].src, edges[i].type, edges[i].dst).view());
                      });
  if (s.ok()) addArg(keys::kEdges, tmp_ + "/edges.sst");
  for (TypeId t : types_seen_) markKind(t, keys::kKindType);
  if (any_props_)
    for (const BulkEdge& e : edges)
      for (const auto& kv : e.props) markKind(kv.first, keys::kKindKey);
  return s;
}

// Into a store without edges, the adjacency snapshot is built from these entries (after the
// file writers are done, so as not to raise the peak memory); otherwise it is rebuilt from
// RocksDB after the import.
void BulkImporter::buildFreshAdjacency() {
  if (store_.adjacency_->enabled()) {
    std::lock_guard view_lock(store_.view_mu_);
    auto cur = store_.adjacency_->current();
    fresh_adjacency_ = cur && cur->edgeCount() == 0;
  }
  if (fresh_adjacency_ && !edges_.empty()) {
    AdjacencyBuilder builder(out_.size());
    bool fits = true;
    for (size_t i = 0; fits && i < out_.size(); ++i)
      fits = builder.add(out_[i].a, out_[i].t, out_[i].b, out_[i].e, propsOf(out_[i].e));
    if (fits) adjacency_ = builder.finish();
  }
}

}  // namespace entente::storage
