// parse(): text -> tokens -> ANTLR parse tree -> ast::Statement.
//
// Parsing runs in two stages, as ANTLR recommends: the fast SLL prediction mode with a
// bail-out strategy first; only if that fails is the input re-parsed with full LL
// prediction and the error strategy that builds the user-facing message (so a syntax
// error is reported by the exact algorithm, and valid input never pays for it).
#include "query/parse/parser.h"

#include "EntenteLexer.h"
#include "EntenteParser.h"
#include "antlr4-runtime.h"
#include "query/error.h"
#include "query/parse/ast_builder.h"
#include "query/parse/literals.h"
#include "query/parse/syntax_error.h"

namespace entente::query {

using entente_grammar::EntenteLexer;
using entente_grammar::EntenteParser;

namespace {

//! Brackets (and CASE) nested deeper than this are rejected before parsing, so that
//! neither ANTLR's recursive descent nor our tree walks can exhaust the stack.
constexpr int kMaxNesting = 100;
//! Consecutive prefix operators (NOT, unary + and -) each add a level of recursion too.
constexpr int kMaxPrefixRun = 8;

class ThrowingLexerListener : public antlr4::BaseErrorListener {
 public:
  explicit ThrowingLexerListener(std::string_view source) : source_(source) {}
  void syntaxError(antlr4::Recognizer*, antlr4::Token*, size_t line, size_t column,
                   const std::string& msg, std::exception_ptr) override {
    syntax::throwSyntaxError(source_, msg, {static_cast<int>(line), static_cast<int>(column) + 1});
  }

 private:
  std::string_view source_;
};

[[noreturn]] void invalidUtf8(std::string_view text, size_t offset) {
  ast::SourcePos pos{1, 1};
  for (size_t i = 0; i < offset; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  syntax::throwSyntaxError(text, "the query text is not valid UTF-8", pos);
}

// Rejects tokens no rule accepts (with a precise message) and excessive nesting.
void prescan(const std::vector<antlr4::Token*>& tokens, std::string_view text) {
  int depth = 0;
  int prefix_run = 0;
  for (antlr4::Token* t : tokens) {
    const size_t type = t->getType();
    if (type == EntenteLexer::NOT || type == EntenteLexer::PLUS || type == EntenteLexer::MINUS) {
      if (++prefix_run > kMaxPrefixRun) {
        syntax::throwSyntaxError(
            text,
            "too many consecutive operators (more than " + std::to_string(kMaxPrefixRun) + ")",
            syntax::posOf(t));
      }
    } else {
      prefix_run = 0;
    }
    switch (type) {
      case EntenteLexer::LPAREN:
      case EntenteLexer::LBRACKET:
      case EntenteLexer::LBRACE:
      case EntenteLexer::CASE:
        if (++depth > kMaxNesting) {
          syntax::throwSyntaxError(text,
                                   "query nested too deeply (more than " +
                                       std::to_string(kMaxNesting) + " levels of brackets or CASE)",
                                   syntax::posOf(t));
        }
        break;
      case EntenteLexer::RPAREN:
      case EntenteLexer::RBRACKET:
      case EntenteLexer::RBRACE:
      case EntenteLexer::END:
        if (depth > 0) --depth;
        break;
      case EntenteLexer::UnterminatedString:
      case EntenteLexer::UnterminatedComment:
      case EntenteLexer::UnterminatedEscapedName:
      case EntenteLexer::ErrorChar: {
        bool complete = false;
        // A stray non-ASCII character (an en dash for a minus, ...) is InvalidUnicodeCharacter.
        const std::string bad = t->getText();
        const bool unicode = type == EntenteLexer::ErrorChar && !bad.empty() &&
                             (static_cast<unsigned char>(bad[0]) & 0x80);
        syntax::throwSyntaxError(
            text, syntax::describeBadToken(t, &complete), syntax::posOf(t),
            unicode ? ErrorDetail::kInvalidUnicodeCharacter : ErrorDetail::kUnexpectedSyntax);
      }
      default: break;
    }
  }
}

}  // namespace

ast::Statement parse(std::string_view text) {
  if (auto bad = syntax::findInvalidUtf8(text)) invalidUtf8(text, *bad);
  try {
    antlr4::ANTLRInputStream input(text.data(), text.size());
    EntenteLexer lexer(&input);
    ThrowingLexerListener lexer_errors(text);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&lexer_errors);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    prescan(tokens.getTokens(), text);

    EntenteParser parser(&tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    auto* sim = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    EntenteParser::StatementContext* tree = nullptr;
    try {
      tree = parser.statement();
    } catch (const antlr4::ParseCancellationException&) {
      // SLL could not decide (or the input is wrong): redo with full LL and real messages.
      tokens.seek(0);
      parser.reset();
      parser.setErrorHandler(std::make_shared<syntax::ThrowingErrorStrategy>(text));
      sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
      tree = parser.statement();
    }
    syntax::AstBuilder builder(text, &input);
    return builder.statement(tree);
  } catch (const QueryError&) {
    throw;
  } catch (const antlr4::RuntimeException& e) {
    // Not expected; reported rather than crashing the caller.
    throw QueryError(ErrorCode::kSyntaxError,
                     std::string("Syntax error: parser failure: ") + e.what(), {},
                     ErrorDetail::kUnexpectedSyntax);
  }
}

}  // namespace entente::query
