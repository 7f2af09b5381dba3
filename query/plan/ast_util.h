// query/plan/ast_util.h — small AST utilities for the binder and planner: variable
// references, free variables of an expression, splitting a WHERE into conjuncts.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "query/ast/ast.h"

namespace entente::query {

// Deep copy with substitution lives with the AST (the parser needs it too).
using ast::cloneExpr;
using ast::rewriteExpr;
//! A variable reference expression.
ast::ExprPtr variableExpr(std::string name, ast::SourcePos pos, std::string text = "");

//! Names the expression reads from the enclosing scope (comprehension-local names excluded;
//! variables of pattern predicates included).
void freeVariables(const ast::Expr& e, std::vector<std::string>& out);
//! Top-level AND operands of a WHERE.
void splitConjuncts(const ast::Expr* e, std::vector<const ast::Expr*>& out);
//! The expression's source text (falls back to a rendering when the parser left it empty).
std::string exprText(const ast::Expr& e);
//! True for aggregate calls (count(*), count(x), sum(...), ...).
bool isAggregateCall(const ast::Expr& e);

}  // namespace entente::query
