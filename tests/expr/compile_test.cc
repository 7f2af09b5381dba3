// Compilation and the structural expressions: variables, parameters, maps, indexing,
// slicing, CASE, list comprehensions, quantifiers, compile-time errors, constant folding.
#include "tests/expr/expr_test_util.h"

namespace entente::query::testing {
namespace {

ExprPtr ints(std::initializer_list<int> xs) {
  auto e = make(ExprKind::kList);
  for (int x : xs) e->children.push_back(lit(x));
  return e;
}

TEST(Variables, ReadSlotsAndUnknownIsSyntaxError) {
  EXPECT_EQ(show(evalExpr(var("b"), {"a", "b"}, {RValue(1), RValue("x")})), "'x'");
  try {
    evalExpr(var("zz"));
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
    EXPECT_STREQ(e.what(), "Variable `zz` not defined");
  }
}

TEST(Parameters, LookupAndMissing) {
  RMap params = {{"a", RValue(1)}, {"name", RValue("HTS")}};
  EvalContext ctx;
  ctx.params = &params;
  EXPECT_EQ(show(evalExpr(*param("name"), {}, {}, ctx)), "'HTS'");
  try {
    evalExpr(*param("x"), {}, {}, ctx);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kParameterMissing);
    EXPECT_STREQ(e.what(), "Expected parameter: $x");
  }
  EXPECT_EQ(errorOf(param("x")), "ParameterMissing");  // no parameters at all
}

TEST(Maps, LiteralPropertyAndIndex) {
  auto m = [] { return mapOf("b", lit(2), "a", lit(1), "b", lit(3)); };
  EXPECT_EQ(show(evalExpr(m())), "{a: 1, b: 3}");  // sorted, last duplicate wins
  EXPECT_EQ(show(evalExpr(prop(m(), "a"))), "1");
  EXPECT_EQ(show(evalExpr(prop(m(), "zz"))), "null");
  EXPECT_EQ(show(evalExpr(index(m(), lit("b")))), "3");
  EXPECT_EQ(show(evalExpr(prop(null(), "a"))), "null");
  EXPECT_EQ(errorOf(prop(lit(1), "a")), "TypeError");
  EXPECT_EQ(errorOf(index(m(), lit(1))), "TypeError");
}

TEST(Index, ListIndexing) {
  EXPECT_EQ(show(evalExpr(index(ints({1, 2, 3}), lit(0)))), "1");
  EXPECT_EQ(show(evalExpr(index(ints({1, 2, 3}), lit(-1)))), "3");
  EXPECT_EQ(show(evalExpr(index(ints({1, 2, 3}), lit(3)))), "null");
  EXPECT_EQ(show(evalExpr(index(ints({1, 2, 3}), lit(-4)))), "null");
  EXPECT_EQ(show(evalExpr(index(ints({1, 2, 3}), null()))), "null");
  EXPECT_EQ(show(evalExpr(index(null(), lit(0)))), "null");
  EXPECT_EQ(errorOf(index(ints({1}), lit(0.0))), "TypeError");
  EXPECT_EQ(errorOf(index(ints({1}), lit("0"))), "TypeError");
  EXPECT_EQ(errorOf(index(lit(true), lit(0))), "TypeError");
}

TEST(Slice, BoundsNegativeOmittedAndNull) {
  auto s = [](ExprPtr from, ExprPtr to) {
    return show(evalExpr(slice(ints({1, 2, 3}), std::move(from), std::move(to))));
  };
  EXPECT_EQ(s(lit(1), lit(3)), "[2, 3]");
  EXPECT_EQ(s(nullptr, lit(2)), "[1, 2]");
  EXPECT_EQ(s(lit(1), nullptr), "[2, 3]");
  EXPECT_EQ(s(lit(0), lit(0)), "[]");
  EXPECT_EQ(s(lit(-3), lit(-1)), "[1, 2]");
  EXPECT_EQ(s(lit(3), lit(1)), "[]");
  EXPECT_EQ(s(lit(-5), lit(5)), "[1, 2, 3]");
  EXPECT_EQ(s(null(), lit(3)), "null");
  EXPECT_EQ(s(lit(1), null()), "null");
  EXPECT_EQ(errorOf(slice(lit("abc"), lit(0), lit(1))), "TypeError");
}

TEST(Case, SimpleAndSearched) {
  auto simple = [](Value subject) {
    auto e = make(ExprKind::kCase);
    e->children.push_back(lit(std::move(subject)));
    e->children.push_back(lit(1));
    e->children.push_back(lit("one"));
    e->children.push_back(lit(2));
    e->children.push_back(lit("two"));
    e->children.push_back(lit("other"));
    e->has_else = true;
    return show(evalExpr(e));
  };
  EXPECT_EQ(simple(1.0), "'one'");
  EXPECT_EQ(simple(2), "'two'");
  EXPECT_EQ(simple(Value()), "'other'");  // null matches nothing
  auto searched = make(ExprKind::kCase);
  searched->children.push_back(nullptr);
  searched->children.push_back(null());
  searched->children.push_back(lit("null-when"));
  searched->children.push_back(bin(Op::kGt, var("x"), lit(1)));
  searched->children.push_back(lit("big"));
  EXPECT_EQ(show(evalExpr(*searched, {"x"}, {RValue(5)})), "'big'");
  EXPECT_EQ(show(evalExpr(*searched, {"x"}, {RValue(0)})), "null");  // no ELSE
}

TEST(Case, UnreachedBranchDoesNotFailAtCompileTime) {
  // CASE WHEN false THEN 1/0 ELSE 7 END: folding 1/0 fails, so it is left for run time.
  auto e = make(ExprKind::kCase);
  e->children.push_back(nullptr);
  e->children.push_back(lit(false));
  e->children.push_back(bin(Op::kDiv, lit(1), lit(0)));
  e->children.push_back(lit(7));
  e->has_else = true;
  EXPECT_EQ(show(evalExpr(e)), "7");
}

TEST(ListComprehension, FilterAndProject) {
  // [x IN [1,2,3,4] WHERE x % 2 = 0 | x * 10]
  auto e =
      comprehension("x", ints({1, 2, 3, 4}), bin(Op::kEq, bin(Op::kMod, var("x"), lit(2)), lit(0)),
                    bin(Op::kMul, var("x"), lit(10)));
  EXPECT_EQ(show(evalExpr(e)), "[20, 40]");
  EXPECT_EQ(show(evalExpr(comprehension("x", ints({1, 2}), nullptr, nullptr))), "[1, 2]");
  EXPECT_EQ(show(evalExpr(comprehension("x", null(), nullptr, nullptr))), "null");
  EXPECT_EQ(errorOf(comprehension("x", lit(1), nullptr, nullptr)), "TypeError");
}

TEST(ListComprehension, VariableShadowsAndIsRestored) {
  // With an outer x = 100: [x IN [1,2] | x + 1] + x  => [2, 3, 100]
  auto e = bin(Op::kAdd, comprehension("x", ints({1, 2}), nullptr, bin(Op::kAdd, var("x"), lit(1))),
               var("x"));
  EXPECT_EQ(show(evalExpr(*e, {"x"}, {RValue(100)})), "[2, 3, 100]");
  // Nested: [x IN [[1,2],[3]] | [y IN x | y * 2]]
  auto nested =
      comprehension("x", list(ints({1, 2}), ints({3})), nullptr,
                    comprehension("y", var("x"), nullptr, bin(Op::kMul, var("y"), lit(2))));
  EXPECT_EQ(show(evalExpr(nested)), "[[2, 4], [6]]");
}

TEST(Quantifiers, NullSemantics) {
  auto q = [](Op op, ExprPtr src) {
    return show(evalExpr(quantifier(op, "x", std::move(src), bin(Op::kGt, var("x"), lit(1)))));
  };
  EXPECT_EQ(q(Op::kAll, ints({2, 3})), "true");
  EXPECT_EQ(q(Op::kAll, ints({2, 0})), "false");
  EXPECT_EQ(q(Op::kAll, list(lit(2), null())), "null");
  EXPECT_EQ(q(Op::kAll, list(lit(0), null())), "false");
  EXPECT_EQ(q(Op::kAll, ints({})), "true");
  EXPECT_EQ(q(Op::kAny, ints({0, 3})), "true");
  EXPECT_EQ(q(Op::kAny, list(lit(0), null())), "null");
  EXPECT_EQ(q(Op::kAny, list(lit(5), null())), "true");
  EXPECT_EQ(q(Op::kAny, ints({})), "false");
  EXPECT_EQ(q(Op::kNone_, ints({0, 1})), "true");
  EXPECT_EQ(q(Op::kNone_, list(lit(0), null())), "null");
  EXPECT_EQ(q(Op::kNone_, list(lit(5), null())), "false");
  EXPECT_EQ(q(Op::kSingle, ints({0, 5})), "true");
  EXPECT_EQ(q(Op::kSingle, ints({5, 5})), "false");
  EXPECT_EQ(q(Op::kSingle, list(lit(5), null())), "null");
  EXPECT_EQ(q(Op::kSingle, list(lit(5), lit(6), null())), "false");
  EXPECT_EQ(q(Op::kSingle, ints({})), "false");
  EXPECT_EQ(q(Op::kAll, null()), "null");
}

TEST(CompileErrors, UnknownFunctionWithHint) {
  try {
    evalExpr(fn("flor", lit(1.5)));
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
    EXPECT_STREQ(e.what(), "Unknown function 'flor' (did you mean 'floor'?)");
  }
  EXPECT_EQ(messageOf(fn("qqqqqqqq")), "Unknown function 'qqqqqqqq'");
  EXPECT_EQ(suggestFunction("TOUPER"), "toUpper");
  EXPECT_TRUE(isKnownFunction("TOUPPER"));
  EXPECT_TRUE(isKnownFunction("count"));
  EXPECT_FALSE(isKnownFunction("nope"));
}

TEST(CompileErrors, ArityDistinctAndAggregates) {
  EXPECT_EQ(messageOf(fn("toUpper", lit("a"), lit("b"))),
            "Function 'toUpper' expects 1 argument, got 2");
  EXPECT_EQ(messageOf(fn("substring", lit("a"))),
            "Function 'substring' expects 2 to 3 arguments, got 1");
  EXPECT_EQ(errorOf(fn("coalesce")), "SyntaxError");
  auto d = fn("toUpper", lit("a"));
  d->distinct = true;
  EXPECT_EQ(errorOf(d), "SyntaxError");
  EXPECT_EQ(errorOf(fn("count", lit(1))), "SyntaxError");
  EXPECT_EQ(errorOf(make(ExprKind::kCountStar)), "SyntaxError");
}

TEST(Aggregates, Detection) {
  EXPECT_TRUE(isAggregate("COUNT"));
  EXPECT_TRUE(isAggregate("percentileDisc"));
  EXPECT_FALSE(isAggregate("size"));
  EXPECT_TRUE(containsAggregate(*bin(Op::kAdd, fn("sum", var("x")), lit(1))));
  EXPECT_TRUE(containsAggregate(*make(ExprKind::kCountStar)));
  EXPECT_FALSE(containsAggregate(*fn("size", var("x"))));
  // Only the list of a comprehension counts, not its body.
  EXPECT_FALSE(containsAggregate(*comprehension("x", var("l"), nullptr, fn("max", var("x")))));
  EXPECT_TRUE(containsAggregate(*comprehension("x", fn("collect", var("l")), nullptr, nullptr)));
}

TEST(Folding, ConstantSubtreesEvaluateOnce) {
  // A folded tree gives the same answer as an unfolded one, and rand() is never folded.
  TestScope scope;
  auto p = compileExpression(*bin(Op::kAdd, lit(1), bin(Op::kMul, lit(2), lit(3))), scope);
  Row row;
  EvalContext ctx;
  EXPECT_EQ(show(p->eval(row, ctx)), "7");
  auto r = compileExpression(*fn("rand"), scope);
  double a = r->eval(row, ctx).asFloat(), b = r->eval(row, ctx).asFloat(),
         c = r->eval(row, ctx).asFloat();
  EXPECT_FALSE(a == b && b == c);
}

TEST(Exists, PropertyForm) {
  auto e = make(ExprKind::kExists);
  e->children.push_back(prop(mapOf("a", lit(1)), "a"));
  EXPECT_EQ(show(evalExpr(e)), "true");
  EXPECT_EQ(show(evalExpr(fn("exists", prop(mapOf("a", lit(1)), "b")))), "false");
}

}  // namespace
}  // namespace entente::query::testing
