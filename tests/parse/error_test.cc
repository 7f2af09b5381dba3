// Syntax errors: one positioned SyntaxError with a caret line and, where obvious, a hint.
// Also: no input may crash the parser or exhaust its stack.
#include <gtest/gtest.h>
#include <pthread.h>

#include <random>
#include <thread>

#include "ast_dump.h"
#include "query/error.h"
#include "query/parse/parser.h"

namespace entente::query {
namespace {

using testing::parseError;

QueryError errorOf(const std::string& q) {
  try {
    parse(q);
  } catch (const QueryError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << q;
  return QueryError(ErrorCode::kInternalError, "none");
}

TEST(ErrorTest, MessageHasPositionAndCaret) {
  QueryError e = errorOf("MATCH (a RETURN a");
  EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 10);
  EXPECT_EQ(std::string(e.what()),
            "Syntax error: unexpected 'RETURN': missing ')' to close '(' at column 7 "
            "(line 1, column 10)\n"
            "MATCH (a RETURN a\n"
            "         ^");
}

TEST(ErrorTest, CaretOnTheRightLine) {
  QueryError e = errorOf("MATCH (a)\nWHERE a.x = \nRETURN a");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 1);
  std::string msg = e.what();
  EXPECT_NE(msg.find("(line 3, column 1)\nRETURN a\n^"), std::string::npos) << msg;
}

TEST(ErrorTest, MissingClosers) {
  EXPECT_NE(parseError("MATCH (a:State {name: 'x') RETURN a").find("missing '}'"),
            std::string::npos);
  EXPECT_NE(parseError("RETURN [1, 2").find("unexpected end of input: missing ']'"),
            std::string::npos);
  EXPECT_NE(parseError("RETURN toUpper('x'").find("missing ')'"), std::string::npos);
  std::string multi = parseError("MATCH (a\nRETURN a");
  EXPECT_NE(multi.find("missing ')' to close '(' at line 1, column 7"), std::string::npos) << multi;
}

TEST(ErrorTest, MisspeltKeywords) {
  EXPECT_NE(parseError("MATCHH (a) RETURN a").find("did you mean MATCH?"), std::string::npos);
  EXPECT_NE(parseError("MATCH (a) RETRUN a").find("did you mean RETURN?"), std::string::npos);
  EXPECT_NE(parseError("MATCH (a) WERE a.x = 1 RETURN a").find("did you mean WHERE?"),
            std::string::npos);
  EXPECT_NE(parseError("MATCH (a) RETURN a ORDR BY a").find("did you mean ORDER?"),
            std::string::npos);
  EXPECT_NE(parseError("OPTINAL MATCH (a) RETURN a").find("did you mean OPTIONAL?"),
            std::string::npos);
  // No hint for words nowhere near a keyword.
  EXPECT_EQ(parseError("MATCH (a) banana a").find("did you mean"), std::string::npos);
}

TEST(ErrorTest, UnterminatedAndBadCharacters) {
  QueryError s = errorOf("MATCH (a {name: 'Turkey}) RETURN a");
  EXPECT_NE(std::string(s.what()).find("unterminated string literal"), std::string::npos);
  EXPECT_EQ(s.column(), 17);
  EXPECT_NE(parseError("RETURN 1 /* never closed").find("unterminated comment"), std::string::npos);
  EXPECT_NE(parseError("RETURN `oops").find("unterminated quoted name"), std::string::npos);
  QueryError c = errorOf("RETURN 1 # 2");
  EXPECT_NE(std::string(c.what()).find("unexpected character '#'"), std::string::npos);
  EXPECT_EQ(c.column(), 10);
}

TEST(ErrorTest, InputEndingEarly) {
  EXPECT_NE(parseError("MATCH (a)-[:BACKS]->").find("unexpected end of input, expected '('"),
            std::string::npos);
  EXPECT_NE(parseError("MATCH (a) RETURN").find("unexpected end of input"), std::string::npos);
  EXPECT_NE(parseError("").find("unexpected end of input"), std::string::npos);
  EXPECT_NE(parseError("   ;").find("Syntax error"), std::string::npos);
  EXPECT_NE(parseError("RETURN 1 +").find("expected an expression"), std::string::npos);
}

TEST(ErrorTest, EverythingIsASyntaxErrorStartingTheSameWay) {
  for (const char* q : {"MATCH",
                        "RETURN )",
                        "MATCH (a)-[->(b) RETURN a",
                        "MATCH (a)<>(b) RETURN a",
                        "RETURN 1 2",
                        "WITH",
                        "CREATE RELATION",
                        "SHOW",
                        "UNWIND [1] AS",
                        "RETURN {a 1}",
                        "RETURN [1,,2]",
                        "RETURN count(DISTINCT *)",
                        "AS OF",
                        "EXPLAIN",
                        "RETURN 1 UNION",
                        "MATCH (a) SET a.x RETURN a",
                        "RETURN $",
                        "RETURN 0x",
                        "RETURN 1.2.3",
                        "CALL",
                        "RETURN \xE2\x82",
                        "\xFF\xFE",
                        "RETURN '\\'"}) {
    std::string msg = parseError(q);
    EXPECT_EQ(msg.rfind("Syntax error: ", 0), 0u) << q << " gave: " << msg;
  }
}

TEST(ErrorTest, InvalidUtf8IsPositioned) {
  QueryError e = errorOf("RETURN 'a\xC3'");
  EXPECT_NE(std::string(e.what()).find("not valid UTF-8"), std::string::npos);
  EXPECT_EQ(e.column(), 10);
}

TEST(ErrorTest, WithCaretHandlesTabsUtf8AndLongLines) {
  EXPECT_EQ(withCaret("\tRETURN x", "E", {1, 2}), "E (line 1, column 2)\n\tRETURN x\n\t^");
  EXPECT_EQ(withCaret("RETURN 'ḥ' +", "E", {1, 12}),
            "E (line 1, column 12)\nRETURN 'ḥ' +\n           ^");
  EXPECT_EQ(withCaret("a\r\nbc", "E", {2, 2}), "E (line 2, column 2)\nbc\n ^");
  EXPECT_EQ(withCaret("x", "E", {}), "E");
  EXPECT_EQ(withCaret("x", "E", {5, 1}), "E (line 5, column 1)");
  std::string longLine = "RETURN " + std::string(1000, '1') + " +";
  std::string out = withCaret(longLine, "E", {1, 1009});
  EXPECT_LT(out.size(), 600u);
  EXPECT_EQ(out.back(), '^');
}

TEST(ErrorTest, DeepNestingIsRejectedNotCrashing) {
  std::string deep = "RETURN " + std::string(10000, '(') + "1" + std::string(10000, ')');
  EXPECT_NE(parseError(deep).find("nested too deeply"), std::string::npos);
  std::string lists = "RETURN " + std::string(10000, '[') + std::string(10000, ']');
  EXPECT_NE(parseError(lists).find("nested too deeply"), std::string::npos);
  std::string ok = "RETURN " + std::string(100, '(') + "1" + std::string(100, ')');
  EXPECT_EQ(testing::parseExpr(std::string(100, '(') + "1" + std::string(100, ')')), "1");
  EXPECT_NO_THROW(parse(ok));
  std::string cases = "RETURN ";
  for (int i = 0; i < 5000; ++i) cases += "CASE WHEN x THEN ";
  EXPECT_NE(parseError(cases).find("nested too deeply"), std::string::npos);
}

TEST(ErrorTest, LongOperatorChainsAreRejectedNotCrashing) {
  std::string nots = "RETURN ";
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_NE(parseError(nots + "true").find("too many consecutive operators"), std::string::npos);
  std::string chain = "RETURN 1";
  for (int i = 0; i < 3000; ++i) chain += "+1";
  EXPECT_NE(parseError(chain).find("expression nested too deeply"), std::string::npos);
  std::string props = "RETURN a";
  for (int i = 0; i < 3000; ++i) props += ".b";
  EXPECT_NE(parseError(props).find("expression nested too deeply"), std::string::npos);
  // An error deep inside a long chain unwinds without recursing through it.
  EXPECT_NE(parseError(chain + "+99999999999999999999").find("out of range"), std::string::npos);
  std::string fine = "RETURN 1";
  for (int i = 0; i < 500; ++i) fine += "+1";
  EXPECT_NO_THROW(parse(fine));
}

void* parseWorstCases(void* failures) {
  // The deepest inputs the limits allow: 99 brackets each behind 8 prefix operators.
  std::string s = "RETURN ";
  for (int i = 0; i < 99; ++i) s += "NOT NOT NOT NOT NOT NOT NOT NOT (";
  s += "true" + std::string(99, ')');
  std::string l = "RETURN ";
  for (int i = 0; i < 99; ++i) l += "- - - - - - - - [x IN ";
  l += "1";
  for (int i = 0; i < 99; ++i) l += " | x]";
  for (const std::string& q : {s, l, s + " +", l + " ]"}) {
    try {
      parse(q);
    } catch (const QueryError& e) {
      if (std::string(e.what()).rfind("Syntax error", 0) != 0) ++*static_cast<int*>(failures);
    }
  }
  return nullptr;
}

// AddressSanitizer's redzones make every frame several times larger (and its builds are
// unoptimised): the half megabyte is the budget of a normal build, scaled for ASan.
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kStackScale = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr size_t kStackScale = 4;
#else
constexpr size_t kStackScale = 1;
#endif
#else
constexpr size_t kStackScale = 1;
#endif

TEST(ErrorTest, WorstCaseNestingFitsInHalfAMegabyteOfStack) {
  int failures = 0;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024 * kStackScale);
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attr, parseWorstCases, &failures), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_EQ(failures, 0);
}

