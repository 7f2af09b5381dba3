// query/parse/syntax_error.h — turning ANTLR's recognition errors into one SyntaxError.
//
// The first error ends the parse (no recovery: a half-understood query must not run). The
// message names the offending token, what was expected when that is short enough to read,
// and a hint when one is obvious: an unclosed bracket, a misspelt keyword, an unterminated
// string, input ending early. Included only by query/parse/*.cc (it sees ANTLR types).
#pragma once

#include <string>
#include <string_view>

#include "antlr4-runtime.h"
#include "entente/error.h"
#include "query/ast/ast.h"

namespace entente::query::syntax {

//! Throws a SyntaxError QueryError: "Syntax error: " + what + caret lines, at pos, with
//! openCypher's detail (UnexpectedSyntax unless the caller knows better).
[[noreturn]] void throwSyntaxError(std::string_view source, const std::string& what,
                                   ast::SourcePos pos,
                                   ErrorDetail detail = ErrorDetail::kUnexpectedSyntax);

//! The 1-based position of a token.
inline ast::SourcePos posOf(const antlr4::Token* t) {
  return {static_cast<int>(t->getLine()), static_cast<int>(t->getCharPositionInLine()) + 1};
}

//! Optimal string alignment distance (Levenshtein plus adjacent transpositions).
size_t editDistance(std::string_view a, std::string_view b);

//! Reports the first syntax error as a QueryError; never recovers.
class ThrowingErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit ThrowingErrorStrategy(std::string_view source) : source_(source) {}

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;

 protected:
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

 private:
  //! `expected` is null when the expected set is not known at the offending token (a
  //! prediction that failed several tokens after it started).
  [[noreturn]] void fail(antlr4::Parser* parser, antlr4::Token* offending,
                         const antlr4::misc::IntervalSet* expected);

  std::string_view source_;
  //! openCypher's detail for a parse error at `offending` (InvalidNumberLiteral for a word
  //! glued to a number, else UnexpectedSyntax).
  static ErrorDetail detailOf(antlr4::Parser* parser, const antlr4::Token* offending);
};

//! Describes an unexpected token (used by the strategy, and by the lexer pre-scan for the
//! tokens no parser rule accepts).
std::string describeBadToken(const antlr4::Token* t, bool* complete);

}  // namespace entente::query::syntax
