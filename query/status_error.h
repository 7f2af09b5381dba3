// query/status_error.h — the one mapping of a storage::Status to an Entente error.
//
// Storage returns Status values and never throws; every caller above it (the query
// executor, the engine's commit, the CRUD calls and importers of api/) converts a failed
// status here, so a storage code means the same thing wherever it surfaces:
//
//   storage code       ErrorCode                      why
//   kNotFound          EntityNotFound                 the node, relation or key is gone
//   kInvalidArgument   ArgumentError                  a value of the right shape the store refuses
//   kConstraint        ConstraintVerificationFailed   a rule of the data model would break
//   kCorruption        IOError ("corruption: ...")    bytes on disk that do not decode
//   kVersionMismatch   VersionMismatch                another storage format version
//   kIOError           IOError                        the file system or RocksDB failed
//   kReadOnly          ReadOnly                       a write on a read-only database
//   kConstraintViolation ConstraintValidationFailed   a UNIQUE / NOT NULL constraint would break
//   kAlreadyExists     SchemaError                    an index or constraint already exists
//   kConflict          TransactionConflict            a concurrent commit wrote the same data
//
// One rule for kInvalidArgument: it is always ArgumentError, inside a statement and in an
// import alike. InvalidInput is reserved for input the importers and protocols parse
// themselves (malformed JSON, CSV, request lines), which they report before storage sees it.
#pragma once

#include "entente/error.h"
#include "storage/status.h"

namespace entente::query {

//! The ErrorCode of a failed storage code (InternalError for kOk: a caller bug).
ErrorCode errorCodeOf(storage::Status::Code code);
//! The Error for a failed status. REQUIRES: !status.ok() (else an InternalError).
Error fromStatus(const storage::Status& status);
//! Throws QueryError(fromStatus(status)) unless status is OK.
void throwIfFailed(const storage::Status& status);

}  // namespace entente::query
