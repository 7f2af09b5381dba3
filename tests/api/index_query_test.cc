// tests/api/index_query_test.cc — property indexes and constraints through the embedded API:
// concurrent MERGE on a key, error codes, prepared statements outliving their index.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::tempDb;

int64_t count(Database& db, const std::string& q, const Map& params = {}) {
  auto r = db.query(q, params);
  EXPECT_TRUE(r.ok()) << r.error().message();
  return r.ok() ? r.rows()[0][0].asInt() : -1;
}

// Several threads MERGE the same keys through one Database at once: each key ends up as
// exactly one node, with the unique constraint and without it (writers are serialised).
void mergeConcurrently(bool constrained) {
  auto db = tempDb();
  if (constrained)
    ASSERT_TRUE(db->query("CREATE CONSTRAINT FOR (p:Person) REQUIRE p.id IS UNIQUE").ok());
  auto ps = db->prepare("MERGE (p:Person {id: $id}) ON CREATE SET p.created = true RETURN p.id");
  ASSERT_TRUE(ps.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto r = db->execute(**ps, {{"id", Value(static_cast<int64_t>((i + t) % 5))}});
        if (!r.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count(*db, "MATCH (p:Person) RETURN count(p)"), 5);
  for (int64_t k = 0; k < 5; ++k)
    EXPECT_EQ(count(*db, "MATCH (p:Person {id: $k}) RETURN count(p)", {{"k", Value(k)}}), 1);
}

TEST(IndexQuery, ConcurrentMergeOnAUniqueKeyCreatesOneNode) { mergeConcurrently(true); }
TEST(IndexQuery, ConcurrentMergeWithoutConstraintCreatesOneNode) { mergeConcurrently(false); }

TEST(IndexQuery, ViolationIsConstraintValidationFailedAndChangesNothing) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE").ok());
  ASSERT_TRUE(db->query("CREATE (:Person {id: 1, name: 'Ann'})").ok());
  auto r = db->query("CREATE (:Person {id: 2}) CREATE (:Person {id: 1, name: 'Other'})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kConstraintValidationFailed);
  EXPECT_NE(r.error().message().find("Person"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("id"), std::string::npos) << r.error().message();
  EXPECT_EQ(count(*db, "MATCH (n) RETURN count(n)"), 1);
  auto dup = db->query("CREATE INDEX person_id FOR (p:Person) ON (p.name)");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kSchemaError);
  EXPECT_NE(dup.error().message().find("person_id"), std::string::npos) << dup.error().message();
}

// A statement prepared while the index existed keeps answering after DROP INDEX.
TEST(IndexQuery, PreparedSeekSurvivesDropIndex) {
  auto db = tempDb();
  ASSERT_TRUE(
      db->query("UNWIND range(1, 100) AS i CREATE (:Person {id: i, name: 'p' + toString(i)})")
          .ok());
  ASSERT_TRUE(db->query("CREATE INDEX person_id FOR (p:Person) ON (p.id)").ok());
  auto ps = db->prepare("MATCH (p:Person {id: $id}) RETURN p.name");
  ASSERT_TRUE(ps.ok());
  auto explain = db->query("EXPLAIN MATCH (p:Person {id: $id}) RETURN p.name");
  ASSERT_TRUE(explain.ok());
  EXPECT_NE(explain.rows()[1][0].asString().find("NodeIndexSeek(person_id"), std::string::npos)
      << explain.rows()[1][0].asString();
  auto before = db->execute(**ps, {{"id", Value(int64_t{42})}});
  ASSERT_TRUE(before.ok()) << before.error().message();
  ASSERT_EQ(before.rows().size(), 1u);
  EXPECT_EQ(before.rows()[0][0].asString(), "p42");
  auto profile = db->query("PROFILE MATCH (p:Person) WHERE p.id IN [1, 2, 3, 1000] RETURN p.name");
  ASSERT_TRUE(profile.ok()) << profile.error().message();
  bool seen = false;
  for (const auto& row : profile.rows()) {
    if (row[0].asString().find("NodeIndexSeek(person_id, p.id IN [1, 2, 3, 1000])") ==
        std::string::npos)
      continue;
    seen = true;
    EXPECT_EQ(row[1].asInt(), 3);
  }
  EXPECT_TRUE(seen);
  ASSERT_TRUE(db->query("DROP INDEX person_id").ok());
  auto after = db->execute(**ps, {{"id", Value(int64_t{42})}});
  ASSERT_TRUE(after.ok()) << after.error().message();
  ASSERT_EQ(after.rows().size(), 1u);
  EXPECT_EQ(after.rows()[0][0].asString(), "p42");
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

// A read-only database lists its indexes and uses them, and refuses DDL with ReadOnly.
TEST(IndexQuery, ReadOnlyDatabaseShowsAndSeeksButRefusesDdl) {
  std::string path = (std::filesystem::temp_directory_path() / "entente-index-ro-test").string();
  std::filesystem::remove_all(path);
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->query("UNWIND range(1, 20) AS i CREATE (:Person {id: i})").ok());
    ASSERT_TRUE(
        (*db)->query("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE").ok());
  }
  {
    OpenOptions ro;
    ro.read_only = true;
    auto db = Database::open(path, ro);
    ASSERT_TRUE(db) << db.error().message();
    auto show = (*db)->query("SHOW CONSTRAINTS");
    ASSERT_TRUE(show.ok()) << show.error().message();
    EXPECT_EQ(show.rows().size(), 1u);
    auto r = (*db)->query("MATCH (p:Person {id: 7}) RETURN p.id");
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r.rows().size(), 1u);
    auto drop = (*db)->query("DROP CONSTRAINT person_id");
    ASSERT_FALSE(drop.ok());
    EXPECT_EQ(drop.error().code(), ErrorCode::kReadOnly);
  }
  std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

