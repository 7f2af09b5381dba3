// storage/index_key_codec.cc — order-preserving encoding of index components and the key
// intervals of index seeks (layout in index_key_codec.h).
#include "storage/index_key_codec.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "storage/key_codec.h"

namespace entente::storage::ikeys {

namespace {

void appendNumber(std::string* out, double d, int16_t tie) {
  out->push_back(static_cast<char>(kClassNumber));
  if (d == 0) d = 0.0;  // -0.0 == 0.0
  uint64_t bits = std::isnan(d) ? uint64_t{0x7FF8000000000000} : std::bit_cast<uint64_t>(d);
  bits = (bits >> 63) ? ~bits : bits ^ (uint64_t{1} << 63);
  keys::appendU64(out, bits);
  uint16_t t = static_cast<uint16_t>(tie) ^ 0x8000;
  out->push_back(static_cast<char>(t >> 8));
  out->push_back(static_cast<char>(t));
}

void appendInt(std::string* out, int64_t i) {
  double d = static_cast<double>(i);  // nearest double, |d| <= 2^63
  __int128 tie = static_cast<__int128>(i) - static_cast<__int128>(d);
  appendNumber(out, d, static_cast<int16_t>(tie));  // |tie| <= 512 (see the header)
}

// The bytes every component of v's type class starts with (class byte, temporal tag).
std::string classPrefix(const Value& v) {
  std::string s;
  switch (v.type()) {
    case Value::Type::kBool: s.push_back(static_cast<char>(kClassBool)); break;
    case Value::Type::kInt:
    case Value::Type::kFloat: s.push_back(static_cast<char>(kClassNumber)); break;
    case Value::Type::kString: s.push_back(static_cast<char>(kClassString)); break;
    case Value::Type::kDate:
      s.push_back(static_cast<char>(kClassTemporal));
      s.push_back(static_cast<char>(kTemporalDate));
      break;
    default: break;
  }
  return s;
}

bool isListOrMap(const Value& v) { return v.isList() || v.isMap(); }

Status notIndexed(const Value& v) {
  return Status::InvalidArgument(std::string("Index seek: ") + v.typeName() +
                                 " values are not indexed (compare them without an index)");
}

}  // namespace

bool indexable(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool:
    case Value::Type::kInt:
    case Value::Type::kFloat:
    case Value::Type::kString:
    case Value::Type::kDate: return true;
    default: return false;
  }
}

bool isNaN(const Value& v) { return v.isFloat() && std::isnan(v.asFloat()); }

void appendValue(std::string* out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool:
      out->push_back(static_cast<char>(kClassBool));
      out->push_back(v.asBool() ? 1 : 0);
      break;
    case Value::Type::kInt: appendInt(out, v.asInt()); break;
    case Value::Type::kFloat: appendNumber(out, v.asFloat(), 0); break;
    case Value::Type::kString:
      out->push_back(static_cast<char>(kClassString));
      for (char c : v.asString()) {
        out->push_back(c);
        if (c == '\0') out->push_back('\xff');
      }
      out->push_back('\0');
      out->push_back('\x01');
      break;
    case Value::Type::kDate:
      out->push_back(static_cast<char>(kClassTemporal));
      out->push_back(static_cast<char>(kTemporalDate));
      keys::appendU32(out, static_cast<uint32_t>(v.asDate().days) ^ 0x80000000u);
      break;
    default: break;  // not indexable (REQUIRES)
  }
}

std::string indexPrefix(IndexId id) {
  std::string s;
  keys::appendU32(&s, id);
  return s;
}

bool encodeTuple(const Properties& props, const std::vector<uint32_t>& keys, std::string* out,
                 bool* has_nan) {
  out->clear();
  if (has_nan) *has_nan = false;
  for (uint32_t k : keys) {
    // Linear: properties are few, and this does not rely on the caller having sorted them.
    auto it =
        std::find_if(props.begin(), props.end(), [k](const auto& kv) { return kv.first == k; });
    if (it == props.end() || !indexable(it->second)) return false;
    if (has_nan && isNaN(it->second)) *has_nan = true;
    appendValue(out, it->second);
  }
  return true;
}

