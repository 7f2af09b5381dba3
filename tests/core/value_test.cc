// Tests of entente::Value and entente::Date (core/).
#include <gtest/gtest.h>

#include "entente/value.h"

namespace entente {
namespace {

TEST(DateTest, ParsesAndPrintsIsoDates) {
  Date d;
  ASSERT_TRUE(Date::parse("2024-12-01", &d));
  EXPECT_EQ(d.toString(), "2024-12-01");
  ASSERT_TRUE(Date::parse("1970-01-01", &d));
  EXPECT_EQ(d.days, 0);
  ASSERT_TRUE(Date::parse("2024-02-29", &d));  // leap year
  EXPECT_EQ(d.toString(), "2024-02-29");
}

TEST(DateTest, YearAndMonthPrecisionMeanTheFirstDay) {
  Date d;
  ASSERT_TRUE(Date::parse("2020", &d));
  EXPECT_EQ(d.toString(), "2020-01-01");
  ASSERT_TRUE(Date::parse("2016-09", &d));
  EXPECT_EQ(d.toString(), "2016-09-01");
}

TEST(DateTest, RejectsInvalidDates) {
  Date d;
  for (const char* bad : {"", "2024-13-01", "2023-02-29", "2024-11-31", "24-01-01", "2024/01/01",
                          "2024-01-01x", "abcd", "2024-1-1", "2024-00-10"}) {
    EXPECT_FALSE(Date::parse(bad, &d)) << bad;
  }
}

TEST(DateTest, RoundTripsEveryDayOverFourCenturies) {
  for (int32_t days = -146097; days <= 146097; days += 7) {
    Date d{days};
    Date back;
    if (d.toString()[0] == '-') continue;  // negative years have no ISO form we parse
    ASSERT_TRUE(Date::parse(d.toString(), &back)) << d.toString();
    EXPECT_EQ(back.days, days);
  }
}

TEST(DateTest, OrdersByDay) {
  Date a, b;
  ASSERT_TRUE(Date::parse("2024-11-30", &a));
  ASSERT_TRUE(Date::parse("2024-12-01", &b));
  EXPECT_LT(a, b);
  EXPECT_EQ(b.days - a.days, 1);
}

TEST(ValueTest, IntAndFloatAreDistinct) {
  EXPECT_FALSE(Value(int64_t{1}) == Value(1.0));
  EXPECT_EQ(Value(1.0).toCypher(), "1.0");
  EXPECT_EQ(Value(int64_t{1}).toCypher(), "1");
  EXPECT_EQ(Value(0.1).toCypher(), "0.1");
  EXPECT_EQ(Value(1e300).toCypher(), "1e+300");
}

TEST(ValueTest, RendersCypherLiterals) {
  Map m{{"name", Value("Turkey")}, {"since", Value(Date::fromCivil(2024, 12, 1))}};
  EXPECT_EQ(Value(m).toCypher(), "{name: 'Turkey', since: date('2024-12-01')}");
  EXPECT_EQ(Value(List{Value(1), Value(nullptr), Value("it's")}).toCypher(), "[1, null, 'it\\'s']");
  Node n{7, {"State"}, {{"name", Value("Turkey")}}};
  EXPECT_EQ(Value(n).toCypher(), "(:State {name: 'Turkey'})");
}

TEST(ValueTest, StorableExcludesGraphValues) {
  EXPECT_TRUE(Value(List{Value(1), Value(Map{{"a", Value(2)}})}).isStorable());
  EXPECT_FALSE(Value(List{Value(Node{})}).isStorable());
  EXPECT_FALSE(Value(Relationship{}).isStorable());
}

}  // namespace
}  // namespace entente

namespace entente {
namespace {

TEST(ValueTest, FloatsUsePlainNotationForEverydayMagnitudes) {
  EXPECT_EQ(Value(1500.0).toCypher(), "1500.0");
  EXPECT_EQ(Value(List{Value(1.5), Value(1500.0)}).toCypher(), "[1.5, 1500.0]");
  EXPECT_EQ(Value(-0.25).toCypher(), "-0.25");
  EXPECT_EQ(Value(1e-7).toCypher(), "1e-07");
}

}  // namespace
}  // namespace entente
