// entente/value.h — the values Entente stores, takes as parameters and returns in results.
//
// A Value is one of: null, bool, int64, double, string, date, list, map, node, relationship,
// path. Property values are restricted to null..map (nodes, relationships and paths are
// query results only). Values are cheap to copy for scalars; lists, maps and graph values
// share their payload (copy-on-write is not needed: results are immutable once produced).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace entente {

//! A calendar date, as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;
  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend auto operator<=>(Date a, Date b) { return a.days <=> b.days; }

  //! Parses "YYYY-MM-DD" (also "YYYY-MM" and "YYYY", meaning the first day). False if invalid.
  static bool parse(std::string_view text, Date* out);
  static Date fromCivil(int year, unsigned month, unsigned day);
  void toCivil(int* year, unsigned* month, unsigned* day) const;
  std::string toString() const;  // "YYYY-MM-DD"
};

class Value;
using List = std::vector<Value>;
using Map = std::map<std::string, Value, std::less<>>;

struct Node {
  uint64_t id = 0;
  std::vector<std::string> labels;
  Map properties;
};

struct Relationship {
  uint64_t id = 0;
  std::string type;
  uint64_t start = 0;
  uint64_t end = 0;
  Map properties;
};

struct Path {
  std::vector<Node> nodes;                  // n+1 nodes
  std::vector<Relationship> relationships;  // n relationships, in path order
};

class Value {
 public:
  enum class Type : uint8_t {
    kNull,
    kBool,
    kInt,
    kFloat,
    kString,
    kDate,
    kList,
    kMap,
    kNode,
    kRelationship,
    kPath
  };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int v) : v_(int64_t{v}) {}
  Value(int64_t v) : v_(v) {}
  Value(uint32_t v) : v_(int64_t{v}) {}
  Value(double v) : v_(v) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(Date d) : v_(d) {}
  Value(List l) : v_(std::make_shared<const List>(std::move(l))) {}
  Value(Map m) : v_(std::make_shared<const Map>(std::move(m))) {}
  Value(Node n) : v_(std::make_shared<const Node>(std::move(n))) {}
  Value(Relationship r) : v_(std::make_shared<const Relationship>(std::move(r))) {}
  Value(Path p) : v_(std::make_shared<const Path>(std::move(p))) {}

  Type type() const { return static_cast<Type>(v_.index()); }
  bool isNull() const { return type() == Type::kNull; }
  bool isBool() const { return type() == Type::kBool; }
  bool isInt() const { return type() == Type::kInt; }
  bool isFloat() const { return type() == Type::kFloat; }
  bool isNumber() const { return isInt() || isFloat(); }
  bool isString() const { return type() == Type::kString; }
  bool isDate() const { return type() == Type::kDate; }
  bool isList() const { return type() == Type::kList; }
  bool isMap() const { return type() == Type::kMap; }
  bool isNode() const { return type() == Type::kNode; }
  bool isRelationship() const { return type() == Type::kRelationship; }
  bool isPath() const { return type() == Type::kPath; }

  // Accessors: REQUIRES the matching type (checked by std::get).
  bool asBool() const { return std::get<bool>(v_); }
  int64_t asInt() const { return std::get<int64_t>(v_); }
  double asFloat() const { return std::get<double>(v_); }
  double asNumber() const { return isInt() ? static_cast<double>(asInt()) : asFloat(); }
  const std::string& asString() const { return std::get<std::string>(v_); }
  Date asDate() const { return std::get<Date>(v_); }
  const List& asList() const { return *std::get<std::shared_ptr<const List>>(v_); }
  const Map& asMap() const { return *std::get<std::shared_ptr<const Map>>(v_); }
  const Node& asNode() const { return *std::get<std::shared_ptr<const Node>>(v_); }
  const Relationship& asRelationship() const {
    return *std::get<std::shared_ptr<const Relationship>>(v_);
  }
  const Path& asPath() const { return *std::get<std::shared_ptr<const Path>>(v_); }

  //! True for values a property may hold (null, bool, int, float, string, date, list, map).
  bool isStorable() const;
  //! Structural equality (1 == 1.0 is false here: this is identity of values, not Cypher `=`).
  friend bool operator==(const Value& a, const Value& b);
  //! The type's name as users see it in errors: "Integer", "String", "Node", ...
  static const char* typeName(Type t);
  const char* typeName() const { return typeName(type()); }
  //! Cypher-literal rendering, e.g. `'abc'`, `[1, 2.0]`, `{a: 1}`, `(:L {k: 1})`.
  std::string toCypher() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Date,
               std::shared_ptr<const List>, std::shared_ptr<const Map>, std::shared_ptr<const Node>,
               std::shared_ptr<const Relationship>, std::shared_ptr<const Path>>
      v_;
};

}  // namespace entente
