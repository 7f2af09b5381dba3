// storage/rocks_txn_index.cc — RocksTransaction's index catalog operations: list, seek,
// statistics, create (with population) and drop.
//
// Population is synchronous, inside the creating transaction: the index's entries go into
// the same WriteBatch as its catalog entry, so the index appears (state ONLINE) exactly
// when that transaction commits, already complete, and a failed population (a constraint
// the data breaks) leaves nothing behind. The state is POPULATING only inside createIndex;
// FAILED is never written by this build (it is there for a future background builder). The
// cost is one label scan (or, for a relationship type, one scan of every relationship) at
// the transaction's snapshot and one batch entry (~40 bytes + the encoded values) per
// indexed entity held in memory until commit: bounded by the size of the label. A database
// too large for that is given its indexes before a bulk import, which builds them as
// sorted files (storage/bulk_index.cc).
#include <algorithm>

#include "storage/index_key_codec.h"
#include "storage/property_codec.h"
#include "storage/rocks_store.h"
#include "storage/rocks_txn.h"

namespace entente::storage {

namespace {

const char* kindWord(const IndexDef& def) {
  switch (def.constraint) {
    case ConstraintKind::kUnique: return "constraint";
    case ConstraintKind::kNotNull: return "constraint";
    default: return "index";
  }
}

}  // namespace

IndexCatalog& RocksTransaction::mutableCatalog() {
  if (!own_catalog_) {
    own_catalog_ = std::make_shared<IndexCatalog>(*catalog_);
    catalog_ = own_catalog_;
  }
  return *own_catalog_;
}

std::string RocksTransaction::entityName(IndexEntity kind, uint64_t id) const {
  return std::string(kind == IndexEntity::kNode ? "Node(" : "Relationship(") + std::to_string(id) +
         ")";
}

std::string RocksTransaction::targetName(const IndexDef& def) const {
  return std::string(def.entity == IndexEntity::kNode ? "label `" : "type `") +
         stringOf(def.target) + "`";
}

std::string RocksTransaction::describeTuple(const IndexDef& def, const Properties& props) const {
  std::string names, values;
  for (size_t i = 0; i < def.keys.size(); ++i) {
    names += (i ? ", `" : "`") + stringOf(def.keys[i]) + "`";
    Value v;
    for (const auto& [k, val] : props)
      if (k == def.keys[i]) v = val;
    values += (i ? ", " : "") + v.toCypher();
  }
  if (def.keys.size() == 1) return "property " + names + " = " + values;
  return "properties " + names + " = (" + values + ")";
}

std::vector<IndexStats> RocksTransaction::indexes() const {
  std::vector<IndexStats> out;
  for (const auto& [id, def] : catalog().all()) {
    Result<IndexStats> s = indexStats(id);
    if (s.ok()) out.push_back(std::move(s.value()));
  }
  return out;
}

std::optional<IndexDef> RocksTransaction::findIndex(std::string_view name) const {
  const IndexDef* def = catalog().byName(name);
  if (!def) return std::nullopt;
  return *def;
}

Result<IndexStats> RocksTransaction::indexStats(IndexId id) const {
  const IndexDef* def = catalog().byId(id);
  if (!def) return Status::NotFound("There is no index with id " + std::to_string(id));
  IndexCounts c = store_->indexCounts(id);
  if (auto it = index_delta_.find(id); it != index_delta_.end()) c.entries += it->second.entries;
  if (writable_) c.distinct += distinctDelta(id, /*exact=*/false);
  return IndexStats{*def, static_cast<uint64_t>(std::max<int64_t>(0, c.entries)),
                    static_cast<uint64_t>(std::max<int64_t>(0, c.distinct))};
}

Status RocksTransaction::indexSeek(IndexId id, const IndexRange& range,
                                   const std::function<bool(uint64_t)>& fn) const {
  if (finished_)
    return Status::InvalidArgument("The transaction is already committed or rolled back");
  const IndexDef* def = catalog().byId(id);
  if (!def) return Status::NotFound("There is no index with id " + std::to_string(id));
  if (!def->hasEntries())
    return Status::InvalidArgument("`" + def->name +
                                   "` is a NOT NULL constraint: it has no entries to seek");
  std::vector<std::pair<std::string, std::string>> intervals;
  if (Status s = ikeys::seekIntervals(id, def->keys.size(), range, &intervals); !s.ok()) return s;
  if (intervals.empty()) return Status::OK();
  const std::string prefix = ikeys::indexPrefix(id);
  std::unique_ptr<ScanIter> scan = borrow(keys::kIndex, prefix);
  rocksdb::Iterator* it = scan->it.get();
  bool stop = false;
  for (const auto& [start, end] : intervals) {
    for (it->Seek(rocksdb::Slice(start)); !stop && it->Valid(); it->Next()) {
      std::string_view k = it->key().ToStringView();
      if (!k.starts_with(prefix) || (!end.empty() && k >= end)) break;
      if (k.size() < ikeys::kIndexIdLen + ikeys::kEntityLen) continue;
      stop = !fn(ikeys::entryEntity(k));
    }
    if (stop) break;
  }
  Status s = fromRocks(it->status(), "index seek");
  giveBack(keys::kIndex, std::move(scan));
  return s;
}

Result<IndexId> RocksTransaction::createIndex(const IndexSpec& spec) {
  if (Status s = checkWritable(); !s.ok()) return s;
  if (optimistic_)  // its entries would miss what concurrent commits write meanwhile
    return Status::InvalidArgument(
        "Indexes and constraints cannot be created or dropped inside an explicit transaction");
  const bool nodes = spec.entity == IndexEntity::kNode;
  if (spec.entity != IndexEntity::kNode && spec.entity != IndexEntity::kRelationship)
    return Status::InvalidArgument("An index is on a node label or a relationship type");
  if (spec.keys.empty()) return Status::InvalidArgument("An index needs at least one property key");
  if (!knownString(spec.target))
    return Status::InvalidArgument(
        std::string(nodes ? "Unknown label id " : "Unknown relation type id ") +
        std::to_string(spec.target));
  for (size_t i = 0; i < spec.keys.size(); ++i) {
    if (!knownString(spec.keys[i]))
      return Status::InvalidArgument("Unknown property key id " + std::to_string(spec.keys[i]));
    for (size_t j = 0; j < i; ++j)
      if (spec.keys[j] == spec.keys[i])
        return Status::InvalidArgument("Property `" + stringOf(spec.keys[i]) +
                                       "` appears twice in the index");
  }
  IndexDef def;
  def.entity = spec.entity;
  def.target = spec.target;
  def.keys = spec.keys;
  def.constraint = spec.constraint;
  def.name = spec.name;
  if (def.name.empty()) {
    def.name = stringOf(spec.target);
    for (uint32_t k : spec.keys) def.name += "_" + stringOf(k);
    def.name += spec.constraint == ConstraintKind::kUnique    ? "_unique"
                : spec.constraint == ConstraintKind::kNotNull ? "_not_null"
                                                              : "_index";
  }
  if (const IndexDef* other = catalog().byName(def.name))
    return Status::AlreadyExists("An index or constraint named `" + def.name +
                                 "` already exists (on " + targetName(*other) + ")");
  const bool not_null = spec.constraint == ConstraintKind::kNotNull;
  for (const IndexDef* other : catalog().on(spec.entity, spec.target)) {
    if (other->keys != spec.keys || (other->constraint == ConstraintKind::kNotNull) != not_null)
      continue;
    return Status::AlreadyExists("The " + std::string(kindWord(*other)) + " `" + other->name +
                                 "` already exists on " + targetName(*other) +
                                 " with the same properties");
  }

  // ---- populate (reads only until everything checked out) ----
  struct Entry {
    std::string tuple;
    uint64_t entity;
    bool nan;
  };
  std::vector<Entry> entries;
  Status violation;
  std::string tuple;
  auto visit = [&](uint64_t entity, const Properties& props) {
    if (not_null) {
      for (uint32_t k : def.keys) {
        bool has =
            std::any_of(props.begin(), props.end(), [&](const auto& kv) { return kv.first == k; });
        if (!has) {
          violation = Status::ConstraintViolation(
              "Cannot create constraint `" + def.name + "`: " + entityName(def.entity, entity) +
              " with " + targetName(def) + " has no property `" + stringOf(k) + "`");
          return false;
        }
      }
      return true;
    }
    bool nan = false;
    if (ikeys::encodeTuple(props, def.keys, &tuple, &nan)) entries.push_back({tuple, entity, nan});
    return true;
  };
  if (nodes) {
    std::vector<NodeId> ids;
    scanLabel(def.target, [&](NodeId n) {
      ids.push_back(n);
      return true;
    });
    if (ids.size() * 4 >= store_->approxNodeCount()) {
      // Most nodes carry the label: one sequential pass over the node records (both in id
      // order) is far cheaper than a point read per node.
      size_t i = 0;
      std::vector<LabelId> labels;
      Properties props;
      std::unique_ptr<rocksdb::Iterator> base(db_->NewIterator(ro_, store_->cf(keys::kNodes)));
      std::unique_ptr<rocksdb::Iterator> it(
          batch_ ? batch_->NewIteratorWithBase(store_->cf(keys::kNodes), base.release(), &ro_)
                 : base.release());
      for (it->SeekToFirst(); it->Valid() && i < ids.size(); it->Next()) {
        std::string_view k = it->key().ToStringView();
        if (k.size() != keys::kNodeKeyLen) continue;
        const NodeId n = keys::loadU64(k.data());
        while (i < ids.size() && ids[i] < n) ++i;
        if (i == ids.size() || ids[i] != n) continue;
        labels.clear();
        props.clear();
        if (!codec::decodeNode(it->value().ToStringView(), &labels, &props)) continue;
        if (!visit(n, props)) break;
      }
    } else {
      for (NodeId n : ids) {
        std::optional<NodeRecord> rec = getNode(n);
        if (rec && !visit(n, rec->props)) break;
      }
    }
  } else {
    Properties props;
    scanEdges([&](const EdgeRef& e) {
      if (e.type != def.target) return true;
      props.clear();
      if (!decodeProperties(e.raw_props, &props)) return true;
      return visit(e.id, props);
    });
  }
  if (!violation.ok()) return violation;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.tuple != b.tuple ? a.tuple < b.tuple : a.entity < b.entity;
  });
  int64_t distinct = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    bool same = i > 0 && entries[i].tuple == entries[i - 1].tuple;
    distinct += !same;
    if (same && def.unique() && !entries[i].nan) {
      Properties props;
      if (nodes) {
        if (auto rec = getNode(entries[i].entity)) props = rec->props;
      } else if (auto rec = getEdge(entries[i].entity)) {
        props = rec->props;
      }
      return Status::ConstraintViolation("Cannot create constraint `" + def.name + "`: " +
                                         entityName(def.entity, entries[i - 1].entity) + " and " +
                                         entityName(def.entity, entries[i].entity) + " both have " +
                                         targetName(def) + " and " + describeTuple(def, props));
    }
  }

  // ---- write ----
  def.id = store_->next_index_.fetch_add(1);
  def.state = IndexState::kOnline;
  for (const Entry& e : entries) put(keys::kIndex, ikeys::entryKey(def.id, e.tuple, e.entity), {});
  put(keys::kMeta, keys::metaIndexKey(def.id), codec::encodeIndexDef(def));
  std::string next;
  keys::appendU32(&next, store_->next_index_.load());
  put(keys::kMeta, keys::kMetaNextIndex, next);
  if (def.hasEntries()) index_delta_[def.id] = {static_cast<int64_t>(entries.size()), distinct};
  created_indexes_.insert(def.id);
  if (def.hasEntries()) created_distinct_[def.id] = distinct;  // exact until a write touches it
  IndexId id = def.id;
  mutableCatalog().put(std::move(def));
  return id;
}

