#include "query/materialize.h"

namespace entente::query {
namespace {

using NameCache = std::unordered_map<uint32_t, std::string>;

const std::string& nameOf(uint32_t id, const storage::Transaction& txn, NameCache& names) {
  auto it = names.find(id);
  if (it != names.end()) return it->second;
  return names.emplace(id, txn.stringOf(id)).first->second;
}

Map propsOf(const storage::Properties& props, const storage::Transaction& txn, NameCache& names) {
  Map m;
  for (const auto& [k, v] : props) m.emplace(nameOf(k, txn, names), v);
  return m;
}

Node nodeOf(uint64_t id, const storage::Transaction& txn, NameCache& names) {
  Node n;
  n.id = id;
  if (auto rec = txn.getNode(id)) {  // a node deleted by the statement keeps only its id
    for (auto l : rec->labels) n.labels.push_back(nameOf(l, txn, names));
    n.properties = propsOf(rec->props, txn, names);
  }
  return n;
}

Relationship relOf(const RelRef& r, const storage::Transaction& txn, NameCache& names) {
  Relationship rel;
  rel.id = r.id;
  rel.type = nameOf(r.type, txn, names);
  rel.start = r.src;
  rel.end = r.dst;
  if (auto rec = txn.getEdge(r.id)) rel.properties = propsOf(rec->props, txn, names);
  return rel;
}

}  // namespace

Value materialize(const RValue& v, const storage::Transaction& txn, NameCache& names) {
  switch (v.kind()) {
    case RValue::Kind::kNode: return Value(nodeOf(v.asNode().id, txn, names));
    case RValue::Kind::kRel: return Value(relOf(v.asRel(), txn, names));
    case RValue::Kind::kPath: {
      Path p;
      for (const auto& n : v.asPath().nodes) p.nodes.push_back(nodeOf(n.id, txn, names));
      for (const auto& r : v.asPath().rels) p.relationships.push_back(relOf(r, txn, names));
      return Value(std::move(p));
    }
    case RValue::Kind::kList: {
      List l;
      l.reserve(v.asList().size());
      for (const auto& e : v.asList()) l.push_back(materialize(e, txn, names));
      return Value(std::move(l));
    }
    case RValue::Kind::kMap: {
      Map m;
      for (const auto& [k, e] : v.asMap()) m.emplace(k, materialize(e, txn, names));
      return Value(std::move(m));
    }
    default: return v.toValue();
  }
}

}  // namespace entente::query
