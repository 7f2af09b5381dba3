// Aggregates: null skipping, DISTINCT by equivalence, empty groups, mixed types, errors.
#include <cmath>
#include <limits>

#include "tests/expr/expr_test_util.h"

namespace entente::query::testing {
namespace {

RValue agg(std::string_view name, std::vector<RValue> values, bool distinct = false,
           std::vector<RValue> extra = {}) {
  auto a = makeAggregator(name, distinct, extra);
  for (const auto& v : values) a->add(v);
  return a->result();
}
std::string aggShow(std::string_view name, std::vector<RValue> values, bool distinct = false,
                    std::vector<RValue> extra = {}) {
  return show(agg(name, std::move(values), distinct, std::move(extra)));
}
std::string aggError(std::string_view name, std::vector<RValue> values,
                     std::vector<RValue> extra = {}) {
  try {
    agg(name, std::move(values), false, std::move(extra));
  } catch (const QueryError& e) {
    return std::string(entente::name(e.code()));
  }
  return "";
}
const RValue N;

TEST(Aggregates, CountSkipsNullsAndCountsDistinct) {
  EXPECT_EQ(aggShow("count", {1, N, 2, 1}), "3");
  EXPECT_EQ(aggShow("COUNT", {1, N, 2, 1.0}, true), "2");  // 1 ≡ 1.0
  EXPECT_EQ(aggShow("count", {}), "0");
  EXPECT_EQ(aggShow("count", {N, N}, true), "0");
}

TEST(Aggregates, SumKeepsIntegersUntilAFloat) {
  EXPECT_EQ(aggShow("sum", {1, 2, N, 3}), "6");
  EXPECT_TRUE(agg("sum", {1, 2}).isInt());
  EXPECT_EQ(aggShow("sum", {1, 2.5}), "3.5");
  EXPECT_EQ(aggShow("sum", {}), "0");
  EXPECT_EQ(aggShow("sum", {2, 2, 3}, true), "5");
  // TCK Aggregation3 [2]: no overflow for values that fit.
  EXPECT_EQ(aggShow("sum", {int64_t{2000000000}, int64_t{1004498500}}), "3004498500");
  EXPECT_EQ(aggError("sum", {std::numeric_limits<int64_t>::max(), 1}), "ArgumentError");
  EXPECT_EQ(aggError("sum", {1, "a"}), "TypeError");
}

TEST(Aggregates, AvgIsFloatAndNullWhenEmpty) {
  EXPECT_EQ(aggShow("avg", {1, 2, N}), "1.5");
  EXPECT_EQ(aggShow("avg", {}), "null");
  EXPECT_EQ(aggShow("avg", {N}), "null");
  EXPECT_EQ(aggError("avg", {true}), "TypeError");
}

TEST(Aggregates, MinMaxUseOrderabilityAcrossTypes) {
  EXPECT_EQ(aggShow("max", {1, 3.5, 2}), "3.5");
  EXPECT_EQ(aggShow("min", {"b", "a"}), "'a'");
  EXPECT_EQ(aggShow("max", {RList{1}, RList{2}, RList{2, 1}}), "[2, 1]");
  EXPECT_EQ(aggShow("min", {RList{1}, RList{2}, RList{2, 1}}), "[1]");
  // TCK Aggregation2 [11]/[12]: [1, 'a', null, [1, 2], 0.2, 'b'].
  std::vector<RValue> mixed = {1, "a", N, RList{1, 2}, 0.2, "b"};
  EXPECT_EQ(aggShow("max", mixed), "1");
  EXPECT_EQ(aggShow("min", mixed), "[1, 2]");
  EXPECT_EQ(aggShow("min", {}), "null");
  EXPECT_EQ(aggShow("max", {N}), "null");
}

TEST(Aggregates, CollectSkipsNullsDistinctKeepsFirstSeenOrder) {
  EXPECT_EQ(aggShow("collect", {1, N, 2, 1}), "[1, 2, 1]");
  EXPECT_EQ(aggShow("collect", {1, N, 2, 1.0, "x"}, true), "[1, 2, 'x']");
  EXPECT_EQ(aggShow("collect", {N, N}, true), "[]");
  EXPECT_EQ(aggShow("collect", {}), "[]");
  EXPECT_EQ(aggShow("collect", {RList{1, N}, RList{1.0, N}}, true), "[[1, null]]");
}

TEST(Aggregates, StandardDeviation) {
  // 2, 4, 4, 4, 5, 5, 7, 9: population sd 2, sample sd sqrt(32/7).
  std::vector<RValue> v = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(agg("stDevP", v).asFloat(), 2.0);
  EXPECT_DOUBLE_EQ(agg("stDev", v).asFloat(), std::sqrt(32.0 / 7.0));
  EXPECT_EQ(aggShow("stDev", {5}), "0.0");
  EXPECT_EQ(aggShow("stDevP", {}), "0.0");
}

TEST(Aggregates, Percentiles) {
  std::vector<RValue> prices = {10.0, 20.0, 30.0};
  EXPECT_EQ(aggShow("percentileDisc", prices, false, {0.0}), "10.0");
  EXPECT_EQ(aggShow("percentileDisc", prices, false, {0.5}), "20.0");
  EXPECT_EQ(aggShow("percentileDisc", prices, false, {1.0}), "30.0");
  EXPECT_EQ(aggShow("percentileCont", prices, false, {0.0}), "10.0");
  EXPECT_EQ(aggShow("percentileCont", prices, false, {0.5}), "20.0");
  EXPECT_EQ(aggShow("percentileCont", prices, false, {0.25}), "15.0");
  EXPECT_EQ(aggShow("percentileDisc", {3, 1, 2, N}, false, {0.5}), "2");
  EXPECT_EQ(aggShow("percentileCont", {}, false, {0.5}), "null");
  EXPECT_EQ(aggError("percentileDisc", {}, {1.1}), "ArgumentError");
  EXPECT_EQ(aggError("percentileCont", {}, {-1}), "ArgumentError");
  EXPECT_EQ(aggError("percentileCont", {}, {1000}), "ArgumentError");
  EXPECT_EQ(aggError("percentileCont", {}, {"half"}), "TypeError");
  EXPECT_EQ(aggError("percentileCont", {"x"}, {0.5}), "TypeError");
}

TEST(Aggregates, UnknownNameIsSyntaxError) { EXPECT_EQ(aggError("median", {}), "SyntaxError"); }

}  // namespace
}  // namespace entente::query::testing
