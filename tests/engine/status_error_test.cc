// tests/engine/status_error_test.cc — the one mapping of storage statuses to error codes.
#include "query/status_error.h"

#include <gtest/gtest.h>

#include "query/error.h"

namespace entente::query {
namespace {

using storage::Status;

TEST(StatusError, EachStorageCodeHasOneErrorCode) {
  struct Case {
    Status status;
    ErrorCode code;
  };
  const Case cases[] = {
      {Status::NotFound("node 7"), ErrorCode::kEntityNotFound},
      {Status::InvalidArgument("bad date"), ErrorCode::kArgumentError},
      {Status::Constraint("has relations"), ErrorCode::kConstraintVerificationFailed},
      {Status::Corruption("bad bytes"), ErrorCode::kIOError},
      {Status::VersionMismatch("format 3"), ErrorCode::kVersionMismatch},
      {Status::IOError("disk full"), ErrorCode::kIOError},
      {Status::ReadOnly("read-only"), ErrorCode::kReadOnly},
      {Status::Conflict("wrote first"), ErrorCode::kTransactionConflict},
  };
  for (const auto& c : cases) {
    Error e = fromStatus(c.status);
    EXPECT_EQ(e.code(), c.code) << c.status.message();
    EXPECT_EQ(errorCodeOf(c.status.code()), c.code) << c.status.message();
    EXPECT_EQ(e.detail(), ErrorDetail::kNone);
    EXPECT_NE(e.message().find(c.status.message()), std::string::npos) << e.message();
  }
  EXPECT_EQ(fromStatus(Status::Corruption("x")).message(), "corruption: x");
  EXPECT_EQ(fromStatus(Status::OK()).code(), ErrorCode::kInternalError);  // a caller bug, not UB
}

TEST(StatusError, ThrowIfFailedThrowsTheSameCodeAndPassesOk) {
  EXPECT_NO_THROW(throwIfFailed(Status::OK()));
  try {
    throwIfFailed(Status::NotFound("relationship 3"));
    FAIL() << "expected a QueryError";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kEntityNotFound);
    EXPECT_STREQ(e.what(), "relationship 3");
  }
}

}  // namespace
}  // namespace entente::query
