// tests/api/query_test.cc — the query language through the embedded API: results, params,
// prepared statements, and errors as values.
#include <gtest/gtest.h>

#include "api_test_util.h"
#include "entente/json.h"

namespace entente {
namespace {

using testing::tempDb;

TEST(Query, CreateThenMatchWithParameters) {
  auto db = tempDb();
  auto w = db->query(
      "CREATE (:State {name: 'Turkey'})-[:BACKS]->(:ArmedGroup {name: 'Free Syrian Army'})");
  ASSERT_TRUE(w.ok()) << w.error().message();
  EXPECT_EQ(w.stats().nodes_created, 2);
  EXPECT_EQ(w.stats().relationships_created, 1);
  auto r = db->query("MATCH (s)-[:BACKS]->(g) WHERE g.name = $g RETURN s.name AS backer",
                     {{"g", "Free Syrian Army"}});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r.columns(), std::vector<std::string>{"backer"});
  ASSERT_EQ(r.rows().size(), 1u);
  EXPECT_EQ(r.rows()[0][0], Value("Turkey"));
}

TEST(Query, PreparedStatementRunsManyTimes) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("UNWIND range(1, 5) AS i CREATE (:N {i: i})").ok());
  auto p = db->prepare("MATCH (n:N) WHERE n.i <= $max RETURN count(n) AS c");
  ASSERT_TRUE(p.ok()) << p.error().message();
  for (int64_t max : {0, 2, 5}) {
    auto r = db->execute(**p, {{"max", max}});
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.rows()[0][0], Value(max));
  }
}

TEST(Query, SyntaxErrorIsAValueWithPosition) {
  auto db = tempDb();
  auto r = db->query("MATCH (a RETURN a");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kSyntaxError);
  EXPECT_EQ(r.error().line(), 1);
  EXPECT_GT(r.error().column(), 1);
  auto p = db->prepare("MATCH (a RETURN a");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code(), ErrorCode::kSyntaxError);
}

TEST(Query, UnknownFunctionIsNamed) {
  auto db = tempDb();
  auto r = db->query("RETURN noSuchFunction(1)");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("noSuchFunction"), std::string::npos) << r.error().message();
}

TEST(Query, MissingParameterAndJsonEncoding) {
  auto db = tempDb();
  auto r = db->query("RETURN $nope");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kParameterMissing) << r.error().message();
  auto ok = db->query("RETURN 1 AS i, 1.0 AS f, date('2024-12-02') AS d");
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  std::string json = resultToJson(ok, "1");
  EXPECT_NE(json.find("\"rows\":[[1,1.0,\"2024-12-02\"]]"), std::string::npos) << json;
}

}  // namespace
}  // namespace entente
