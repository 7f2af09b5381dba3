#include "query/parse/syntax_error.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "EntenteLexer.h"
#include "EntenteParser.h"
#include "query/error.h"

namespace entente::query::syntax {

using entente_grammar::EntenteLexer;
using entente_grammar::EntenteParser;

namespace {

bool isKeyword(size_t type) {
  return type >= EntenteLexer::EXPLAIN && type <= EntenteLexer::SCHEMA;
}

// Keywords that start a clause or end a statement: a bracket left open before one of them
// is almost certainly missing its closer.
bool isClauseKeyword(size_t type) {
  switch (type) {
    case EntenteLexer::MATCH:
    case EntenteLexer::OPTIONAL:
    case EntenteLexer::WHERE:
    case EntenteLexer::WITH:
    case EntenteLexer::UNWIND:
    case EntenteLexer::LOAD:
    case EntenteLexer::RETURN:
    case EntenteLexer::ORDER:
    case EntenteLexer::SKIP_:
    case EntenteLexer::LIMIT:
    case EntenteLexer::UNION:
    case EntenteLexer::CREATE:
    case EntenteLexer::MERGE:
    case EntenteLexer::SET:
    case EntenteLexer::REMOVE:
    case EntenteLexer::DELETE:
    case EntenteLexer::DETACH:
    case EntenteLexer::CALL:
    case EntenteLexer::YIELD:
    case EntenteLexer::SEMI: return true;
    default: return false;
  }
}

size_t closerOf(size_t open) {
  switch (open) {
    case EntenteLexer::LPAREN: return EntenteLexer::RPAREN;
    case EntenteLexer::LBRACKET: return EntenteLexer::RBRACKET;
    default: return EntenteLexer::RBRACE;
  }
}

bool isCloser(size_t type) {
  return type == EntenteLexer::RPAREN || type == EntenteLexer::RBRACKET ||
         type == EntenteLexer::RBRACE;
}

std::string quoted(std::string text) {
  // Show at most 40 characters of a long token, on one line.
  size_t cps = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++cps > 40) {
      text.resize(i);
      text += "...";
      break;
    }
  }
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return "'" + text + "'";
}

std::string keywordName(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  std::string name = vocab.getSymbolicName(type);
  if (!name.empty() && name.back() == '_') name.pop_back();  // NULL_, SKIP_
  return name;
}

std::string tokenDisplay(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of input";
    case EntenteLexer::StringLiteral: return "a string";
    case EntenteLexer::DecimalInteger:
    case EntenteLexer::HexInteger:
    case EntenteLexer::OctalInteger: return "an integer";
    case EntenteLexer::FloatLiteral: return "a float";
    case EntenteLexer::PARAMETER: return "a parameter";
    case EntenteLexer::UnescapedSymbolicName:
    case EntenteLexer::EscapedSymbolicName: return "a name";
    default: break;
  }
  if (isKeyword(type)) return keywordName(vocab, type);
  std::string literal = vocab.getLiteralName(type);
  return literal.empty() ? vocab.getDisplayName(type) : literal;
}

// FIRST sets used to summarise long expected-token lists.
struct FirstSets {
  antlr4::misc::IntervalSet expression;
  antlr4::misc::IntervalSet name;
};

const FirstSets& firstSets(antlr4::Parser* parser) {
  static const FirstSets sets = [parser] {
    const antlr4::atn::ATN& atn = parser->getATN();
    FirstSets s;
    s.expression = atn.nextTokens(atn.ruleToStartState[EntenteParser::RuleExpression]);
    s.name = atn.nextTokens(atn.ruleToStartState[EntenteParser::RuleSchemaName]);
    return s;
  }();
  return sets;
}

