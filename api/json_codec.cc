// api/json_codec.cc — entente/json.h. Writing is hand-rolled (no DOM, one pass into one
// string: results can be large and the server writes many); reading goes through nlohmann.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "api/convert.h"
#include "api/json_util.h"
#include "entente/json.h"

namespace entente {

namespace {

void appendString(std::string* out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c >= 0x80) {
      // A valid UTF-8 sequence is copied; anything else becomes U+FFFD.
      int n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (n > 0 && end - p >= n &&
          api::validUtf8(
              std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)))) {
        out->append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
        p += n;
      } else {
        out->append("\xEF\xBF\xBD");
        ++p;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++p;
  }
  out->push_back('"');
}

void appendDouble(std::string* out, double d) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip form
  std::string_view s(buf, static_cast<size_t>(end - buf));
  out->append(s);
  if (s.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

void appendValue(std::string* out, const Value& v);

void appendMap(std::string* out, const Map& m) {
  out->push_back('{');
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out->push_back(',');
    first = false;
    appendString(out, k);
    out->push_back(':');
    appendValue(out, v);
  }
  out->push_back('}');
}

void appendNode(std::string* out, const Node& n) {
  out->append("{\"id\":").append(std::to_string(n.id)).append(",\"labels\":[");
  for (size_t i = 0; i < n.labels.size(); ++i) {
    if (i) out->push_back(',');
    appendString(out, n.labels[i]);
  }
  out->append("],\"properties\":");
  appendMap(out, n.properties);
  out->push_back('}');
}

void appendRelationship(std::string* out, const Relationship& r) {
  out->append("{\"id\":").append(std::to_string(r.id)).append(",\"type\":");
  appendString(out, r.type);
  out->append(",\"start\":").append(std::to_string(r.start));
  out->append(",\"end\":").append(std::to_string(r.end)).append(",\"properties\":");
  appendMap(out, r.properties);
  out->push_back('}');
}

void appendValue(std::string* out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: out->append("null"); break;
    case Value::Type::kBool: out->append(v.asBool() ? "true" : "false"); break;
    case Value::Type::kInt: out->append(std::to_string(v.asInt())); break;
    case Value::Type::kFloat: appendDouble(out, v.asFloat()); break;
    case Value::Type::kString: appendString(out, v.asString()); break;
    case Value::Type::kDate: out->append("\"").append(v.asDate().toString()).append("\""); break;
    case Value::Type::kList: {
      out->push_back('[');
      bool first = true;
      for (const auto& item : v.asList()) {
        if (!first) out->push_back(',');
        first = false;
        appendValue(out, item);
      }
      out->push_back(']');
      break;
    }
    case Value::Type::kMap: appendMap(out, v.asMap()); break;
    case Value::Type::kNode: appendNode(out, v.asNode()); break;
    case Value::Type::kRelationship: appendRelationship(out, v.asRelationship()); break;
    case Value::Type::kPath: {
      const Path& p = v.asPath();
      out->append("{\"nodes\":[");
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i) out->push_back(',');
        appendNode(out, p.nodes[i]);
      }
      out->append("],\"relationships\":[");
      for (size_t i = 0; i < p.relationships.size(); ++i) {
        if (i) out->push_back(',');
        appendRelationship(out, p.relationships[i]);
      }
      out->append("]}");
      break;
    }
  }
}

void appendId(std::string* out, std::string_view id_json) {
  out->push_back('{');
  if (!id_json.empty()) out->append("\"id\":").append(id_json).push_back(',');
}

void appendError(std::string* out, const Error& e) {
  out->append("\"error\":{\"code\":");
  appendString(out, e.codeName());
  out->append(",\"detail\":");
  appendString(out, e.detailName());
  out->append(",\"message\":");
  appendString(out, e.message());
  out->append(",\"line\":").append(std::to_string(e.line()));
  out->append(",\"column\":").append(std::to_string(e.column())).append("}}");
}

}  // namespace

std::string toJson(const Value& value) {
  std::string out;
  appendValue(&out, value);
  return out;
}

std::string toJsonString(std::string_view text) {
  std::string out;
  appendString(&out, text);
  return out;
}

std::string errorToJson(const Error& error, std::string_view id_json) {
  std::string out;
  appendId(&out, id_json);
  appendError(&out, error);
  return out;
}

std::string resultToJson(const QueryResult& result, std::string_view id_json) {
  if (!result.ok()) return errorToJson(result.error(), id_json);
  std::string out;
  appendId(&out, id_json);
  out.append("\"columns\":[");
  for (size_t i = 0; i < result.columns().size(); ++i) {
    if (i) out.push_back(',');
    appendString(&out, result.columns()[i]);
  }
  out.append("],\"rows\":[");
  bool first_row = true;
  for (const auto& row : result.rows()) {
    if (!first_row) out.push_back(',');
    first_row = false;
    out.push_back('[');
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out.push_back(',');
      appendValue(&out, row[i]);
    }
    out.push_back(']');
  }
  const Stats& s = result.stats();
  out.append("],\"stats\":{");
  out.append("\"nodes_created\":").append(std::to_string(s.nodes_created));
  out.append(",\"nodes_deleted\":").append(std::to_string(s.nodes_deleted));
  out.append(",\"relationships_created\":").append(std::to_string(s.relationships_created));
  out.append(",\"relationships_deleted\":").append(std::to_string(s.relationships_deleted));
  out.append(",\"properties_set\":").append(std::to_string(s.properties_set));
  out.append(",\"properties_removed\":").append(std::to_string(s.properties_removed));
  out.append(",\"labels_added\":").append(std::to_string(s.labels_added));
  out.append(",\"labels_removed\":").append(std::to_string(s.labels_removed));
  out.append(",\"elapsed_ms\":");
  appendDouble(&out, s.elapsed_ms);
  out.push_back('}');
  if (!result.notices().empty()) {
    out.append(",\"notices\":[");
    for (size_t i = 0; i < result.notices().size(); ++i) {
      if (i) out.push_back(',');
      appendString(&out, result.notices()[i]);
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
}

Expected<Value> valueFromJson(std::string_view json) {
  return api::guarded([&]() -> Expected<Value> {
    try {
      api::Json j = api::parseJson(json);
      return api::jsonToValue(j, "value");
    } catch (const api::ImportError& e) {
      return Error(ErrorCode::kInvalidInput, e.what(), ErrorDetail::kNone, e.line(), e.column());
    }
  });
}

Expected<Map> paramsFromJson(std::string_view json_object) {
  return api::guarded([&]() -> Expected<Map> {
    try {
      api::Json j = api::parseJson(json_object);
      if (!j.is_object())
        api::fail(std::string("params: expected a JSON object, got ") + api::jsonKind(j));
      Map params;
      for (const auto& [k, v] : j.items()) {
        if (!api::validUtf8(k)) api::fail("params: invalid UTF-8 in a parameter name");
        params.emplace(k, api::jsonToValue(v, "params." + k, 1));
      }
      return params;
    } catch (const api::ImportError& e) {
      return Error(ErrorCode::kInvalidInput, e.what(), ErrorDetail::kNone, e.line(), e.column());
    }
  });
}

}  // namespace entente
