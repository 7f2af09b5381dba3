// Dot mode: the nodes and relationships found in a result, as a Graphviz digraph.
#include <map>
#include <string>

#include "shell/output.h"

namespace entente::shell {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

struct Graph {
  std::map<uint64_t, std::string> nodes;  // id -> label
  struct Edge {
    uint64_t start, end;
    std::string type;
  };
  std::map<uint64_t, Edge> edges;  // by relationship id: a relation returned twice is drawn once

  void addNode(const Node& n) {
    auto it = n.properties.find("name");
    std::string label = it != n.properties.end() && it->second.isString() ? it->second.asString()
                                                                          : std::to_string(n.id);
    nodes[n.id] = label;
  }
  void addRel(const Relationship& r) { edges[r.id] = {r.start, r.end, r.type}; }

  // True if `v` held anything drawable.
  bool collect(const Value& v) {
    switch (v.type()) {
      case Value::Type::kNode: addNode(v.asNode()); return true;
      case Value::Type::kRelationship: addRel(v.asRelationship()); return true;
      case Value::Type::kPath: {
        for (const auto& n : v.asPath().nodes) addNode(n);
        for (const auto& r : v.asPath().relationships) addRel(r);
        return true;
      }
      case Value::Type::kList: {
        bool any = false;
        for (const auto& item : v.asList()) any = collect(item) || any;
        return any;
      }
      case Value::Type::kMap: {
        bool any = false;
        for (const auto& [k, item] : v.asMap()) any = collect(item) || any;
        return any;
      }
      default: return false;
    }
  }
};

}  // namespace

void writeDot(std::ostream& out, const QueryResult& result) {
  Graph g;
  size_t ignored = 0;
  for (const auto& row : result.rows()) {
    bool any = false;
    for (const auto& v : row) any = g.collect(v) || any;
    if (!any) ++ignored;
  }
  out << "digraph entente {\n";
  if (ignored > 0)
    out << "  // " << ignored << (ignored == 1 ? " row" : " rows")
        << " without nodes or relationships ignored\n";
  // Endpoints of returned relationships that were not returned themselves: label = id.
  for (const auto& [id, e] : g.edges) {
    g.nodes.try_emplace(e.start, std::to_string(e.start));
    g.nodes.try_emplace(e.end, std::to_string(e.end));
  }
  for (const auto& [id, label] : g.nodes)
    out << "  n" << id << " [label=" << quoted(label) << "];\n";
  for (const auto& [id, e] : g.edges)
    out << "  n" << e.start << " -> n" << e.end << " [label=" << quoted(e.type) << "];\n";
  out << "}\n";
}

}  // namespace entente::shell
