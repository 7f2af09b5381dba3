// storage/index_store.cc — the store's side of indexes: loading the catalog and its counts
// at open, and publishing committed counts.
#include <shared_mutex>

#include "storage/rocks_store.h"

namespace entente::storage {

Status RocksStore::loadIndexCatalog() {
  rocksdb::ReadOptions ro;
  auto catalog = std::make_shared<IndexCatalog>();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf(keys::kMeta)));
  const std::string_view defs = keys::kMetaIndexPrefix, counts = keys::kMetaCountIndexPrefix;
  for (it->Seek(rocksdb::Slice(defs.data(), defs.size()));
       it->Valid() && it->key().starts_with(defs); it->Next()) {
    auto k = it->key();
    IndexDef def;
    if (k.size() != defs.size() + 4 || !codec::decodeIndexDef(it->value().ToStringView(), &def))
      return Status::Corruption("Corrupt index definition in meta");
    def.id = keys::loadU32(k.data() + defs.size());
    catalog->put(std::move(def));
  }
  for (it->Seek(rocksdb::Slice(counts.data(), counts.size()));
       it->Valid() && it->key().starts_with(counts); it->Next()) {
    auto k = it->key();
    if (k.size() != counts.size() + 4 || it->value().size() != 16)
      return Status::Corruption("Corrupt index count in meta");
    index_counts_[keys::loadU32(k.data() + counts.size())] = {
        static_cast<int64_t>(keys::loadU64(it->value().data())),
        static_cast<int64_t>(keys::loadU64(it->value().data() + 8))};
  }
  if (!it->status().ok()) return fromRocks(it->status(), "reading the index catalog");
  std::string v;
  rocksdb::Status s = db_->Get(ro, cf(keys::kMeta), keys::kMetaNextIndex, &v);
  if (s.ok()) {
    if (v.size() != 4) return Status::Corruption("Corrupt next index id in meta");
    next_index_.store(keys::loadU32(v.data()));
  } else if (!s.IsNotFound()) {
    return fromRocks(s, "reading the next index id");
  }
  catalog_ = std::move(catalog);
  return Status::OK();
}

void RocksStore::applyIndexCounts(const std::unordered_map<IndexId, IndexCounts>& delta,
                                  const std::vector<IndexId>& dropped) {
  std::unique_lock lock(counts_mu_);
  for (const auto& [id, d] : delta) {
    IndexCounts& c = index_counts_[id];
    c.entries += d.entries;
    c.distinct += d.distinct;
  }
  for (IndexId id : dropped) index_counts_.erase(id);
}

IndexCounts RocksStore::indexCounts(IndexId id) const {
  std::shared_lock lock(counts_mu_);
  auto it = index_counts_.find(id);
  return it == index_counts_.end() ? IndexCounts{} : it->second;
}

}  // namespace entente::storage
