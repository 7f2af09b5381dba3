// Scalar functions on plain values: strings, lists, math, conversions, dates.
#include <cmath>

#include "tests/expr/expr_test_util.h"

namespace entente::query::testing {
namespace {

template <typename... Args>
std::string call(std::string name, Args... args) {
  return show(evalExpr(fn(std::move(name), lit(Value(args))...)));
}
template <typename... Args>
std::string callError(std::string name, Args... args) {
  return errorOf(fn(std::move(name), lit(Value(args))...));
}
template <typename... Args>
std::string callMessage(std::string name, Args... args) {
  return messageOf(fn(std::move(name), lit(Value(args))...));
}
const Value N;

TEST(StringFunctions, CaseAndTrim) {
  EXPECT_EQ(call("toUpper", "Aleppo"), "'ALEPPO'");
  EXPECT_EQ(call("TOLOWER", "HTS"), "'hts'");  // names are case-insensitive
  EXPECT_EQ(call("trim", "  a b \n"), "'a b'");
  EXPECT_EQ(call("ltrim", "  a "), "'a '");
  EXPECT_EQ(call("rtrim", "  a "), "'  a'");
  EXPECT_EQ(call("toUpper", N), "null");
  EXPECT_EQ(callError("toUpper", 1), "TypeError");
  EXPECT_EQ(callMessage("toUpper", 1), "toUpper() expects a String, got Integer");
}

TEST(StringFunctions, SubstringLeftRightCountCodePoints) {
  EXPECT_EQ(call("substring", "hello", 1, 3), "'ell'");
  EXPECT_EQ(call("substring", "hello", 2), "'llo'");
  EXPECT_EQ(call("substring", "hello", 10), "''");
  EXPECT_EQ(call("substring", "Ḥalab", 0, 2), "'Ḥa'");  // Ḥ is 3 bytes in UTF-8
  EXPECT_EQ(call("left", "Ḥalab", 1), "'Ḥ'");
  EXPECT_EQ(call("right", "Ḥalab", 2), "'ab'");
  EXPECT_EQ(call("right", "ab", 5), "'ab'");
  EXPECT_EQ(callError("substring", "a", -1), "ArgumentError");
  EXPECT_EQ(callError("left", "a", -1), "ArgumentError");
  EXPECT_EQ(callError("substring", "a", 1.5), "TypeError");
  EXPECT_EQ(call("substring", N, 1), "null");
}

TEST(StringFunctions, ReplaceSplitReverse) {
  EXPECT_EQ(call("replace", "a-b-c", "-", "+"), "'a+b+c'");
  EXPECT_EQ(call("replace", "ab", "", "-"), "'-a-b-'");
  EXPECT_EQ(call("split", "a,b,,c", ","), "['a', 'b', '', 'c']");
  EXPECT_EQ(call("split", "ab", ""), "['a', 'b']");
  EXPECT_EQ(call("reverse", "abc"), "'cba'");
  EXPECT_EQ(call("reverse", "aḤb"), "'bḤa'");
  EXPECT_EQ(call("size", "aḤb"), "3");
  EXPECT_EQ(callError("split", "a", 1), "TypeError");
}

TEST(ListFunctions, Basics) {
  Value l = List{1, 2, 3};
  EXPECT_EQ(call("size", l), "3");
  EXPECT_EQ(call("head", l), "1");
  EXPECT_EQ(call("last", l), "3");
  EXPECT_EQ(call("tail", l), "[2, 3]");
  EXPECT_EQ(call("reverse", l), "[3, 2, 1]");
  EXPECT_EQ(call("head", List{}), "null");
  EXPECT_EQ(call("tail", List{}), "[]");
  EXPECT_EQ(call("size", N), "null");
  EXPECT_EQ(call("isEmpty", List{}), "true");
  EXPECT_EQ(call("isEmpty", ""), "true");
  EXPECT_EQ(call("isEmpty", Map{{"a", 1}}), "false");
  EXPECT_EQ(callError("isEmpty", 1), "TypeError");
  EXPECT_EQ(callError("size", 1), "SyntaxError");  // a literal's type is known before running
  EXPECT_EQ(errorOf(fn("size", var("a")), {"a"}, {RValue(1)}), "TypeError");
  EXPECT_EQ(callError("head", "abc"), "TypeError");
  EXPECT_EQ(call("keys", Map{{"b", 1}, {"a", 2}}), "['a', 'b']");
}

TEST(ListFunctions, Range) {
  EXPECT_EQ(call("range", 0, 3), "[0, 1, 2, 3]");
  EXPECT_EQ(call("range", 0, 10, 4), "[0, 4, 8]");
  EXPECT_EQ(call("range", 3, 0, -1), "[3, 2, 1, 0]");
  EXPECT_EQ(call("range", 0, 3, -1), "[]");
  EXPECT_EQ(call("range", 5, 5), "[5]");
  EXPECT_EQ(callError("range", 2, 8, 0), "ArgumentError");
  EXPECT_EQ(callError("range", 0, 1.0), "ArgumentError");
  EXPECT_EQ(callError("range", true, 1), "ArgumentError");
  EXPECT_EQ(callError("range", 0, int64_t{1} << 40), "ArgumentError");  // refuses to exhaust memory
}

TEST(ListFunctions, Coalesce) {
  EXPECT_EQ(call("coalesce", N, N, 3, 4), "3");
  EXPECT_EQ(call("coalesce", N), "null");
}

TEST(MathFunctions, IntegersStayIntegersWhereOpenCypherSays) {
  EXPECT_EQ(call("abs", -3), "3");
  EXPECT_EQ(call("abs", -1.5), "1.5");
  EXPECT_EQ(call("sign", -2.5), "-1");
  EXPECT_EQ(call("sign", 0), "0");
  EXPECT_EQ(call("ceil", 1.2), "2.0");
  EXPECT_EQ(call("floor", -1.2), "-2.0");
  EXPECT_EQ(call("round", 2.5), "3.0");
  EXPECT_EQ(call("round", -2.5), "-2.0");
  EXPECT_EQ(call("round", 3.14159, 2), "3.14");
  EXPECT_EQ(call("sqrt", 12.96), "3.6");
  EXPECT_EQ(call("abs", N), "null");
  EXPECT_EQ(callError("abs", "x"), "TypeError");
  EXPECT_EQ(callError("abs", std::numeric_limits<int64_t>::min()), "ArgumentError");
}

TEST(MathFunctions, Transcendental) {
  EXPECT_DOUBLE_EQ(evalExpr(fn("pi")).asFloat(), M_PI);
  EXPECT_DOUBLE_EQ(evalExpr(fn("e")).asFloat(), M_E);
  EXPECT_DOUBLE_EQ(evalExpr(fn("log", lit(M_E))).asFloat(), 1.0);
  EXPECT_DOUBLE_EQ(evalExpr(fn("log10", lit(1000))).asFloat(), 3.0);
  EXPECT_DOUBLE_EQ(evalExpr(fn("exp", lit(0))).asFloat(), 1.0);
  EXPECT_DOUBLE_EQ(evalExpr(fn("atan2", lit(1), lit(1))).asFloat(), M_PI / 4);
  EXPECT_DOUBLE_EQ(evalExpr(fn("cos", lit(0))).asFloat(), 1.0);
  EXPECT_TRUE(std::isnan(evalExpr(fn("sqrt", lit(-1))).asFloat()));
  double r = evalExpr(fn("rand")).asFloat();
  EXPECT_TRUE(r >= 0.0 && r < 1.0);
}

TEST(Conversion, ToStringAndFloatsFormatting) {
  EXPECT_EQ(call("toString", 42), "'42'");
  EXPECT_EQ(call("toString", 2.3), "'2.3'");
  EXPECT_EQ(call("toString", 1.0), "'1.0'");
  EXPECT_EQ(call("toString", true), "'true'");
  EXPECT_EQ(call("toString", Date::fromCivil(2024, 12, 1)), "'2024-12-01'");
  EXPECT_EQ(call("toString", N), "null");
  EXPECT_EQ(callError("toString", List{}), "TypeError");
  EXPECT_EQ(call("toStringOrNull", List{}), "null");
}

TEST(Conversion, ToIntegerToFloatToBoolean) {
  EXPECT_EQ(call("toInteger", 3.9), "3");
  EXPECT_EQ(call("toInteger", -3.9), "-3");
  EXPECT_EQ(call("toInteger", "42"), "42");
  EXPECT_EQ(call("toInteger", " 42 "), "42");
  EXPECT_EQ(call("toInteger", "2.5"), "2");
  EXPECT_EQ(call("toInteger", "abc"), "null");
  EXPECT_EQ(call("toInteger", true), "1");
  EXPECT_EQ(callError("toInteger", List{}), "TypeError");
  EXPECT_EQ(call("toIntegerOrNull", Map{}), "null");
  EXPECT_EQ(call("toFloat", 3), "3.0");
  EXPECT_EQ(call("toFloat", "1.5e3"), "1500.0");
  EXPECT_EQ(call("toFloat", "x"), "null");
  EXPECT_EQ(callError("toFloat", true), "TypeError");
  EXPECT_EQ(call("toFloatOrNull", true), "null");
  EXPECT_EQ(call("toBoolean", "TRUE"), "true");
  EXPECT_EQ(call("toBoolean", " false "), "false");
  EXPECT_EQ(call("toBoolean", "yes"), "null");
  EXPECT_EQ(call("toBoolean", 0), "false");
  EXPECT_EQ(callError("toBoolean", 1.0), "TypeError");
  EXPECT_EQ(call("toBooleanOrNull", 1.0), "null");
}

TEST(Dates, ConstructionAndFields) {
  EXPECT_EQ(call("date", "2024-12-01"), "date('2024-12-01')");
  EXPECT_EQ(call("date", "2024-12"), "date('2024-12-01')");
  EXPECT_EQ(call("date", Map{{"year", 2024}, {"month", 2}, {"day", 29}}), "date('2024-02-29')");
  EXPECT_EQ(call("date", Map{{"year", 2024}}), "date('2024-01-01')");
  EXPECT_EQ(call("date", N), "null");
  EXPECT_EQ(callError("date", "31/12/2024"), "ArgumentError");
  EXPECT_EQ(callError("date", Map{{"year", 2023}, {"month", 2}, {"day", 29}}), "ArgumentError");
  EXPECT_EQ(callError("date", Map{{"month", 2}}), "ArgumentError");
  EXPECT_EQ(callError("date", 20241201), "TypeError");
  EvalContext ctx;
  ctx.today = Date::fromCivil(2025, 1, 2);
  EXPECT_EQ(show(evalExpr(*fn("date"), {}, {}, ctx)), "date('2025-01-02')");

  auto d = [] { return fn("date", lit("2024-12-01")); };
  EXPECT_EQ(show(evalExpr(prop(d(), "year"))), "2024");
  EXPECT_EQ(show(evalExpr(prop(d(), "month"))), "12");
  EXPECT_EQ(show(evalExpr(prop(d(), "day"))), "1");
  EXPECT_EQ(show(evalExpr(prop(d(), "dayOfWeek"))), "7");  // a Sunday
  EXPECT_EQ(show(evalExpr(prop(d(), "quarter"))), "4");
  EXPECT_EQ(show(evalExpr(prop(d(), "ordinalDay"))), "336");
  EXPECT_EQ(errorOf(prop(d(), "hour")), "ArgumentError");
  // Dates compare with dates, not with strings.
  EXPECT_EQ(show(evalExpr(bin(Op::kLt, d(), fn("date", lit("2025-01-01"))))), "true");
  EXPECT_EQ(show(evalExpr(bin(Op::kLt, d(), lit("2025-01-01")))), "null");
}

}  // namespace
}  // namespace entente::query::testing
