// storage/property_codec.cc — see property_codec.h for the format.
#include "storage/property_codec.h"

#include <algorithm>
#include <cstring>

namespace entente::storage {
namespace codec {
namespace {

enum Tag : uint8_t {
  kNull = 0,
  kFalse,
  kTrue,
  kInt,
  kFloat,
  kString,
  kDate,
  kList,
  kMap,
  kTagCount
};

uint64_t zigzag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t unzigzag(uint64_t u) { return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1); }

// Reads a length and checks that that many bytes are left.
bool readLength(const char** p, const char* end, uint64_t* n) {
  return readVarint(p, end, n) && *n <= static_cast<uint64_t>(end - *p);
}

}  // namespace

void appendVarint(std::string* out, uint64_t v) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}

bool readVarint(const char** p, const char* end, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    auto byte = static_cast<unsigned char>(*(*p)++);
    if (shift == 63 && byte > 1) return false;  // would overflow 64 bits
    result |= uint64_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool isStorableValue(const Value& v, int depth) {
  switch (v.type()) {
    case Value::Type::kList:
      if (depth >= kMaxDepth) return false;
      for (const Value& item : v.asList())
        if (!isStorableValue(item, depth + 1)) return false;
      return true;
    case Value::Type::kMap:
      if (depth >= kMaxDepth) return false;
      for (const auto& [k, item] : v.asMap())
        if (!isStorableValue(item, depth + 1)) return false;
      return true;
    case Value::Type::kNode:
    case Value::Type::kRelationship:
    case Value::Type::kPath: return false;
    default: return true;
  }
}

void appendValue(std::string* out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool: out->push_back(static_cast<char>(v.asBool() ? kTrue : kFalse)); return;
    case Value::Type::kInt:
      out->push_back(static_cast<char>(kInt));
      appendVarint(out, zigzag(v.asInt()));
      return;
    case Value::Type::kFloat: {
      out->push_back(static_cast<char>(kFloat));
      double d = v.asFloat();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(bits >> (8 * i)));
      return;
    }
    case Value::Type::kString:
      out->push_back(static_cast<char>(kString));
      appendVarint(out, v.asString().size());
      out->append(v.asString());
      return;
    case Value::Type::kDate:
      out->push_back(static_cast<char>(kDate));
      appendVarint(out, zigzag(v.asDate().days));
      return;
    case Value::Type::kList: {
      std::string payload;
      appendVarint(&payload, v.asList().size());
      for (const Value& item : v.asList()) appendValue(&payload, item);
      out->push_back(static_cast<char>(kList));
      appendVarint(out, payload.size());
      out->append(payload);
      return;
    }
    case Value::Type::kMap: {
      std::string payload;
      appendVarint(&payload, v.asMap().size());
      for (const auto& [k, item] : v.asMap()) {
        appendVarint(&payload, k.size());
        payload.append(k);
        appendValue(&payload, item);
      }
      out->push_back(static_cast<char>(kMap));
      appendVarint(out, payload.size());
      out->append(payload);
      return;
    }
    default:  // null, and graph values (refused before encoding; stored as null if not)
      out->push_back(static_cast<char>(kNull));
      return;
  }
}

bool readValue(const char** p, const char* end, Value* out, int depth) {
  if (*p >= end) return false;
  auto tag = static_cast<uint8_t>(*(*p)++);
  uint64_t u = 0;
  switch (tag) {
    case kNull: *out = Value(); return true;
    case kFalse: *out = Value(false); return true;
    case kTrue: *out = Value(true); return true;
    case kInt:
      if (!readVarint(p, end, &u)) return false;
      *out = Value(unzigzag(u));
      return true;
    case kFloat: {
      if (end - *p < 8) return false;
      uint64_t bits = 0;
      for (int i = 0; i < 8; ++i) bits |= uint64_t{static_cast<unsigned char>((*p)[i])} << (8 * i);
      *p += 8;
      double d;
      std::memcpy(&d, &bits, 8);
      *out = Value(d);
      return true;
    }
    case kString:
      if (!readLength(p, end, &u)) return false;
      *out = Value(std::string(*p, u));
      *p += u;
      return true;
    case kDate: {
      if (!readVarint(p, end, &u)) return false;
      int64_t days = unzigzag(u);
      if (days < INT32_MIN || days > INT32_MAX) return false;
      *out = Value(Date{static_cast<int32_t>(days)});
      return true;
    }
    case kList:
    case kMap: {
      if (depth >= kMaxDepth || !readLength(p, end, &u)) return false;
      const char* q = *p;
      const char* sub_end = *p + u;
      uint64_t count = 0;
      if (!readVarint(&q, sub_end, &count) || count > static_cast<uint64_t>(sub_end - q))
        return false;
      if (tag == kList) {
        List list;
        list.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
          Value item;
          if (!readValue(&q, sub_end, &item, depth + 1)) return false;
          list.push_back(std::move(item));
        }
        if (q != sub_end) return false;
        *out = Value(std::move(list));
      } else {
        Map map;
        for (uint64_t i = 0; i < count; ++i) {
          uint64_t klen = 0;
          if (!readLength(&q, sub_end, &klen)) return false;
          std::string key(q, klen);
          q += klen;
          Value item;
          if (!readValue(&q, sub_end, &item, depth + 1)) return false;
          if (!map.emplace(std::move(key), std::move(item)).second) return false;  // duplicate key
        }
        if (q != sub_end) return false;
        *out = Value(std::move(map));
      }
      *p = sub_end;
      return true;
    }
    default: return false;
  }
}

