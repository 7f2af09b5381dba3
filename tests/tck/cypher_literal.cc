// tests/tck/cypher_literal.cc — recursive-descent parser for TCK literals, and matching.
#include "tests/tck/cypher_literal.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

namespace entente::tck {
namespace {

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view s) : s_(s) {}

  std::optional<Value> parseAll(std::string* error) {
    Value v;
    if (!value(&v) || (skip(), pos_ != s_.size())) {
      if (error_.empty()) error_ = "unexpected input";
      *error = error_ + " at offset " + std::to_string(pos_) + " in `" + std::string(s_) + "`";
      return std::nullopt;
    }
    return v;
  }

 private:
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool peek(std::string_view t) {
    skip();
    return s_.substr(pos_, t.size()) == t;
  }
  bool eat(std::string_view t) {
    if (!peek(t)) return false;
    pos_ += t.size();
    return true;
  }
  bool fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return false;
  }
  bool expect(std::string_view t) { return eat(t) || fail("expected `" + std::string(t) + "`"); }

  bool word(std::string_view w) {
    skip();
    if (s_.substr(pos_, w.size()) != w) return false;
    size_t end = pos_ + w.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
      return false;
    pos_ = end;
    return true;
  }

  bool name(std::string* out) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      size_t end = s_.find('`', pos_ + 1);
      if (end == std::string_view::npos) return fail("unterminated `name`");
      *out = std::string(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return true;
    }
    size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    if (start == pos_) return fail("expected a name");
    *out = std::string(s_.substr(start, pos_ - start));
    return true;
  }

  bool string(Value* out) {
    char q = s_[pos_++];
    std::string r;
    while (pos_ < s_.size() && s_[pos_] != q) {
      char c = s_[pos_++];
      if (c != '\\' || pos_ >= s_.size()) {
        r += c;
        continue;
      }
      char e = s_[pos_++];
      switch (e) {
        case 'n': r += '\n'; break;
        case 't': r += '\t'; break;
        case 'r': r += '\r'; break;
        case 'b': r += '\b'; break;
        case 'f': r += '\f'; break;
        case 'u': {
          if (pos_ + 4 > s_.size()) return fail("bad \\u escape");
          unsigned cp = std::strtoul(std::string(s_.substr(pos_, 4)).c_str(), nullptr, 16);
          pos_ += 4;
          if (cp < 0x80) {
            r += static_cast<char>(cp);
          } else if (cp < 0x800) {
            r += static_cast<char>(0xC0 | (cp >> 6));
            r += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            r += static_cast<char>(0xE0 | (cp >> 12));
            r += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            r += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default: r += e;  // \' \" \\ and anything else: the character itself
      }
    }
    if (pos_ >= s_.size()) return fail("unterminated string");
    ++pos_;
    *out = Value(std::move(r));
    return true;
  }

  bool number(Value* out) {
    size_t start = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    if (word("NaN")) {
      *out = Value(std::nan(""));
      return true;
    }
    if (word("Infinity") || word("Inf")) {
      *out = Value(s_[start] == '-' ? -HUGE_VAL : HUGE_VAL);
      return true;
    }
    bool is_float = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++pos_;
        continue;
      }
      if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++pos_;
        continue;
      }
      if ((c == '-' || c == '+') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E')) {
        ++pos_;
        continue;
      }
      break;
    }
    std::string text(s_.substr(start, pos_ - start));
    if (text.empty() || text == "-" || text == "+") return fail("expected a value");
    if (is_float) {
      *out = Value(std::strtod(text.c_str(), nullptr));
      return true;
    }
    int64_t v = 0;
    const char* b = text.c_str() + (text[0] == '+' ? 1 : 0);
    auto [p, ec] = std::from_chars(b, text.c_str() + text.size(), v);
    if (ec != std::errc() || p != text.c_str() + text.size()) return fail("bad integer " + text);
    *out = Value(v);
    return true;
  }

  bool mapBody(Map* out) {  // after '{'
    if (eat("}")) return true;
    do {
      std::string k;
      Value v;
      if (!name(&k) || !expect(":") || !value(&v)) return false;
      (*out)[k] = std::move(v);
    } while (eat(","));
    return expect("}");
  }

  bool node(Node* out) {  // at '('
    expect("(");
    out->id = ++next_id_;
    while (eat(":")) {
      std::string l;
      if (!name(&l)) return false;
      out->labels.push_back(l);
    }
    if (eat("{") && !mapBody(&out->properties)) return false;
    return expect(")");
  }

  bool rel(Relationship* out) {  // at '['
    expect("[");
    out->id = ++next_id_;
    if (!expect(":") || !name(&out->type)) return false;
    if (eat("{") && !mapBody(&out->properties)) return false;
    return expect("]");
  }

  bool path(Value* out) {  // at '<'
    expect("<");
    Path p;
    Node n;
    if (!node(&n)) return false;
    p.nodes.push_back(n);
    while (!eat(">")) {
      bool backward = eat("<-");
      if (!backward && !expect("-")) return false;
      Relationship r;
      if (!rel(&r)) return false;
      bool forward = false;
      if (eat("->"))
        forward = true;
      else if (!expect("-"))
        return false;
      if (forward == backward) return fail("a path relationship needs exactly one direction");
      Node m;
      if (!node(&m)) return false;
      r.start = forward ? p.nodes.back().id : m.id;
      r.end = forward ? m.id : p.nodes.back().id;
      p.relationships.push_back(r);
      p.nodes.push_back(m);
    }
    *out = Value(std::move(p));
    return true;
  }

  bool value(Value* out) {
    skip();
    if (pos_ >= s_.size()) return fail("expected a value");
    char c = s_[pos_];
    if (c == '\'' || c == '"') return string(out);
    if (word("null")) {
      *out = Value();
      return true;
    }
    if (word("true")) {
      *out = Value(true);
      return true;
    }
    if (word("false")) {
      *out = Value(false);
      return true;
    }
    if (c == '{') {
      ++pos_;
      Map m;
      if (!mapBody(&m)) return false;
      *out = Value(std::move(m));
      return true;
    }
    if (c == '(') {
      Node n;
      if (!node(&n)) return false;
      *out = Value(std::move(n));
      return true;
    }
    if (c == '<') return path(out);
    if (c == '[') {
      size_t save = pos_++;
      if (peek(":")) {
        pos_ = save;
        Relationship r;
        if (!rel(&r)) return false;
        *out = Value(std::move(r));
        return true;
      }
      List l;
      if (!eat("]")) {
        do {
          Value v;
          if (!value(&v)) return false;
          l.push_back(std::move(v));
        } while (eat(","));
        if (!expect("]")) return false;
      }
      *out = Value(std::move(l));
      return true;
    }
    return number(out);
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint64_t next_id_ = 0;
  std::string error_;
};

