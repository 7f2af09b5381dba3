// query/runtime/runtime_value.cc — conversions between RValue and the public Value.
#include "query/runtime/runtime_value.h"

namespace entente::query {

RValue RValue::fromValue(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return RValue();
    case Value::Type::kBool: return RValue(v.asBool());
    case Value::Type::kInt: return RValue(v.asInt());
    case Value::Type::kFloat: return RValue(v.asFloat());
    case Value::Type::kString: return RValue(v.asString());
    case Value::Type::kDate: return RValue(v.asDate());
    case Value::Type::kList: {
      RList out;
      out.reserve(v.asList().size());
      for (const auto& e : v.asList()) out.push_back(fromValue(e));
      return RValue(std::move(out));
    }
    case Value::Type::kMap: {
      RMap out;  // std::map iterates in key order: already sorted
      out.reserve(v.asMap().size());
      for (const auto& [k, e] : v.asMap()) out.emplace_back(k, fromValue(e));
      return RValue(std::move(out));
    }
    // Graph values only reach here from a caller holding materialised results (e.g. a
    // node passed back as a parameter): keep the identity, the rest is re-read by id.
    case Value::Type::kNode: return RValue(NodeRef{v.asNode().id});
    case Value::Type::kRelationship: {
      const auto& r = v.asRelationship();
      return RValue(RelRef{r.id, r.start, 0, r.end});
    }
    case Value::Type::kPath: {
      PathRef p;
      for (const auto& n : v.asPath().nodes) p.nodes.push_back(NodeRef{n.id});
      for (const auto& r : v.asPath().relationships)
        p.rels.push_back(RelRef{r.id, r.start, 0, r.end});
      return RValue(std::move(p));
    }
  }
  return RValue();
}

Value RValue::toValue() const {
  switch (kind()) {
    case Kind::kNull: return Value();
    case Kind::kBool: return Value(asBool());
    case Kind::kInt: return Value(asInt());
    case Kind::kFloat: return Value(asFloat());
    case Kind::kString: return Value(asString());
    case Kind::kDate: return Value(asDate());
    case Kind::kList: {
      List out;
      out.reserve(asList().size());
      for (const auto& e : asList()) out.push_back(e.toValue());
      return Value(std::move(out));
    }
    case Kind::kMap: {
      Map out;
      for (const auto& [k, e] : asMap()) out.emplace(k, e.toValue());
      return Value(std::move(out));
    }
    // REQUIRES says graph values are materialised by the engine; degrade to identities
    // rather than crash if one slips through.
    case Kind::kNode: return Value(Node{asNode().id, {}, {}});
    case Kind::kRel: {
      const RelRef& r = asRel();
      return Value(Relationship{r.id, "", r.src, r.dst, {}});
    }
    case Kind::kPath: {
      Path p;
      for (auto n : asPath().nodes) p.nodes.push_back(Node{n.id, {}, {}});
      for (const auto& r : asPath().rels)
        p.relationships.push_back(Relationship{r.id, "", r.src, r.dst, {}});
      return Value(std::move(p));
    }
  }
  return Value();
}

const char* RValue::kindName(Kind k) {
  switch (k) {
    case Kind::kNull: return "Null";
    case Kind::kBool: return "Boolean";
    case Kind::kInt: return "Integer";
    case Kind::kFloat: return "Float";
    case Kind::kString: return "String";
    case Kind::kDate: return "Date";
    case Kind::kList: return "List";
    case Kind::kMap: return "Map";
    case Kind::kNode: return "Node";
    case Kind::kRel: return "Relationship";
    case Kind::kPath: return "Path";
  }
  return "Unknown";
}

}  // namespace entente::query
