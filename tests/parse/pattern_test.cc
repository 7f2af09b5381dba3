// Patterns: nodes, node-by-name, relationships in every direction and length, path
// variables, shortestPath, several parts.
#include <gtest/gtest.h>

#include "ast_dump.h"
#include "query/error.h"
#include "query/parse/parser.h"

namespace entente::query {
namespace {

using testing::parseError;
using testing::parsePattern;

const ast::PatternPart& firstPart(const ast::Statement& st) {
  return std::get<ast::MatchClause>(st.query.parts[0].clauses[0]).pattern.parts[0];
}

TEST(PatternTest, Nodes) {
  EXPECT_EQ(parsePattern("(n)"), "(n)");
  EXPECT_EQ(parsePattern("()"), "()");
  EXPECT_EQ(parsePattern("(:State)"), "(:State)");
  EXPECT_EQ(parsePattern("(n:State:Actor)"), "(n:State:Actor)");
  EXPECT_EQ(parsePattern("(n:State {name: 'Turkey'})"), "(n:State {name: 'Turkey'})");
  EXPECT_EQ(parsePattern("(n {name: $who})"), "(n {name: $who})");
  EXPECT_EQ(parsePattern("(n $props)"), "(n $props)");
  EXPECT_EQ(parsePattern("(`the actor`)"), "(the actor)");
}

TEST(PatternTest, NodeByName) {
  EXPECT_EQ(parsePattern("(\"Al-Nusra Front\")"), "(\"Al-Nusra Front\")");
  EXPECT_EQ(parsePattern("('HTS')"), "(\"HTS\")");
  ast::Statement st = parse("MATCH (\"Hay'at Tahrir al-Sham\")-[:FORMERLY]->(old) RETURN old");
  const auto& part = firstPart(st);
  ASSERT_TRUE(part.nodes[0].name_ref.has_value());
  EXPECT_EQ(*part.nodes[0].name_ref, "Hay'at Tahrir al-Sham");
  EXPECT_TRUE(part.nodes[0].variable.empty());
  EXPECT_FALSE(part.nodes[1].name_ref.has_value());
  EXPECT_EQ(part.nodes[1].variable, "old");
}

TEST(PatternTest, Directions) {
  ast::Statement st = parse("MATCH (a)-->(b)<--(c)--(d)<-->(e)-[]->(f) RETURN a");
  const auto& rels = firstPart(st).rels;
  ASSERT_EQ(rels.size(), 5u);
  EXPECT_EQ(rels[0].direction, ast::RelDirection::kRight);
  EXPECT_EQ(rels[1].direction, ast::RelDirection::kLeft);
  EXPECT_EQ(rels[2].direction, ast::RelDirection::kBoth);
  EXPECT_EQ(rels[3].direction, ast::RelDirection::kBoth);  // both heads: undirected
  EXPECT_EQ(rels[4].direction, ast::RelDirection::kRight);
  EXPECT_EQ(firstPart(st).nodes.size(), 6u);
}

TEST(PatternTest, RelationshipDetails) {
  EXPECT_EQ(parsePattern("(a)-[r:BACKS]->(b)"), "(a)-[r:BACKS]->(b)");
  EXPECT_EQ(parsePattern("(a)<-[:BACKS|PART_OF|:LEADS]-(b)"), "(a)<-[:BACKS|PART_OF|LEADS]-(b)");
  EXPECT_EQ(parsePattern("(a)-[r:CONTROLS {since: '2016'}]->(p)"),
            "(a)-[r:CONTROLS {since: '2016'}]->(p)");
  EXPECT_EQ(parsePattern("(a)-[r $p]-(b)"), "(a)-[r $p]-(b)");
  EXPECT_EQ(parsePattern("(a)-[:ROLE]->(b)"), "(a)-[:ROLE]->(b)");
}

TEST(PatternTest, VariableLength) {
  struct Case {
    const char* pattern;
    std::optional<int64_t> min, max;
  };
  for (const Case& c :
       {Case{"(a)-[*]->(b)", std::nullopt, std::nullopt}, Case{"(a)-[*2]->(b)", 2, 2},
        Case{"(a)-[*1..3]->(b)", 1, 3}, Case{"(a)-[*..4]->(b)", std::nullopt, 4},
        Case{"(a)-[*2..]->(b)", 2, std::nullopt}, Case{"(a)-[*0..1]->(b)", 0, 1},
        Case{"(a)-[r:BACKS*1..3 {purpose: 'ISIS'}]->(b)", 1, 3}}) {
    ast::Statement st = parse(std::string("MATCH ") + c.pattern + " RETURN a");
    const auto& r = firstPart(st).rels[0];
    EXPECT_TRUE(r.var_length) << c.pattern;
    EXPECT_EQ(r.min_hops, c.min) << c.pattern;
    EXPECT_EQ(r.max_hops, c.max) << c.pattern;
  }
  ast::Statement st = parse("MATCH (a)-[:BACKS]->(b) RETURN a");
  EXPECT_FALSE(firstPart(st).rels[0].var_length);
  EXPECT_NE(parseError("MATCH (a)-[*99999999999999999999]->(b) RETURN a").find("hop count"),
            std::string::npos);
}

TEST(PatternTest, PathsAndShortestPaths) {
  ast::Statement st =
      parse("MATCH p = shortestPath((\"Turkey\")-[:BACKS|PART_OF|LEADS*..4]-(\"HTS\")) RETURN p");
  const auto& part = firstPart(st);
  EXPECT_EQ(part.path_variable, "p");
  EXPECT_EQ(part.kind, ast::PathKind::kShortest);
  EXPECT_EQ(part.rels[0].types, (std::vector<std::string>{"BACKS", "PART_OF", "LEADS"}));
  EXPECT_EQ(part.rels[0].max_hops, 4);
  EXPECT_EQ(parsePattern("q = allShortestPaths((a)-[*]-(b))"), "q = allShortestPaths((a)-[*]-(b))");
  EXPECT_EQ(parsePattern("p = (a)-->(b)"), "p = (a)-->(b)");
  EXPECT_NE(parseError("MATCH p = shortestPath((a)-->(b)-->(c)) RETURN p")
                .find("exactly one relationship"),
            std::string::npos);
}

TEST(PatternTest, SeveralParts) {
  EXPECT_EQ(parsePattern("(a)-[:CONSIDERS_TERRORIST]->(t), (t)<-[:PART_OF]-(g), (x)"),
            "(a)-[:CONSIDERS_TERRORIST]->(t), (t)<-[:PART_OF]-(g), (x)");
}

TEST(PatternTest, KeywordsAsLabelsAndTypes) {
  EXPECT_EQ(parsePattern("(n:Match)-[:IN]->(m:Return)"), "(n:Match)-[:IN]->(m:Return)");
  EXPECT_EQ(parsePattern("(type)-[count]->(exists)"), "(type)-[count]->(exists)");
}

}  // namespace
}  // namespace entente::query
