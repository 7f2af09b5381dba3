// query/error.h — the one error type of the query stages (parse, bind, plan, execute).
//
// Query code throws QueryError; the API boundary (api/) catches it once and turns it into an
// entente::Error value. `code` is an openCypher error type (SyntaxError, SemanticError,
// TypeError, ArgumentError, EntityNotFound, ParameterMissing, ConstraintVerificationFailed)
// or an engine code (Timeout, Cancelled, LimitExceeded, IOError).
#pragma once

#include <stdexcept>
#include <string>

#include "query/ast/ast.h"

namespace entente::query {

class QueryError : public std::runtime_error {
 public:
  QueryError(std::string code, std::string message, ast::SourcePos pos = {})
      : std::runtime_error(message), code_(std::move(code)), pos_(pos) {}
  const std::string& code() const { return code_; }
  int line() const { return pos_.line; }
  int column() const { return pos_.column; }
  ast::SourcePos pos() const { return pos_; }

 private:
  std::string code_;
  ast::SourcePos pos_;
};

//! Renders `message` followed by the offending source line and a caret under `pos`, e.g.
//!   Syntax error: expected ')' (line 1, column 9)
//!   MATCH (a RETURN a
//!           ^
std::string withCaret(std::string_view source, const std::string& message, ast::SourcePos pos);

}  // namespace entente::query
