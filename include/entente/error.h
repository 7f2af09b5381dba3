// entente/error.h — Entente's one error type: a class of error, openCypher's detail, a
// message and a position.
//
// Modelled on LevelDB's and RocksDB's Status: a machine-readable code (what kind of
// failure), a subcode (`ErrorDetail`, openCypher's classification within the kind, e.g.
// SyntaxError + UndefinedVariable), a severity (whether retrying can help), and a message
// for people that says what, where and why. Codes are enums everywhere inside Entente;
// their names ("SyntaxError", "UndefinedVariable") appear only at the edges (JSON, the
// shell, the server protocols), through `name()` / `parseErrorCode()`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace entente {

//! The class of an error. The first group are openCypher's error types; the rest are
//! Entente's own for what openCypher does not name.
enum class ErrorCode : uint8_t {
  // openCypher
  kSyntaxError,                   //!< anything found before the statement runs
  kSemanticError,                 //!< a semantic rule broken at run time (MERGE on null)
  kTypeError,                     //!< an operand or argument of the wrong type
  kArgumentError,                 //!< an argument of the right type but a bad value
  kEntityNotFound,                //!< a node or relation that does not exist (or was deleted)
  kParameterMissing,              //!< `$name` used but not given
  kConstraintVerificationFailed,  //!< deleting a node that still has relations
  kProcedureError,                //!< unknown procedure, bad procedure call
  // Entente
  kConstraintValidationFailed,  //!< a schema constraint (unique, not null) would be broken
  kSchemaError,          //!< an index or constraint clashes with one that exists (or is missing)
  kTransactionConflict,  //!< a concurrent transaction wrote the same data first
  kTransactionError,     //!< not allowed in the transaction's state (none open, failed, nested)
  kTimeout,              //!< the statement's time budget ran out
  kCancelled,            //!< cancelled by the caller
  kLimitExceeded,        //!< a result, memory or size limit was passed
  kServerBusy,           //!< the server refuses more work for now
  kInvalidInput,         //!< a malformed import file, request or dataset record
  kReadOnly,             //!< a write on a read-only database
  kUnauthorized,         //!< missing or wrong credentials
  kVersionMismatch,      //!< a database of another storage format version
  kIOError,              //!< the file system or RocksDB failed
  kInternalError,        //!< a bug: an unexpected exception caught at the boundary
};

//! openCypher's detail within an error class (the TCK's "SyntaxError ... : UndefinedVariable").
enum class ErrorDetail : uint8_t {
  kNone,
  kAmbiguousAggregationExpression,
  kColumnNameConflict,
  kCreatingVarLength,
  kDeleteConnectedNode,
  kDeletedEntityAccess,
  kDifferentColumnsInUnion,
  kFloatingPointOverflow,
  kIntegerOverflow,
  kInvalidAggregation,
  kInvalidArgumentPassingMode,
  kInvalidArgumentType,
  kInvalidArgumentValue,
  kInvalidClauseComposition,
  kInvalidDelete,
  kInvalidNumberLiteral,
  kInvalidNumberOfArguments,
  kInvalidParameterUse,
  kInvalidPropertyType,
  kInvalidRelationshipPattern,
  kInvalidUnicodeCharacter,
  kInvalidUnicodeLiteral,
  kMapElementAccessByNonString,
  kMergeReadOwnWrites,
  kMissingParameter,
  kNegativeIntegerArgument,
  kNestedAggregation,
  kNoExpressionAlias,
  kNoSingleRelationshipType,
  kNoVariablesInScope,
  kNonConstantExpression,
  kNumberOutOfRange,
  kProcedureNotFound,
  kRelationshipUniquenessViolation,
  kRequiresDirectedRelationship,
  kUndefinedVariable,
  kUnexpectedSyntax,
  kUnknownFunction,
  kVariableAlreadyBound,
  kVariableTypeConflict,
};

//! Who can fix it: the client (change the statement or input), nobody yet (retry later:
//! conflicts, timeouts, overload), or the database (I/O, corruption, bugs). Neo4j's
//! ClientError / TransientError / DatabaseError classification, used by the protocols.
enum class ErrorSeverity : uint8_t { kClientError, kTransientError, kDatabaseError };

//! "SyntaxError", "UndefinedVariable", ... ("" for ErrorDetail::kNone).
std::string_view name(ErrorCode code);
std::string_view name(ErrorDetail detail);
//! The inverse of name(); nullopt for an unknown name.
std::optional<ErrorCode> parseErrorCode(std::string_view name);
std::optional<ErrorDetail> parseErrorDetail(std::string_view name);
ErrorSeverity severityOf(ErrorCode code);

//! An error value. No exception crosses the public API: fallible calls return an Error
//! (in Expected<T> or a result object).
class Error {
 public:
  Error(ErrorCode code, std::string message, ErrorDetail detail = ErrorDetail::kNone, int line = 0,
        int column = 0)
      : message_(std::move(message)), line_(line), column_(column), code_(code), detail_(detail) {}

  ErrorCode code() const { return code_; }
  ErrorDetail detail() const { return detail_; }
  ErrorSeverity severity() const { return severityOf(code_); }
  //! What, where and why, for people (may span lines: a caret line under the position).
  const std::string& message() const { return message_; }
  //! 1-based position in the statement text; 0 when not applicable.
  int line() const { return line_; }
  int column() const { return column_; }
  std::string_view codeName() const { return name(code_); }
  std::string_view detailName() const { return name(detail_); }

 private:
  std::string message_;
  int line_;
  int column_;
  ErrorCode code_;
  ErrorDetail detail_;
};

//! What error() returns on a success, where it REQUIRES a failure: an InternalError saying
//! that the call succeeded (so a caller that forgot to check reads a message, not garbage).
const Error& successHasNoError();

}  // namespace entente
