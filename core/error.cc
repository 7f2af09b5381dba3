// core/error.cc — names of error codes and details (entente/error.h).
#include "entente/error.h"

#include <array>
#include <utility>

namespace entente {

namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 22> kCodeNames{{
    {ErrorCode::kSyntaxError, "SyntaxError"},
    {ErrorCode::kSemanticError, "SemanticError"},
    {ErrorCode::kTypeError, "TypeError"},
    {ErrorCode::kArgumentError, "ArgumentError"},
    {ErrorCode::kEntityNotFound, "EntityNotFound"},
    {ErrorCode::kParameterMissing, "ParameterMissing"},
    {ErrorCode::kConstraintVerificationFailed, "ConstraintVerificationFailed"},
    {ErrorCode::kProcedureError, "ProcedureError"},
    {ErrorCode::kConstraintValidationFailed, "ConstraintValidationFailed"},
    {ErrorCode::kSchemaError, "SchemaError"},
    {ErrorCode::kTransactionConflict, "TransactionConflict"},
    {ErrorCode::kTransactionError, "TransactionError"},
    {ErrorCode::kTimeout, "Timeout"},
    {ErrorCode::kCancelled, "Cancelled"},
    {ErrorCode::kLimitExceeded, "LimitExceeded"},
    {ErrorCode::kServerBusy, "ServerBusy"},
    {ErrorCode::kInvalidInput, "InvalidInput"},
    {ErrorCode::kReadOnly, "ReadOnly"},
    {ErrorCode::kUnauthorized, "Unauthorized"},
    {ErrorCode::kVersionMismatch, "VersionMismatch"},
    {ErrorCode::kIOError, "IOError"},
    {ErrorCode::kInternalError, "InternalError"},
}};

constexpr std::array<std::pair<ErrorDetail, std::string_view>, 40> kDetailNames{{
    {ErrorDetail::kNone, ""},
    {ErrorDetail::kAmbiguousAggregationExpression, "AmbiguousAggregationExpression"},
    {ErrorDetail::kColumnNameConflict, "ColumnNameConflict"},
    {ErrorDetail::kCreatingVarLength, "CreatingVarLength"},
    {ErrorDetail::kDeleteConnectedNode, "DeleteConnectedNode"},
    {ErrorDetail::kDeletedEntityAccess, "DeletedEntityAccess"},
    {ErrorDetail::kDifferentColumnsInUnion, "DifferentColumnsInUnion"},
    {ErrorDetail::kFloatingPointOverflow, "FloatingPointOverflow"},
    {ErrorDetail::kIntegerOverflow, "IntegerOverflow"},
    {ErrorDetail::kInvalidAggregation, "InvalidAggregation"},
    {ErrorDetail::kInvalidArgumentPassingMode, "InvalidArgumentPassingMode"},
    {ErrorDetail::kInvalidArgumentType, "InvalidArgumentType"},
    {ErrorDetail::kInvalidArgumentValue, "InvalidArgumentValue"},
    {ErrorDetail::kInvalidClauseComposition, "InvalidClauseComposition"},
    {ErrorDetail::kInvalidDelete, "InvalidDelete"},
    {ErrorDetail::kInvalidNumberLiteral, "InvalidNumberLiteral"},
    {ErrorDetail::kInvalidNumberOfArguments, "InvalidNumberOfArguments"},
    {ErrorDetail::kInvalidParameterUse, "InvalidParameterUse"},
    {ErrorDetail::kInvalidPropertyType, "InvalidPropertyType"},
    {ErrorDetail::kInvalidRelationshipPattern, "InvalidRelationshipPattern"},
    {ErrorDetail::kInvalidUnicodeCharacter, "InvalidUnicodeCharacter"},
    {ErrorDetail::kInvalidUnicodeLiteral, "InvalidUnicodeLiteral"},
    {ErrorDetail::kMapElementAccessByNonString, "MapElementAccessByNonString"},
    {ErrorDetail::kMergeReadOwnWrites, "MergeReadOwnWrites"},
    {ErrorDetail::kMissingParameter, "MissingParameter"},
    {ErrorDetail::kNegativeIntegerArgument, "NegativeIntegerArgument"},
    {ErrorDetail::kNestedAggregation, "NestedAggregation"},
    {ErrorDetail::kNoExpressionAlias, "NoExpressionAlias"},
    {ErrorDetail::kNoSingleRelationshipType, "NoSingleRelationshipType"},
    {ErrorDetail::kNoVariablesInScope, "NoVariablesInScope"},
    {ErrorDetail::kNonConstantExpression, "NonConstantExpression"},
    {ErrorDetail::kNumberOutOfRange, "NumberOutOfRange"},
    {ErrorDetail::kProcedureNotFound, "ProcedureNotFound"},
    {ErrorDetail::kRelationshipUniquenessViolation, "RelationshipUniquenessViolation"},
    {ErrorDetail::kRequiresDirectedRelationship, "RequiresDirectedRelationship"},
    {ErrorDetail::kUndefinedVariable, "UndefinedVariable"},
    {ErrorDetail::kUnexpectedSyntax, "UnexpectedSyntax"},
    {ErrorDetail::kUnknownFunction, "UnknownFunction"},
    {ErrorDetail::kVariableAlreadyBound, "VariableAlreadyBound"},
    {ErrorDetail::kVariableTypeConflict, "VariableTypeConflict"},
}};

template <typename Table, typename Key>
std::string_view lookupName(const Table& table, Key key) {
  for (const auto& [k, n] : table)
    if (k == key) return n;
  return "";
}

template <typename Key, typename Table>
std::optional<Key> lookupKey(const Table& table, std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (const auto& [k, n] : table)
    if (n == name) return k;
  return std::nullopt;
}

}  // namespace

std::string_view name(ErrorCode code) { return lookupName(kCodeNames, code); }
std::string_view name(ErrorDetail detail) { return lookupName(kDetailNames, detail); }
std::optional<ErrorCode> parseErrorCode(std::string_view n) {
  return lookupKey<ErrorCode>(kCodeNames, n);
}
std::optional<ErrorDetail> parseErrorDetail(std::string_view n) {
  if (n.empty()) return ErrorDetail::kNone;
  return lookupKey<ErrorDetail>(kDetailNames, n);
}

const Error& successHasNoError() {
  static const Error kError(ErrorCode::kInternalError,
                            "error() called on a successful result (REQUIRES: !ok())");
  return kError;
}

ErrorSeverity severityOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kTransactionConflict:
    case ErrorCode::kTimeout:
    case ErrorCode::kServerBusy: return ErrorSeverity::kTransientError;
    case ErrorCode::kIOError:
    case ErrorCode::kVersionMismatch:
    case ErrorCode::kInternalError: return ErrorSeverity::kDatabaseError;
    default: return ErrorSeverity::kClientError;
  }
}

}  // namespace entente