bool mapsMatch(const Map& e, const Map& a, bool unordered) {
  if (e.size() != a.size()) return false;
  for (const auto& [k, v] : e) {
    auto it = a.find(k);
    if (it == a.end() || !valuesMatch(v, it->second, unordered)) return false;
  }
  return true;
}

bool nodesMatch(const Node& e, const Node& a, bool unordered) {
  std::set<std::string> el(e.labels.begin(), e.labels.end()), al(a.labels.begin(), a.labels.end());
  return el == al && mapsMatch(e.properties, a.properties, unordered);
}

bool relsMatch(const Relationship& e, const Relationship& a, bool unordered) {
  return e.type == a.type && mapsMatch(e.properties, a.properties, unordered);
}

}  // namespace

std::optional<Value> parseLiteral(std::string_view text, std::string* error) {
  return LiteralParser(text).parseAll(error);
}

bool valuesMatch(const Value& e, const Value& a, bool unordered) {
  if (e.isString() && a.isDate()) return e.asString() == a.asDate().toString();
  if (e.type() != a.type()) return false;
  switch (e.type()) {
    case Value::Type::kFloat:
      if (std::isnan(e.asFloat())) return std::isnan(a.asFloat());
      return e.asFloat() == a.asFloat();
    case Value::Type::kList: {
      const List& el = e.asList();
      const List& al = a.asList();
      if (el.size() != al.size()) return false;
      if (!unordered) {
        for (size_t i = 0; i < el.size(); ++i) {
          if (!valuesMatch(el[i], al[i], unordered)) return false;
        }
        return true;
      }
      std::vector<bool> used(al.size(), false);
      for (const Value& x : el) {
        bool found = false;
        for (size_t j = 0; j < al.size() && !found; ++j) {
          if (!used[j] && valuesMatch(x, al[j], unordered)) used[j] = found = true;
        }
        if (!found) return false;
      }
      return true;
    }
    case Value::Type::kMap: return mapsMatch(e.asMap(), a.asMap(), unordered);
    case Value::Type::kNode: return nodesMatch(e.asNode(), a.asNode(), unordered);
    case Value::Type::kRelationship:
      return relsMatch(e.asRelationship(), a.asRelationship(), unordered);
    case Value::Type::kPath: {
      const Path& ep = e.asPath();
      const Path& ap = a.asPath();
      if (ep.nodes.size() != ap.nodes.size() || ep.relationships.size() != ap.relationships.size())
        return false;
      for (size_t i = 0; i < ep.nodes.size(); ++i) {
        if (!nodesMatch(ep.nodes[i], ap.nodes[i], unordered)) return false;
      }
      for (size_t i = 0; i < ep.relationships.size(); ++i) {
        const Relationship& er = ep.relationships[i];
        const Relationship& ar = ap.relationships[i];
        bool ef = er.start == ep.nodes[i].id;
        bool af = ar.start == ap.nodes[i].id;
        if (ef != af || !relsMatch(er, ar, unordered)) return false;
      }
      return true;
    }
    default: return e == a;
  }
}

}  // namespace entente::tck
