// Stance, backing paths, allies/enemies and identity lineage: hand-built graphs and the
// bundled dataset (data/EXPECTED.md questions 6, 10, 14, 30).
#include "analytics/alliance.h"
#include "analytics/identity.h"
#include "analytics_test_util.h"

namespace entente::analytics::testing {
namespace {

class AllianceTest : public GraphTest {
 protected:
  std::vector<std::string> explain(const storage::Transaction& txn, const StanceResult& s) {
    std::vector<std::string> out;
    for (const auto& p : s.paths) out.push_back(describePath(txn, p));
    return out;
  }
};

TEST_F(AllianceTest, DirectRelationsDecide) {
  declareDefaults();
  for (auto name : {"a", "b", "c"}) node(name);
  rel("a", "FIGHTS", "b", {{"confidence", Value(0.8)}});
  rel("a", "BACKS", "c");
  rel("c", "BACKS", "b");  // a friend of b via c, but a fights b directly
  auto txn = store_->beginRead();
  auto s = stance(ctx(*txn), n("a"), n("b"));
  EXPECT_EQ(s.stance, Stance::kHostile);
  EXPECT_TRUE(s.direct);
  EXPECT_DOUBLE_EQ(s.confidence, 0.8);
  ASSERT_EQ(s.paths.size(), 2u);
  EXPECT_EQ(describePath(*txn, s.paths[0]), "a -[FIGHTS]-> b (hostile, 1 hop)");
  EXPECT_EQ(describePath(*txn, s.paths[1]), "a -[BACKS]-> c -[BACKS]-> b (friendly, 2 hops)");
  // Symmetric FIGHTS reads the same from b, shown against its stored direction.
  auto back = stance(ctx(*txn), n("b"), n("a"));
  EXPECT_EQ(back.stance, Stance::kHostile);
  EXPECT_EQ(describePath(*txn, back.paths[0]), "b <-[FIGHTS]- a (hostile, 1 hop)");
  rel("b", "ALLIED_WITH", "a");
  auto txn2 = store_->beginRead();
  EXPECT_EQ(stance(ctx(*txn2), n("a"), n("b")).stance, Stance::kMixed);
}

TEST_F(AllianceTest, EnemyOfMyEnemyIsAWeakerFriend) {
  declareDefaults();
  for (auto name : {"a", "b", "c", "d"}) node(name);
  rel("a", "FIGHTS", "b");
  rel("b", "FIGHTS", "c");
  rel("c", "BACKS", "d");
  auto txn = store_->beginRead();
  auto s = stance(ctx(*txn), n("a"), n("c"));
  EXPECT_EQ(s.stance, Stance::kFriendly);
  EXPECT_FALSE(s.direct);
  EXPECT_DOUBLE_EQ(s.confidence, 0.5);  // one 2-hop path: 0.5^(2-1)
  auto far = stance(ctx(*txn), n("a"), n("d"));
  EXPECT_EQ(far.stance, Stance::kFriendly);
  EXPECT_DOUBLE_EQ(far.confidence, 0.25);
  StanceOptions shallow;
  shallow.max_hops = 2;
  EXPECT_EQ(stance(ctx(*txn), n("a"), n("d"), shallow).stance, Stance::kUnknown);
  EXPECT_EQ(stance(ctx(*txn), n("a"), n("a")).stance, Stance::kUnknown);
}

TEST_F(AllianceTest, PlacesAreNotGoBetweens) {
  declareDefaults();
  node("a");
  node("b");
  node("town", {"Place"});
  rel("a", "STRIKES", "town");
  rel("b", "STRIKES", "town");
  auto txn = store_->beginRead();
  EXPECT_EQ(stance(ctx(*txn), n("a"), n("b")).stance, Stance::kUnknown);
  StanceOptions all;
  all.excluded_labels = {};
  EXPECT_EQ(stance(ctx(*txn), n("a"), n("b"), all).stance, Stance::kFriendly);
  // A place can still be an endpoint.
  EXPECT_EQ(stance(ctx(*txn), n("a"), n("town")).stance, Stance::kHostile);
}

TEST_F(AllianceTest, AleppoTurkeyTowardsSdfIsHostile) {
  loadAleppo();
  auto txn = store_->beginRead();
  auto s = stance(ctx(*txn), byName("Turkey"), byName("SDF"));
  EXPECT_EQ(s.stance, Stance::kHostile);
  EXPECT_FALSE(s.direct);
  ASSERT_FALSE(s.paths.empty());
  EXPECT_EQ(describePath(*txn, s.paths[0]),
            "Turkey -[CONSIDERS_TERRORIST]-> People's Protection Units -[PART_OF]-> Syrian "
            "Democratic Forces "
            "(hostile, 2 hops)");
  // Default depth 4 sees only that path; at 5 hops the positive path through the US
  // appears, and hostile still dominates (1/2 against 1/16).
  EXPECT_EQ(s.path_count, 1u);
  StanceOptions deep;
  deep.max_hops = 5;
  auto d = stance(ctx(*txn), byName("Turkey"), byName("SDF"), deep);
  EXPECT_EQ(d.stance, Stance::kHostile);
  EXPECT_EQ(d.path_count, 2u);
  EXPECT_DOUBLE_EQ(d.positive, 1.0 / 16);
  EXPECT_DOUBLE_EQ(d.negative, 0.5);
}

TEST_F(AllianceTest, AleppoTurkeyTowardsUsIsMixed) {
  loadAleppo();
  auto txn = store_->beginRead();
  auto s = stance(ctx(*txn), byName("Turkey"), byName("United States"));
  EXPECT_EQ(s.stance, Stance::kMixed);
  ASSERT_EQ(s.paths.size(), 2u);
  EXPECT_EQ(s.paths[0].sign, -1);  // Turkey -CT-> YPG -PART_OF-> SDF <-BACKS- US (3 hops)
  EXPECT_EQ(s.paths[1].sign,
            1);  // Turkey -BACKS-> FSA -PART_OF-> MOC <-PART_OF- groups <-BACKS- US
  EXPECT_EQ(s.paths[1].hops.size(), 4u);
}

TEST_F(AllianceTest, AleppoRussiaTowardsTurkeyIsHostileDespiteTheCeasefire) {
  loadAleppo();
  auto txn = store_->beginRead();
  auto s = stance(ctx(*txn), byName("Russia"), byName("Turkey"));
  EXPECT_EQ(s.stance, Stance::kHostile);
  std::vector<std::string> why = explain(*txn, s);
  EXPECT_NE(std::find(why.begin(), why.end(),
                      "Russia -[STRIKES]-> Military Operations Command <-[PART_OF]- Free Syrian "
                      "Army <-[BACKS]- Turkey "
                      "(hostile, 3 hops)"),
            why.end());
}

TEST_F(AllianceTest, AleppoAsOfHidesLaterRelations) {
  loadAleppo();
  auto txn = store_->beginRead();
  // The coalition's fight with the regime starts 2024-11-30; before that, no direct relation.
  StanceOptions before;
  ASSERT_TRUE(Date::parse("2024-11-01", &before.as_of.emplace()));
  auto s =
      stance(ctx(*txn), byName("Military Operations Command"), byName("Syrian government"), before);
  EXPECT_FALSE(s.direct);
  auto now = stance(ctx(*txn), byName("Military Operations Command"), byName("Syrian government"));
  EXPECT_TRUE(now.direct);
  EXPECT_EQ(now.stance, Stance::kHostile);
}

TEST_F(AllianceTest, AleppoBackingPathFromUsToYpg) {
  loadAleppo();
  auto txn = store_->beginRead();
  auto r = backingPaths(ctx(*txn), byName("United States"), byName("YPG"));
  ASSERT_FALSE(r.paths.empty());
  const auto& p = r.paths[0];
  ASSERT_EQ(p.hops.size(), 2u);
  EXPECT_EQ(describePath(*txn, p),
            "United States -[BACKS]-> Syrian Democratic Forces <-[PART_OF]- People's Protection "
            "Units (friendly, 2 hops)");
  EXPECT_FALSE(p.hops[0].reversed);
  EXPECT_TRUE(p.hops[1].reversed);
  // Shortest first.
  for (size_t i = 1; i < r.paths.size(); ++i)
    EXPECT_GE(r.paths[i].hops.size(), r.paths[i - 1].hops.size());
  // BACKS is never walked backwards: nothing backs the US in the dataset.
  EXPECT_TRUE(backingPaths(ctx(*txn), byName("YPG"), byName("United States")).paths.empty());
  // Turkey reaches HTS through the FSA and the coalition HTS leads.
  auto t = backingPaths(ctx(*txn), byName("Turkey"), byName("HTS"));
  ASSERT_FALSE(t.paths.empty());
  EXPECT_EQ(describePath(*txn, t.paths[0]),
            "Turkey -[BACKS]-> Free Syrian Army -[PART_OF]-> Military Operations Command "
            "<-[LEADS]- Hayat Tahrir "
            "al-Sham (friendly, 3 hops)");
  // Russia backs the regime twice (now, and about 2016): two paths, each with its dates.
  auto ru = backingPaths(ctx(*txn), byName("Russia"), byName("Syrian government"));
  EXPECT_EQ(ru.paths.size(), 2u);
  BackingOptions in2020;
  ASSERT_TRUE(Date::parse("2020-01-01", &in2020.as_of.emplace()));
  EXPECT_EQ(
      backingPaths(ctx(*txn), byName("Russia"), byName("Syrian government"), in2020).paths.size(),
      1u);
}

TEST_F(AllianceTest, AleppoAlliesAndEnemies) {
  loadAleppo();
  auto txn = store_->beginRead();
  auto names = [&](const std::vector<Relative>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(nodeName(*txn, r.node));
    std::sort(out.begin(), out.end());
    return out;
  };
  auto allies_of_turkey = names(allies(ctx(*txn), byName("Turkey")));
  EXPECT_NE(std::find(allies_of_turkey.begin(), allies_of_turkey.end(), "Free Syrian Army"),
            allies_of_turkey.end());
  EXPECT_NE(
      std::find(allies_of_turkey.begin(), allies_of_turkey.end(), "Military Operations Command"),
      allies_of_turkey.end());
  auto enemies_of_turkey = names(enemies(ctx(*txn), byName("Turkey")));
  EXPECT_EQ(enemies_of_turkey,
            (std::vector<std::string>{"People's Protection Units", "Syrian Democratic Forces"}));
  auto enemies_of_moc = names(enemies(ctx(*txn), byName("MOC")));
  EXPECT_NE(std::find(enemies_of_moc.begin(), enemies_of_moc.end(), "Syrian government"),
            enemies_of_moc.end());
  EXPECT_NE(std::find(enemies_of_moc.begin(), enemies_of_moc.end(), "Russia"),
            enemies_of_moc.end());
  EXPECT_NE(std::find(enemies_of_moc.begin(), enemies_of_moc.end(), "Kurdish forces"),
            enemies_of_moc.end());
}

TEST_F(AllianceTest, AleppoLineageOfHts) {
  loadAleppo();
  auto txn = store_->beginRead();
  auto steps = lineage(*txn, byName("HTS"));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(nodeName(*txn, steps[0].node), "Al-Nusra Front");
  EXPECT_EQ(steps[0].step, -1);
  EXPECT_EQ(steps[1].step, 0);
  auto cur = resolveCurrent(*txn, "Jabhat al-Nusra");
  ASSERT_EQ(cur.size(), 1u);
  EXPECT_TRUE(cur[0].followed());
  EXPECT_EQ(nodeName(*txn, cur[0].current), "Hayat Tahrir al-Sham");
  auto hts = resolveCurrent(*txn, "hts");
  ASSERT_EQ(hts.size(), 1u);
  EXPECT_FALSE(hts[0].followed());
  EXPECT_TRUE(resolveCurrent(*txn, "Syrian National Army").empty());
}

TEST_F(AllianceTest, LineageStopsAtASplitAndRespectsAsOf) {
  declareDefaults();
  for (auto name : {"old", "mid", "new", "a", "b"}) node(name);
  Date d;
  ASSERT_TRUE(Date::parse("2020-01-01", &d));
  rel("mid", "FORMERLY", "old");
  rel("new", "FORMERLY", "mid", {{"since", Value(d)}});
  rel("a", "FORMERLY", "b");
  node("c");
  rel("c", "FORMERLY", "b");
  auto txn = store_->beginRead();
  EXPECT_EQ(currentOf(*txn, n("old")).current, n("new"));
  EXPECT_EQ(currentOf(*txn, n("old")).chain.size(), 3u);
  Date before;
  ASSERT_TRUE(Date::parse("2019-01-01", &before));
  EXPECT_EQ(currentOf(*txn, n("old"), before).current, n("mid"));
  auto split = currentOf(*txn, n("b"));
  EXPECT_FALSE(split.followed());
  EXPECT_TRUE(split.ambiguous_successor);
  auto l = lineage(*txn, n("mid"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].node, n("old"));
  EXPECT_EQ(l[2].node, n("new"));
  EXPECT_EQ(l[2].step, 1);
}

}  // namespace
}  // namespace entente::analytics::testing
