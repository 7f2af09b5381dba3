// The alliance.*, algo.* and identity.* procedures through the public API on the bundled
// dataset (data/EXPECTED.md), including argument errors and AS OF.
#include <gtest/gtest.h>

#include <algorithm>

#include "entente/entente.h"

namespace entente {
namespace {

class ProceduresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = Database::openTemporary();
    ASSERT_TRUE(d.ok()) << d.error().message();
    db_ = std::move(d.value()).release();
    auto s = db_->loadBundledDataset();
    ASSERT_TRUE(s.ok()) << s.error().message();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }
  QueryResult q(std::string_view text) {
    auto r = db_->query(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
    return r;
  }
  static std::vector<std::string> strings(const Value& v) {
    std::vector<std::string> out;
    if (v.isList())
      for (const auto& e : v.asList())
        if (e.isString()) out.push_back(e.asString());
    return out;
  }
  static Database* db_;
};
Database* ProceduresTest::db_ = nullptr;

TEST_F(ProceduresTest, StanceTurkeySdfIsHostileBecauseOfTheYpg) {
  auto r =
      q("CALL alliance.stance(\"Turkey\", \"SDF\") YIELD stance, because RETURN stance, because");
  ASSERT_EQ(r.rows().size(), 1u);
  EXPECT_EQ(r.rows()[0][0].asString(), "hostile");
  auto why = strings(r.rows()[0][1]);
  ASSERT_FALSE(why.empty());
  EXPECT_EQ(why[0],
            "Turkey -[CONSIDERS_TERRORIST]-> People's Protection Units -[PART_OF]-> Syrian "
            "Democratic Forces "
            "(hostile, 2 hops)");
  auto mixed = q("CALL alliance.stance('Turkey', 'United States') YIELD stance RETURN stance");
  EXPECT_EQ(mixed.rows()[0][0].asString(), "mixed");
  auto deeper =
      q("CALL alliance.stance('Turkey', 'SDF', {maxHops: 5}) YIELD stance, paths RETURN stance, "
        "size(paths)");
  EXPECT_EQ(deeper.rows()[0][0].asString(), "hostile");
  EXPECT_EQ(deeper.rows()[0][1].asInt(), 2);
}

TEST_F(ProceduresTest, BackingPathUsToYpgWithRelations) {
  auto r =
      q("CALL alliance.backingPaths('United States', 'YPG') YIELD path, length, relations "
        "RETURN path, length, relations LIMIT 1");
  ASSERT_EQ(r.rows().size(), 1u);
  EXPECT_EQ(r.rows()[0][1].asInt(), 2);
  const Path& p = r.rows()[0][0].asPath();
  ASSERT_EQ(p.nodes.size(), 3u);
  EXPECT_EQ(p.nodes[1].properties.at("name").asString(), "Syrian Democratic Forces");
  const List& rels = r.rows()[0][2].asList();
  ASSERT_EQ(rels.size(), 2u);
  const Map& first = rels[0].asMap();
  EXPECT_EQ(first.at("type").asString(), "BACKS");
  EXPECT_EQ(first.at("from").asString(), "United States");
  EXPECT_EQ(first.at("to").asString(), "Syrian Democratic Forces");
  EXPECT_EQ(strings(first.at("sources")), (std::vector<std::string>{"CNN, 2024-12-02"}));
  EXPECT_EQ(rels[1].asMap().at("from").asString(), "People's Protection Units");
  // maxHops 1: no path.
  EXPECT_TRUE(q("CALL alliance.backingPaths('United States', 'YPG', 1) YIELD path RETURN path")
                  .rows()
                  .empty());
}

TEST_F(ProceduresTest, BlocsHaveOneFrustratedRelation) {
  auto r =
      q("CALL alliance.blocs() YIELD bloc, members, frustration, frustrated RETURN bloc, members, "
        "frustration, "
        "frustrated ORDER BY bloc");
  ASSERT_EQ(r.rows().size(), 2u);
  EXPECT_EQ(r.rows()[0][2].asInt(), 1);
  EXPECT_EQ(
      strings(r.rows()[0][3]),
      (std::vector<std::string>{"Turkey -[CONSIDERS_TERRORIST]-> People's Protection Units"}));
  // The larger camp comes first: the regime's 10 against the rebels' and their backers' 9.
  auto camp1 = strings(r.rows()[0][1]), camp2 = strings(r.rows()[1][1]);
  EXPECT_EQ(camp1.size(), 10u);
  EXPECT_EQ(camp2.size(), 9u);
  EXPECT_NE(std::find(camp1.begin(), camp1.end(), "Syrian government"), camp1.end());
  EXPECT_NE(std::find(camp2.begin(), camp2.end(), "Turkey"), camp2.end());
}

TEST_F(ProceduresTest, FormerNamesFollowTheLineage) {
  auto r =
      q("CALL alliance.stance('Al-Nusra Front', 'Turkey') YIELD stance, because, followed_lineage "
        "RETURN stance, because, followed_lineage");
  ASSERT_EQ(r.rows().size(), 1u);
  EXPECT_EQ(r.rows()[0][0].asString(),
            "friendly");  // HTS leads the coalition Turkey backs via the FSA
  auto why = strings(r.rows()[0][1]);
  ASSERT_FALSE(why.empty());
  EXPECT_EQ(
      why[0],
      "Al-Nusra Front is now Hayat Tahrir al-Sham (FORMERLY): answering for Hayat Tahrir al-Sham");
  EXPECT_FALSE(r.rows()[0][2].isNull());
  EXPECT_FALSE(r.notices().empty());
  auto lin = q("CALL identity.lineage('HTS') YIELD name, step RETURN name, step ORDER BY step");
  ASSERT_EQ(lin.rows().size(), 2u);
  EXPECT_EQ(lin.rows()[0][0].asString(), "Al-Nusra Front");
  EXPECT_EQ(lin.rows()[0][1].asInt(), -1);
}

TEST_F(ProceduresTest, AlliesAndEnemies) {
  auto r = q(
      "CALL alliance.enemies('Turkey') YIELD enemy, stance RETURN enemy.name ORDER BY enemy.name");
  ASSERT_EQ(r.rows().size(), 2u);
  EXPECT_EQ(r.rows()[0][0].asString(), "People's Protection Units");
  auto a = q("CALL alliance.allies('Iran') YIELD ally RETURN ally.name ORDER BY ally.name");
  std::vector<std::string> names;
  for (const auto& row : a.rows()) names.push_back(row[0].asString());
  EXPECT_NE(std::find(names.begin(), names.end(), "Syrian government"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Bashar al-Assad"), names.end());
}

TEST_F(ProceduresTest, AsOfHidesLaterRelations) {
  auto now =
      q("CALL alliance.stance('MOC', 'Syrian government') YIELD paths RETURN paths[0].length");
  EXPECT_EQ(now.rows()[0][0].asInt(), 1);
  auto before =
      q("AS OF '2024-11-01' CALL alliance.stance('MOC', 'Syrian government') YIELD stance, paths "
        "RETURN stance, paths");
  ASSERT_EQ(before.rows().size(), 1u);
  for (const auto& p : before.rows()[0][1].asList()) EXPECT_GT(p.asMap().at("length").asInt(), 1);
}

TEST_F(ProceduresTest, Algorithms) {
  auto sp =
      q("CALL algo.shortestPath('Turkey', 'HTS', ['BACKS', 'PART_OF', 'LEADS']) YIELD path, cost "
        "RETURN length(path), cost");
  ASSERT_EQ(sp.rows().size(), 1u);
  EXPECT_EQ(sp.rows()[0][0].asInt(), 3);
  EXPECT_DOUBLE_EQ(sp.rows()[0][1].asFloat(), 3.0);
  auto cc =
      q("CALL algo.components('BACKS|PART_OF|LEADS') YIELD component, size RETURN component, size "
        "ORDER BY component");
  ASSERT_FALSE(cc.rows().empty());
  EXPECT_EQ(cc.rows()[0][0].asInt(), 1);
  auto bc =
      q("CALL algo.betweenness('BACKS|PART_OF|LEADS') YIELD node, score RETURN node.name, score "
        "LIMIT 1");
  EXPECT_EQ(bc.rows()[0][0].asString(), "Military Operations Command");
  auto pr = q("CALL algo.pageRank() YIELD node, score RETURN sum(score)");
  EXPECT_NEAR(pr.rows()[0][0].asFloat(), 1.0, 1e-9);
}

TEST_F(ProceduresTest, ArgumentErrors) {
  auto r = db_->query(
      "CALL alliance.stance('Syrian National Army', 'Turkey') YIELD stance RETURN stance");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kEntityNotFound);
  EXPECT_NE(r.error().message().find("Syrian National Army"), std::string::npos);
  auto bad = db_->query("CALL alliance.stance('Turkey', 'SDF', 3) YIELD stance RETURN stance");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kArgumentError);
  auto pr = db_->query("CALL algo.pageRank(null, 2.0) YIELD node RETURN node");
  ASSERT_FALSE(pr.ok());
  EXPECT_EQ(pr.error().code(), ErrorCode::kArgumentError);
}

}  // namespace
}  // namespace entente
