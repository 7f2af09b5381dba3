// Reading queries end to end: patterns, filters, projections, aggregation, ordering.
#include "engine_fixture.h"

namespace entente::query {
namespace {

class ReadTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    run("CREATE (t:State {name: 'Turkey', aliases: ['Türkiye']}), (u:State {name: 'United "
        "States'}), "
        "(f:ArmedGroup {name: 'Free Syrian Army'}), (s:ArmedGroup {name: 'SDF'}), (y:ArmedGroup "
        "{name: 'YPG'}), "
        "(t)-[:BACKS {since: '2011-07-29'}]->(f), (u)-[:BACKS {since: '2015-10-01', until: "
        "'2024-01-01'}]->(s), "
        "(y)-[:PART_OF]->(s), (t)-[:CONSIDERS_TERRORIST]->(y), (t)-[:FIGHTS]->(s)");
  }
  std::vector<std::string> strings(const QueryOutput& out) {
    std::vector<std::string> v;
    for (const auto& r : out.rows) v.push_back(r[0].isNull() ? "null" : r[0].asString());
    return v;
  }
};

TEST_F(ReadTest, MatchByNameShorthandAndTypes) {
  auto out = run("MATCH (s)-[:BACKS]->(\"free syrian army\") RETURN s.name");
  EXPECT_EQ(strings(out), std::vector<std::string>{"Turkey"});
  out = run("MATCH (\"Türkiye\")-[r]->(x) RETURN x.name ORDER BY x.name");
  EXPECT_EQ(strings(out), (std::vector<std::string>{"Free Syrian Army", "SDF", "YPG"}));
}

TEST_F(ReadTest, StringParameterNodeIsANameReference) {
  Map g{{"g", Value("fsa")}};
  run("MATCH (f {name: 'Free Syrian Army'}) SET f.aliases = ['FSA']");
  auto out = run("MATCH (s)-[:BACKS]->($g) RETURN s.name", g);
  EXPECT_EQ(strings(out), std::vector<std::string>{"Turkey"})
      << explain("MATCH (s)-[:BACKS]->($g) RETURN s.name");
  out = run("MATCH (n $p) RETURN n.name", {{"p", Value(Map{{"name", Value("SDF")}})}});
  EXPECT_EQ(strings(out), std::vector<std::string>{"SDF"});
}

TEST_F(ReadTest, ExpandTargetsAreCheckedForEveryLabelAndProperty) {
  // Targets reached from many rows, with several labels and inline properties, in a read
  // statement (labels and properties read one by one) and in a write statement (the node
  // decoded once), must give the same answers.
  run("CREATE (h:Hub {name: 'hub'}) WITH h UNWIND range(1, 30) AS i "
      "CREATE (h)-[:TO]->(:T {k: i % 3, name: 'n' + toString(i)}), "
      "(h)-[:TO]->(:T:U {k: i % 3, name: 'u' + toString(i)}), (h)-[:TO]->(:U {name: 'v'})");
  const std::string from = "MATCH (:Hub)-[:TO]->(x:T:U {k: 1}) ";
  EXPECT_EQ(count(from + "RETURN count(x)"), 10);
  EXPECT_EQ(count("UNWIND range(1, 5) AS r MATCH (:Hub)-[:TO]->(x:U {k: 2}) RETURN count(x)"), 50);
  EXPECT_EQ(count("MATCH (:Hub)-[:TO]->(x {k: 0}) RETURN count(x)"), 20);
  EXPECT_EQ(count("MATCH (:Hub)-[:TO]->(x:U {nope: 0}) RETURN count(x)"), 0);
  EXPECT_EQ(count("MATCH (:Hub)-[:TO]->(x:Nope) RETURN count(x)"), 0);
  auto out = run(from + "SET x.seen = true RETURN count(x) AS c");
  EXPECT_EQ(out.rows[0][0].asInt(), 10);
  EXPECT_EQ(count("MATCH (:Hub)-[:TO]->(x:T:U {k: 1, seen: true}) RETURN count(x)"), 10);
  EXPECT_EQ(count("MATCH (:Hub)-[:TO]->(x:T {seen: true}) RETURN count(x)"), 10);
}