Status RocksTransaction::dropIndex(std::string_view name) {
  if (Status s = checkWritable(); !s.ok()) return s;
  if (optimistic_)  // its entries would miss what concurrent commits write meanwhile
    return Status::InvalidArgument(
        "Indexes and constraints cannot be created or dropped inside an explicit transaction");
  const IndexDef* def = catalog().byName(name);
  if (!def)
    return Status::NotFound("There is no index or constraint named `" + std::string(name) + "`");
  const IndexId id = def->id;
  const bool has_entries = def->hasEntries();
  del(keys::kMeta, keys::metaIndexKey(id));
  del(keys::kMeta, keys::metaCountIndexKey(id));
  if (has_entries) {
    // WriteBatchWithIndex does not support DeleteRange, so it goes into the underlying
    // batch unindexed: this transaction never reads the range again (the id leaves its
    // catalog and ids are never reused), and at commit the range delete is applied in batch
    // order, after any entry this transaction wrote for the index.
    std::string from = ikeys::indexPrefix(id), to = keys::prefixUpperBound(from);
    batch_->GetWriteBatch()->DeleteRange(store_->cf(keys::kIndex), from, to).PermitUncheckedError();
    ++gen_;
  }
  mutableCatalog().erase(id);
  index_delta_.erase(id);
  touched_tuples_.erase(id);
  created_indexes_.erase(id);
  created_distinct_.erase(id);
  dropped_indexes_.push_back(id);
  return Status::OK();
}

void RocksTransaction::writeIndexCounts() {
  for (auto& [id, d] : index_delta_)
    d.distinct = distinctDelta(id, /*exact=*/true);  // all reads before the puts
  std::string v;
  for (const auto& [id, d] : index_delta_) {
    IndexCounts now = store_->indexCounts(id);
    v.clear();
    keys::appendU64(&v, static_cast<uint64_t>(std::max<int64_t>(0, now.entries + d.entries)));
    keys::appendU64(&v, static_cast<uint64_t>(std::max<int64_t>(0, now.distinct + d.distinct)));
    put(keys::kMeta, keys::metaCountIndexKey(id), v);
  }
}

}  // namespace entente::storage
