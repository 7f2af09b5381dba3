// Expressions: precedence and associativity (openCypher 9), every expression form, and the
// source text kept for column names.
#include <gtest/gtest.h>

#include "ast_dump.h"
#include "query/parse/parser.h"

namespace entente::query {
namespace {

using testing::parseExpr;

TEST(ExpressionTest, ArithmeticPrecedenceAndAssociativity) {
  EXPECT_EQ(parseExpr("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(parseExpr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(parseExpr("1 - 2 - 3"), "(- (- 1 2) 3)");
  EXPECT_EQ(parseExpr("8 / 4 / 2"), "(/ (/ 8 4) 2)");
  EXPECT_EQ(parseExpr("7 % 3 * 2"), "(* (% 7 3) 2)");
  EXPECT_EQ(parseExpr("2 ^ 3 ^ 2"), "(^ (^ 2 3) 2)");  // left-associative, as in Neo4j
  EXPECT_EQ(parseExpr("2 * 3 ^ 2"), "(* 2 (^ 3 2))");
  EXPECT_EQ(parseExpr("-2 ^ 2"), "(^ -2 2)");  // unary binds tighter than ^
  EXPECT_EQ(parseExpr("-x ^ 2"), "(^ (neg x) 2)");
  EXPECT_EQ(parseExpr("- -x"), "(neg (neg x))");
  EXPECT_EQ(parseExpr("+x"), "(pos x)");
  EXPECT_EQ(parseExpr("-a.b"), "(neg (. a b))");
  EXPECT_EQ(parseExpr("1 - -2"), "(- 1 -2)");
}

TEST(ExpressionTest, BooleanPrecedence) {
  EXPECT_EQ(parseExpr("a OR b AND c"), "(or a (and b c))");
  EXPECT_EQ(parseExpr("a XOR b OR c"), "(or (xor a b) c)");
  EXPECT_EQ(parseExpr("a AND b XOR c"), "(xor (and a b) c)");
  EXPECT_EQ(parseExpr("NOT a AND b"), "(and (not a) b)");
  EXPECT_EQ(parseExpr("NOT a = b"), "(not (= a b))");
  EXPECT_EQ(parseExpr("NOT NOT a"), "(not (not a))");
  EXPECT_EQ(parseExpr("a = 1 OR b <> 2"), "(or (= a 1) (<> b 2))");
}

TEST(ExpressionTest, LongAndOrChainsAreBalanced) {
  EXPECT_EQ(parseExpr("a OR b OR c OR d"), "(or (or a b) (or c d))");
  EXPECT_EQ(parseExpr("a AND b AND c"), "(and a (and b c))");
  std::string many = "x = 0";
  for (int i = 1; i < 5000; ++i) many += " OR x = " + std::to_string(i);
  EXPECT_NO_THROW(parse("MATCH (x) WHERE " + many + " RETURN x"));
}

TEST(ExpressionTest, Comparisons) {
  EXPECT_EQ(parseExpr("a = b"), "(= a b)");
  EXPECT_EQ(parseExpr("a <> b"), "(<> a b)");
  EXPECT_EQ(parseExpr("a < b"), "(< a b)");
  EXPECT_EQ(parseExpr("a <= b"), "(<= a b)");
  EXPECT_EQ(parseExpr("a > b"), "(> a b)");
  EXPECT_EQ(parseExpr("a >= b"), "(>= a b)");
  EXPECT_EQ(parseExpr("1 + 1 = 2"), "(= (+ 1 1) 2)");
  // Chained comparisons mean a conjunction, as openCypher defines them.
  EXPECT_EQ(parseExpr("1 < x <= 3"), "(and (< 1 x) (<= x 3))");
  EXPECT_EQ(parseExpr("a < b < c < d"), "(and (< a b) (and (< b c) (< c d)))");
}

TEST(ExpressionTest, StringListAndNullPredicates) {
  EXPECT_EQ(parseExpr("n.name STARTS WITH 'Al'"), "(starts-with (. n name) 'Al')");
  EXPECT_EQ(parseExpr("n.name ENDS WITH 'Front'"), "(ends-with (. n name) 'Front')");
  EXPECT_EQ(parseExpr("n.name CONTAINS 'Nusra'"), "(contains (. n name) 'Nusra')");
  EXPECT_EQ(parseExpr("n.name =~ 'H.*'"), "(=~ (. n name) 'H.*')");
  EXPECT_EQ(parseExpr("x IN [1, 2]"), "(in x [1, 2])");
  EXPECT_EQ(parseExpr("x IS NULL"), "(is-null x)");
  EXPECT_EQ(parseExpr("x.until IS NOT NULL"), "(is-not-null (. x until))");
  EXPECT_EQ(parseExpr("a + 1 IN l"), "(in (+ a 1) l)");
  EXPECT_EQ(parseExpr("x IN l = true"), "(= (in x l) true)");
  EXPECT_EQ(parseExpr("NOT x IS NULL"), "(not (is-null x))");
  EXPECT_EQ(parseExpr("a starts with 'x' and b is not null"),
            "(and (starts-with a 'x') (is-not-null b))");
}

TEST(ExpressionTest, PostfixOperators) {
  EXPECT_EQ(parseExpr("a.b.c"), "(. (. a b) c)");
  EXPECT_EQ(parseExpr("l[0]"), "(index l 0)");
  EXPECT_EQ(parseExpr("l[1..3]"), "(slice l 1 3)");
  EXPECT_EQ(parseExpr("l[..3]"), "(slice l _ 3)");
  EXPECT_EQ(parseExpr("l[1..]"), "(slice l 1 _)");
  EXPECT_EQ(parseExpr("l[-1]"), "(index l -1)");
  EXPECT_EQ(parseExpr("n.aliases[0].x"), "(. (index (. n aliases) 0) x)");
  EXPECT_EQ(parseExpr("n:State"), "(labels n State)");
  EXPECT_EQ(parseExpr("n:State:Actor"), "(labels n State Actor)");
  EXPECT_EQ(parseExpr("n:State AND m:ArmedGroup"), "(and (labels n State) (labels m ArmedGroup))");
  EXPECT_EQ(parseExpr("r.end"), "(. r end)");  // keywords are fine as property keys
  EXPECT_EQ(parseExpr("n.`full name`"), "(. n full name)");
}

TEST(ExpressionTest, Atoms) {
  EXPECT_EQ(parseExpr("$name"), "$name");
  EXPECT_EQ(parseExpr("$0"), "$0");
  EXPECT_EQ(parseExpr("$limit"), "$limit");
  EXPECT_EQ(parseExpr("who"), "who");
  EXPECT_EQ(parseExpr("`odd name`"), "odd name");
  EXPECT_EQ(parseExpr("`a``b`"), "a`b");
  EXPECT_EQ(parseExpr("[1, 'two', [3]]"), "[1, 'two', [3]]");
  EXPECT_EQ(parseExpr("[]"), "[]");
  EXPECT_EQ(parseExpr("{name: 'HTS', since: 2017}"), "{name: 'HTS', since: 2017}");
  EXPECT_EQ(parseExpr("{}"), "{}");
  EXPECT_EQ(parseExpr("{`a b`: 1, end: 2}"), "{a b: 1, end: 2}");
  EXPECT_EQ(parseExpr("(((1)))"), "1");
}

TEST(ExpressionTest, FunctionCalls) {
  EXPECT_EQ(parseExpr("toUpper(n.name)"), "(call toUpper (. n name))");
  EXPECT_EQ(parseExpr("coalesce(a, b, 'x')"), "(call coalesce a b 'x')");
  EXPECT_EQ(parseExpr("rand()"), "(call rand)");
  EXPECT_EQ(parseExpr("count(*)"), "count(*)");
  EXPECT_EQ(parseExpr("COUNT(*)"), "count(*)");
  EXPECT_EQ(parseExpr("count(x)"), "(call count x)");
  EXPECT_EQ(parseExpr("count(DISTINCT x)"), "(call distinct count x)");
  EXPECT_EQ(parseExpr("collect(distinct n.name)"), "(call distinct collect (. n name))");
  EXPECT_EQ(parseExpr("alliance.stance('Turkey', 'SDF')"), "(call alliance.stance 'Turkey' 'SDF')");
  EXPECT_EQ(parseExpr("type(r)"), "(call type r)");  // TYPE is a keyword, still a name
  EXPECT_EQ(parseExpr("date('2024-11-27')"), "(call date '2024-11-27')");
}

TEST(ExpressionTest, Exists) {
  EXPECT_EQ(parseExpr("exists(n.since)"), "(exists (. n since))");
  EXPECT_EQ(parseExpr("exists((a)-[:BACKS]->(b))"), "(exists (pattern (a)-[:BACKS]->(b)))");
  EXPECT_EQ(parseExpr("EXISTS { (a)-[:BACKS]->(:ArmedGroup) }"),
            "(exists (a)-[:BACKS]->(:ArmedGroup))");
  EXPECT_EQ(parseExpr("EXISTS { MATCH (a)-->(b) WHERE b.name = 'HTS' }"),
            "(exists (a)-->(b) (= (. b name) 'HTS'))");
}

TEST(ExpressionTest, CaseExpressions) {
  EXPECT_EQ(parseExpr("CASE WHEN x > 0 THEN 'pos' WHEN x < 0 THEN 'neg' ELSE 'zero' END"),
            "(case _ (when (> x 0) 'pos') (when (< x 0) 'neg') (else 'zero'))");
  EXPECT_EQ(parseExpr("CASE r.sign WHEN 1 THEN 'friend' WHEN -1 THEN 'foe' END"),
            "(case (. r sign) (when 1 'friend') (when -1 'foe'))");
  EXPECT_EQ(parseExpr("case when a then case when b then 1 end end"),
            "(case _ (when a (case _ (when b 1))))");
}

TEST(ExpressionTest, ComprehensionsAndQuantifiers) {
  EXPECT_EQ(parseExpr("[x IN range(1, 5) WHERE x % 2 = 0 | x * x]"),
            "(list-comp x (call range 1 5) (= (% x 2) 0) (* x x))");
  EXPECT_EQ(parseExpr("[x IN l | x.name]"), "(list-comp x l _ (. x name))");
  EXPECT_EQ(parseExpr("[x IN l WHERE x > 1]"), "(list-comp x l (> x 1) _)");
  EXPECT_EQ(parseExpr("all(r IN rels WHERE r.since < 2020)"), "(all r rels (< (. r since) 2020))");
  EXPECT_EQ(parseExpr("any(x IN l WHERE x = 1)"), "(any x l (= x 1))");
  EXPECT_EQ(parseExpr("none(x IN l WHERE x = 1)"), "(none x l (= x 1))");
  EXPECT_EQ(parseExpr("single(x IN l WHERE x = 1)"), "(single x l (= x 1))");
}

TEST(ExpressionTest, PatternPredicates) {
  EXPECT_EQ(parseExpr("(a)-[:BACKS]->(b)"), "(pattern (a)-[:BACKS]->(b))");
  EXPECT_EQ(parseExpr("(a)<--(\"Turkey\")"), "(pattern (a)<--(\"Turkey\"))");
  EXPECT_EQ(parseExpr("NOT (a)-[:FIGHTS]-(b)"), "(not (pattern (a)-[:FIGHTS]-(b)))");
  EXPECT_EQ(parseExpr("(a)"), "a");  // a parenthesised variable, not a pattern
}

TEST(ExpressionTest, PatternComprehensions) {
  EXPECT_EQ(parseExpr("[(a)-[:T]->(b) WHERE b.x > 1 | b.name]"),
            "(pattern-comp (a)-[:T]->(b) (> (. b x) 1) (. b name))");
  EXPECT_EQ(parseExpr("[p = (a)-->() | p]"), "(pattern-comp p = (a)-->() _ p)");
  EXPECT_EQ(parseExpr("[x IN l | x]"), "(list-comp x l _ x)");  // still a list comprehension
}

TEST(ExpressionTest, MapProjections) {
  // `.k` is stored as k: n.k and a variable item v as v: v.
  EXPECT_EQ(parseExpr("n {.name, .*, age: n.born + 1, other}"),
            "(map-proj n .* name: (. n name) age: (+ (. n born) 1) other: other)");
  EXPECT_EQ(parseExpr("n {}"), "(map-proj n)");
}

TEST(ExpressionTest, SourceTextIsKeptForColumnNames) {
  ast::Statement st = parse("MATCH (n) RETURN n.name, count( * ), toUpper(n.name) AS up, 1+2");
  const auto& items = std::get<ast::ReturnClause>(st.query.parts[0].clauses[1]).projection.items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].expr->text, "n.name");
  EXPECT_EQ(items[0].alias, "");
  EXPECT_EQ(items[1].expr->text, "count( * )");
  EXPECT_EQ(items[2].expr->text, "toUpper(n.name)");
  EXPECT_EQ(items[2].alias, "up");
  EXPECT_EQ(items[3].expr->text, "1+2");
}

TEST(ExpressionTest, PositionsAreOneBased) {
  ast::Statement st = parse("MATCH (n)\n  WHERE n.name = 'HTS'\nRETURN n");
  const auto& m = std::get<ast::MatchClause>(st.query.parts[0].clauses[0]);
  EXPECT_EQ(m.pos.line, 1);
  EXPECT_EQ(m.pos.column, 1);
  ASSERT_TRUE(m.where);
  EXPECT_EQ(m.where->pos.line, 2);
  EXPECT_EQ(m.where->pos.column, 9);                // the binary expression starts at n
  EXPECT_EQ(m.where->children[1]->pos.column, 18);  // 'HTS'
  EXPECT_EQ(m.pattern.parts[0].nodes[0].pos.column, 7);
}

}  // namespace
}  // namespace entente::query
