// api/export_json.cc — exportJson / exportJsonText: the whole database in the dataset
// format that importJson reads. Deterministic (entities by id, relations by id, labels and
// relation types by name), so export -> import into a fresh database -> export gives the
// same document.
#include <algorithm>
#include <fstream>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "api/convert.h"
#include "api/database_impl.h"

namespace entente {

namespace {

using OJson = nlohmann::ordered_json;

OJson toExportJson(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return nullptr;
    case Value::Type::kBool: return v.asBool();
    case Value::Type::kInt: return v.asInt();
    case Value::Type::kFloat: return v.asFloat();
    case Value::Type::kString: return v.asString();
    case Value::Type::kDate: return OJson{{"$date", v.asDate().toString()}};
    case Value::Type::kList: {
      OJson a = OJson::array();
      for (const auto& item : v.asList()) a.push_back(toExportJson(item));
      return a;
    }
    case Value::Type::kMap: {
      OJson o = OJson::object();
      for (const auto& [k, item] : v.asMap()) o[k] = toExportJson(item);
      return o;
    }
    default: return v.toCypher();  // not storable; cannot occur in stored properties
  }
}

// since/until are written as plain ISO strings (import reads them back as dates).
OJson propertiesJson(const Map& props, const std::unordered_map<uint64_t, std::string>* keys) {
  OJson o = OJson::object();
  for (const auto& [k, v] : props) {
    if ((k == storage::kSince || k == storage::kUntil) && v.isDate()) {
      o[k] = v.asDate().toString();
    } else if (keys && k == storage::kSource && v.isList()) {
      OJson a = OJson::array();
      for (const auto& s : v.asList()) {
        auto it = s.isInt() ? keys->find(static_cast<uint64_t>(s.asInt())) : keys->end();
        a.push_back(it != keys->end() ? OJson(it->second) : toExportJson(s));
      }
      o[k] = std::move(a);
    } else {
      o[k] = toExportJson(v);
    }
  }
  return o;
}

const char* signName(storage::Sign s) {
  return s == storage::Sign::kPositive   ? "positive"
         : s == storage::Sign::kNegative ? "negative"
                                         : "neutral";
}

bool isStringList(const Value& v) {
  if (!v.isList()) return false;
  for (const auto& s : v.asList())
    if (!s.isString()) return false;
  return true;
}

// ---- the phases of exportJsonText, one call each ----------------------------------------

std::vector<Node> readNodes(const storage::Transaction& txn) {
  std::vector<storage::NodeId> ids;
  txn.scanNodes([&](storage::NodeId id) {
    ids.push_back(id);
    return true;
  });
  std::vector<Node> nodes;
  for (auto id : ids)
    if (auto rec = txn.getNode(id)) nodes.push_back(api::toNode(txn, *rec));
  return nodes;
}

// Keys: the stored `key`, else "n<id>"; a duplicate falls back to "n<id>" (made unique).
std::unordered_map<uint64_t, std::string> entityKeys(const std::vector<Node>& nodes) {
  std::unordered_map<uint64_t, std::string> key_of;
  std::set<std::string> used;
  for (const auto& n : nodes) {
    auto it = n.properties.find(api::kKey);
    if (it != n.properties.end() && it->second.isString() && !it->second.asString().empty())
      used.insert(it->second.asString());
  }
  std::set<std::string> taken;
  for (const auto& n : nodes) {
    auto it = n.properties.find(api::kKey);
    std::string key;
    if (it != n.properties.end() && it->second.isString() && !it->second.asString().empty() &&
        !taken.count(it->second.asString()))
      key = it->second.asString();
    else {
      key = "n" + std::to_string(n.id);
      for (int i = 1; taken.count(key) || used.count(key); ++i)
        key = "n" + std::to_string(n.id) + "_" + std::to_string(i);
    }
    taken.insert(key);
    key_of.emplace(n.id, key);
  }
  return key_of;
}

//! Every relation in id order; "" or what could not be decoded in `*corrupt`.
std::vector<Relationship> readRelations(const storage::Transaction& txn, std::string* corrupt) {
  std::vector<Relationship> rels;
  txn.scanEdges([&](const storage::EdgeRef& e) {
    storage::Properties props;
    if (!storage::decodeProperties(e.raw_props, &props)) {
      *corrupt = "relation " + std::to_string(e.id);
      return false;
    }
    rels.push_back(Relationship{e.id, txn.stringOf(e.type), e.src, e.dst, api::toMap(txn, props)});
    return true;
  });
  std::sort(rels.begin(), rels.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return rels;
}

// Relation types: the declared ones; once any is declared, also every type in use, so the
// file passes its own vocabulary check on import.
OJson relationTypesJson(const storage::Transaction& txn, const std::vector<Relationship>& rels) {
  std::vector<storage::RelTypeDef> types;
  std::set<std::string> used_types;
  for (const auto& r : rels) used_types.insert(r.type);
  auto all_types = txn.relTypes();
  bool any_declared =
      std::any_of(all_types.begin(), all_types.end(), [](const auto& d) { return d.declared; });
  for (const auto& d : all_types)
    if (d.declared || (any_declared && used_types.count(d.name))) types.push_back(d);
  std::sort(types.begin(), types.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  OJson jtypes = OJson::array();
  for (const auto& d : types) {
    OJson t = OJson::object();
    t["name"] = d.name;
    t["sign"] = signName(d.sign);
    t["symmetric"] = d.symmetric;
    t["transitive"] = d.transitive;
    if (!d.inverse.empty()) t["inverse"] = d.inverse;
    if (!d.description.empty()) t["description"] = d.description;
    jtypes.push_back(std::move(t));
  }
  return jtypes;
}

OJson entitiesJson(std::vector<Node>& nodes, std::unordered_map<uint64_t, std::string>& key_of) {
  OJson jents = OJson::array();
  for (auto& n : nodes) {
    OJson e = OJson::object();
    e["key"] = key_of[n.id];
    std::sort(n.labels.begin(), n.labels.end());
    e["labels"] = n.labels;
    n.properties.erase(std::string(api::kKey));
    if (auto it = n.properties.find(storage::kName);
        it != n.properties.end() && it->second.isString()) {
      e["name"] = it->second.asString();
      n.properties.erase(it);
    }
    if (auto it = n.properties.find(storage::kAliases);
        it != n.properties.end() && isStringList(it->second)) {
      e["aliases"] = toExportJson(it->second);
      n.properties.erase(it);
    }
    if (!n.properties.empty()) e["properties"] = propertiesJson(n.properties, nullptr);
    jents.push_back(std::move(e));
  }
  return jents;
}

OJson relationsJson(const std::vector<Relationship>& rels,
                    std::unordered_map<uint64_t, std::string>& key_of) {
  OJson jrels = OJson::array();
  for (const auto& r : rels) {
    OJson o = OJson::object();
    o["from"] = key_of[r.start];
    o["type"] = r.type;
    o["to"] = key_of[r.end];
    if (!r.properties.empty()) o["properties"] = propertiesJson(r.properties, &key_of);
    jrels.push_back(std::move(o));
  }
  return jrels;
}

}  // namespace

Expected<std::string> Database::exportJsonText() {
  return api::guarded([&]() -> Expected<std::string> {
    auto txn = impl_->store->beginRead();
    std::vector<Node> nodes = readNodes(*txn);
    auto key_of = entityKeys(nodes);
    std::string corrupt;
    std::vector<Relationship> rels = readRelations(*txn, &corrupt);
    if (!corrupt.empty()) return api::ioError("corruption: undecodable properties on " + corrupt);

    OJson doc = OJson::object();
    doc["format"] = "entente-dataset/1";
    doc["relation_types"] = relationTypesJson(*txn, rels);
    doc["entities"] = entitiesJson(nodes, key_of);
    doc["relations"] = relationsJson(rels, key_of);
    return doc.dump(1, ' ', false, OJson::error_handler_t::replace) + "\n";
  });
}

Expected<void> Database::exportJson(const std::string& file) {
  return api::guarded([&]() -> Expected<void> {
    auto text = exportJsonText();
    if (!text) return text.error();
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) return api::ioError(file + ": cannot open for writing");
    out << *text;
    out.close();
    if (!out) return api::ioError(file + ": write failed");
    return {};
  });
}

}  // namespace entente
