#include "query/exec/write_util.h"

#include <algorithm>

#include "query/error.h"
#include "query/status_error.h"

namespace entente::query {
namespace {

bool scalar(const RValue& v) {
  return v.isBool() || v.isInt() || v.isFloat() || v.isString() || v.isDate();
}

bool storable(const RValue& v) {
  if (scalar(v)) return true;
  if (v.isList()) {
    for (const auto& e : v.asList())
      if (!scalar(e)) return false;
    return true;
  }
  if (v.isMap()) {
    for (const auto& [k, e] : v.asMap())
      if (!e.isNull() && !storable(e)) return false;
    return true;
  }
  return false;
}

std::optional<Value> reservedValue(const RValue& v, std::string_view key) {
  std::string k(key);
  if (key == storage::kSince || key == storage::kUntil) {
    if (auto d = storage::dateOrIsoString(v)) return Value(*d);
    throw QueryError(ErrorCode::kArgumentError,
                     "Invalid date for relationship property `" + k + "`: expected an ISO date " +
                         "such as '2024-11-27', got " +
                         (v.isString() ? "'" + v.asString() + "'" : std::string(v.kindName())),
                     {}, ErrorDetail::kInvalidArgumentValue);
  }
  if (key == storage::kConfidence) {
    if (v.isNumber() && v.asNumber() >= 0.0 && v.asNumber() <= 1.0) return v.toValue();
    throw QueryError(ErrorCode::kArgumentError,
                     "Invalid value for relationship property `confidence`: expected a number "
                     "between 0 and 1",
                     {}, ErrorDetail::kInvalidArgumentValue);
  }
  if (key == storage::kSource) {
    auto id = [&](const RValue& e) -> Value {
      if (e.isNode()) return Value(static_cast<int64_t>(e.asNode().id));
      if (e.isInt() && e.asInt() >= 0) return Value(e.asInt());
      throw QueryError(ErrorCode::kArgumentError,
                       "Invalid value for relationship property `source`: expected a node id, a "
                       "Source node or a list of them",
                       {}, ErrorDetail::kInvalidArgumentValue);
    };
    if (v.isList()) {
      List ids;
      for (const auto& e : v.asList()) ids.push_back(id(e));
      return Value(std::move(ids));
    }
    return id(v);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Value> storableValue(const RValue& v, std::string_view key, bool relationship) {
  if (v.isNull()) return std::nullopt;
  if (relationship) {
    if (auto r = reservedValue(v, key)) return r;
  }
  if (!storable(v))
    throw QueryError(ErrorCode::kTypeError,
                     "Invalid property type for `" + std::string(key) + "`: " + v.kindName() +
                         " cannot be stored (properties hold scalars, lists of scalars and maps)",
                     {}, ErrorDetail::kInvalidPropertyType);
  return v.toValue();
}

void putProperty(ExecState& st, storage::Properties& props, uint32_t key,
                 std::optional<Value> value) {
  auto it = std::lower_bound(props.begin(), props.end(), key,
                             [](const auto& p, uint32_t k) { return p.first < k; });
  bool exists = it != props.end() && it->first == key;
  if (!value) {
    if (exists) {
      props.erase(it);
      ++st.stats.properties_removed;
    }
    return;
  }
  ++st.stats.properties_set;
  if (exists) {
    if (!(it->second == *value)) ++st.stats.properties_removed;
    it->second = std::move(*value);
  } else {
    props.insert(it, {key, std::move(*value)});
  }
}

RMap propertyMapOf(ExecState& st, const RValue& v, std::string_view what) {
  if (v.isMap()) return v.asMap();
  if (v.isNull()) return {};
  storage::Properties props;
  if (v.isNode()) {
    props = loadNode(st, v.asNode().id).props;
  } else if (v.isRel()) {
    props = loadEdge(st, v.asRel().id).props;
  } else {
    throw QueryError(ErrorCode::kTypeError,
                     std::string(what) + " expects a map, got " + v.kindName(), {},
                     ErrorDetail::kInvalidArgumentType);
  }
  RMap m;
  for (auto& [k, val] : props) m.emplace_back(st.tx.stringOf(k), RValue::fromValue(val));
  std::sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return m;
}

storage::NodeRecord loadNode(ExecState& st, uint64_t id) {
  auto rec = st.tx.getNode(id);
  if (!rec)
    throw QueryError(ErrorCode::kEntityNotFound,
                     "Node " + std::to_string(id) + " does not exist (deleted?)", {},
                     ErrorDetail::kDeletedEntityAccess);
  return std::move(*rec);
}

storage::EdgeRecord loadEdge(ExecState& st, uint64_t id) {
  auto rec = st.tx.getEdge(id);
  if (!rec)
    throw QueryError(ErrorCode::kEntityNotFound,
                     "Relationship " + std::to_string(id) + " does not exist (deleted?)", {},
                     ErrorDetail::kDeletedEntityAccess);
  return std::move(*rec);
}

}  // namespace entente::query