std::string displayExpected(antlr4::Parser* parser, const antlr4::misc::IntervalSet& expected) {
  const FirstSets& first = firstSets(parser);
  antlr4::misc::IntervalSet rest = expected;
  std::vector<std::string> groups;
  if (expected.contains(static_cast<size_t>(EntenteLexer::DecimalInteger)) &&
      expected.contains(static_cast<size_t>(EntenteLexer::StringLiteral)) &&
      expected.contains(static_cast<size_t>(EntenteLexer::PARAMETER))) {
    groups.push_back("an expression");
    rest = rest.subtract(first.expression);
  }
  if (rest.contains(static_cast<size_t>(EntenteLexer::UnescapedSymbolicName))) {
    groups.push_back("a name");
    rest = rest.subtract(first.name);
  }
  std::vector<std::string> items;
  for (ssize_t type : rest.toList()) {
    if (type < -1) continue;  // EPSILON
    std::string d = type == -1 ? "end of input"
                               : tokenDisplay(parser->getVocabulary(), static_cast<size_t>(type));
    if (std::find(items.begin(), items.end(), d) == items.end()) items.push_back(d);
  }
  for (auto& g : groups) items.push_back(g);
  if (items.empty() || items.size() > 8) return "";
  std::string out = items[0];
  for (size_t i = 1; i < items.size(); ++i) {
    out += (i + 1 == items.size() ? " or " : ", ") + items[i];
  }
  return out;
}

// ": missing ')' (opened at ...)" when a bracket is still open at the offending token.
std::string missingBracketHint(antlr4::Parser* parser, antlr4::Token* offending,
                               const antlr4::misc::IntervalSet* expected) {
  const size_t type = offending->getType();
  if (type != antlr4::Token::EOF && !isClauseKeyword(type) && !isCloser(type)) return "";
  std::vector<antlr4::Token*> open;
  antlr4::TokenStream* tokens = parser->getTokenStream();
  for (size_t i = 0; i < offending->getTokenIndex(); ++i) {
    antlr4::Token* t = tokens->get(i);
    switch (t->getType()) {
      case EntenteLexer::LPAREN:
      case EntenteLexer::LBRACKET:
      case EntenteLexer::LBRACE: open.push_back(t); break;
      case EntenteLexer::RPAREN:
      case EntenteLexer::RBRACKET:
      case EntenteLexer::RBRACE:
        if (!open.empty() && closerOf(open.back()->getType()) == t->getType()) open.pop_back();
        break;
      default: break;
    }
  }
  if (open.empty()) return "";
  const size_t closer = closerOf(open.back()->getType());
  if (expected != nullptr && !expected->contains(closer)) return "";
  const antlr4::Token* opener = open.back();
  std::string where = opener->getLine() == offending->getLine()
                          ? "column " + std::to_string(opener->getCharPositionInLine() + 1)
                          : "line " + std::to_string(opener->getLine()) + ", column " +
                                std::to_string(opener->getCharPositionInLine() + 1);
  return ": missing " + tokenDisplay(parser->getVocabulary(), closer) + " to close " +
         quoted(opener->getText()) + " at " + where;
}

// ", did you mean RETURN?" when a word is within two edits of a keyword that fits here.
std::string typoHint(antlr4::Parser* parser, antlr4::Token* offending,
                     const antlr4::misc::IntervalSet* expected) {
  if (offending->getType() != EntenteLexer::UnescapedSymbolicName) return "";
  std::string word = offending->getText();
  if (word.size() > 40) return "";
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<size_t> candidates;
  if (expected != nullptr) {
    for (ssize_t type : expected->toList()) {
      if (type > 0 && isKeyword(static_cast<size_t>(type))) candidates.push_back(type);
    }
  }
  if (candidates.empty()) {
    // Unknown or keyword-free expected set: try the reserved words.
    for (size_t type = EntenteLexer::EXPLAIN; type <= EntenteLexer::SCHEMA; ++type) {
      if (type < EntenteLexer::COUNT) candidates.push_back(type);
    }
  }
  std::string best;
  size_t best_distance = 3;
  for (size_t type : candidates) {
    std::string kw = keywordName(parser->getVocabulary(), type);
    size_t d = editDistance(word, kw);
    if (d < best_distance && d * 2 < std::max(word.size(), kw.size())) {
      best = kw;
      best_distance = d;
    }
  }
  return best.empty() ? "" : ", did you mean " + best + "?";
}

}  // namespace

size_t editDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

void throwSyntaxError(std::string_view source, const std::string& what, ast::SourcePos pos,
                      ErrorDetail detail) {
  throw QueryError(ErrorCode::kSyntaxError, withCaret(source, "Syntax error: " + what, pos), pos,
                   detail);
}

