// Plan choice (EXPLAIN), traversal semantics, limits, concurrency.
#include <atomic>
#include <thread>

#include "engine_fixture.h"
#include "tests/common/stepping_clock.h"

namespace entente::query {
namespace {

using PlanTest = EngineTest;

TEST_F(PlanTest, ExplainShowsSeeksAndTypedExpansions) {
  run("CREATE (:State {name: 'Turkey'})-[:BACKS]->(:ArmedGroup {name: 'SNA'})");
  std::string plan = explain("MATCH (a)-[:BACKS]->(b) WHERE id(a) = $id RETURN b");
  EXPECT_NE(plan.find("NodeById (a) id = $id"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Expand (a)-[:BACKS]->(b)"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Filter"), std::string::npos) << plan;  // the seek replaces the predicate
  plan = explain("MATCH (s)-[:BACKS]->(\"SNA\") RETURN s");
  EXPECT_NE(plan.find("NodeByName"), std::string::npos) << plan;
  EXPECT_NE(plan.find("<-[:BACKS]-(s)"), std::string::npos) << plan;  // expanded from the named end
  plan = explain("MATCH (n:State {name: $n}) RETURN n");
  EXPECT_NE(plan.find("NodeByName (n:State {name: $n}) name = $n"), std::string::npos) << plan;
  plan = explain("MATCH (a)-[*1..3]->(b) WHERE id(a) = $id AND b <> a RETURN count(DISTINCT b)");
  EXPECT_NE(plan.find("VarLengthReach"), std::string::npos) << plan;
  plan = explain("MATCH (a)-[*1..3]->(b) WHERE id(a) = $id RETURN count(b)");
  EXPECT_NE(plan.find("VarLengthExpand"), std::string::npos) << plan;
  // Explain does not execute.
  EXPECT_EQ(run("EXPLAIN CREATE (:Z)").stats.nodes_created, 0);
  EXPECT_EQ(count("MATCH (z:Z) RETURN count(z)"), 0);
}

TEST_F(PlanTest, ProfileReportsRowsPerOperator) {
  run("UNWIND range(1, 5) AS i CREATE (:N {i: i})");
  auto out = run("PROFILE MATCH (n:N) WHERE n.i > 2 RETURN n.i");
  EXPECT_EQ(out.columns, (std::vector<std::string>{"operator", "rows", "time_ms"}));
  bool saw_filter = false;
  for (const auto& r : out.rows)
    if (r[0].asString().find("Filter") != std::string::npos) {
      saw_filter = true;
      EXPECT_EQ(r[1].asInt(), 3);
    }
  EXPECT_TRUE(saw_filter);
}

TEST_F(PlanTest, DistinctReachabilityAgreesWithTrailEnumeration) {
  // A graph with cycles, parallel edges and a self loop.
  run("UNWIND range(0, 11) AS i CREATE (:V {i: i})");
  run("MATCH (a:V), (b:V) WHERE b.i = (a.i * 3 + 1) % 12 OR b.i = (a.i + 5) % 12 CREATE "
      "(a)-[:E]->(b)");
  run("MATCH (a:V {i: 0}), (b:V {i: 1}) CREATE (a)-[:E]->(b), (a)-[:E]->(a)");
  for (int start = 0; start < 12; ++start) {
    for (const char* range : {"*1..2", "*1..3", "*0..2", "*..4"}) {
      Map p{{"i", Value(int64_t{start})}};
      std::string fast =
          std::string("MATCH (a:V {i: $i})-[") + range + "]->(b) RETURN count(DISTINCT b)";
      std::string slow =
          std::string("MATCH q = (a:V {i: $i})-[") + range + "]->(b) RETURN count(DISTINCT b)";
      EXPECT_NE(explain(fast).find("VarLengthReach"), std::string::npos);
      EXPECT_EQ(count(fast, p), count(slow, p)) << start << " " << range;
    }
  }
}

TEST_F(PlanTest, VarLengthTrailsAreRelationshipUnique) {
  run("CREATE (a:L {n: 'a'})-[:R]->(b:L {n: 'b'})-[:R]->(a)");
  // Trails from a: a->b, a->b->a (each relationship used once), not a->b->a->b.
  EXPECT_EQ(count("MATCH (a:L {n: 'a'})-[*1..5]->(x) RETURN count(*)"), 2);
  auto out = run("MATCH (a:L {n: 'a'})-[r*2]->(x) RETURN size(r), x.n");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0][0].asInt(), 2);
  EXPECT_EQ(out.rows[0][1].asString(), "a");
  EXPECT_EQ(count("MATCH (a)-[r1]->(b)-[r2]->(c) RETURN count(*)"),
            2);  // r1 <> r2 always holds here
  EXPECT_EQ(count("MATCH (a)-[r1]-(b)-[r2]-(c) RETURN count(*)"), 4);
}

TEST_F(PlanTest, UnboundedPatternIsCappedWithANotice) {
  run("CREATE (a:C)-[:R]->(:C)");
  auto out = run("MATCH (a)-[*]->(b) RETURN count(*)");
  ASSERT_EQ(out.notices.size(), 1u);
  EXPECT_NE(out.notices[0].find("capped at 15 hops"), std::string::npos);
  QueryOptions o;
  o.default_max_hops = 3;
  out = run("MATCH (a)-[*]->(b) RETURN count(*)", {}, o);
  EXPECT_NE(out.notices.at(0).find("capped at 3 hops"), std::string::npos);
  EXPECT_TRUE(run("MATCH (a)-[*1..2]->(b) RETURN count(*)").notices.empty());
}

