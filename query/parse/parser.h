// query/parse/parser.h — text to ast::Statement. The only code that sees ANTLR types.
//
// The grammar is grammar/Entente.g4. Syntax errors are thrown as
// QueryError(ErrorCode::kSyntaxError) with the line and column of the offending token, a message
// naming what was expected (with a hint when one is obvious: a missing ')', a keyword misspelt),
// and the caret line (see withCaret). Lexical and parser state is local to the call: parse() is
// thread-safe.
#pragma once

#include <string_view>

#include "query/ast/ast.h"

namespace entente::query {

//! Parses one statement (an optional trailing ';' is allowed). Throws QueryError.
ast::Statement parse(std::string_view text);

}  // namespace entente::query