TEST_F(ReadTest, InAgainstALongListReusedRowAfterRowKeepsOpenCypherEquality) {
  // The same long list on every row is indexed from the second row on; the answers must
  // stay those of a scan: integers equal to floats, null when unknown, false across types.
  auto check = [&](const std::string& list, const std::vector<Value>& want) {
    auto out = run("WITH [i IN range(1, 200) | " + list +
                   "] AS big UNWIND [1, 150, 500, 1.0, 150.5, null, 'a', 'x7', 'x700'] AS y "
                   "RETURN y IN big AS found");
    ASSERT_EQ(out.rows.size(), want.size()) << list;
    for (size_t i = 0; i < want.size(); ++i)
      EXPECT_EQ(out.rows[i][0], want[i]) << list << " row " << i;
  };
  const Value t(true), f(false), null;
  check("i", {t, t, f, t, f, null, f, f, f});
  check("'x' + toString(i)", {f, f, f, f, f, null, f, t, f});
  check("CASE WHEN i = 100 THEN null ELSE i END", {t, t, null, t, null, null, null, null, null});
  check("CASE WHEN i = 100 THEN 'x7' ELSE i END", {t, t, f, t, f, null, f, t, f});
  check("toFloat(i)", {t, t, f, t, f, null, f, f, f});
}

TEST_F(ReadTest, TwoHopPatternWithWhere) {
  auto out =
      run("MATCH (a)-[:CONSIDERS_TERRORIST]->(t)-[:PART_OF]->(g) WHERE a.name STARTS WITH 'Tur' "
          "RETURN a.name, t.name, g.name");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.columns, (std::vector<std::string>{"a.name", "t.name", "g.name"}));
  EXPECT_EQ(out.rows[0][2].asString(), "SDF");
}

TEST_F(ReadTest, AggregationGroupsByNonAggregateItems) {
  auto out = run("MATCH (a)-[r]->() RETURN a.name AS who, count(*) AS n ORDER BY n DESC, who");
  ASSERT_EQ(out.rows.size(), 3u);
  EXPECT_EQ(out.rows[0][0].asString(), "Turkey");
  EXPECT_EQ(out.rows[0][1].asInt(), 3);
  EXPECT_EQ(count("MATCH (n:Nope) RETURN count(n)"), 0);
  out = run("MATCH (n:State) RETURN collect(n.name)[0] + '!' AS first, count(*) * 10 AS c");
  EXPECT_EQ(out.rows[0][1].asInt(), 20);
}

TEST_F(ReadTest, OrderSkipLimitDistinct) {
  auto out = run("MATCH (n) RETURN n.name ORDER BY n.name SKIP 1 LIMIT 2");
  EXPECT_EQ(strings(out), (std::vector<std::string>{"SDF", "Turkey"}));
  EXPECT_EQ(count("MATCH (a)-->(b) WITH DISTINCT a RETURN count(*)"), 3);
}

TEST_F(ReadTest, OptionalMatchGivesNulls) {
  auto out =
      run("MATCH (n:State) OPTIONAL MATCH (n)-[:PART_OF]->(c) RETURN n.name, c ORDER BY n.name");
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_TRUE(out.rows[0][1].isNull());
}

TEST_F(ReadTest, UnionAndUnwind) {
  auto out = run("MATCH (n:State) RETURN n.name AS x UNION MATCH (n:State) RETURN n.name AS x");
  EXPECT_EQ(out.rows.size(), 2u);
  out = run("MATCH (n:State) RETURN n.name AS x UNION ALL MATCH (n:State) RETURN n.name AS x");
  EXPECT_EQ(out.rows.size(), 4u);
  EXPECT_EQ(count("UNWIND [1, 2, 3] AS i WITH i WHERE i > 1 RETURN sum(i)"), 5);
}

