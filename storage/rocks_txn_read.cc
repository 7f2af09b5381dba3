// storage/rocks_txn_read.cc — the read side of RocksTransaction (snapshot, scans, lookups).
#include <algorithm>
#include <cstring>
#include <mutex>

#include "storage/property_codec.h"
#include "storage/rocks_store.h"
#include "storage/rocks_txn.h"
#include "storage/type_selection.h"

namespace entente::storage {

RocksTransaction::RocksTransaction(RocksStore* store, std::unique_lock<std::mutex> lock,
                                   bool writable, bool optimistic)
    : store_(store),
      db_(store->db_.get()),
      lock_(std::move(lock)),
      writable_(writable),
      optimistic_(writable && optimistic) {
  if (!writable_) write_error_ = Status::ReadOnly("Cannot write in a read-only transaction");
  ro_.fill_cache = true;
  if (!writable_) {  // readers share a snapshot while nothing changes
    view_ = store->currentView();
    ro_.snapshot = view_->snapshot;
    catalog_ = view_->catalog;
    return;
  }
  if (optimistic_) {
    // Snapshot and catalog as one pair (a commit changing the catalog publishes it under
    // view_mu_ together with its write), registered in the commit log.
    std::lock_guard view_lock(store->view_mu_);
    ticket_ = store->commit_log_.open([&] {
      snapshot_ = db_->GetSnapshot();
      return snapshot_->GetSequenceNumber();
    });
    catalog_ = begin_catalog_ = store->catalog_;
  } else {
    // A locked writer takes its snapshot after it holds the writer lock: it sees every commit.
    snapshot_ = db_->GetSnapshot();
    catalog_ = store->catalog_;  // only writers change it, and this one holds the writer lock
  }
  ro_.snapshot = snapshot_;
  {
    // overwrite_key: a key written twice appears once when iterating with the base.
    batch_ = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, true);
  }
}

RocksTransaction::~RocksTransaction() { finish(); }

void RocksTransaction::finish() {
  if (finished_) return;  // (a finished transaction touches its store no more)
  for (int c = 0; c < keys::kCfCount; ++c) {
    if (view_) view_->give(static_cast<keys::Cf>(c), &pool_[c]);  // lent to later readers
    pool_[c].clear();  // iterators go before the snapshot and the batch
  }
  view_.reset();
  batch_.reset();
  if (snapshot_) db_->ReleaseSnapshot(snapshot_);
  snapshot_ = nullptr;
  ro_.snapshot = nullptr;
  finished_ = true;
  if (ticket_.id) store_->commit_log_.close(ticket_);
  ticket_ = {};
  store_->unlockWriter(&lock_);
}

bool RocksTransaction::get(keys::Cf cf, std::string_view key, rocksdb::PinnableSlice* value) const {
  if (finished_) return false;
  rocksdb::Status s = batch_ ? batch_->GetFromBatchAndDB(db_, ro_, store_->cf(cf), key, value)
                             : db_->Get(ro_, store_->cf(cf), key, value);
  return s.ok();
}

std::unique_ptr<ScanIter> RocksTransaction::borrow(keys::Cf cf, std::string_view prefix) const {
  std::unique_ptr<ScanIter> s;
  auto& pool = pool_[cf];
  if (!pool.empty()) {
    s = std::move(pool.back());
    pool.pop_back();
  } else if (view_ && (s = view_->take(cf))) {
  } else {
    s = std::make_unique<ScanIter>();
    s->bound.reserve(64);
  }
  // Rewrite the bound in place (no allocation for short prefixes).
  s->bound.assign(prefix);
  s->bound.resize(keys::prefixUpperBound(prefix, s->bound.data()));
  s->upper = rocksdb::Slice(s->bound);
  if (!s->it || s->gen != gen_) {
    s->it.reset();
    s->ro = ro_;
    s->ro.iterate_upper_bound = &s->upper;
    rocksdb::Iterator* base = db_->NewIterator(s->ro, store_->cf(cf));
    s->it.reset(batch_ ? batch_->NewIteratorWithBase(store_->cf(cf), base, &s->ro) : base);
    s->gen = gen_;
  }
  return s;
}

