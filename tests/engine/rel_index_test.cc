// Relationship index seeks against the scan they replace: random graphs (self loops, a
// SYMMETRIC type, properties of mixed types or missing), random equality, IN, range and
// STARTS WITH predicates in every direction; each query's rows with the indexes must be the
// rows the same query returned before the indexes existed, and its plan must use the seek.
#include <algorithm>
#include <random>

#include "engine_fixture.h"

namespace entente::query {
namespace {

using RelIndexTest = EngineTest;

std::vector<std::string> rowsOf(const QueryOutput& out) {
  std::vector<std::string> rows;
  for (const auto& r : out.rows) {
    std::string s;
    for (const auto& v : r) s += v.toCypher() + "|";
    rows.push_back(s);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

struct Case {
  std::string query;
  Map params;
  bool labelled;  // an end has a label: a label scan may be the cheaper start
};

TEST_F(RelIndexTest, SeeksReturnWhatTheScanReturns) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    TearDown();
    SetUp();
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
    run("CREATE RELATION TYPE S POSITIVE SYMMETRIC");
    const int nodes = 40;
    run("UNWIND range(0, $n - 1) AS i CREATE (:N {i: i})", {{"n", Value(int64_t{nodes})}});
    run("MATCH (n:N) WHERE n.i % 3 = 0 SET n:A");
    // Relationships: p an int, a float, a string or missing; q a short string.
    const char* types[] = {"T", "S", "U"};
    for (int e = 0; e < 400; ++e) {
      int a = pick(nodes), b = pick(8) == 0 ? a : pick(nodes);
      Map props;
      switch (pick(6)) {
        case 0: break;
        case 1: props["p"] = Value(pick(10) + 0.5); break;
        case 2: props["p"] = Value(std::string(1, static_cast<char>('a' + pick(4)))); break;
        default: props["p"] = Value(int64_t{pick(10)});
      }
      props["q"] = Value(std::string(1, static_cast<char>('x' + pick(3))) +
                         std::string(1, static_cast<char>('x' + pick(3))));
      run(std::string("MATCH (a:N {i: $a}), (b:N {i: $b}) CREATE (a)-[:") + types[pick(3)] +
              " $props]->(b)",
          {{"a", Value(int64_t{a})}, {"b", Value(int64_t{b})}, {"props", Value(props)}});
    }
    std::vector<Case> cases;
    const std::string arrows[][2] = {{"-", "->"}, {"<-", "-"}, {"-", "-"}};
    for (int k = 0; k < 60; ++k) {
      const std::string t = pick(2) ? "T" : "S";
      const auto& arrow = arrows[pick(3)];
      const std::string rel = arrow[0] + "[r:" + t + "]" + arrow[1];
      std::string where, ends[2] = {"(a)", "(b)"};
      Map params;
      switch (pick(5)) {
        case 0:
          where = "r.p = $v";
          params["v"] = pick(4) ? Value(int64_t{pick(10)}) : Value(pick(10) + 0.5);
          break;
        case 1: {
          int lo = pick(10);
          where = "r.p >= $lo AND r.p < $hi";
          params["lo"] = Value(int64_t{lo});
          params["hi"] = Value(lo + 0.5 + pick(4));
          break;
        }
        case 2:
          where = "r.p IN $l";
          params["l"] = Value(List{Value(int64_t{pick(10)}), Value(std::string("b")), Value(),
                                   Value(int64_t{pick(10)})});
          break;
        case 3:
          where = "r.q STARTS WITH $s";
          params["s"] = Value(std::string(1, static_cast<char>('x' + pick(3))));
          break;
        default: where = "r.p > $v"; params["v"] = Value(int64_t{pick(10)});
      }
      if (pick(3) == 0) {
        const int k = pick(2);
        ends[k] = k == 0 ? "(a:A)" : "(b:A)";
      }
      if (pick(6) == 0) ends[1] = "(a)";  // both ends one node: self loops only
      std::string q = "MATCH " + ends[0] + rel + ends[1];
      std::string ret = ends[1] == "(a)" ? "id(a), id(r)" : "id(a), id(r), id(b)";
      if (ends[1] != "(a)" && pick(3) == 0) {  // the pattern goes on from an end of the seek
        q += "-[s]->(c)";
        ret += ", id(s), id(c)";
      }
      cases.push_back({q + " WHERE " + where + " RETURN " + ret, params, q.find(":A") != q.npos});
    }
    std::vector<std::vector<std::string>> before;
    for (const auto& c : cases) before.push_back(rowsOf(run(c.query, c.params)));
    run("CREATE INDEX FOR ()-[r:T]-() ON (r.p)");
    run("CREATE INDEX FOR ()-[r:T]-() ON (r.q)");
    run("CREATE INDEX FOR ()-[r:S]-() ON (r.p)");
    run("CREATE INDEX FOR ()-[r:S]-() ON (r.q)");
    size_t nonempty = 0;
    for (size_t i = 0; i < cases.size(); ++i) {
      const auto& c = cases[i];
      std::string plan = explain(c.query);
      if (!c.labelled)
        EXPECT_NE(plan.find("RelationshipIndexSeek"), std::string::npos) << c.query << "\n" << plan;
      EXPECT_EQ(rowsOf(run(c.query, c.params)), before[i]) << "seed " << seed << ": " << c.query;
      nonempty += !before[i].empty();
    }
    EXPECT_GT(nonempty, cases.size() / 2) << "the random cases should mostly find something";
  }
}

TEST_F(RelIndexTest, ExplainAndProfileShowTheSeekAndItsRows) {
  run("UNWIND range(1, 50) AS i CREATE (:P {i: i})-[:R {w: i % 10}]->(:Q {i: i})");
  run("CREATE INDEX r_w FOR ()-[r:R]-() ON (r.w)");
  std::string plan = explain("MATCH (a)-[r:R]->(b) WHERE r.w = $w RETURN b.i");
  EXPECT_NE(plan.find("DirectedRelationshipIndexSeek(r_w, r.w = $w) (a)-[r:R]->(b)"),
            std::string::npos)
      << plan;
  auto out = run("PROFILE MATCH (a)-[r:R]-(b) WHERE r.w = 3 RETURN b.i");
  bool saw = false;
  for (const auto& row : out.rows)
    if (row[0].asString().find("UndirectedRelationshipIndexSeek") != std::string::npos) {
      saw = true;
      EXPECT_EQ(row[1].asInt(), 10);  // 5 relationships, each from both ends
    }
  EXPECT_TRUE(saw);
}

TEST_F(RelIndexTest, SeesTheStatementsOwnWritesAndOldSnapshots) {
  run("CREATE INDEX r_w FOR ()-[r:R]-() ON (r.w)");
  run("CREATE (:P)-[:R {w: 1}]->(:Q)");
  // A write statement's later clauses see relationships it created, through the seek.
  auto out =
      run("CREATE (:P)-[:R {w: 1}]->(:Q) WITH 1 AS x MATCH (a)-[r:R {w: 1}]->(b) "
          "RETURN count(*)");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0][0].asInt(), 2);
  run("MATCH ()-[r:R]->() SET r.w = 2");
  EXPECT_EQ(count("MATCH ()-[r:R {w: 1}]->() RETURN count(r)"), 0);
  EXPECT_EQ(count("MATCH ()-[r:R {w: 2}]->() RETURN count(r)"), 2);
  run("MATCH ()-[r:R {w: 2}]->() DELETE r");
  EXPECT_EQ(count("MATCH ()-[r:R]-() WHERE r.w >= 0 RETURN count(r)"), 0);
}

}  // namespace
}  // namespace entente::query
