// Updating statements: effects, TCK-style side-effect counts, atomicity, write errors.
#include "engine_fixture.h"

namespace entente::query {
namespace {

using WriteTest = EngineTest;

TEST_F(WriteTest, CreateCountsSideEffects) {
  auto out = run("CREATE (a:A:B {x: 1, y: null})-[:T {w: 2}]->(b:A)");
  EXPECT_EQ(out.stats.nodes_created, 2);
  EXPECT_EQ(out.stats.relationships_created, 1);
  EXPECT_EQ(out.stats.properties_set, 2);  // null is not stored
  EXPECT_EQ(out.stats.labels_added, 3);
  EXPECT_EQ(count("MATCH (n:A) RETURN count(n)"), 2);
  EXPECT_TRUE(run("MATCH (a:B) RETURN a.y").rows[0][0].isNull());
}

TEST_F(WriteTest, SetAndRemoveCountLikeTheTck) {
  run("CREATE (:X {name: 'A', keep: 1})");
  auto out = run("MATCH (n:X) SET n.name = 'B', n.extra = 2");
  EXPECT_EQ(out.stats.properties_set, 2);
  EXPECT_EQ(out.stats.properties_removed, 1);  // 'A' replaced
  out = run("MATCH (n:X) SET n = {name: 'C'}");
  EXPECT_EQ(out.stats.properties_set, 1);
  EXPECT_EQ(out.stats.properties_removed, 3);  // name replaced, keep and extra dropped
  out = run("MATCH (n:X) SET n += {name: null, z: 1} SET n:Y:X");
  EXPECT_EQ(out.stats.properties_removed, 1);
  EXPECT_EQ(out.stats.properties_set, 1);
  EXPECT_EQ(out.stats.labels_added, 1);
  out = run("MATCH (n:X) REMOVE n.z, n.missing, n:Y");
  EXPECT_EQ(out.stats.properties_removed, 1);
  EXPECT_EQ(out.stats.labels_removed, 1);
  auto n = run("MATCH (n:X) RETURN n").rows[0][0].asNode();
  EXPECT_EQ(n.properties.size(), 0u);
  EXPECT_EQ(n.labels, std::vector<std::string>{"X"});
}

TEST_F(WriteTest, DeleteNeedsDetachWhenRelationshipsRemain) {
  run("CREATE (:P)-[:T]->(:P)-[:T]->(:P)");
  std::string err = errorOf("MATCH (n:P) DELETE n");
  EXPECT_NE(err.find("ConstraintVerificationFailed"), std::string::npos) << err;
  EXPECT_NE(err.find("still has relationships"), std::string::npos);
  EXPECT_EQ(count("MATCH (n:P) RETURN count(n)"), 3);  // nothing applied
  auto out = run("MATCH (n:P) DETACH DELETE n");
  EXPECT_EQ(out.stats.nodes_deleted, 3);
  EXPECT_EQ(out.stats.relationships_deleted, 2);
  EXPECT_EQ(count("MATCH (n) RETURN count(*)"), 0);
}

TEST_F(WriteTest, DeletingRelationshipsAndNodesInOneClause) {
  run("CREATE (a:P)-[:T]->(b:P), (a)-[:T]->(b)");
  auto out = run("MATCH (a)-[r]-(b) DELETE r, a, b");
  EXPECT_EQ(out.stats.nodes_deleted, 2);
  EXPECT_EQ(out.stats.relationships_deleted, 2);
}

TEST_F(WriteTest, FailingStatementLeavesNothing) {
  std::string err = errorOf("CREATE (n:Atomic {v: 1}) SET n.bad = [{a: 1}]");
  EXPECT_NE(err.find("TypeError"), std::string::npos) << err;
  EXPECT_EQ(count("MATCH (n:Atomic) RETURN count(n)"), 0);
  err = errorOf("UNWIND [1, 2, 0] AS i CREATE (:Atomic {v: 10 / i})");
  EXPECT_FALSE(err.empty());
  EXPECT_EQ(count("MATCH (n:Atomic) RETURN count(n)"), 0);
}

TEST_F(WriteTest, MergeMatchesOrCreates) {
  auto out =
      run("UNWIND [1, 1, 2] AS i MERGE (n:M {v: i}) ON CREATE SET n.created = true ON MATCH SET "
          "n.matched = true");
  EXPECT_EQ(out.stats.nodes_created, 2);
  EXPECT_EQ(count("MATCH (n:M {matched: true}) RETURN count(n)"), 1);
  out = run("MATCH (a:M {v: 1}), (b:M {v: 2}) MERGE (a)-[r:LINK]->(b) RETURN r");
  EXPECT_EQ(out.stats.relationships_created, 1);
  out = run("MATCH (a:M {v: 1}), (b:M {v: 2}) MERGE (a)-[r:LINK]->(b) RETURN r");
  EXPECT_EQ(out.stats.relationships_created, 0);
  EXPECT_EQ(out.rows.size(), 1u);
  EXPECT_NE(errorOf("MERGE (n:M {v: null})").find("SemanticError"),
            std::string::npos);  // as openCypher
}

TEST_F(WriteTest, CreatePatternRules) {
  // Rejected at compile time (the TCK classifies these as SyntaxError).
  EXPECT_NE(errorOf("CREATE (a)-[:T]-(b)").find("directed"), std::string::npos);
  EXPECT_NE(errorOf("CREATE (a)-[:T*2]->(b)").find("Variable length"), std::string::npos);
  EXPECT_NE(errorOf("CREATE (a)-[]->(b)").find("relationship type"), std::string::npos);
  EXPECT_NE(errorOf("CREATE (a:X), (a:Y)").find("SyntaxError"), std::string::npos);
  EXPECT_NE(errorOf("CREATE (\"Nobody\")-[:T]->(b)").find("EntityNotFound"), std::string::npos);
  EXPECT_NE(errorOf("UNWIND [1] AS x DELETE x").find("SyntaxError"),
            std::string::npos);  // an Integer, known
  EXPECT_NE(errorOf("UNWIND [1, 'a'] AS x DELETE x").find("TypeError"),
            std::string::npos);  // only at run time
}

TEST_F(WriteTest, ReservedRelationshipProperties) {
  run("CREATE (:Source {name: 'CNN'}), (:S {name: 'a'}), (:S {name: 'b'})");
  auto out =
      run("MATCH (s:Source), (a {name: 'a'}), (b {name: 'b'}) "
          "CREATE (a)-[r:BACKS {since: '2020-05', confidence: 0.5, source: s}]->(b) RETURN r");
  const Relationship& r = out.rows[0][0].asRelationship();
  EXPECT_TRUE(r.properties.at("since").isDate());
  EXPECT_TRUE(r.properties.at("source").isInt());
  EXPECT_NE(
      errorOf("MATCH (a {name: 'a'}), (b {name: 'b'}) CREATE (a)-[:T {since: 'yesterday'}]->(b)")
          .find("ArgumentError"),
      std::string::npos);
  EXPECT_NE(errorOf("MATCH (a {name: 'a'}), (b {name: 'b'}) CREATE (a)-[:T {confidence: 3}]->(b)")
                .find("ArgumentError"),
            std::string::npos);
}

TEST_F(WriteTest, NameShorthandInCreateUsesExistingEntities) {
  run("CREATE (:State {name: 'Turkey'}), (:ArmedGroup {name: 'SNA'})");
  auto out = run("CREATE (\"turkey\")-[:BACKS]->(\"SNA\")");
  EXPECT_EQ(out.stats.nodes_created, 0);
  EXPECT_EQ(out.stats.relationships_created, 1);
  EXPECT_EQ(count("MATCH (:State)-[:BACKS]->(:ArmedGroup) RETURN count(*)"), 1);
}

TEST_F(WriteTest, SchemaStatements) {
  run("CREATE RELATION TYPE BACKS POSITIVE INVERSE BACKED_BY COMMENT 'support'");
  auto out = run("SHOW SCHEMA");
  bool found = false;
  for (const auto& row : out.rows)
    if (row[0].asString() == "relation type" && row[1].asString() == "BACKS") {
      found = true;
      EXPECT_EQ(row[2].asString(), "positive");
      EXPECT_EQ(row[5].asString(), "BACKED_BY");
    }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace entente::query