TEST(ErrorTest, RandomGarbageNeverCrashes) {
  // Random token soup and random bytes: each input either parses or is a SyntaxError.
  const std::vector<std::string> words = {
      "MATCH",  "(",   ")",      "[",     "]",   "{",        "}",      "-",     "->",
      "<-",     ":",   "RETURN", "WHERE", "n",   "'s'",      "\"",     "1",     "1.5",
      ",",      "*",   "..",     "|",     "AS",  "OF",       "WITH",   "CASE",  "END",
      "NOT",    "=",   "<",      "$p",    "`",   "/*",       "//",     "UNION", "ALL",
      "CREATE", "SET", "+=",     ".",     "x",   "IN",       "EXISTS", "count", "CALL",
      "YIELD",  ";",   "\n",     "0x",    "\\u", "OPTIONAL", "DELETE"};
  std::mt19937 rng(1234);
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    int n = static_cast<int>(rng() % 25);
    for (int k = 0; k < n; ++k) q += words[rng() % words.size()] + (rng() % 2 ? " " : "");
    try {
      parse(q);
    } catch (const QueryError& e) {
      ASSERT_EQ(e.code(), ErrorCode::kSyntaxError) << q;
    }
  }
  for (int i = 0; i < 2000; ++i) {
    std::string q(rng() % 40, '\0');
    for (char& c : q) c = static_cast<char>(rng() % 256);
    try {
      parse(q);
    } catch (const QueryError& e) {
      ASSERT_EQ(e.code(), ErrorCode::kSyntaxError);
    }
  }
}

TEST(ErrorTest, ParsingIsThreadSafe) {
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&bad, t] {
      for (int i = 0; i < 200; ++i) {
        try {
          auto st = parse("MATCH (a)-[:BACKS*1..3]->(b {name: $n}) WHERE a.x + " +
                          std::to_string(i + t) + " > 1 RETURN a.name ORDER BY a.name");
          if (st.query.parts.size() != 1) ++bad;
          parse("MATCH (a RETURN a");
          ++bad;
        } catch (const QueryError& e) {
          if (e.column() != 10) ++bad;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace entente::query
