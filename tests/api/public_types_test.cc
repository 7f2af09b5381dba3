// tests/api/public_types_test.cc — Expected<T>, Expected<void>, QueryResult and the error
// codes and details as the public API hands them out.
#include <gtest/gtest.h>

#include <memory>

#include "api_test_util.h"
#include "entente/entente.h"

namespace entente {
namespace {

struct NoDefault {
  explicit NoDefault(int v) : value(v) {}
  int value;
};

TEST(Expected, HoldsAValueOrAnError) {
  Expected<NoDefault> v(NoDefault(3));  // T need not be default-constructible
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->value, 3);
  EXPECT_EQ(v.error().code(), ErrorCode::kInternalError);  // REQUIRES !ok(), but never UB
  Expected<NoDefault> e(Error(ErrorCode::kArgumentError, "no"));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), ErrorCode::kArgumentError);
  Expected<std::unique_ptr<int>> moved(std::make_unique<int>(4));
  std::unique_ptr<int> p = std::move(moved).value();
  EXPECT_EQ(*p, 4);
}

TEST(Expected, VoidIsOkOrAnError) {
  Expected<void> ok;
  EXPECT_TRUE(ok.ok());
  EXPECT_TRUE(static_cast<bool>(ok));
  EXPECT_EQ(ok.error().code(), ErrorCode::kInternalError);  // REQUIRES !ok(), but never UB
  Expected<void> failed = Error(ErrorCode::kIOError, "disk full");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code(), ErrorCode::kIOError);
  EXPECT_EQ(failed.error().message(), "disk full");
}

TEST(QueryResultFactories, SuccessAndFailure) {
  Stats stats;
  stats.nodes_created = 2;
  QueryResult r = QueryResult::success({"n"}, {{Value(int64_t{1})}}, stats, {"a notice"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.columns(), std::vector<std::string>{"n"});
  EXPECT_EQ(r.rows().size(), 1u);
  EXPECT_EQ(r.stats().nodes_created, 2);
  EXPECT_EQ(r.notices().size(), 1u);
  // error() on a success is documented REQUIRES !ok(); it still returns a readable error.
  EXPECT_EQ(r.error().code(), ErrorCode::kInternalError);
  EXPECT_NE(r.error().message().find("successful"), std::string::npos) << r.error().message();

  QueryResult f = QueryResult::failure(Error(ErrorCode::kSyntaxError, "Variable `x` not defined",
                                             ErrorDetail::kUndefinedVariable, 1, 8));
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code(), ErrorCode::kSyntaxError);
  EXPECT_EQ(f.error().detail(), ErrorDetail::kUndefinedVariable);
  EXPECT_EQ(f.error().column(), 8);
  EXPECT_TRUE(f.rows().empty());
  EXPECT_TRUE(f.columns().empty());
}

TEST(ErrorDetails, StatementsReachTheApiWithCodeAndDetail) {
  auto db = testing::tempDb();
  ASSERT_TRUE(db);
  struct Case {
    const char* text;
    ErrorCode code;
    ErrorDetail detail;
  };
  const Case cases[] = {
      {"MATCH (a RETURN a", ErrorCode::kSyntaxError, ErrorDetail::kUnexpectedSyntax},
      {"MATCH (n) RETURN m", ErrorCode::kSyntaxError, ErrorDetail::kUndefinedVariable},
      {"MATCH (n) RETURN noSuchFunction(n)", ErrorCode::kSyntaxError,
       ErrorDetail::kUnknownFunction},
      {"MATCH (a), (a)-[a]->() RETURN a", ErrorCode::kSyntaxError,
       ErrorDetail::kVariableTypeConflict},
      {"RETURN count(count(1))", ErrorCode::kSyntaxError, ErrorDetail::kNestedAggregation},
      {"RETURN 9223372036854775808", ErrorCode::kSyntaxError, ErrorDetail::kIntegerOverflow},
      {"CALL no.such.proc()", ErrorCode::kProcedureError, ErrorDetail::kProcedureNotFound},
      {"RETURN $missing", ErrorCode::kParameterMissing, ErrorDetail::kMissingParameter},
      {"RETURN range(1, 2, 0)", ErrorCode::kArgumentError, ErrorDetail::kNumberOutOfRange},
      {"WITH {a: 1} AS m, 1 AS k RETURN m[k]", ErrorCode::kTypeError,
       ErrorDetail::kMapElementAccessByNonString},
      {"CREATE (a)-[:T]->(b) WITH a DELETE a", ErrorCode::kConstraintVerificationFailed,
       ErrorDetail::kDeleteConnectedNode},
  };
  for (const auto& c : cases) {
    QueryResult r = db->query(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code(), c.code) << c.text << ": " << r.error().message();
    EXPECT_EQ(r.error().detail(), c.detail) << c.text << ": " << r.error().detailName();
  }
}

TEST(ErrorDetails, DeleteAndExportReturnExpectedVoid) {
  auto db = testing::tempDb();
  ASSERT_TRUE(db);
  auto a = db->addEntity({"Actor"}, {{"name", Value("Turkey")}});
  ASSERT_TRUE(a.ok());
  Expected<void> gone = db->deleteEntity(a->id);
  EXPECT_TRUE(gone.ok());
  Expected<void> again = db->deleteEntity(a->id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kEntityNotFound);
  Expected<void> no_rel = db->deleteRelation(12345);
  ASSERT_FALSE(no_rel.ok());
  EXPECT_EQ(no_rel.error().code(), ErrorCode::kEntityNotFound);
  Expected<void> bad_path = db->exportJson("/nonexistent-dir/x.json");
  ASSERT_FALSE(bad_path.ok());
  EXPECT_EQ(bad_path.error().code(), ErrorCode::kIOError);
}

}  // namespace
}  // namespace entente
