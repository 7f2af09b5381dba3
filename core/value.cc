// core/value.cc — equality, type names and Cypher-literal rendering of entente::Value.
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "entente/value.h"

namespace entente {
namespace {

void appendQuoted(std::string& out, std::string_view s) {
  out += '\'';
  for (char c : s) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  out += '\'';
}

// Identifiers that need no backticks: letters, digits, underscore, not starting with a digit.
void appendName(std::string& out, std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) plain = false;
  }
  if (plain) {
    out += name;
  } else {
    out += '`';
    out += name;
    out += '`';
  }
}

void appendFloat(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  // Shortest text that reads back as the same double; plain notation for everyday
  // magnitudes (1500.0, not 1.5e+03), exponent notation only for very large or small ones.
  char buf[64];
  const double mag = std::fabs(d);
  const bool plain = mag == 0 || (mag >= 1e-6 && mag < 1e21);
  auto res = plain ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed)
                   : std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  out += s;
}

void appendMap(std::string& out, const Map& m);

void appendValue(std::string& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: out += "null"; break;
    case Value::Type::kBool: out += v.asBool() ? "true" : "false"; break;
    case Value::Type::kInt: out += std::to_string(v.asInt()); break;
    case Value::Type::kFloat: appendFloat(out, v.asFloat()); break;
    case Value::Type::kString: appendQuoted(out, v.asString()); break;
    case Value::Type::kDate: out += "date('" + v.asDate().toString() + "')"; break;
    case Value::Type::kList: {
      out += '[';
      bool first = true;
      for (const Value& x : v.asList()) {
        if (!first) out += ", ";
        first = false;
        appendValue(out, x);
      }
      out += ']';
      break;
    }
    case Value::Type::kMap: appendMap(out, v.asMap()); break;
    case Value::Type::kNode: {
      const Node& n = v.asNode();
      out += '(';
      for (const auto& l : n.labels) {
        out += ':';
        appendName(out, l);
      }
      if (!n.properties.empty()) {
        if (!n.labels.empty()) out += ' ';
        appendMap(out, n.properties);
      }
      out += ')';
      break;
    }
    case Value::Type::kRelationship: {
      const Relationship& r = v.asRelationship();
      out += "[:";
      appendName(out, r.type);
      if (!r.properties.empty()) {
        out += ' ';
        appendMap(out, r.properties);
      }
      out += ']';
      break;
    }
    case Value::Type::kPath: {
      const Path& p = v.asPath();
      out += '<';
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        appendValue(out, Value(p.nodes[i]));
        if (i < p.relationships.size()) {
          const Relationship& r = p.relationships[i];
          bool forward = r.start == p.nodes[i].id;
          out += forward ? "-" : "<-";
          appendValue(out, Value(r));
          out += forward ? "->" : "-";
        }
      }
      out += '>';
      break;
    }
  }
}

void appendMap(std::string& out, const Map& m) {
  out += '{';
  bool first = true;
  for (const auto& [k, x] : m) {
    if (!first) out += ", ";
    first = false;
    appendName(out, k);
    out += ": ";
    appendValue(out, x);
  }
  out += '}';
}

}  // namespace

bool Value::isStorable() const {
  switch (type()) {
    case Type::kNode:
    case Type::kRelationship:
    case Type::kPath: return false;
    case Type::kList:
      for (const Value& x : asList()) {
        if (!x.isStorable()) return false;
      }
      return true;
    case Type::kMap:
      for (const auto& [k, x] : asMap()) {
        if (!x.isStorable()) return false;
      }
      return true;
    default: return true;
  }
}

bool operator==(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::kNull: return true;
    case Value::Type::kBool: return a.asBool() == b.asBool();
    case Value::Type::kInt: return a.asInt() == b.asInt();
    case Value::Type::kFloat: return a.asFloat() == b.asFloat();
    case Value::Type::kString: return a.asString() == b.asString();
    case Value::Type::kDate: return a.asDate() == b.asDate();
    case Value::Type::kList: return a.asList() == b.asList();
    case Value::Type::kMap: return a.asMap() == b.asMap();
    case Value::Type::kNode: return a.asNode().id == b.asNode().id;
    case Value::Type::kRelationship: return a.asRelationship().id == b.asRelationship().id;
    case Value::Type::kPath: {
      const Path& p = a.asPath();
      const Path& q = b.asPath();
      if (p.nodes.size() != q.nodes.size() || p.relationships.size() != q.relationships.size())
        return false;
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (p.nodes[i].id != q.nodes[i].id) return false;
      }
      for (size_t i = 0; i < p.relationships.size(); ++i) {
        if (p.relationships[i].id != q.relationships[i].id) return false;
      }
      return true;
    }
  }
  return false;
}

const char* Value::typeName(Type t) {
  switch (t) {
    case Type::kNull: return "Null";
    case Type::kBool: return "Boolean";
    case Type::kInt: return "Integer";
    case Type::kFloat: return "Float";
    case Type::kString: return "String";
    case Type::kDate: return "Date";
    case Type::kList: return "List";
    case Type::kMap: return "Map";
    case Type::kNode: return "Node";
    case Type::kRelationship: return "Relationship";
    case Type::kPath: return "Path";
  }
  return "Unknown";
}

std::string Value::toCypher() const {
  std::string out;
  appendValue(out, *this);
  return out;
}

}  // namespace entente
