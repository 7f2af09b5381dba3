// storage/rocks_txn_index_write.cc — keeping index entries in step with every write of a
// RocksTransaction, and checking UNIQUE and NOT NULL constraints.
//
// Each write operation first plans its index changes (planIndexOps: reads only, checks the
// constraints, so a violation fails the operation before its first write) and applies them
// after its own writes (applyIndexOps), in the same WriteBatchWithIndex, so the
// transaction's own index seeks see them. When nothing is defined on nodes (or on
// relationships) planning is one bool test on the in-memory catalog.
//
// UNIQUE is checked at write time against every entry the transaction sees: its snapshot
// plus its own writes. For a locked writer that is complete (it took its snapshot holding
// the writer lock, so no other commit can add the value before it commits). An optimistic
// transaction may be overtaken by a commit adding the same value: each UNIQUE entry put
// claims its (index, value) in the write set (RocksTransaction::writeSet), so the later of
// the two commits fails with kConflict. NaN is never equal to anything, so a tuple holding
// NaN is never a duplicate.
#include <algorithm>

#include "storage/index_key_codec.h"
#include "storage/property_codec.h"
#include "storage/rocks_store.h"
#include "storage/rocks_txn.h"

namespace entente::storage {

bool RocksTransaction::tupleTaken(IndexId id, std::string_view tuple, uint64_t except,
                                  uint64_t* found) const {
  std::string prefix = ikeys::indexPrefix(id);
  prefix.append(tuple);
  std::unique_ptr<ScanIter> scan = borrow(keys::kIndex, prefix);
  rocksdb::Iterator* it = scan->it.get();
  bool taken = false;
  for (it->Seek(rocksdb::Slice(prefix)); it->Valid(); it->Next()) {
    std::string_view k = it->key().ToStringView();
    if (!k.starts_with(prefix)) break;
    if (k.size() != prefix.size() + ikeys::kEntityLen) continue;
    uint64_t entity = ikeys::entryEntity(k);
    if (entity == except) continue;
    if (found) *found = entity;
    taken = true;
    break;
  }
  giveBack(keys::kIndex, std::move(scan));
  return taken;
}

Status RocksTransaction::planIndexOps(IndexEntity kind, uint64_t entity,
                                      const std::vector<uint32_t>& old_targets,
                                      const Properties* old_props,
                                      const std::vector<uint32_t>& new_targets,
                                      const Properties* new_props,
                                      std::vector<IndexOp>* ops) const {
  ops->clear();
  if (!catalog().anyOn(kind)) return Status::OK();
  auto contains = [](const std::vector<uint32_t>& v, uint32_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  // Every target of either side once (new ones, then old ones that are not new), without
  // allocating: a label without indexes costs one map lookup.
  std::string old_t, new_t;
  const size_t n_new = new_targets.size();
  for (size_t ti = 0; ti < n_new + old_targets.size(); ++ti) {
    const uint32_t t = ti < n_new ? new_targets[ti] : old_targets[ti - n_new];
    if (ti >= n_new && contains(new_targets, t)) continue;
    for (const IndexDef* def : catalog().on(kind, t)) {
      const bool had = old_props && contains(old_targets, t),
                 has = new_props && contains(new_targets, t);
      if (def->constraint == ConstraintKind::kNotNull) {
        if (!has) continue;
        for (uint32_t k : def->keys) {
          if (std::none_of(new_props->begin(), new_props->end(),
                           [&](const auto& kv) { return kv.first == k; }))
            return Status::ConstraintViolation(entityName(kind, entity) + " with " +
                                               targetName(*def) + " must have the property `" +
                                               stringOf(k) + "` (constraint `" + def->name + "`)");
        }
        continue;
      }
      bool nan = false;
      const bool had_entry = had && ikeys::encodeTuple(*old_props, def->keys, &old_t);
      const bool has_entry = has && ikeys::encodeTuple(*new_props, def->keys, &new_t, &nan);
      if (had_entry == has_entry && (!had_entry || old_t == new_t)) continue;
      uint64_t other = 0;
      if (has_entry && def->unique() && !nan && tupleTaken(def->id, new_t, entity, &other))
        return Status::ConstraintViolation(
            entityName(kind, other) + " already exists with " + targetName(*def) + " and " +
            describeTuple(*def, *new_props) + " (constraint `" + def->name + "`)");
      ops->push_back({def, had_entry ? ikeys::entryKey(def->id, old_t, entity) : std::string(),
                      has_entry ? ikeys::entryKey(def->id, new_t, entity) : std::string()});
    }
  }
  return Status::OK();
}

void RocksTransaction::applyIndexOps(const std::vector<IndexOp>& ops) {
  for (const IndexOp& op : ops) {
    const IndexId id = op.def->id;
    IndexCounts& d = index_delta_[id];
    const bool track = !created_indexes_.count(id);
    created_distinct_.erase(id);  // distinctDelta recounts it
    if (!op.del_key.empty()) {
      del(keys::kIndex, op.del_key);
      --d.entries;
      if (track) touched_tuples_[id].emplace(ikeys::entryTuple(op.del_key));
    }
    if (!op.put_key.empty()) {
      put(keys::kIndex, op.put_key, {});
      ++d.entries;
      if (track) touched_tuples_[id].emplace(ikeys::entryTuple(op.put_key));
    }
  }
}

int64_t RocksTransaction::distinctDelta(IndexId id, bool exact) const {
  if (finished_) return 0;
  const std::string base = ikeys::indexPrefix(id);
  if (auto it = created_distinct_.find(id); it != created_distinct_.end()) return it->second;
  if (created_indexes_.count(id)) {
    int64_t n = 0;
    std::string last;
    std::unique_ptr<ScanIter> scan = borrow(keys::kIndex, base);
    rocksdb::Iterator* it = scan->it.get();
    for (it->Seek(rocksdb::Slice(base)); it->Valid(); it->Next()) {
      std::string_view k = it->key().ToStringView();
      if (!k.starts_with(base)) break;
      if (k.size() < ikeys::kIndexIdLen + ikeys::kEntityLen) continue;
      std::string_view t = ikeys::entryTuple(k);
      if (n == 0 || t != last) ++n, last.assign(t);
    }
    giveBack(keys::kIndex, std::move(scan));
    return n;
  }
  auto touched = touched_tuples_.find(id);
  if (touched == touched_tuples_.end()) return 0;
  auto exists = [](rocksdb::Iterator* it, const std::string& prefix) {
    it->Seek(rocksdb::Slice(prefix));
    return it->Valid() && it->key().starts_with(prefix) &&
           it->key().size() == prefix.size() + ikeys::kEntityLen;
  };
  std::unique_ptr<rocksdb::Iterator> before(
      db_->NewIterator(ro_, store_->cf(keys::kIndex)));          // the snapshot
  std::unique_ptr<ScanIter> after = borrow(keys::kIndex, base);  // snapshot + own writes
  const size_t n = touched->second.size();
  const size_t stride =
      exact || n <= kDistinctSample ? 1 : (n + kDistinctSample - 1) / kDistinctSample;
  int64_t d = 0;
  size_t probed = 0, i = 0;
  std::string prefix;
  for (const std::string& tuple : touched->second) {
    if (i++ % stride != 0) continue;
    ++probed;
    prefix.assign(base).append(tuple);
    d += static_cast<int>(exists(after->it.get(), prefix)) -
         static_cast<int>(exists(before.get(), prefix));
  }
  giveBack(keys::kIndex, std::move(after));
  return stride == 1 ? d
                     : static_cast<int64_t>(static_cast<double>(d) * static_cast<double>(n) /
                                            static_cast<double>(probed));
}

void RocksTransaction::unindexEdge(EdgeId id, NodeId src, TypeId type, NodeId dst) {
  if (!catalog().anyOn(IndexEntity::kRelationship) ||
      catalog().on(IndexEntity::kRelationship, type).empty())
    return;
  rocksdb::PinnableSlice value;
  if (!get(keys::kOut, keys::adjKey(src, type, dst, id).view(), &value)) return;
  Properties props;
  if (!decodeProperties(value.ToStringView(), &props)) return;
  std::vector<IndexOp> ops;
  if (planIndexOps(IndexEntity::kRelationship, id, {type}, &props, {}, nullptr, &ops).ok())
    applyIndexOps(ops);
}

}  // namespace entente::storage
