// Literals: integers in three bases and their range, floats, strings and escapes, and the
// decoding functions on their own.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "ast_dump.h"
#include "query/error.h"
#include "query/parse/literals.h"
#include "query/parse/parser.h"

namespace entente::query {
namespace {

using testing::parseError;
using testing::parseExpr;

Value literalOf(const std::string& expr) {
  ast::Statement st = parse("RETURN " + expr);
  const auto& e =
      std::get<ast::ReturnClause>(st.query.parts[0].clauses[0]).projection.items[0].expr;
  EXPECT_EQ(e->kind, ast::ExprKind::kLiteral) << expr;
  return e->literal;
}

TEST(LiteralTest, Integers) {
  EXPECT_EQ(literalOf("0").asInt(), 0);
  EXPECT_EQ(literalOf("42").asInt(), 42);
  EXPECT_EQ(literalOf("0x1F").asInt(), 31);
  EXPECT_EQ(literalOf("0XfF").asInt(), 255);
  EXPECT_EQ(literalOf("0o17").asInt(), 15);
  EXPECT_EQ(literalOf("-0x10").asInt(), -16);
  EXPECT_EQ(literalOf("9223372036854775807").asInt(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(literalOf("-9223372036854775808").asInt(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(literalOf("-0x8000000000000000").asInt(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(literalOf("0x7FFFFFFFFFFFFFFF").asInt(), std::numeric_limits<int64_t>::max());
}

TEST(LiteralTest, IntegersOutOfRangeAreSyntaxErrors) {
  for (const char* q :
       {"RETURN 9223372036854775808", "RETURN -9223372036854775809", "RETURN 0x8000000000000000",
        "RETURN 99999999999999999999999", "RETURN 0o1777777777777777777777",
        "RETURN -(9223372036854775808)", "RETURN 1 - 9223372036854775808"}) {
    std::string msg = parseError(q);
    EXPECT_NE(msg.find("Syntax error: integer literal out of range"), std::string::npos) << q;
  }
  try {
    parse("RETURN 1, 9223372036854775808");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.column(), 11);
  }
}

TEST(LiteralTest, Floats) {
  EXPECT_DOUBLE_EQ(literalOf("1.5").asFloat(), 1.5);
  EXPECT_DOUBLE_EQ(literalOf(".5").asFloat(), 0.5);
  EXPECT_DOUBLE_EQ(literalOf("1e3").asFloat(), 1000.0);
  EXPECT_DOUBLE_EQ(literalOf("1.5E-3").asFloat(), 0.0015);
  EXPECT_DOUBLE_EQ(literalOf(".5e2").asFloat(), 50.0);
  EXPECT_DOUBLE_EQ(literalOf("-2.5").asFloat(), -2.5);
  EXPECT_TRUE(literalOf("1.0").isFloat());
  EXPECT_DOUBLE_EQ(literalOf("1e-400").asFloat(), 0.0);  // underflow is just zero
  EXPECT_NE(parseError("RETURN 1e400").find("float literal out of range"), std::string::npos);
}

TEST(LiteralTest, StringsAndEscapes) {
  EXPECT_EQ(literalOf("'Hay\\'at Tahrir al-Sham'").asString(), "Hay'at Tahrir al-Sham");
  EXPECT_EQ(literalOf("\"double \\\"quoted\\\"\"").asString(), "double \"quoted\"");
  EXPECT_EQ(literalOf("'a\\\\b'").asString(), "a\\b");
  EXPECT_EQ(literalOf("'\\n\\t\\r\\b\\f'").asString(), "\n\t\r\b\f");
  EXPECT_EQ(literalOf("'\\u00e9'").asString(), "\xC3\xA9");
  EXPECT_EQ(literalOf("'\\uD83D\\uDE00'").asString(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(literalOf("'\\U0001F600'").asString(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(literalOf("'Ḥalab — حلب'").asString(), "Ḥalab — حلب");
  EXPECT_EQ(literalOf("'line\nbreak'").asString(), "line\nbreak");
  EXPECT_EQ(literalOf("\"'\"").asString(), "'");
  EXPECT_EQ(literalOf("''").asString(), "");
}

TEST(LiteralTest, BadEscapesPointAtTheBackslash) {
  try {
    parse("RETURN 'ab\\qc'");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("invalid escape sequence '\\q'"), std::string::npos);
    EXPECT_EQ(e.column(), 11);
  }
  EXPECT_NE(parseError("RETURN '\\u12'").find("invalid Unicode escape"), std::string::npos);
  EXPECT_NE(parseError("RETURN '\\uD800'").find("unpaired surrogate"), std::string::npos);
  EXPECT_NE(parseError("RETURN '\\uDC00x'").find("not a code point"), std::string::npos);
  EXPECT_NE(parseError("RETURN '\\U00110000'").find("not a code point"), std::string::npos);
}

TEST(LiteralTest, BooleansAndNull) {
  EXPECT_TRUE(literalOf("true").asBool());
  EXPECT_FALSE(literalOf("FALSE").asBool());
  EXPECT_TRUE(literalOf("Null").isNull());
}

TEST(LiteralTest, DecodeFunctions) {
  using syntax::decodeInteger;
  int64_t v = 0;
  EXPECT_FALSE(decodeInteger("123", false, &v));
  EXPECT_EQ(v, 123);
  EXPECT_FALSE(decodeInteger("9223372036854775808", true, &v));
  EXPECT_EQ(v, std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(decodeInteger("9223372036854775808", false, &v));
  EXPECT_TRUE(decodeInteger("0x", false, &v));
  EXPECT_EQ(syntax::decodeName("`a``b`"), "a`b");
  EXPECT_EQ(syntax::decodeName("plain"), "plain");
  EXPECT_FALSE(syntax::findInvalidUtf8("ok ḥ 😀"));
  EXPECT_EQ(syntax::findInvalidUtf8("ab\xC0\x80"), 2u);     // overlong
  EXPECT_EQ(syntax::findInvalidUtf8("a\xED\xA0\x80"), 1u);  // surrogate
  EXPECT_EQ(syntax::findInvalidUtf8("a\xE2\x82"), 1u);      // truncated
}

}  // namespace
}  // namespace entente::query
