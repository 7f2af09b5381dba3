// The valid-time rule (storage/valid_time.h): since <= t < until, open ends, non-dates open,
// the same answer over values, decoded maps and encoded properties; and the "date or ISO
// date string" coercion.
#include "storage/valid_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "storage/property_codec.h"

namespace entente::storage {
namespace {

Date day(int y, int m, int d) { return Date::fromCivil(y, m, d); }

TEST(ValidTime, CoercesDatesAndIsoDateStringsOnly) {
  EXPECT_EQ(dateOrIsoString(Value(day(2024, 11, 27))), day(2024, 11, 27));
  EXPECT_EQ(dateOrIsoString(Value("2024-11-27")), day(2024, 11, 27));
  EXPECT_EQ(dateOrIsoString(Value("2016-09")), day(2016, 9, 1));
  EXPECT_EQ(dateOrIsoString(Value("2020")), day(2020, 1, 1));
  EXPECT_EQ(dateOrIsoString(Value("2024-02-30")), std::nullopt);
  EXPECT_EQ(dateOrIsoString(Value("yesterday")), std::nullopt);
  EXPECT_EQ(dateOrIsoString(Value()), std::nullopt);
  EXPECT_EQ(dateOrIsoString(Value(int64_t{20241127})), std::nullopt);
  EXPECT_EQ(dateOrIsoString(Value(true)), std::nullopt);
}

TEST(ValidTime, SinceIsInclusiveUntilIsExclusive) {
  const std::optional<Date> since = day(2020, 1, 1), until = day(2021, 1, 1);
  EXPECT_FALSE(validAt(since, until, day(2019, 12, 31)));
  EXPECT_TRUE(validAt(since, until, *since));
  EXPECT_TRUE(validAt(since, until, day(2020, 12, 31)));
  EXPECT_FALSE(validAt(since, until, *until));
  // An empty interval holds nowhere.
  EXPECT_FALSE(validAt(since, since, *since));
}

TEST(ValidTime, AbsentBoundsAreOpen) {
  const Date t = day(1990, 6, 1);
  using D = std::optional<Date>;
  EXPECT_TRUE(validAt(D(), D(), t));
  EXPECT_TRUE(validAt(D(), day(1990, 6, 2), t));
  EXPECT_FALSE(validAt(D(), t, t));
  EXPECT_TRUE(validAt(t, D(), t));
  EXPECT_FALSE(validAt(day(1990, 6, 2), D(), t));
}

TEST(ValidTime, NonDateBoundsAreOpen) {
  const Date t = day(2024, 1, 1);
  using V = std::optional<Value>;
  EXPECT_TRUE(validAtValues(V(Value("not a date")), V(Value("")), t));
  EXPECT_TRUE(validAtValues(V(Value(int64_t{2030})), V(Value(1.5)), t));
  EXPECT_TRUE(validAtValues(V(Value()), V(Value(List{Value("2000-01-01")})), t));
  // ISO strings count as dates.
  EXPECT_FALSE(validAtValues(V(Value("2024-01-02")), V(), t));
  EXPECT_FALSE(validAtValues(V(), V(Value("2024-01-01")), t));
  EXPECT_TRUE(validAtValues(V(Value("2023")), V(Value("2024-01-02")), t));
}

//! The rule through every representation: bound values, a decoded map, encoded bytes.
void expectEverywhere(const std::optional<Value>& since, const std::optional<Value>& until, Date t,
                      bool expected) {
  SCOPED_TRACE("at " + t.toString());
  EXPECT_EQ(validAtValues(since, until, t), expected);
  Map m;
  if (since) m["since"] = *since;
  if (until) m["until"] = *until;
  m["confidence"] = Value(0.5);
  EXPECT_EQ(validAt(m, t), expected);
  // Encoded: key ids 2 (since) and 5 (until) around other keys.
  const KeyId other = 1, since_key = 2, middle = 3, until_key = 5;
  Properties props = {{other, Value("x")}, {middle, Value(List{Value(int64_t{1})})}};
  if (since) props.emplace_back(since_key, *since);
  if (until) props.emplace_back(until_key, *until);
  std::sort(props.begin(), props.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string raw = encodeProperties(props);
  EXPECT_EQ(validAtEncoded(raw, {since_key, until_key}, t), expected);
  // Keys never interned: nothing constrains.
  EXPECT_TRUE(validAtEncoded(raw, {}, t));
}

TEST(ValidTime, ValuesMapsAndEncodedPropertiesAgree) {
  const Value since(day(2011, 3, 15)), until("2013-04-09");
  for (auto [t, expected] : {std::pair{day(2011, 3, 14), false}, std::pair{day(2011, 3, 15), true},
                             std::pair{day(2013, 4, 8), true}, std::pair{day(2013, 4, 9), false}}) {
    expectEverywhere(since, until, t, expected);
    expectEverywhere(since, std::nullopt, t, t >= day(2011, 3, 15));
    expectEverywhere(std::nullopt, until, t, t < day(2013, 4, 9));
    expectEverywhere(Value("someday"), until, t, t < day(2013, 4, 9));
  }
}

TEST(ValidTime, MalformedEncodedBoundsReadAsOpen) {
  EXPECT_TRUE(
      validAtEncoded(std::string("\x02\x06", 2), {2, 5}, day(2000, 1, 1)));  // truncated date
  EXPECT_TRUE(validAtEncoded("", {2, 5}, day(2000, 1, 1)));
}

}  // namespace
}  // namespace entente::storage
