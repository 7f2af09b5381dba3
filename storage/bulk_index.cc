// storage/bulk_index.cc — the index part of a bulk import: the entries of every existing
// index for the imported nodes and relationships, checked against UNIQUE and NOT NULL,
// sorted and written as one SST file for the `index` column family (ingested atomically
// with the rest of the import by bulk_import.cc), plus the new counts for `meta`.
//
// Checks: NOT NULL on every imported entity of the label/type; UNIQUE among the imported
// entities (adjacent equal tuples after sorting) and against the entries already stored
// (one seek per distinct imported tuple). The same seek tells whether a tuple is new, for
// the distinct count. Nothing is written to the DB here: a violation fails the import.
#include <algorithm>

#include <rocksdb/sst_file_writer.h>

#include "storage/index_key_codec.h"
#include "storage/rocks_store.h"

namespace entente::storage {

namespace {

struct BulkEntry {
  std::string tuple;
  uint64_t entity;
  size_t input;  // position in the nodes or edges vector
  bool nan;
};

}  // namespace

Status RocksStore::bulkIndexEntries(const std::vector<BulkNode>& nodes,
                                    const std::vector<BulkEdge>& edges, EdgeId base,
                                    const std::string& file, bool* wrote,
                                    std::map<std::string, std::string>* meta_puts,
                                    std::unordered_map<IndexId, IndexCounts>* delta) {
  *wrote = false;
  const std::shared_ptr<const IndexCatalog> catalog = catalog_;  // the writer lock is held
  if (catalog->empty()) return Status::OK();
  std::string text;
  auto str = [&](uint32_t id) { return dict_.stringOf(id, &text) ? text : std::to_string(id); };
  auto propsOf = [&](const IndexDef& def, size_t i) -> const Properties& {
    return def.entity == IndexEntity::kNode ? nodes[i].props : edges[i].props;
  };
  auto entity = [&](const IndexDef& def, uint64_t id) {
    return std::string(def.entity == IndexEntity::kNode ? "Node(" : "Relationship(") +
           std::to_string(id) + ")";
  };
  auto target = [&](const IndexDef& def) {
    return std::string(def.entity == IndexEntity::kNode ? "label `" : "type `") + str(def.target) +
           "`";
  };
  auto describe = [&](const IndexDef& def, const Properties& props) {
    std::string names, values;
    for (size_t i = 0; i < def.keys.size(); ++i) {
      names += (i ? ", `" : "`") + str(def.keys[i]) + "`";
      Value v;
      for (const auto& [k, val] : props)
        if (k == def.keys[i]) v = val;
      values += (i ? ", " : "") + v.toCypher();
    }
    return def.keys.size() == 1 ? "property " + names + " = " + values
                                : "properties " + names + " = (" + values + ")";
  };

  std::vector<std::string> out;  // entry keys, sorted: indexes in id order, entries sorted within
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> existing(db_->NewIterator(ro, cf(keys::kIndex)));
  for (const auto& [id, def] : catalog->all()) {
    std::vector<BulkEntry> entries;
    std::string tuple;
    const size_t n = def.entity == IndexEntity::kNode ? nodes.size() : edges.size();
    for (size_t i = 0; i < n; ++i) {
      uint64_t eid;
      if (def.entity == IndexEntity::kNode) {
        if (!std::binary_search(nodes[i].labels.begin(), nodes[i].labels.end(), def.target))
          continue;
        eid = nodes[i].id;
      } else {
        if (edges[i].type != def.target) continue;
        eid = base + i;
      }
      const Properties& props = propsOf(def, i);
      if (def.constraint == ConstraintKind::kNotNull) {
        for (uint32_t k : def.keys)
          if (std::none_of(props.begin(), props.end(),
                           [&](const auto& kv) { return kv.first == k; }))
            return Status::ConstraintViolation("Bulk import: " + entity(def, eid) + " with " +
                                               target(def) + " must have the property `" + str(k) +
                                               "` (constraint `" + def.name + "`)");
        continue;
      }
      bool nan = false;
      if (ikeys::encodeTuple(props, def.keys, &tuple, &nan))
        entries.push_back({tuple, eid, i, nan});
    }
    if (entries.empty()) continue;
    std::sort(entries.begin(), entries.end(), [](const BulkEntry& a, const BulkEntry& b) {
      return a.tuple != b.tuple ? a.tuple < b.tuple : a.entity < b.entity;
    });
    const bool stored = indexCounts(id).entries > 0;
    IndexCounts& d = (*delta)[id];
    for (size_t i = 0; i < entries.size(); ++i) {
      const BulkEntry& e = entries[i];
      const bool first = i == 0 || entries[i - 1].tuple != e.tuple;
      if (!first && def.unique() && !e.nan)
        return Status::ConstraintViolation(
            "Bulk import: " + entity(def, entries[i - 1].entity) + " and " + entity(def, e.entity) +
            " both have " + target(def) + " and " + describe(def, propsOf(def, e.input)) +
            " (constraint `" + def.name + "`)");
      if (first) {
        bool taken = false;
        if (stored) {
          std::string prefix = ikeys::indexPrefix(id) + e.tuple;
          existing->Seek(prefix);
          taken = existing->Valid() && existing->key().starts_with(prefix);
          if (taken && def.unique() && !e.nan)
            return Status::ConstraintViolation(
                "Bulk import: " + entity(def, ikeys::entryEntity(existing->key().ToStringView())) +
                " already exists with " + target(def) + " and " +
                describe(def, propsOf(def, e.input)) + " (constraint `" + def.name + "`)");
        }
        if (!taken) ++d.distinct;
      }
      ++d.entries;
      out.push_back(ikeys::entryKey(id, e.tuple, e.entity));
    }
    IndexCounts now = indexCounts(id);
    std::string v;
    keys::appendU64(&v, static_cast<uint64_t>(now.entries + d.entries));
    keys::appendU64(&v, static_cast<uint64_t>(now.distinct + d.distinct));
    (*meta_puts)[keys::metaCountIndexKey(id)] = v;
  }
  if (!existing->status().ok())
    return fromRocks(existing->status(), "bulk import: reading indexes");
  if (out.empty()) return Status::OK();

  rocksdb::Options options = db_->GetOptions(cf(keys::kIndex));
  options.compression = rocksdb::kNoCompression;
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, nullptr,
                                /*invalidate_page_cache=*/false);
  rocksdb::Status s = writer.Open(file);
  for (size_t i = 0; s.ok() && i < out.size(); ++i) s = writer.Put(out[i], rocksdb::Slice());
  if (s.ok()) s = writer.Finish();
  if (!s.ok()) return fromRocks(s, "bulk import: writing " + file);
  *wrote = true;
  return Status::OK();
}

}  // namespace entente::storage
