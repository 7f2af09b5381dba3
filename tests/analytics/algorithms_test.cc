// Projection and graph algorithms against small hand-computed graphs.
#include <cmath>

#include "analytics/algorithms.h"
#include "analytics_test_util.h"

namespace entente::analytics::testing {
namespace {

class AlgorithmsTest : public GraphTest {
 protected:
  //   a -1- b -1- c        weights from 1/confidence: a-b 1, b-c 1, a-d 0.5 conf => 2, d-c 1
  //    \        /
  //     2- d -1          e isolated (CONTROLS only)
  void SetUp() override {
    GraphTest::SetUp();
    declareDefaults();
    for (auto name : {"a", "b", "c", "d", "e", "p"}) node(name);
    rel("a", "BACKS", "b");
    rel("b", "BACKS", "c");
    rel("a", "BACKS", "d", {{"confidence", Value(0.5)}});
    rel("d", "BACKS", "c");
    rel("e", "CONTROLS", "p");
  }
  static ProjectionSpec spec(std::vector<std::string> types,
                             DirectionMode dir = DirectionMode::kDirected,
                             std::optional<Date> as_of = std::nullopt, std::string weight = "") {
    ProjectionSpec s;
    s.types = std::move(types);
    s.direction = dir;
    s.as_of = as_of;
    s.weight_property = std::move(weight);
    return s;
  }
  ProjectionPtr project(ProjectionSpec spec) {
    auto txn = store_->beginRead();
    return Projection::build(*txn, spec);
  }
};

TEST_F(AlgorithmsTest, ProjectionSelectsTypesAndMapsIds) {
  auto p = project(spec({"BACKS"}));
  EXPECT_EQ(p->nodeCount(), 4u);  // e and p only have CONTROLS
  EXPECT_EQ(p->edgeCount(), 4u);
  EXPECT_FALSE(p->indexOf(n("e")));
  for (auto name : {"a", "b", "c", "d"}) {
    auto i = p->indexOf(n(name));
    ASSERT_TRUE(i);
    EXPECT_EQ(p->nodeAt(*i), n(name));
  }
  auto all = project({});
  EXPECT_EQ(all->nodeCount(), 6u);
  EXPECT_EQ(all->edgeCount(), 5u);
  auto und = project(spec({"BACKS"}, DirectionMode::kUndirected));
  EXPECT_EQ(und->edgeCount(), 8u);
}

TEST_F(AlgorithmsTest, ProjectionFiltersByDate) {
  Date d2020, d2021, d2019;
  ASSERT_TRUE(Date::parse("2020-01-01", &d2020));
  ASSERT_TRUE(Date::parse("2021-01-01", &d2021));
  ASSERT_TRUE(Date::parse("2019-06-01", &d2019));
  rel("c", "BACKS", "e", {{"since", Value(d2020)}, {"until", Value(d2021)}});
  auto count = [&](const char* date) {
    Date d;
    EXPECT_TRUE(Date::parse(date, &d));
    return project(spec({"BACKS"}, DirectionMode::kDirected, d))->edgeCount();
  };
  EXPECT_EQ(count("2019-06-01"), 4u);
  EXPECT_EQ(count("2020-01-01"), 5u);  // since is inclusive
  EXPECT_EQ(count("2020-12-31"), 5u);
  EXPECT_EQ(count("2021-01-01"), 4u);                    // until is exclusive
  EXPECT_EQ(project(spec({"BACKS"}))->edgeCount(), 5u);  // no AS OF: nothing hidden
}

TEST_F(AlgorithmsTest, SymmetricTypesProjectBothWays) {
  rel("a", "FIGHTS", "e");
  auto p = project(spec({"FIGHTS"}));
  EXPECT_EQ(p->edgeCount(), 2u);
  auto e = p->outRange(*p->indexOf(n("e")));
  ASSERT_EQ(e.second - e.first, 1u);
  EXPECT_TRUE(p->edge(e.first).reversed);
  EXPECT_EQ(p->edge(e.first).sign, -1);
}

TEST_F(AlgorithmsTest, CacheIsSharedUntilTheDataChanges) {
  ProjectionSpec backs = spec({"BACKS"});
  auto first = cache_.get(*store_, backs);
  auto second = cache_.get(*store_, backs);
  EXPECT_EQ(first.get(), second.get());
  EXPECT_EQ(cache_.hits(), 1u);
  rel("c", "BACKS", "a");
  auto third = cache_.get(*store_, backs);
  EXPECT_NE(third.get(), first.get());
  EXPECT_EQ(third->edgeCount(), 5u);
  EXPECT_EQ(first->edgeCount(), 4u);  // a held projection stays valid and unchanged
}

TEST_F(AlgorithmsTest, DijkstraFollowsWeights) {
  auto p = project(spec({"BACKS"}));
  auto path = shortestPath(*p, *p->indexOf(n("a")), *p->indexOf(n("c")));
  ASSERT_TRUE(path);
  EXPECT_DOUBLE_EQ(path->cost, 2.0);  // a-b-c (1+1) beats a-d-c (2+1)
  ASSERT_EQ(path->nodes.size(), 3u);
  EXPECT_EQ(p->nodeAt(path->nodes[1]), n("b"));
  EXPECT_EQ(p->edge(path->edges[0]).type, *store_->beginRead()->lookupString("BACKS"));
  EXPECT_FALSE(shortestPath(*p, *p->indexOf(n("c")), *p->indexOf(n("a"))));  // directed
  auto und = project(spec({"BACKS"}, DirectionMode::kUndirected));
  auto back = shortestPath(*und, *und->indexOf(n("c")), *und->indexOf(n("a")));
  ASSERT_TRUE(back);
  EXPECT_DOUBLE_EQ(back->cost, 2.0);
  // A named weight property instead of 1/confidence.
  rel("a", "BACKS", "c", {{"km", Value(int64_t{5})}});
  auto km = project(spec({"BACKS"}, DirectionMode::kDirected, std::nullopt, "km"));
  auto direct = shortestPath(*km, *km->indexOf(n("a")), *km->indexOf(n("c")));
  ASSERT_TRUE(direct);
  EXPECT_DOUBLE_EQ(direct->cost, 2.0);  // absent property = 1 per hop: a-b-c, a-d-c cost 2 < 5
}

TEST_F(AlgorithmsTest, ComponentsIgnoreDirection) {
  auto p = project({});
  uint32_t count = 0;
  auto comp = connectedComponents(*p, &count);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(comp[*p->indexOf(n("a"))], comp[*p->indexOf(n("c"))]);
  EXPECT_EQ(comp[*p->indexOf(n("e"))], comp[*p->indexOf(n("p"))]);
  EXPECT_NE(comp[*p->indexOf(n("a"))], comp[*p->indexOf(n("e"))]);
}

TEST_F(AlgorithmsTest, BetweennessOfASquareAndAPath) {
  // Undirected square a-b-c-d-a: every node lies on half of one shortest path => 0.5.
  auto p = project(spec({"BACKS"}, DirectionMode::kUndirected));
  auto score = betweenness(*p);
  for (auto name : {"a", "b", "c", "d"}) EXPECT_DOUBLE_EQ(score[*p->indexOf(n(name))], 0.5) << name;
  // Directed: a->b->c and a->d->c; b and d each carry one of the two a->c paths.
  auto dir = project(spec({"BACKS"}));
  auto ds = betweenness(*dir);
  EXPECT_DOUBLE_EQ(ds[*dir->indexOf(n("b"))], 0.5);
  EXPECT_DOUBLE_EQ(ds[*dir->indexOf(n("a"))], 0.0);
  // A parallel relation does not make b more central.
  rel("a", "BACKS", "b");
  auto dir2 = project(spec({"BACKS"}));
  EXPECT_DOUBLE_EQ(betweenness(*dir2)[*dir2->indexOf(n("b"))], 0.5);
}

TEST_F(AlgorithmsTest, PageRankOfACycleIsUniformAndSumsToOne) {
  rel("c", "BACKS", "a");  // a->b->c->a plus a->d->c
  auto p = project(spec({"BACKS"}));
  auto pr = pageRank(*p, 0.85, 100);
  double sum = 0;
  for (double s : pr) sum += s;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  // c receives from b and d: the highest rank; b and d split a's rank: equal.
  EXPECT_NEAR(pr[*p->indexOf(n("b"))], pr[*p->indexOf(n("d"))], 1e-12);
  EXPECT_GT(pr[*p->indexOf(n("c"))], pr[*p->indexOf(n("b"))]);
  // Hand-computed fixed point: c = a (c's only out-edge goes to a), b = d = 0.15/4 + 0.85*a/2,
  // c = 0.15/4 + 0.85*(b + d).
  double a = pr[*p->indexOf(n("a"))], b = pr[*p->indexOf(n("b"))];
  EXPECT_NEAR(b, 0.0375 + 0.85 * a / 2, 1e-9);
}

}  // namespace
}  // namespace entente::analytics::testing