void RocksTransaction::giveBack(keys::Cf cf, std::unique_ptr<ScanIter> s) const {
  if (!finished_) pool_[cf].push_back(std::move(s));
}

template <typename F>
bool RocksTransaction::scanPrefix(keys::Cf cf, std::string_view prefix, F&& fn) const {
  if (finished_) return true;
  if (prefix.empty() || keys::prefixUpperBound(prefix).empty()) {
    // No finite upper bound: a one-off iterator without one.
    std::unique_ptr<rocksdb::Iterator> base(db_->NewIterator(ro_, store_->cf(cf)));
    std::unique_ptr<rocksdb::Iterator> it(
        batch_ ? batch_->NewIteratorWithBase(store_->cf(cf), base.release(), &ro_)
               : base.release());
    // An empty prefix scans everything: SeekToFirst, because a Slice over a null pointer
    // trips RocksDB's comparator assertion inside WriteBatchWithIndex.
    if (prefix.empty()) {
      it->SeekToFirst();
    } else {
      it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
    }
    for (; it->Valid(); it->Next()) {
      std::string_view k = it->key().ToStringView();
      if (!k.starts_with(prefix)) break;
      if (!fn(k, it->value().ToStringView())) return false;
    }
    return true;
  }
  std::unique_ptr<ScanIter> s = borrow(cf, prefix);
  bool completed = true;
  rocksdb::Iterator* it = s->it.get();
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    std::string_view k = it->key().ToStringView();
    if (!k.starts_with(prefix)) break;
    if (!fn(k, it->value().ToStringView())) {
      completed = false;
      break;
    }
  }
  giveBack(cf, std::move(s));
  return completed;
}

// ---- dictionary -------------------------------------------------------------------------------

std::optional<uint32_t> RocksTransaction::lookupString(std::string_view s) const {
  if (!new_strings_.empty()) {
    auto it = new_strings_.find(std::string(s));
    if (it != new_strings_.end()) return it->second;
  }
  return store_->dict_.lookup(s);
}

std::string RocksTransaction::stringOf(uint32_t id) const {
  auto it = dict_updates_.find(id);
  if (it != dict_updates_.end()) return it->second.text;
  std::string out;
  store_->dict_.stringOf(id, &out);
  return out;
}

bool RocksTransaction::knownString(uint32_t id) const {
  std::string ignored;
  return dict_updates_.count(id) || store_->dict_.stringOf(id, &ignored);
}

uint8_t RocksTransaction::kindsOf(uint32_t id) const {
  auto it = dict_updates_.find(id);
  return it != dict_updates_.end() ? it->second.kinds : store_->dict_.kinds(id);
}

// ---- nodes ------------------------------------------------------------------------------------

bool RocksTransaction::nodeBytes(NodeId id, rocksdb::PinnableSlice* scratch,
                                 std::string_view* out) const {
  if (writable_) {
    if (!get(keys::kNodes, keys::nodeKey(id).view(), scratch)) return false;
    *out = scratch->ToStringView();
    return true;
  }
  auto it = node_cache_.find(id);
  if (it == node_cache_.end()) {
    if (node_cache_.size() >= kNodeCacheMax) node_cache_.clear();
    std::optional<std::string> bytes;
    if (get(keys::kNodes, keys::nodeKey(id).view(), scratch))
      bytes.emplace(scratch->ToStringView());
    it = node_cache_.emplace(id, std::move(bytes)).first;
  }
  if (!it->second) return false;
  *out = *it->second;
  return true;
}

std::optional<NodeRecord> RocksTransaction::getNode(NodeId id) const {
  rocksdb::PinnableSlice v;
  std::string_view bytes;
  if (!nodeBytes(id, &v, &bytes)) return std::nullopt;
  NodeRecord rec;
  rec.id = id;
  if (!codec::decodeNode(bytes, &rec.labels, &rec.props)) return std::nullopt;
  return rec;
}

// Expression evaluation reads one property or label per row: look it up in the stored
// bytes instead of decoding the whole record.
std::optional<Value> RocksTransaction::nodeProperty(NodeId id, KeyId key) const {
  rocksdb::PinnableSlice v;
  std::string_view bytes;
  if (!nodeBytes(id, &v, &bytes)) return std::nullopt;
  auto props = codec::nodeProps(bytes);
  if (!props) return std::nullopt;
  return findProperty(*props, key);
}

