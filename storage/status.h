// storage/status.h — error values of the storage layer (nothing in storage/ throws).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace entente::storage {

class Status {
 public:
  enum class Code : uint8_t {
    kOk,
    kNotFound,         // an entity, relation or key that does not exist
    kInvalidArgument,  // bad input from the caller (bad date, wrong type, unknown name, ...)
    kConstraint,       // a rule of the data model would be broken (delete a node with edges, ...)
    kConstraintViolation,  // a schema constraint (UNIQUE, NOT NULL) would be broken by a write,
                           // or existing data breaks a constraint being created
    kAlreadyExists,    // an index or constraint with that name or the same schema already exists
    kCorruption,       // bytes on disk that do not decode
    kVersionMismatch,  // the database was written by another format version
    kIOError,          // the file system or RocksDB failed
    kReadOnly,         // a write on a read transaction or a read-only store
    kConflict,         // an optimistic transaction lost a write-write conflict (retry it)
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status InvalidArgument(std::string m) {
    return Status(Code::kInvalidArgument, std::move(m));
  }
  static Status Constraint(std::string m) { return Status(Code::kConstraint, std::move(m)); }
  static Status ConstraintViolation(std::string m) {
    return Status(Code::kConstraintViolation, std::move(m));
  }
  static Status AlreadyExists(std::string m) { return Status(Code::kAlreadyExists, std::move(m)); }
  static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
  static Status VersionMismatch(std::string m) {
    return Status(Code::kVersionMismatch, std::move(m));
  }
  static Status IOError(std::string m) { return Status(Code::kIOError, std::move(m)); }
  static Status ReadOnly(std::string m) { return Status(Code::kReadOnly, std::move(m)); }
  static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string toString() const { return ok() ? "OK" : message_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

//! A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) {}  // REQUIRES !status.ok()

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace entente::storage
