// api/dataset.cc — see dataset.h.
#include "api/dataset.h"

#include <algorithm>
#include <initializer_list>

#include "api/convert.h"

namespace entente::api {

namespace {

void checkFields(const Json& j, const std::string& where,
                 std::initializer_list<const char*> allowed) {
  if (!j.is_object()) fail(where + ": expected an object, got " + jsonKind(j));
  for (const auto& [k, v] : j.items()) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || k == a;
    if (ok) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail(where + ": unknown field '" + k + "' (expected " + list + ")");
  }
}

bool optionalBool(const Json& j, const char* key, const std::string& where) {
  if (!j.contains(key)) return false;
  const Json& v = j[key];
  if (!v.is_boolean()) fail(where + "." + key + ": expected true or false, got " + jsonKind(v));
  return v.get<bool>();
}

std::string requiredString(const Json& j, const char* key, const std::string& where) {
  if (!j.contains(key)) fail(where + ": missing \"" + key + "\"");
  std::string s = jsonString(j[key], where + "." + key);
  if (s.empty()) fail(where + "." + key + ": may not be empty");
  return s;
}

// The `properties` object of a record, converted; `path` is e.g. "entities[3].properties".
Map readProperties(const Json& j, const std::string& path) {
  if (!j.is_object()) fail(path + ": expected an object, got " + jsonKind(j));
  Map props;
  for (const auto& [k, v] : j.items()) {
    if (!validUtf8(k)) fail(path + ": invalid UTF-8 in a key");
    props.emplace(k, jsonToValue(v, path + "." + k, 1));
  }
  return props;
}

}  // namespace

void Dataset::addRelType(const Json& j, const std::string& where) {
  checkFields(j, where, {"name", "sign", "symmetric", "transitive", "inverse", "description"});
  storage::RelTypeDef def;
  def.name = requiredString(j, "name", where);
  def.declared = true;
  if (j.contains("sign")) {
    std::string sign = jsonString(j["sign"], where + ".sign");
    if (sign == "positive" || sign == "+")
      def.sign = storage::Sign::kPositive;
    else if (sign == "negative" || sign == "-")
      def.sign = storage::Sign::kNegative;
    else if (sign == "neutral" || sign == "0")
      def.sign = storage::Sign::kNeutral;
    else
      fail(where + ".sign: expected \"positive\", \"negative\" or \"neutral\", got '" + sign + "'");
  }
  def.symmetric = optionalBool(j, "symmetric", where);
  def.transitive = optionalBool(j, "transitive", where);
  if (j.contains("inverse") && !j["inverse"].is_null())
    def.inverse = jsonString(j["inverse"], where + ".inverse");
  if (j.contains("description") && !j["description"].is_null())
    def.description = jsonString(j["description"], where + ".description");
  if (auto it = type_index_.find(def.name); it != type_index_.end())
    fail(where + ": relation type '" + def.name + "' is declared twice (first at " +
         type_where_[it->second] + ")");
  declares_types_ = true;
  type_index_.emplace(def.name, types_.size());
  types_.push_back(std::move(def));
  type_where_.push_back(where);
}

void Dataset::addEntity(const Json& j, const std::string& where) {
  checkFields(j, where, {"key", "labels", "name", "aliases", "properties"});
  Entity e;
  e.where = where;
  e.key = requiredString(j, "key", where);
  if (j.contains("labels")) {
    const Json& labels = j["labels"];
    if (labels.is_string()) {
      e.labels.push_back(jsonString(labels, where + ".labels"));
    } else if (labels.is_array()) {
      for (size_t i = 0; i < labels.size(); ++i)
        e.labels.push_back(jsonString(labels[i], where + ".labels[" + std::to_string(i) + "]"));
    } else {
      fail(where + ".labels: expected a list of strings, got " + jsonKind(labels));
    }
    for (const auto& l : e.labels)
      if (l.empty()) fail(where + ".labels: a label may not be empty");
  }
  if (j.contains("properties")) e.props = readProperties(j["properties"], where + ".properties");
  for (const char* reserved : {"key", "name", "aliases"})
    if (e.props.count(reserved) && j.contains(reserved))
      fail(where + ".properties." + reserved + ": given twice (also as \"" + reserved +
           "\" of the entity)");
  if (e.props.count("key")) fail(where + ".properties.key: the key is the entity's \"key\" field");
  e.props.insert_or_assign("key", Value(e.key));
  if (j.contains("name") && !j["name"].is_null())
    e.props.insert_or_assign("name", Value(jsonString(j["name"], where + ".name")));
  if (j.contains("aliases") && !j["aliases"].is_null()) {
    const Json& aliases = j["aliases"];
    if (!aliases.is_array())
      fail(where + ".aliases: expected a list of strings, got " + jsonKind(aliases));
    List list;
    for (size_t i = 0; i < aliases.size(); ++i)
      list.push_back(Value(jsonString(aliases[i], where + ".aliases[" + std::to_string(i) + "]")));
    e.props.insert_or_assign("aliases", Value(std::move(list)));
  }
  if (auto msg = normalizeEntityProperties(&e.props); !msg.empty())
    fail(where + ".properties." + msg);
  if (auto it = key_index_.find(e.key); it != key_index_.end())
    fail(where + ": duplicate key '" + e.key + "' (first at " + entities_[it->second].where + ")");
  key_index_.emplace(e.key, entities_.size());
  entities_.push_back(std::move(e));
}

void Dataset::addRelation(const Json& j, const std::string& where) {
  checkFields(j, where, {"from", "type", "to", "properties"});
  Relation r;
  r.where = where;
  r.from = requiredString(j, "from", where);
  r.type = requiredString(j, "type", where);
  r.to = requiredString(j, "to", where);
  if (j.contains("properties")) {
    const Json& props = j["properties"];
    std::string path = where + ".properties";
    if (props.is_object() && props.contains("source") && !props["source"].is_null()) {
      const Json& src = props["source"];
      r.has_source = true;
      if (src.is_string()) {
        r.sources.push_back(jsonString(src, path + ".source"));
      } else if (src.is_array()) {
        for (size_t i = 0; i < src.size(); ++i)
          r.sources.push_back(jsonString(src[i], path + ".source[" + std::to_string(i) + "]"));
      } else {
        fail(path + ".source: expected a list of entity keys, got " + jsonKind(src));
      }
    }
    r.props = readProperties(props, path);
    r.props.erase("source");
    if (auto msg = normalizeRelationProperties(&r.props); !msg.empty()) fail(path + "." + msg);
  }
  relations_.push_back(std::move(r));
}

}  // namespace entente::api