bool RocksTransaction::nodeHasLabel(NodeId id, LabelId label) const {
  rocksdb::PinnableSlice v;
  std::string_view bytes;
  if (!nodeBytes(id, &v, &bytes)) return false;
  std::vector<LabelId> labels;
  if (!codec::decodeNode(bytes, &labels, nullptr)) return false;
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

bool RocksTransaction::nodeExists(NodeId id) const {
  if (auto it = node_cache_.find(id); it != node_cache_.end()) return it->second.has_value();
  rocksdb::PinnableSlice v;  // not cached: existence checks come in bulk (imports)
  return get(keys::kNodes, keys::nodeKey(id).view(), &v);
}

void RocksTransaction::scanNodes(const std::function<bool(NodeId)>& fn) const {
  scanPrefix(keys::kNodes, {}, [&](std::string_view k, std::string_view) {
    return k.size() != keys::kNodeKeyLen || fn(keys::loadU64(k.data()));
  });
}

void RocksTransaction::scanLabel(LabelId label, const std::function<bool(NodeId)>& fn) const {
  char prefix[4];
  keys::storeU32(prefix, label);
  scanPrefix(keys::kLabels, {prefix, 4}, [&](std::string_view k, std::string_view) {
    return k.size() != keys::kLabelKeyLen || fn(keys::loadU64(k.data() + 4));
  });
}

std::vector<NodeId> RocksTransaction::findByName(std::string_view name) const {
  std::vector<NodeId> out;
  std::string prefix = keys::namePrefix(keys::foldCase(name));
  scanPrefix(keys::kNames, prefix, [&](std::string_view k, std::string_view) {
    if (k.size() == prefix.size() + 8) out.push_back(keys::loadU64(k.data() + prefix.size()));
    return true;
  });
  return out;  // in node id order (the key order)
}

// ---- edges ------------------------------------------------------------------------------------

bool RocksTransaction::edgeEnds(EdgeId id, EdgeKeyParts* out) const {
  rocksdb::PinnableSlice v;
  if (!get(keys::kEdges, keys::edgeKey(id).view(), &v) || v.size() != keys::kEdgeValueLen)
    return false;
  *out = {keys::loadU64(v.data()), keys::loadU32(v.data() + 8), keys::loadU64(v.data() + 12)};
  return true;
}

std::optional<EdgeRecord> RocksTransaction::getEdge(EdgeId id) const {
  EdgeKeyParts e;
  if (!edgeEnds(id, &e)) return std::nullopt;
  rocksdb::PinnableSlice v;
  if (!get(keys::kOut, keys::adjKey(e.src, e.type, e.dst, id).view(), &v)) return std::nullopt;
  EdgeRecord rec{id, e.src, e.type, e.dst, {}};
  if (!decodeProperties(v.ToStringView(), &rec.props)) return std::nullopt;
  return rec;
}

bool RocksTransaction::withEdge(EdgeId id, const std::function<void(const EdgeRef&)>& fn) const {
  EdgeKeyParts e;
  if (!edgeEnds(id, &e)) return false;
  rocksdb::PinnableSlice v;
  if (!get(keys::kOut, keys::adjKey(e.src, e.type, e.dst, id).view(), &v)) return false;
  fn(EdgeRef{id, e.src, e.type, e.dst, v.ToStringView()});
  return true;
}

std::optional<Value> RocksTransaction::edgeProperty(EdgeId id, NodeId src, TypeId type, NodeId dst,
                                                    KeyId key) const {
  rocksdb::PinnableSlice v;
  if (!get(keys::kOut, keys::adjKey(src, type, dst, id).view(), &v)) return std::nullopt;
  return findProperty(v.ToStringView(), key);
}

bool RocksTransaction::scanAdj(keys::Cf cf, NodeId node, const std::vector<TypeId>& types,
                               bool skip_self_loops,
                               const std::function<bool(const EdgeRef&)>& fn) const {
  char prefix[keys::kAdjTypePrefixLen];
  keys::storeU64(prefix, node);
  const bool out = cf == keys::kOut;
  auto visit = [&](std::string_view pfx) {
    return scanPrefix(cf, pfx, [&](std::string_view k, std::string_view v) {
      if (k.size() != keys::kAdjKeyLen) return true;  // not an adjacency key: ignore
      keys::AdjKeyParts p = keys::parseAdjKey(k);
      EdgeRef ref{p.edge, out ? p.a : p.b, p.type, out ? p.b : p.a, v};
      if (skip_self_loops && ref.src == ref.dst) return true;
      return fn(ref);
    });
  };
  if (types.empty()) return visit({prefix, keys::kAdjPrefixLen});
  auto scanType = [&](TypeId t) {
    keys::storeU32(prefix + 8, t);
    return visit({prefix, keys::kAdjTypePrefixLen});
  };
  return forEachDistinctType(types, scanType);
}

void RocksTransaction::edges(NodeId node, Direction dir, const std::vector<TypeId>& types,
                             const std::function<bool(const EdgeRef&)>& fn) const {
  if (view_ && view_->adj) {
    if (!finished_) view_->adj->edges(node, dir, types, fn);
    return;
  }
  if (dir != Direction::kIn && !scanAdj(keys::kOut, node, types, false, fn)) return;
  if (dir != Direction::kOut) scanAdj(keys::kIn, node, types, dir == Direction::kBoth, fn);
}

size_t RocksTransaction::degree(NodeId node, Direction dir,
                                const std::vector<TypeId>& types) const {
  if (view_ && view_->adj) return finished_ ? 0 : view_->adj->degree(node, dir, types);
  size_t n = 0;
  edges(node, dir, types, [&n](const EdgeRef&) {
    ++n;
    return true;
  });
  return n;
}

void RocksTransaction::scanEdges(const std::function<bool(const EdgeRef&)>& fn) const {
  if (view_ && view_->adj) {
    if (!finished_) view_->adj->scanAll(fn);
    return;
  }
  scanPrefix(keys::kOut, {}, [&](std::string_view k, std::string_view v) {
    if (k.size() != keys::kAdjKeyLen) return true;
    keys::AdjKeyParts p = keys::parseAdjKey(k);
    return fn(EdgeRef{p.edge, p.a, p.type, p.b, v});
  });
}

// ---- schema -----------------------------------------------------------------------------------

RelTypeDef RocksTransaction::relType(TypeId id) const {
  if (auto it = reltype_updates_.find(id); it != reltype_updates_.end()) return it->second;
  {
    std::shared_lock lock(store_->schema_mu_);
    if (auto it = store_->reltypes_.find(id); it != store_->reltypes_.end()) return it->second;
  }
  RelTypeDef def;  // used but never declared: neutral, not symmetric
  def.name = stringOf(id);
  return def;
}

std::vector<RelTypeDef> RocksTransaction::relTypes() const {
  std::map<TypeId, RelTypeDef> all;
  for (auto& [id, text] : store_->dict_.withKind(keys::kKindType)) all[id] = relType(id);
  for (auto& [id, e] : dict_updates_)
    if (e.kinds & keys::kKindType) all[id] = relType(id);
  {
    std::shared_lock lock(store_->schema_mu_);
    for (auto& [id, def] : store_->reltypes_) all.emplace(id, def);
  }
  for (auto& [id, def] : reltype_updates_) all[id] = def;
  std::vector<RelTypeDef> out;
  for (auto& [id, def] : all) out.push_back(std::move(def));
  std::sort(out.begin(), out.end(),
            [](const RelTypeDef& a, const RelTypeDef& b) { return a.name < b.name; });
  return out;
}

namespace {
std::vector<std::string> namesOfKind(const Dictionary& dict,
                                     const std::unordered_map<uint32_t, Dictionary::Entry>& pending,
                                     uint8_t kind) {
  std::vector<std::string> out;
  for (auto& [id, text] : dict.withKind(kind))
    if (!pending.count(id)) out.push_back(std::move(text));
  for (auto& [id, e] : pending)
    if (e.kinds & kind) out.push_back(e.text);
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

std::vector<std::string> RocksTransaction::labels() const {
  return namesOfKind(store_->dict_, dict_updates_, keys::kKindLabel);
}

std::vector<std::string> RocksTransaction::propertyKeys() const {
  return namesOfKind(store_->dict_, dict_updates_, keys::kKindKey);
}

}  // namespace entente::storage