TEST_F(PlanTest, TimeBudgetAndCancellationStopHugeProducts) {
  run("UNWIND range(1, 300) AS i CREATE (:Big)");
  // The real clock (the production path), on a product of 300^4 = 8.1·10^9 rows: no machine
  // counts that in 50 ms, and the budget is checked every 1024 rows. The deterministic
  // clock-driven tests are below and in tests/analytics/cancel_test.cc.
  QueryOptions o;
  o.timeout = std::chrono::milliseconds(50);
  std::string err = errorOf("MATCH (a), (b), (c), (d) RETURN count(*)", {}, o);
  EXPECT_EQ(err.rfind("Timeout", 0), 0u) << err;
  std::atomic<bool> cancel{true};
  QueryOptions c;
  c.cancel = &cancel;
  err = errorOf("MATCH (a), (b), (c) RETURN count(*)", {}, c);
  EXPECT_EQ(err.rfind("Cancelled", 0), 0u) << err;
  QueryOptions m;
  m.max_rows = 10;
  err = errorOf("MATCH (a) RETURN a", {}, m);
  EXPECT_EQ(err.rfind("LimitExceeded", 0), 0u) << err;
}

TEST_F(PlanTest, TheTimeBudgetIsMeasuredOnTheStatementClock) {
  run("UNWIND range(1, 300) AS i CREATE (:Big)");
  // 10 ms per read, budget 100 ms: read 1 starts the statement, read 12 is past the deadline,
  // i.e. the 11th budget check (one per 1024 rows) ends it, however fast the machine is.
  testing::SteppingClock clock(std::chrono::milliseconds(10));
  QueryOptions o;
  o.timeout = std::chrono::milliseconds(100);
  o.clock = clock.fn();
  std::string err = errorOf("MATCH (a), (b), (c) RETURN count(*)", {}, o);  // 2.7·10^7 rows
  EXPECT_EQ(err.rfind("Timeout", 0), 0u) << err;
  EXPECT_LE(clock.reads(), 13);  // stopped at the first check past the deadline
  // A statement that finishes before the deadline's check is not stopped, however slow the
  // machine.
  testing::SteppingClock slow(std::chrono::milliseconds(10));
  o.clock = slow.fn();
  EXPECT_EQ(errorOf("MATCH (a) RETURN count(*)", {}, o), "");
  EXPECT_LT(slow.reads(), 12);
}

// Every operator's next() ticks the statement's budget (query/exec/operator.h): a set cancel
// flag stops reads and writes alike once 1024 rows have been pulled, and a cancelled write
// leaves nothing behind.
TEST_F(PlanTest, CancellationIsCheckedAtEveryOperatorBoundary) {
  std::atomic<bool> cancel{true};
  QueryOptions c;
  c.cancel = &cancel;
  std::string err = errorOf("UNWIND range(1, 2000) AS x WITH x WHERE x > 0 RETURN x", {}, c);
  EXPECT_EQ(err.rfind("Cancelled", 0), 0u) << err;
  err = errorOf("UNWIND range(1, 2000) AS x CREATE (:Cancelled {x: x})", {}, c);
  EXPECT_EQ(err.rfind("Cancelled", 0), 0u) << err;
  EXPECT_EQ(count("MATCH (n:Cancelled) RETURN count(n)"), 0);
}

TEST_F(PlanTest, ReadersSeeConsistentSnapshotsWhileAWriterCommits) {
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0}, reads{0};
  auto reader = [&] {
    while (!stop) {
      int64_t n = count("MATCH (n:Batch) RETURN count(n)");
      if (n % 10 != 0) ++bad;
      ++reads;
    }
  };
  std::thread r1(reader), r2(reader);
  for (int i = 0; i < 30; ++i) run("UNWIND range(1, 10) AS i CREATE (:Batch {i: i})");
  while (reads < 20) std::this_thread::yield();
  stop = true;
  r1.join();
  r2.join();
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(count("MATCH (n:Batch) RETURN count(n)"), 300);
}

TEST_F(PlanTest, PlansAreCachedAndSeeNewLabels) {
  auto a = engine_->prepare("MATCH (n:Later) RETURN count(n)");
  auto b = engine_->prepare("MATCH (n:Later) RETURN count(n)");
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(engine_->execute(*a, {}).rows[0][0].asInt(), 0);
  run("CREATE (:Later)");
  EXPECT_EQ(engine_->execute(*a, {}).rows[0][0].asInt(), 1);
  EXPECT_TRUE(Engine::isReadOnly(*a));
  EXPECT_FALSE(Engine::isReadOnly(*engine_->prepare("CREATE (:Later)")));
  EXPECT_EQ(Engine::columns(*a), std::vector<std::string>{"count(n)"});
}

TEST_F(PlanTest, HotPathOneHopWithParameters) {
  run("CREATE (a:H {k: 0})-[:R]->(:H {k: 1}), (a)-[:R]->(:H {k: 2}), (a)-[:S]->(:H {k: 3})");
  int64_t id = count("MATCH (a:H {k: 0}) RETURN id(a)");
  auto ps =
      engine_->prepare("MATCH (a)-->(b) WHERE id(a) = $id RETURN count(b) AS c, sum(id(b)) AS s");
  for (int i = 0; i < 3; ++i) {
    auto out = engine_->execute(*ps, {{"id", Value(id)}});
    EXPECT_EQ(out.rows[0][0].asInt(), 3);
  }
  EXPECT_EQ(engine_->execute(*ps, {{"id", Value(int64_t{999999})}}).rows[0][0].asInt(), 0);
}

}  // namespace
}  // namespace entente::query
