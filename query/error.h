// query/error.h — the one exception type of the query stages (parse, bind, plan, execute) and
// of the importers.
//
// Query code throws QueryError; the API boundary (api/) catches it once and turns it into an
// entente::Error value (toError()). It carries the same ErrorCode and openCypher ErrorDetail
// as entente::Error (entente/error.h lists them), a message and a position in the statement.
// Storage statuses become QueryErrors through query/status_error.h, nowhere else.
#pragma once

#include <stdexcept>
#include <string>

#include "entente/error.h"
#include "query/ast/ast.h"

namespace entente::query {

class QueryError : public std::runtime_error {
 public:
  QueryError(ErrorCode code, std::string message, ast::SourcePos pos = {},
             ErrorDetail detail = ErrorDetail::kNone)
      : std::runtime_error(std::move(message)), pos_(pos), code_(code), detail_(detail) {}
  explicit QueryError(const Error& e)
      : QueryError(e.code(), e.message(), ast::SourcePos{e.line(), e.column()}, e.detail()) {}

  ErrorCode code() const { return code_; }
  ErrorDetail detail() const { return detail_; }
  int line() const { return pos_.line; }
  int column() const { return pos_.column; }
  ast::SourcePos pos() const { return pos_; }
  //! The value the API returns for this error.
  Error toError() const { return Error(code_, what(), detail_, pos_.line, pos_.column); }

 private:
  ast::SourcePos pos_;
  ErrorCode code_;
  ErrorDetail detail_;
};

//! Renders `message` followed by the offending source line and a caret under `pos`, e.g.
//!   Syntax error: expected ')' (line 1, column 9)
//!   MATCH (a RETURN a
//!           ^
std::string withCaret(std::string_view source, const std::string& message, ast::SourcePos pos);

}  // namespace entente::query
