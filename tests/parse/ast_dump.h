// tests/parse/ast_dump.h — renders AST pieces as compact strings so parser tests can state
// the expected tree in one line, e.g. "(+ 1 (* 2 3))" or "(a:State)-[:BACKS*1..3]->(b)".
#pragma once

#include <string>

#include "query/ast/ast.h"

namespace entente::query::testing {

std::string dump(const ast::Expr* e);
std::string dump(const ast::PatternPart& part);
std::string dump(const ast::Pattern& pattern);

//! Parses `RETURN <expr>` and dumps the first projection's expression.
std::string parseExpr(const std::string& expr);
//! Parses `MATCH <pattern> RETURN 1` and dumps the pattern.
std::string parsePattern(const std::string& pattern);
//! The message of the QueryError that parse(query) throws, or "<no error>".
std::string parseError(const std::string& query);

}  // namespace entente::query::testing
