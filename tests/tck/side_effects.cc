#include "tests/tck/side_effects.h"

#include <algorithm>
#include <iterator>

namespace entente::tck {
namespace {

void addProperties(GraphState& s, const std::string& entity, const Map& props) {
  for (const auto& [k, v] : props) s.properties.insert(entity + " " + k + " " + v.toCypher());
}

template <typename T>
int64_t missingFrom(const std::set<T>& a, const std::set<T>& b) {  // |a \ b|
  std::vector<T> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return static_cast<int64_t>(out.size());
}

}  // namespace

std::optional<GraphState> captureState(Database& db, std::string* error) {
  GraphState s;
  QueryResult nodes = db.query("MATCH (n) RETURN n");
  QueryResult rels = db.query("MATCH ()-[r]->() RETURN r");
  for (const QueryResult* r : {&nodes, &rels}) {
    if (!r->ok()) {
      *error = std::string(r->error().codeName()) + ": " + r->error().message();
      return std::nullopt;
    }
  }
  for (const auto& row : nodes.rows()) {
    const Node& n = row.at(0).asNode();
    s.nodes.insert(n.id);
    s.labels.insert(n.labels.begin(), n.labels.end());
    addProperties(s, "n" + std::to_string(n.id), n.properties);
  }
  for (const auto& row : rels.rows()) {
    const Relationship& r = row.at(0).asRelationship();
    s.relationships.insert(r.id);
    addProperties(s, "r" + std::to_string(r.id), r.properties);
  }
  return s;
}

std::map<std::string, int64_t> sideEffects(const GraphState& before, const GraphState& after) {
  return {{"+nodes", missingFrom(after.nodes, before.nodes)},
          {"-nodes", missingFrom(before.nodes, after.nodes)},
          {"+relationships", missingFrom(after.relationships, before.relationships)},
          {"-relationships", missingFrom(before.relationships, after.relationships)},
          {"+labels", missingFrom(after.labels, before.labels)},
          {"-labels", missingFrom(before.labels, after.labels)},
          {"+properties", missingFrom(after.properties, before.properties)},
          {"-properties", missingFrom(before.properties, after.properties)}};
}

}  // namespace entente::tck
