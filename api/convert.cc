// api/convert.cc — see convert.h.
#include "api/convert.h"

#include <algorithm>

namespace entente::api {

using storage::Status;

Error invalidInput(std::string message, int line, int column) {
  return Error(ErrorCode::kInvalidInput, std::move(message), ErrorDetail::kNone, line, column);
}
Error ioError(std::string message) { return Error(ErrorCode::kIOError, std::move(message)); }
Error internalError(std::string message) {
  return Error(ErrorCode::kInternalError, std::move(message));
}
Error notFound(std::string message) {
  return Error(ErrorCode::kEntityNotFound, std::move(message));
}

Map toMap(const storage::Transaction& txn, const storage::Properties& props) {
  Map m;
  for (const auto& [key, value] : props) m.emplace(txn.stringOf(key), value);
  return m;
}

Node toNode(const storage::Transaction& txn, const storage::NodeRecord& record) {
  Node n;
  n.id = record.id;
  n.labels.reserve(record.labels.size());
  for (auto l : record.labels) n.labels.push_back(txn.stringOf(l));
  n.properties = toMap(txn, record.props);
  return n;
}

Relationship toRelationship(const storage::Transaction& txn, const storage::EdgeRecord& record) {
  Relationship r;
  r.id = record.id;
  r.type = txn.stringOf(record.type);
  r.start = record.src;
  r.end = record.dst;
  r.properties = toMap(txn, record.props);
  return r;
}

storage::Result<storage::Properties> toProperties(storage::Transaction& txn, const Map& map) {
  storage::Properties props;
  props.reserve(map.size());
  for (const auto& [key, value] : map) {
    if (value.isNull()) continue;
    auto id = txn.internString(key);
    if (!id.ok()) return id.status();
    props.emplace_back(id.value(), value);
  }
  std::sort(props.begin(), props.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return props;
}

storage::Result<std::vector<storage::LabelId>> internLabels(
    storage::Transaction& txn, const std::vector<std::string>& labels) {
  std::vector<storage::LabelId> ids;
  for (const auto& l : labels) {
    if (l.empty()) return Status::InvalidArgument("a label may not be empty");
    auto id = txn.internString(l);
    if (!id.ok()) return id.status();
    ids.push_back(id.value());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string jsonTypeName(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return "null";
    case Value::Type::kBool: return "boolean";
    case Value::Type::kInt: return "integer";
    case Value::Type::kFloat: return "float";
    case Value::Type::kString: return "string";
    case Value::Type::kDate: return "date";
    case Value::Type::kList: return "list";
    case Value::Type::kMap: return "map";
    case Value::Type::kNode: return "node";
    case Value::Type::kRelationship: return "relationship";
    case Value::Type::kPath: return "path";
  }
  return "value";
}

namespace {

std::string checkStorable(const std::string& key, const Value& v) {
  if (!v.isStorable()) return key + ": a " + jsonTypeName(v) + " cannot be stored as a property";
  return "";
}

// since/until: a date, or a string holding one.
std::string normalizeDate(Map* props, std::string_view key) {
  auto it = props->find(key);
  if (it == props->end() || it->second.isNull()) return "";
  if (auto d = storage::dateOrIsoString(it->second)) {
    it->second = Value(*d);
    return "";
  }
  if (it->second.isString())
    return std::string(key) + ": '" + it->second.asString() + "' is not a valid date (YYYY-MM-DD)";
  return std::string(key) + ": expected a date (YYYY-MM-DD), got " + jsonTypeName(it->second);
}

std::string normalizeCommon(Map* props) {
  for (const auto& [k, v] : *props)
    if (auto e = checkStorable(k, v); !e.empty()) return e;
  for (auto key : {storage::kSince, storage::kUntil})
    if (auto e = normalizeDate(props, key); !e.empty()) return e;
  auto since = props->find(storage::kSince), until = props->find(storage::kUntil);
  if (since != props->end() && until != props->end() && since->second.isDate() &&
      until->second.isDate() && until->second.asDate() < since->second.asDate())
    return "until: " + until->second.asDate().toString() + " is before since " +
           since->second.asDate().toString();
  return "";
}

}  // namespace

std::string normalizeEntityProperties(Map* props) {
  if (auto e = normalizeCommon(props); !e.empty()) return e;
  if (auto it = props->find(storage::kName);
      it != props->end() && !it->second.isNull() && !it->second.isString())
    return "name: expected a string, got " + jsonTypeName(it->second);
  if (auto it = props->find(storage::kAliases); it != props->end() && !it->second.isNull()) {
    if (!it->second.isList())
      return "aliases: expected a list of strings, got " + jsonTypeName(it->second);
    for (const auto& a : it->second.asList())
      if (!a.isString())
        return "aliases: expected a list of strings, got a " + jsonTypeName(a) + " in it";
  }
  return "";
}

std::string normalizeRelationProperties(Map* props) {
  if (auto e = normalizeCommon(props); !e.empty()) return e;
  if (auto it = props->find(storage::kConfidence); it != props->end() && !it->second.isNull()) {
    const Value& c = it->second;
    if (!c.isNumber() || !(c.asNumber() >= 0.0 && c.asNumber() <= 1.0))
      return "confidence: expected a number in 0..1, got " +
             (c.isNumber() ? c.toCypher() : jsonTypeName(c));
  }
  if (auto it = props->find(storage::kSource); it != props->end() && !it->second.isNull()) {
    if (it->second.isInt()) it->second = Value(List{it->second});
    if (!it->second.isList())
      return "source: expected a list of entity ids, got " + jsonTypeName(it->second);
    for (const auto& s : it->second.asList())
      if (!s.isInt() || s.asInt() < 0)
        return "source: expected a list of entity ids, got a " + jsonTypeName(s) + " in it";
  }
  if (auto it = props->find(storage::kSaidBy); it != props->end() && !it->second.isNull()) {
    bool ok = it->second.isString();
    if (it->second.isList()) {
      ok = true;
      for (const auto& s : it->second.asList()) ok = ok && s.isString();
    }
    if (!ok)
      return "said_by: expected a string or a list of strings, got " + jsonTypeName(it->second);
  }
  return "";
}

}  // namespace entente::api
