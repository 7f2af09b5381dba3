// query/status_error.cc — storage::Status to ErrorCode (see status_error.h for the table).
#include "query/status_error.h"

#include "query/error.h"

namespace entente::query {

using storage::Status;

ErrorCode errorCodeOf(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return ErrorCode::kInternalError;
    case Status::Code::kNotFound: return ErrorCode::kEntityNotFound;
    case Status::Code::kInvalidArgument: return ErrorCode::kArgumentError;
    case Status::Code::kConstraint: return ErrorCode::kConstraintVerificationFailed;
    case Status::Code::kCorruption: return ErrorCode::kIOError;
    case Status::Code::kVersionMismatch: return ErrorCode::kVersionMismatch;
    case Status::Code::kIOError: return ErrorCode::kIOError;
    case Status::Code::kReadOnly: return ErrorCode::kReadOnly;
    case Status::Code::kConstraintViolation: return ErrorCode::kConstraintValidationFailed;
    case Status::Code::kAlreadyExists: return ErrorCode::kSchemaError;
    case Status::Code::kConflict: return ErrorCode::kTransactionConflict;
  }
  return ErrorCode::kInternalError;
}

Error fromStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk: return Error(ErrorCode::kInternalError, "fromStatus called with OK");
    case Status::Code::kCorruption:
      return Error(ErrorCode::kIOError, "corruption: " + status.message());
    default: return Error(errorCodeOf(status.code()), status.message());
  }
}

void throwIfFailed(const Status& status) {
  if (!status.ok()) throw QueryError(fromStatus(status));
}

}  // namespace entente::query
