// query/expr/expr_internal.h — pieces shared by the files of query/expr (not a public API).
//
// Operators and functions are plain functions over RValues so that the compiled node
// classes (compile.cc, nodes.cc) only evaluate children and dispatch. Scalar functions are
// looked up by name once at compile time (function_registry.cc) and called through a
// function pointer with their arguments in a caller-owned array: no allocation per call.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "query/error.h"
#include "query/expr/expression.h"

namespace entente::query::expr {

//! Run-time errors of operators and functions: a TypeError (a value of the wrong type,
//! InvalidArgumentType unless told otherwise) or an ArgumentError (a value of the right
//! type out of its domain, InvalidArgumentValue unless told otherwise).
[[noreturn]] void throwTypeError(std::string message, ast::SourcePos pos,
                                 ErrorDetail detail = ErrorDetail::kInvalidArgumentType);
[[noreturn]] void throwArgumentError(std::string message, ast::SourcePos pos,
                                     ErrorDetail detail = ErrorDetail::kInvalidArgumentValue);

// ---- operators (operators.cc) ----------------------------------------------------------

//! "+" for kAdd, ... "^" for kPow.
const char* opSymbol(ast::Op op);
//! + - * / % ^ with openCypher typing; null if either side is null.
RValue arithmetic(ast::Op op, const RValue& a, const RValue& b, ast::SourcePos pos);
RValue negate(const RValue& a, ast::SourcePos pos);
RValue unaryPlus(const RValue& a, ast::SourcePos pos);
//! = <> < <= > >= (result bool or null).
RValue comparison(ast::Op op, const RValue& a, const RValue& b);
//! STARTS WITH / ENDS WITH / CONTAINS: null unless both sides are strings.
RValue stringPredicate(ast::Op op, const RValue& a, const RValue& b);
//! x IN list with null semantics; a non-list right side is a TypeError.
RValue inList(const RValue& x, const RValue& list, ast::SourcePos pos);
//! Boolean operand check: nullopt for null, the bool, else TypeError naming `op`.
std::optional<bool> boolOperand(const RValue& v, const char* op, ast::SourcePos pos);

// ---- access (access.cc) ----------------------------------------------------------------

//! base.key for nodes, relationships, maps, dates; null on null; else TypeError.
RValue property(const RValue& base, std::string_view key, EvalContext& ctx, ast::SourcePos pos);
RValue index(const RValue& base, const RValue& idx, EvalContext& ctx, ast::SourcePos pos);
//! `has_from`/`has_to` are false when the bound was omitted (list[..2]).
RValue slice(const RValue& base, const RValue* from, const RValue* to, ast::SourcePos pos);
//! n:A:B (all labels); for a relationship, its type must be one of them.
RValue hasLabels(const RValue& v, const std::vector<std::string>& labels, EvalContext& ctx,
                 ast::SourcePos pos);
//! EntityNotFound if `entity` is a node or relationship the statement deleted.
void checkNotDeleted(const RValue& entity, const EvalContext& ctx, ast::SourcePos pos);
//! The transaction, or an error if the expression needs one and none was given.
const storage::Transaction& needTxn(const EvalContext& ctx, ast::SourcePos pos);

// ---- functions (function_registry.cc, functions_*.cc) ------------------------------------

struct FnArgs {
  const RValue* args;
  size_t n;
  EvalContext& ctx;
  ast::SourcePos pos;
  const char* name;  // canonical spelling, for messages

  const RValue& operator[](size_t i) const { return args[i]; }
  //! TypeError "name() expects <expected>, got <kind>" about argument i.
  [[noreturn]] void typeError(size_t i, const char* expected) const;
  [[noreturn]] void argumentError(const std::string& message,
                                  ErrorDetail detail = ErrorDetail::kInvalidArgumentValue) const;
  int64_t intArg(size_t i) const;                // Integer or TypeError
  double numberArg(size_t i) const;              // Integer/Float or TypeError
  const std::string& stringArg(size_t i) const;  // String or TypeError
};
using ScalarFn = RValue (*)(const FnArgs&);

struct FunctionDef {
  const char* name;
  int min_args;
  int max_args;  // -1 = variadic
  ScalarFn fn;
  bool strict;  // null if any argument is null (fn is then not called)
  bool pure;    // depends only on its arguments (constant folding allowed)
};

std::span<const FunctionDef> stringFunctions();
std::span<const FunctionDef> listFunctions();
std::span<const FunctionDef> mathFunctions();
std::span<const FunctionDef> convertFunctions();
std::span<const FunctionDef> graphFunctions();
std::span<const FunctionDef> temporalFunctions();
std::span<const FunctionDef> ententeFunctions();
std::span<const FunctionDef> loadCsvFunctions();

//! Case-insensitive lookup of a scalar function; nullptr if unknown.
const FunctionDef* findFunction(std::string_view name);

// ---- small helpers ---------------------------------------------------------------------

std::string lowercase(std::string_view s);
//! Shortest round-trip rendering of a float, always with a '.' or exponent ("1.0", "2.3").
std::string formatFloat(double d);
//! Number of code points of UTF-8 text, and byte offset of code point `cp` (clamped).
size_t utf8Length(std::string_view s);
size_t utf8Offset(std::string_view s, size_t cp);

}  // namespace entente::query::expr