std::string entryKey(IndexId id, std::string_view tuple, uint64_t entity) {
  std::string k;
  k.reserve(kIndexIdLen + tuple.size() + kEntityLen);
  keys::appendU32(&k, id);
  k.append(tuple);
  keys::appendU64(&k, entity);
  return k;
}

uint64_t entryEntity(std::string_view key) {
  return keys::loadU64(key.data() + key.size() - kEntityLen);
}

std::string_view entryTuple(std::string_view key) {
  return key.substr(kIndexIdLen, key.size() - kIndexIdLen - kEntityLen);
}

Status seekIntervals(IndexId id, size_t nkeys, const IndexRange& range,
                     std::vector<std::pair<std::string, std::string>>* out) {
  out->clear();
  const bool has_component = range.kind != IndexRange::Kind::kAll;
  if (range.leading.size() + (has_component ? 1 : 0) > nkeys)
    return Status::InvalidArgument(
        "Index seek: " + std::to_string(range.leading.size() + has_component) +
        " properties given for an index on " + std::to_string(nkeys));
  std::string base = indexPrefix(id);
  bool empty = false;
  for (const Value& v : range.leading) {
    if (isListOrMap(v)) return notIndexed(v);
    if (!indexable(v) || isNaN(v))
      empty = true;  // null or NaN: `=` is never true
    else
      appendValue(&base, v);
  }
  auto upper = [](const std::string& k) { return keys::prefixUpperBound(k); };
  switch (range.kind) {
    case IndexRange::Kind::kAll:
      if (!empty) out->emplace_back(base, upper(base));
      break;
    case IndexRange::Kind::kEquals: {
      for (const Value& v : range.values)
        if (isListOrMap(v)) return notIndexed(v);
      if (empty) break;
      for (const Value& v : range.values) {
        if (!indexable(v) || isNaN(v)) continue;
        std::string k = base;
        appendValue(&k, v);
        std::string end = upper(k);
        out->emplace_back(std::move(k), std::move(end));
      }
      std::sort(out->begin(), out->end());
      out->erase(std::unique(out->begin(), out->end()), out->end());  // 1 and 1.0
      break;
    }
    case IndexRange::Kind::kRange: {
      const auto& lo = range.lower;
      const auto& hi = range.upper;
      if (!lo && !hi)
        return Status::InvalidArgument("Index seek: a range needs a lower or an upper bound");
      for (const auto* b : {&lo, &hi})
        if (*b && isListOrMap((*b)->value)) return notIndexed((*b)->value);
      if (empty) break;
      if ((lo && (!indexable(lo->value) || isNaN(lo->value))) ||
          (hi && (!indexable(hi->value) || isNaN(hi->value))))
        break;  // null or NaN bound: the comparison is never true
      std::string cls = classPrefix(lo ? lo->value : hi->value);
      if (lo && hi && classPrefix(hi->value) != cls) break;  // different types: never true
      std::string start, end;
      if (lo) {
        start = base;
        appendValue(&start, lo->value);
        if (!lo->inclusive) start = upper(start);
      } else {
        start = base + cls;
      }
      if (hi) {
        end = base;
        appendValue(&end, hi->value);
        if (hi->inclusive) end = upper(end);
      } else if (cls[0] == static_cast<char>(kClassNumber)) {
        end = base;  // up to +inf (every tie breaker), NaN excluded
        appendNumber(&end, INFINITY, 0);
        end = upper(end.substr(0, end.size() - 2));
      } else {
        end = upper(base + cls);
      }
      if (start < end) out->emplace_back(std::move(start), std::move(end));
      break;
    }
    case IndexRange::Kind::kPrefix: {
      if (empty) break;
      std::string k = base;
      appendValue(&k, Value(range.prefix));
      k.resize(k.size() - 2);  // without the terminator
      std::string end = upper(k);
      out->emplace_back(std::move(k), std::move(end));
      break;
    }
  }
  return Status::OK();
}

}  // namespace entente::storage::ikeys