std::string describeBadToken(const antlr4::Token* t, bool* complete) {
  *complete = true;
  switch (t->getType()) {
    case antlr4::Token::EOF: *complete = false; return "unexpected end of input";
    case EntenteLexer::UnterminatedString:
      return "unterminated string literal (missing closing " + t->getText().substr(0, 1) + ")";
    case EntenteLexer::UnterminatedComment: return "unterminated comment (missing closing */)";
    case EntenteLexer::UnterminatedEscapedName:
      return "unterminated quoted name (missing closing `)";
    case EntenteLexer::ErrorChar: return "unexpected character " + quoted(t->getText());
    default: *complete = false; return "unexpected " + quoted(t->getText());
  }
}

void ThrowingErrorStrategy::fail(antlr4::Parser* parser, antlr4::Token* offending,
                                 const antlr4::misc::IntervalSet* expected) {
  if (offending == nullptr) offending = parser->getCurrentToken();
  bool complete = false;
  std::string message = describeBadToken(offending, &complete);
  if (!complete) {
    std::string hint = missingBracketHint(parser, offending, expected);
    if (hint.empty()) hint = typoHint(parser, offending, expected);
    if (!hint.empty()) {
      message += hint;
    } else if (expected != nullptr) {
      std::string list = displayExpected(parser, *expected);
      if (!list.empty()) message += ", expected " + list;
    }
  }
  throwSyntaxError(source_, message, posOf(offending), detailOf(parser, offending));
}

ErrorDetail ThrowingErrorStrategy::detailOf(antlr4::Parser* parser,
                                            const antlr4::Token* offending) {
  // A malformed relationship detail (`-[:T..]->`, `-[:T*-2]->`) is InvalidRelationshipPattern.
  for (auto* ctx = parser->getContext(); ctx != nullptr;
       ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
    if (dynamic_cast<EntenteParser::RelationshipDetailContext*>(ctx) != nullptr)
      return ErrorDetail::kInvalidRelationshipPattern;
  }
  // A word glued to a number (`9223372h54775808`, `0x`, `0x1A2j`) is a malformed number
  // literal for openCypher, not just an unexpected token.
  const size_t index = offending->getTokenIndex();
  if (index == 0 || offending->getType() == antlr4::Token::EOF)
    return ErrorDetail::kUnexpectedSyntax;
  const antlr4::Token* prev = parser->getTokenStream()->get(index - 1);
  const size_t t = prev->getType();
  const bool number = t == EntenteLexer::DecimalInteger || t == EntenteLexer::HexInteger ||
                      t == EntenteLexer::OctalInteger || t == EntenteLexer::FloatLiteral;
  const std::string text = offending->getText();
  if (number && prev->getStopIndex() + 1 == offending->getStartIndex() && !text.empty() &&
      std::isalnum(static_cast<unsigned char>(text[0])))
    return ErrorDetail::kInvalidNumberLiteral;
  return ErrorDetail::kUnexpectedSyntax;
}

void ThrowingErrorStrategy::reportError(antlr4::Parser* parser,
                                        const antlr4::RecognitionException& e) {
  antlr4::Token* offending = e.getOffendingToken();
  if (const auto* nva = dynamic_cast<const antlr4::NoViableAltException*>(&e)) {
    // The expected set belongs to where the prediction started; it only describes the
    // offending token when both are the same.
    if (nva->getStartToken() != offending) fail(parser, offending, nullptr);
  }
  antlr4::misc::IntervalSet expected = e.getExpectedTokens();
  fail(parser, offending, expected.isEmpty() ? nullptr : &expected);
}

void ThrowingErrorStrategy::recover(antlr4::Parser* parser, std::exception_ptr) {
  // reportError always throws first; reaching here means a runtime path we did not expect.
  fail(parser, parser->getCurrentToken(), nullptr);
}

antlr4::Token* ThrowingErrorStrategy::recoverInline(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  fail(parser, parser->getCurrentToken(), &expected);
}

void ThrowingErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) { recoverInline(parser); }

void ThrowingErrorStrategy::reportMissingToken(antlr4::Parser* parser) { recoverInline(parser); }

}  // namespace entente::query::syntax
