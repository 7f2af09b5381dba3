// query/runtime/runtime_value.h — the values the executor passes between operators.
//
// Unlike the public entente::Value, graph values here are references (ids), so a row that
// holds a node costs 16 bytes and nothing is decoded until an expression asks for a label
// or a property. The API boundary materialises them (Engine::materialize) into public
// Nodes/Relationships/Paths. Scalars, lists and maps mirror entente::Value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "entente/value.h"

namespace entente::query {

struct NodeRef {
  uint64_t id;
  friend bool operator==(NodeRef a, NodeRef b) { return a.id == b.id; }
};

struct RelRef {
  uint64_t id;
  uint64_t src;
  uint32_t type;  // storage TypeId
  uint64_t dst;
  friend bool operator==(const RelRef& a, const RelRef& b) { return a.id == b.id; }
};

class RValue;
using RList = std::vector<RValue>;
using RMap = std::vector<std::pair<std::string, RValue>>;  // sorted by key, unique keys

struct PathRef {
  std::vector<NodeRef> nodes;  // rels.size() + 1
  std::vector<RelRef> rels;
};

class RValue {
 public:
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kInt,
    kFloat,
    kString,
    kDate,
    kList,
    kMap,
    kNode,
    kRel,
    kPath
  };

  RValue() = default;
  RValue(std::nullptr_t) {}
  RValue(bool b) : v_(b) {}
  RValue(int64_t i) : v_(i) {}
  RValue(int i) : v_(int64_t{i}) {}
  RValue(double d) : v_(d) {}
  RValue(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}
  RValue(const char* s) : RValue(std::string(s)) {}
  RValue(Date d) : v_(d) {}
  RValue(RList l) : v_(std::make_shared<const RList>(std::move(l))) {}
  RValue(RMap m) : v_(std::make_shared<const RMap>(std::move(m))) {}  // REQUIRES sorted keys
  RValue(NodeRef n) : v_(n) {}
  RValue(RelRef r) : v_(r) {}
  RValue(PathRef p) : v_(std::make_shared<const PathRef>(std::move(p))) {}

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool isNull() const { return kind() == Kind::kNull; }
  bool isBool() const { return kind() == Kind::kBool; }
  bool isInt() const { return kind() == Kind::kInt; }
  bool isFloat() const { return kind() == Kind::kFloat; }
  bool isNumber() const { return isInt() || isFloat(); }
  bool isString() const { return kind() == Kind::kString; }
  bool isDate() const { return kind() == Kind::kDate; }
  bool isList() const { return kind() == Kind::kList; }
  bool isMap() const { return kind() == Kind::kMap; }
  bool isNode() const { return kind() == Kind::kNode; }
  bool isRel() const { return kind() == Kind::kRel; }
  bool isPath() const { return kind() == Kind::kPath; }

  bool asBool() const { return std::get<bool>(v_); }
  int64_t asInt() const { return std::get<int64_t>(v_); }
  double asFloat() const { return std::get<double>(v_); }
  double asNumber() const { return isInt() ? static_cast<double>(asInt()) : asFloat(); }
  const std::string& asString() const { return *std::get<std::shared_ptr<const std::string>>(v_); }
  Date asDate() const { return std::get<Date>(v_); }
  const RList& asList() const { return *std::get<std::shared_ptr<const RList>>(v_); }
  const RMap& asMap() const { return *std::get<std::shared_ptr<const RMap>>(v_); }
  NodeRef asNode() const { return std::get<NodeRef>(v_); }
  const RelRef& asRel() const { return std::get<RelRef>(v_); }
  const PathRef& asPath() const { return *std::get<std::shared_ptr<const PathRef>>(v_); }

  //! Conversion of a storable public value (parameters, stored properties).
  static RValue fromValue(const Value& v);
  //! Conversion back for storable kinds (REQUIRES !isNode/isRel/isPath; the engine
  //! materialises graph values itself because it needs the transaction).
  Value toValue() const;
  //! Name of the kind as users see it in errors: "Integer", "String", "Node", ...
  static const char* kindName(Kind k);
  const char* kindName() const { return kindName(kind()); }

 private:
  // Strings are shared so copying a row does not copy text.
  std::variant<std::monostate, bool, int64_t, double, std::shared_ptr<const std::string>, Date,
               std::shared_ptr<const RList>, std::shared_ptr<const RMap>, NodeRef, RelRef,
               std::shared_ptr<const PathRef>>
      v_;
};

//! A row: one slot per bound variable / intermediate, assigned by the binder.
using Row = std::vector<RValue>;

}  // namespace entente::query
