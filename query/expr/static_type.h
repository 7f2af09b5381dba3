// query/expr/static_type.h — what can be known about an expression's type before it runs.
//
// openCypher requires some type errors to be found at compile time (`DELETE 1 + 1`,
// `WITH 1 AS n MATCH (n)`, `labels(p)` on a path, `x % 2` over a list of strings). This is
// a small, conservative inference: literals, operators, a few functions and variables whose
// type the scope knows. Anything uncertain is "unknown", and is then checked at run time.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "query/ast/ast.h"
#include "query/runtime/runtime_value.h"

namespace entente::query {

struct StaticType {
  using Kind = RValue::Kind;
  std::optional<Kind> kind;     // nullopt: unknown until run time
  std::optional<Kind> element;  // a List whose elements are all of this kind

  static StaticType unknown() { return {}; }
  static StaticType of(Kind k, std::optional<Kind> element = std::nullopt) { return {k, element}; }
  bool is(Kind k) const { return kind == k; }
  //! Known, and not null (null fits every type).
  bool definite() const { return kind && *kind != Kind::kNull; }
  const char* name() const { return kind ? RValue::kindName(*kind) : "Any"; }
};

//! The static type of a variable in scope (unknown if the scope cannot tell).
using VariableTypes = std::function<StaticType(std::string_view)>;

StaticType staticType(const ast::Expr& e, const VariableTypes& variables);

// Compile-time type errors: each throws a SyntaxError "Type mismatch: ..." with detail
// InvalidArgumentType when the types are definite and can never work; unknown or null
// types pass (checked at run time).

//! The first argument of functions with few accepted kinds (labels() a Node, type() a
//! Relationship, size() a List or String, ...).
void checkArgumentType(std::string_view function, const StaticType& argument, ast::SourcePos pos);
//! Operands of + - * / % ^ (numbers; + also strings and lists).
void checkArithmeticTypes(ast::Op op, const StaticType& a, const StaticType& b, ast::SourcePos pos);
//! `base.key` on a path (a Path has no properties). Other bases are left to run time,
//! where they raise a TypeError as the TCK expects.
void checkPropertyBase(const StaticType& base, std::string_view key, ast::SourcePos pos);
//! A WHERE predicate must be a Boolean.
void checkPredicateType(const StaticType& t, ast::SourcePos pos);

}  // namespace entente::query
