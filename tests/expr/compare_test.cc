// Value semantics: `=` vs comparability vs ORDER BY orderability vs DISTINCT equivalence.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "tests/expr/expr_test_util.h"

namespace entente::query::testing {
namespace {

RValue L(std::initializer_list<RValue> items) { return RList(items); }
RValue M(std::initializer_list<std::pair<std::string, RValue>> items) { return RMap(items); }
const double kNaN = std::nan("");

TEST(CypherEquals, ListsPropagateNullOnlyWhenUndecided) {
  EXPECT_EQ(cypherEquals(L({1, 2}), L({1, 2.0})), true);
  EXPECT_EQ(cypherEquals(L({1, 2}), L({1, 2, 3})), false);  // lengths differ
  EXPECT_EQ(cypherEquals(L({1, RValue()}), L({1, RValue(), 3})), false);
  EXPECT_EQ(cypherEquals(L({1, RValue()}), L({2, RValue()})), false);  // decided by 1 vs 2
  EXPECT_EQ(cypherEquals(L({1, RValue()}), L({1, 2})), std::nullopt);
  EXPECT_EQ(cypherEquals(L({L({1}), RValue()}), L({L({1}), 2})), std::nullopt);
  EXPECT_EQ(cypherEquals(L({}), L({})), true);
}

TEST(CypherEquals, MapsNodesAndKinds) {
  EXPECT_EQ(cypherEquals(M({{"a", 1}}), M({{"a", 1.0}})), true);
  EXPECT_EQ(cypherEquals(M({{"a", 1}}), M({{"b", 1}})), false);
  EXPECT_EQ(cypherEquals(M({{"a", RValue()}}), M({{"a", 1}})), std::nullopt);
  EXPECT_EQ(cypherEquals(RValue(NodeRef{1}), RValue(NodeRef{1})), true);
  EXPECT_EQ(cypherEquals(RValue(NodeRef{1}), RValue(NodeRef{2})), false);
  EXPECT_EQ(cypherEquals(RValue(RelRef{3, 1, 1, 2}), RValue(RelRef{3, 1, 1, 2})), true);
  EXPECT_EQ(cypherEquals(RValue("1"), RValue(1)), false);
  EXPECT_EQ(cypherEquals(RValue(kNaN), RValue(kNaN)), false);
  EXPECT_EQ(cypherEquals(RValue(), RValue()), std::nullopt);
}

TEST(CypherEquals, LargeIntegersAreNotRoundedThroughDouble) {
  int64_t big = (int64_t{1} << 53) + 1;
  EXPECT_EQ(cypherEquals(RValue(big), RValue(static_cast<double>(big))), false);
  EXPECT_EQ(
      cypherEquals(RValue(std::numeric_limits<int64_t>::max()), RValue(9223372036854775808.0)),
      false);
}

TEST(CypherCompare, OnlyWithinAFamily) {
  EXPECT_EQ(cypherCompare(RValue(1), RValue(1.5)), -1);
  EXPECT_EQ(cypherCompare(RValue("b"), RValue("a")), 1);
  EXPECT_EQ(cypherCompare(RValue(true), RValue(true)), 0);
  EXPECT_EQ(cypherCompare(RValue(Date{5}), RValue(Date{4})), 1);
  EXPECT_EQ(cypherCompare(RValue(1), RValue("1")), std::nullopt);
  EXPECT_EQ(cypherCompare(RValue(NodeRef{1}), RValue(NodeRef{2})), std::nullopt);
  EXPECT_EQ(cypherCompare(M({}), M({})), std::nullopt);
  EXPECT_EQ(cypherCompare(L({1, "a"}), L({1, 2})), std::nullopt);
  EXPECT_EQ(cypherCompare(L({1, "a"}), L({2, 2})), -1);  // decided before the mismatch
}

TEST(OrderCompare, TotalOrderAcrossKinds) {
  // Ascending: maps, nodes, relationships, lists, paths, strings, booleans, numbers, dates, null.
  std::vector<RValue> values = {RValue(),
                                RValue(Date{0}),
                                RValue(kNaN),
                                RValue(2),
                                RValue(1.5),
                                RValue(true),
                                RValue(false),
                                RValue("b"),
                                RValue("a"),
                                RValue(PathRef{{NodeRef{1}}, {}}),
                                L({2}),
                                L({1, 2}),
                                L({1}),
                                RValue(RelRef{1, 1, 1, 2}),
                                RValue(NodeRef{7}),
                                RValue(NodeRef{3}),
                                M({{"a", 1}})};
  std::shuffle(values.begin(), values.end(), std::mt19937(42));
  std::sort(values.begin(), values.end(),
            [](const RValue& a, const RValue& b) { return orderCompare(a, b) < 0; });
  std::string out;
  for (const auto& v : values) out += show(v) + " ";
  EXPECT_EQ(out,
            "{a: 1} (#3) (#7) [#1] [1] [1, 2] [2] <path> 'a' 'b' false true 1.5 2 NaN "
            "date('1970-01-01') null ");
}

TEST(OrderCompare, NumbersMixAndNaNIsLargest) {
  EXPECT_EQ(orderCompare(RValue(1), RValue(1.0)), 0);
  EXPECT_LT(orderCompare(RValue(1), RValue(1.5)), 0);
  EXPECT_LT(orderCompare(RValue(std::numeric_limits<double>::infinity()), RValue(kNaN)), 0);
  EXPECT_EQ(orderCompare(RValue(kNaN), RValue(kNaN)), 0);
  EXPECT_LT(orderCompare(RValue(-1), RValue()), 0);
}

TEST(Equivalence, NullAndNaNAreEquivalentToThemselves) {
  EXPECT_TRUE(equivalent(RValue(), RValue()));
  EXPECT_TRUE(equivalent(RValue(kNaN), RValue(kNaN)));
  EXPECT_TRUE(equivalent(RValue(1), RValue(1.0)));
  EXPECT_TRUE(equivalent(L({1, RValue()}), L({1.0, RValue()})));
  EXPECT_FALSE(equivalent(RValue(1), RValue("1")));
  EXPECT_FALSE(equivalent(RValue(), RValue(0)));
}

TEST(Equivalence, HashAgreesWithEquivalence) {
  std::vector<std::pair<RValue, RValue>> same = {{RValue(1), RValue(1.0)},
                                                 {RValue(0), RValue(-0.0)},
                                                 {RValue(kNaN), RValue(-kNaN)},
                                                 {L({1, "a"}), L({1.0, "a"})},
                                                 {M({{"k", 2}}), M({{"k", 2.0}})},
                                                 {RValue(), RValue()},
                                                 {RValue(NodeRef{4}), RValue(NodeRef{4})}};
  for (auto& [a, b] : same) {
    ASSERT_TRUE(equivalent(a, b)) << show(a);
    EXPECT_EQ(equivalenceHash(a), equivalenceHash(b)) << show(a);
  }
  EXPECT_NE(equivalenceHash(RValue(1)), equivalenceHash(RValue(2)));
}

TEST(ToPredicate, OnlyBooleansAndNull) {
  EXPECT_EQ(toPredicate(RValue(true), {}), true);
  EXPECT_EQ(toPredicate(RValue(false), {}), false);
  EXPECT_EQ(toPredicate(RValue(), {}), std::nullopt);
  try {
    toPredicate(RValue(1), {2, 7});
    FAIL() << "expected a TypeError";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kTypeError);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 7);
  }
}

}  // namespace
}  // namespace entente::query::testing