TEST_F(ReadTest, PatternPredicateAndWithScoping) {
  auto out = run("MATCH (n) WHERE (n)-[:BACKS]->() RETURN n.name ORDER BY n.name");
  EXPECT_EQ(strings(out), (std::vector<std::string>{"Turkey", "United States"}));
  EXPECT_NE(errorOf("MATCH (n) WITH n.name AS name RETURN n").find("SyntaxError"),
            std::string::npos);
}

TEST_F(ReadTest, NodesAreMaterialised) {
  auto out = run("MATCH (t:State {name: 'Turkey'})-[r:BACKS]->(f) RETURN t, r");
  ASSERT_EQ(out.rows.size(), 1u);
  const Node& t = out.rows[0][0].asNode();
  EXPECT_EQ(t.labels, std::vector<std::string>{"State"});
  EXPECT_EQ(t.properties.at("name").asString(), "Turkey");
  const Relationship& r = out.rows[0][1].asRelationship();
  EXPECT_EQ(r.type, "BACKS");
  EXPECT_EQ(r.start, t.id);
  EXPECT_TRUE(r.properties.at("since").isDate());  // reserved property stored as a date
}

TEST_F(ReadTest, AsOfHidesRelationsNotValidAtTheDate) {
  EXPECT_EQ(count("AS OF '2020-01-01' MATCH ()-[r:BACKS]->() RETURN count(r)"), 2);
  EXPECT_EQ(count("AS OF '2024-06-01' MATCH ()-[r:BACKS]->() RETURN count(r)"), 1);
  EXPECT_EQ(count("AS OF '2010-01-01' MATCH ()-[r:BACKS]->() RETURN count(r)"), 0);
  EXPECT_EQ(count("MATCH ()-[r:BACKS]->() RETURN count(r)"), 2);
  EXPECT_NE(errorOf("AS OF 42 MATCH (n) RETURN n").find("TypeError"), std::string::npos);
}

TEST_F(ReadTest, ShortestPath) {
  auto out = run("MATCH p = shortestPath((\"Turkey\")-[*..4]-(\"YPG\")) RETURN length(p)");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0][0].asInt(), 1);
  out = run("MATCH p = shortestPath((\"United States\")-[:BACKS|PART_OF*..4]-(\"YPG\")) RETURN p");
  ASSERT_EQ(out.rows.size(), 1u);
  const Path& p = out.rows[0][0].asPath();
  ASSERT_EQ(p.relationships.size(), 2u);
  EXPECT_EQ(p.nodes.front().properties.at("name").asString(), "United States");
  EXPECT_EQ(p.nodes.back().properties.at("name").asString(), "YPG");
  EXPECT_TRUE(
      run("MATCH p = shortestPath((\"YPG\")-[:BACKS*]->(\"Turkey\")) RETURN p").rows.empty());
}

TEST_F(ReadTest, CompileTimeErrorsAreSyntaxErrors) {
  EXPECT_NE(errorOf("MATCH (n) RETURN x").find("SyntaxError"), std::string::npos);
  EXPECT_NE(errorOf("MATCH (n)-[n]->() RETURN n").find("SyntaxError"), std::string::npos);
  EXPECT_NE(errorOf("MATCH (n) RETURN count(count(n))").find("SyntaxError"), std::string::npos);
  EXPECT_NE(errorOf("CALL nope.nothing()").find("Unknown procedure"), std::string::npos);
  EXPECT_NE(errorOf("MATCH (a) RETURN a.name AS x UNION MATCH (a) RETURN a.name AS y")
                .find("SyntaxError"),
            std::string::npos);
  EXPECT_EQ(count("MATCH (n:NoSuchLabel)-[:NO_SUCH_TYPE]->() RETURN count(*)"),
            0);  // unknown names match nothing
}

TEST_F(ReadTest, BuiltinProcedures) {
  auto out = run("CALL db.labels() YIELD label RETURN label ORDER BY label");
  EXPECT_EQ(strings(out), (std::vector<std::string>{"ArmedGroup", "State"}));
  out = run("CALL db.relationshipTypes()");
  EXPECT_EQ(out.columns, std::vector<std::string>{"relationshipType"});
  EXPECT_EQ(out.rows.size(), 4u);
}

}  // namespace
}  // namespace entente::query