// A pattern comprehension's (and EXISTS / COUNT pattern's) WHERE is planned like a MATCH's:
// `(a.k = x AND …) OR (a.k = y AND …)` seeks a through the index on `k` (a.k IN [x, y]),
// and the OR itself still decides (LDBC SNB IC14 asks this per step of a path).
TEST(IndexQuery, OrOfKeyEqualitiesInAPatternWhereSeeksTheIndex) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("UNWIND range(1, 300) AS i CREATE (:P {id: i})").ok());
  ASSERT_TRUE(db->query("MATCH (a:P), (b:P) WHERE b.id = a.id + 1 OR b.id = a.id * 2 "
                        "CREATE (a)-[:R {w: a.id % 3}]->(b)")
                  .ok());
  ASSERT_TRUE(db->query("CREATE INDEX p_id FOR (p:P) ON (p.id)").ok());
  const std::string q =
      "UNWIND [[1, 2], [2, 4], [5, 6], [7, 9], [150, 300]] AS pair "
      "RETURN pair, size([(a:P)-[r:R]->(b:P) WHERE (a.id = pair[0] AND b.id = pair[1]) OR "
      "(a.id = pair[1] AND b.id = pair[0]) | r.w]) AS n, "
      "COUNT { MATCH (a:P)-[:R]->(b:P) WHERE (a.id = pair[0] AND b.id = pair[1]) OR "
      "(b.id = pair[0] AND a.id = pair[1] AND a.id > 0) } AS c";
  auto r = db->query(q);
  ASSERT_TRUE(r.ok()) << r.error().message();
  std::vector<int64_t> n, c;
  for (const auto& row : r.rows()) n.push_back(row[1].asInt()), c.push_back(row[2].asInt());
  // 1->2, 2->4 (*2), 5->6 (+1), none between 7 and 9, 150->300 (*2).
  EXPECT_EQ(n, (std::vector<int64_t>{1, 1, 1, 0, 1}));
  EXPECT_EQ(c, n);
  // EXPLAIN shows no sub-plans; the same WHERE in a MATCH shows the seek.
  auto plan = db->query(
      "EXPLAIN MATCH (a:P)-[:R]->(b:P) WHERE (a.id = $x AND b.id = $y) OR "
      "(a.id = $y AND b.id = $x) RETURN count(*)");
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  std::string text;
  for (const auto& row : plan.rows()) text += row[0].asString() + "\n";
  EXPECT_NE(text.find("NodeIndexSeek(p_id, a.id IN"), std::string::npos) << text;
  EXPECT_NE(text.find("Filter a.id = $x AND b.id = $y OR a.id = $y AND b.id = $x"),
            std::string::npos)
      << text;
  EXPECT_EQ(count(*db,
                  "MATCH (a:P)-[:R]->(b:P) WHERE (a.id = $x AND b.id = $y) OR "
                  "(a.id = $y AND b.id = $x) RETURN count(*)",
                  {{"x", Value(int64_t{300})}, {"y", Value(int64_t{150})}}),
            1);
  // Without the index the same answers come from a scan.
  ASSERT_TRUE(db->query("DROP INDEX p_id").ok());
  auto scan = db->query(q);
  ASSERT_TRUE(scan.ok()) << scan.error().message();
  for (size_t i = 0; i < scan.rows().size(); ++i) EXPECT_EQ(scan.rows()[i][1].asInt(), n[i]);
}

}  // namespace
}  // namespace entente
