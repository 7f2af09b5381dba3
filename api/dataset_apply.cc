// api/dataset_apply.cc — Dataset::apply: cross-checks a whole dataset against itself and
// the store, then writes it in one transaction.
#include <algorithm>
#include <set>

#include "api/convert.h"
#include "api/dataset.h"

namespace entente::api {

namespace {

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

template <typename Range>
std::string didYouMean(const std::string& word, const Range& known) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 4) + 1;
  size_t looked = 0;
  for (const auto& k : known) {
    if (++looked > 20000) break;  // a hint, not worth seconds on a huge file
    if (size_t d = editDistance(word, k); d < best_d) best_d = d, best = k;
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

void check(const storage::Status& s) {
  if (!s.ok()) {
    Error e = query::fromStatus(s);
    throw ImportError(e.message(), 0, 0, e.code());
  }
}
template <typename T>
T check(storage::Result<T> r) {
  if (!r.ok()) check(r.status());
  return std::move(r).value();
}

}  // namespace

Stats Dataset::apply(storage::GraphStore& store) {
  auto txn = store.beginWrite();

  // Relation types: once the file or the store declares a vocabulary, a type outside it is
  // an error (a typo must not silently become a new type).
  std::set<std::string> known;
  bool declared = declares_types_;
  for (const auto& def : txn->relTypes())
    if (def.declared) declared = true, known.insert(def.name);
  for (const auto& def : types_) known.insert(def.name);
  if (declared)
    for (const auto& r : relations_)
      if (!known.count(r.type))
        fail(r.where + ".type: unknown relation type '" + r.type + "'" + didYouMean(r.type, known) +
             "; the vocabulary is declared, so a relation type must be declared in "
             "\"relation_types\" first");

  // Keys of entities already in the store (from earlier imports).
  std::unordered_map<std::string, storage::NodeId> stored_keys;
  if (auto key_id = txn->lookupString(kKey)) {
    std::vector<storage::NodeId> ids;
    txn->scanNodes([&](storage::NodeId id) {
      ids.push_back(id);
      return true;
    });
    for (auto id : ids)
      if (auto rec = txn->getNode(id))
        for (const auto& [k, v] : rec->props)
          if (k == *key_id && v.isString()) stored_keys.emplace(v.asString(), id);
  }
  for (const auto& e : entities_)
    if (auto it = stored_keys.find(e.key); it != stored_keys.end())
      fail(e.where + ": key '" + e.key + "' already exists in the database (entity " +
           std::to_string(it->second) + ")");

  std::vector<std::string> file_keys;  // for hints only
  auto resolveCheck = [&](const std::string& key, const std::string& where) {
    if (key_index_.count(key) || stored_keys.count(key)) return;
    if (file_keys.empty())
      for (const auto& e : entities_) file_keys.push_back(e.key);
    fail(where + ": unknown entity key '" + key + "'" + didYouMean(key, file_keys));
  };
  for (const auto& r : relations_) {
    resolveCheck(r.from, r.where + ".from");
    resolveCheck(r.to, r.where + ".to");
    for (size_t i = 0; i < r.sources.size(); ++i)
      resolveCheck(r.sources[i], r.where + ".properties.source[" + std::to_string(i) + "]");
  }

  // Everything checked: write.
  Stats stats;
  for (const auto& def : types_) check(txn->putRelType(def));
  std::vector<storage::NodeId> node_ids;
  node_ids.reserve(entities_.size());
  for (const auto& e : entities_) {
    auto labels = check(internLabels(*txn, e.labels));
    auto props = check(toProperties(*txn, e.props));
    node_ids.push_back(check(txn->createNode(labels, props)));
    stats.nodes_created++;
    stats.labels_added += static_cast<int64_t>(labels.size());
    stats.properties_set += static_cast<int64_t>(props.size());
  }
  auto idOf = [&](const std::string& key) -> storage::NodeId {
    if (auto it = key_index_.find(key); it != key_index_.end()) return node_ids[it->second];
    return stored_keys.at(key);
  };
  for (const auto& r : relations_) {
    Map props = r.props;
    if (r.has_source) {
      List sources;
      for (const auto& s : r.sources) sources.push_back(Value(static_cast<int64_t>(idOf(s))));
      props.insert_or_assign(std::string(storage::kSource), Value(std::move(sources)));
    }
    auto type = check(txn->internString(r.type));
    auto p = check(toProperties(*txn, props));
    check(txn->createEdge(idOf(r.from), type, idOf(r.to), p));
    stats.relationships_created++;
    stats.properties_set += static_cast<int64_t>(p.size());
  }
  check(txn->commit());
  return stats;
}

}  // namespace entente::api