bool skipValue(const char** p, const char* end) {
  if (*p >= end) return false;
  auto tag = static_cast<uint8_t>(*(*p)++);
  uint64_t u = 0;
  switch (tag) {
    case kNull:
    case kFalse:
    case kTrue: return true;
    case kInt:
    case kDate: return readVarint(p, end, &u);
    case kFloat:
      if (end - *p < 8) return false;
      *p += 8;
      return true;
    case kString:
    case kList:
    case kMap:
      if (!readLength(p, end, &u)) return false;
      *p += u;
      return true;
    default: return false;
  }
}

std::string encodeNode(const std::vector<LabelId>& labels, const Properties& props) {
  std::string out;
  appendVarint(&out, labels.size());
  for (LabelId l : labels) appendVarint(&out, l);
  out.append(encodeProperties(props));
  return out;
}

namespace {
bool readLabels(const char** p, const char* end, std::vector<LabelId>* labels) {
  uint64_t n = 0;
  if (!readVarint(p, end, &n) || n > static_cast<uint64_t>(end - *p)) return false;
  if (labels) labels->clear(), labels->reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t l = 0;
    if (!readVarint(p, end, &l) || l > UINT32_MAX) return false;
    if (labels) labels->push_back(static_cast<LabelId>(l));
  }
  return true;
}
}  // namespace

bool decodeNode(std::string_view bytes, std::vector<LabelId>* labels, Properties* props) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  if (!readLabels(&p, end, labels)) return false;
  if (!props) return true;
  return decodeProperties(std::string_view(p, end - p), props);
}

std::optional<std::string_view> nodeProps(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  if (!readLabels(&p, end, nullptr)) return std::nullopt;
  return std::string_view(p, end - p);
}

std::string encodeRelType(const RelTypeDef& def) {
  std::string out;
  out.push_back(static_cast<char>(1));  // record version
  out.push_back(static_cast<char>(static_cast<int8_t>(def.sign)));
  out.push_back(static_cast<char>((def.symmetric ? 1 : 0) | (def.transitive ? 2 : 0)));
  for (const std::string* s : {&def.name, &def.inverse, &def.description}) {
    appendVarint(&out, s->size());
    out.append(*s);
  }
  return out;
}

bool decodeRelType(std::string_view bytes, RelTypeDef* def) {
  if (bytes.size() < 3 || bytes[0] != 1) return false;
  auto sign = static_cast<int8_t>(bytes[1]);
  if (sign < -1 || sign > 1) return false;
  def->sign = static_cast<Sign>(sign);
  def->symmetric = bytes[2] & 1;
  def->transitive = bytes[2] & 2;
  const char* p = bytes.data() + 3;
  const char* end = bytes.data() + bytes.size();
  for (std::string* s : {&def->name, &def->inverse, &def->description}) {
    uint64_t n = 0;
    if (!readLength(&p, end, &n)) return false;
    s->assign(p, n);
    p += n;
  }
  def->declared = true;
  return p == end;
}

}  // namespace codec

// ---- the public helpers declared in graph_store.h -------------------------------------------

std::string encodeProperties(const Properties& props) {
  // Callers normally pass sorted, unique, non-null properties; be lenient otherwise.
  auto sorted = [](const Properties& ps) {
    for (size_t i = 1; i < ps.size(); ++i)
      if (ps[i - 1].first >= ps[i].first) return false;
    return true;
  };
  const Properties* in = &props;
  Properties fixed;
  if (!sorted(props)) {
    fixed = props;
    std::stable_sort(fixed.begin(), fixed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Properties dedup;  // the last of equal keys wins, like repeated assignments
    for (auto& kv : fixed) {
      if (!dedup.empty() && dedup.back().first == kv.first)
        dedup.back() = std::move(kv);
      else
        dedup.push_back(std::move(kv));
    }
    fixed = std::move(dedup);
    in = &fixed;
  }
  std::string out;
  for (const auto& [key, value] : *in) {
    if (value.isNull()) continue;  // a null property is an absent one
    codec::appendVarint(&out, key);
    codec::appendValue(&out, value);
  }
  return out;
}

bool decodeProperties(std::string_view bytes, Properties* out) {
  out->clear();
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  while (p < end) {
    uint64_t key = 0;
    if (!codec::readVarint(&p, end, &key) || key > UINT32_MAX) return false;
    if (!out->empty() && out->back().first >= key) return false;
    Value v;
    if (!codec::readValue(&p, end, &v)) return false;
    out->emplace_back(static_cast<KeyId>(key), std::move(v));
  }
  return true;
}

std::optional<Value> findProperty(std::string_view bytes, KeyId key) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  uint64_t prev = 0;
  bool first = true;
  while (p < end) {
    uint64_t k = 0;
    if (!codec::readVarint(&p, end, &k) || k > UINT32_MAX) return std::nullopt;
    if (!first && k <= prev) return std::nullopt;  // malformed: keys must increase
    if (k > key) return std::nullopt;              // sorted: it is not there
    if (k == key) {
      Value v;
      if (!codec::readValue(&p, end, &v)) return std::nullopt;
      return v;
    }
    if (!codec::skipValue(&p, end)) return std::nullopt;
    prev = k;
    first = false;
  }
  return std::nullopt;
}

}  // namespace entente::storage
