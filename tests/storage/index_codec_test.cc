// The index value encoding: byte order is value order within a type class (random values of
// every class), integers and floats share one order and equal numbers encode alike, type
// classes never interleave, string prefixes are key prefixes, and the seek intervals.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "storage/index_key_codec.h"

namespace entente::storage {
namespace {

using ikeys::encodeValue;

// Exact numeric comparison (long double holds every int64 and every double exactly).
int numCmp(const Value& a, const Value& b) {
  long double x = a.isInt() ? static_cast<long double>(a.asInt()) : a.asFloat();
  long double y = b.isInt() ? static_cast<long double>(b.asInt()) : b.asFloat();
  return x < y ? -1 : x > y ? 1 : 0;
}

int sign(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

Value randomNumber(std::mt19937_64& rng) {
  static const int64_t edges[] = {0,
                                  1,
                                  -1,
                                  (int64_t{1} << 53),
                                  (int64_t{1} << 53) + 1,
                                  -(int64_t{1} << 53) - 1,
                                  std::numeric_limits<int64_t>::max(),
                                  std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max() - 1,
                                  (int64_t{1} << 62) + 511};
  switch (rng() % 7) {
    case 0: return Value(edges[rng() % std::size(edges)] + static_cast<int64_t>(rng() % 5) - 2);
    case 1: return Value(static_cast<int64_t>(rng()));  // anywhere in int64
    case 2: return Value(static_cast<int64_t>(rng() % 2001) - 1000);
    case 3: return Value(static_cast<double>(static_cast<int64_t>(rng() % 2001) - 1000) / 4);
    case 4: return Value(static_cast<double>(static_cast<int64_t>(rng())));  // big, integral
    case 5: {
      double d = std::ldexp(static_cast<double>(rng() % 1000000) - 500000,
                            static_cast<int>(rng() % 200) - 100);
      return Value(d);
    }
    default: {
      static const double specials[] = {0.0,
                                        -0.0,
                                        INFINITY,
                                        -INFINITY,
                                        9007199254740992.0,
                                        9223372036854775808.0,
                                        -9223372036854775808.0,
                                        1e308,
                                        -1e-308,
                                        0.5};
      return Value(specials[rng() % std::size(specials)]);
    }
  }
}

TEST(IndexCodecTest, NumbersOrderByValueAcrossIntAndFloat) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 200000; ++i) {
    Value a = randomNumber(rng), b = randomNumber(rng);
    int want = numCmp(a, b);
    int got = sign(encodeValue(a).compare(encodeValue(b)));
    ASSERT_EQ(want, got) << a.toCypher() << " vs " << b.toCypher();
  }
}

TEST(IndexCodecTest, EqualNumbersEncodeAlike) {
  EXPECT_EQ(encodeValue(Value(1)), encodeValue(Value(1.0)));
  EXPECT_EQ(encodeValue(Value(0)), encodeValue(Value(-0.0)));
  EXPECT_EQ(encodeValue(Value(int64_t{1} << 53)), encodeValue(Value(9007199254740992.0)));
  // 2^53 + 1 is no double: it differs from its nearest double (2^53) and sorts after it.
  EXPECT_LT(encodeValue(Value(9007199254740992.0)), encodeValue(Value((int64_t{1} << 53) + 1)));
  EXPECT_LT(encodeValue(Value(std::numeric_limits<int64_t>::max())),
            encodeValue(Value(9223372036854775808.0)));
  EXPECT_LT(encodeValue(Value(std::numeric_limits<int64_t>::max() - 1)),
            encodeValue(Value(std::numeric_limits<int64_t>::max())));
  EXPECT_EQ(encodeValue(Value(std::numeric_limits<int64_t>::min())),
            encodeValue(Value(-9223372036854775808.0)));
  EXPECT_EQ(encodeValue(Value(-5)).size(), 11u);
}

TEST(IndexCodecTest, NaNIsOneValueAfterInfinity) {
  Value nan1(std::nan("")), nan2(-std::nan("1"));
  EXPECT_EQ(encodeValue(nan1), encodeValue(nan2));
  EXPECT_LT(encodeValue(Value(INFINITY)), encodeValue(nan1));
  EXPECT_LT(encodeValue(nan1), encodeValue(Value("")));  // still a number
  EXPECT_TRUE(ikeys::isNaN(nan1));
}

std::string randomString(std::mt19937_64& rng) {
  static const char alphabet[] = {'\0', '\x01', 'a', 'b', '\xff', '\xc3', '\xa9', 'z'};
  std::string s(rng() % 6, ' ');
  for (char& c : s) c = alphabet[rng() % std::size(alphabet)];
  return s;
}

TEST(IndexCodecTest, StringsOrderByBytesAndPrefixesArePrefixes) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    std::string a = randomString(rng), b = randomString(rng);
    std::string ea = encodeValue(Value(a)), eb = encodeValue(Value(b));
    ASSERT_EQ(sign(a.compare(b)), sign(ea.compare(eb))) << i;
    // STARTS WITH: the encoding of b without its terminator is a prefix of a's encoding
    // exactly when a starts with b.
    std::string pb = eb.substr(0, eb.size() - 2);
    ASSERT_EQ(a.starts_with(b), ea.starts_with(pb)) << i;
  }
}

TEST(IndexCodecTest, CompositeTuplesOrderLexicographically) {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 50000; ++i) {
    std::string a1 = randomString(rng), b1 = randomString(rng);
    int64_t a2 = static_cast<int64_t>(rng() % 5) - 2, b2 = static_cast<int64_t>(rng() % 5) - 2;
    Properties pa{{1, Value(a1)}, {2, Value(a2)}}, pb{{1, Value(b1)}, {2, Value(b2)}};
    std::string ta, tb;
    ASSERT_TRUE(ikeys::encodeTuple(pa, {1, 2}, &ta));
    ASSERT_TRUE(ikeys::encodeTuple(pb, {1, 2}, &tb));
    int want = a1 != b1 ? sign(a1.compare(b1)) : (a2 < b2 ? -1 : a2 > b2);
    ASSERT_EQ(want, sign(ta.compare(tb)));
  }
}

TEST(IndexCodecTest, DatesBoolsAndClasses) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 10000; ++i) {
    Date a{static_cast<int32_t>(rng())}, b{static_cast<int32_t>(rng() % 200) - 100};
    ASSERT_EQ(a < b   ? -1
              : a > b ? 1
                      : 0,
              sign(encodeValue(Value(a)).compare(encodeValue(Value(b)))));
  }
  EXPECT_LT(encodeValue(Value(false)), encodeValue(Value(true)));
  // Classes: bool < number < string < temporal, whatever the values.
  EXPECT_LT(encodeValue(Value(true)), encodeValue(Value(-INFINITY)));
  EXPECT_LT(encodeValue(Value(std::nan(""))), encodeValue(Value("")));
  EXPECT_LT(encodeValue(Value("\xff\xff")), encodeValue(Value(Date{INT32_MIN})));
}

TEST(IndexCodecTest, WhatIsIndexed) {
  EXPECT_FALSE(ikeys::indexable(Value()));
  EXPECT_FALSE(ikeys::indexable(Value(List{Value(1)})));
  EXPECT_FALSE(ikeys::indexable(Value(Map{{"a", Value(1)}})));
  std::string t;
  EXPECT_FALSE(ikeys::encodeTuple({{1, Value(1)}}, {1, 2}, &t));  // a key missing
  EXPECT_FALSE(ikeys::encodeTuple({{1, Value(List{})}}, {1}, &t));
  bool nan = false;
  EXPECT_TRUE(ikeys::encodeTuple({{1, Value(std::nan(""))}}, {1}, &t, &nan));
  EXPECT_TRUE(nan);
}

TEST(IndexCodecTest, SeekIntervals) {
  std::vector<std::pair<std::string, std::string>> iv;
  // IN with values that encode alike: one interval.
  ASSERT_TRUE(ikeys::seekIntervals(
                  5, 1, IndexRange::in({Value(1), Value(1.0), Value(), Value(std::nan(""))}), &iv)
                  .ok());
  EXPECT_EQ(iv.size(), 1u);
  // Bounds of different classes never match.
  ASSERT_TRUE(ikeys::seekIntervals(
                  5, 1, IndexRange::between(IndexBound{Value(1)}, IndexBound{Value("a")}), &iv)
                  .ok());
  EXPECT_TRUE(iv.empty());
  // An empty range (lo > hi) is empty.
  ASSERT_TRUE(ikeys::seekIntervals(
                  5, 1, IndexRange::between(IndexBound{Value(3)}, IndexBound{Value(1)}), &iv)
                  .ok());
  EXPECT_TRUE(iv.empty());
  EXPECT_FALSE(ikeys::seekIntervals(5, 1, IndexRange::equals(Value(List{})), &iv).ok());
  IndexRange too_many = IndexRange::equals(Value(1));
  too_many.leading = {Value(2)};
  EXPECT_FALSE(ikeys::seekIntervals(5, 1, too_many, &iv).ok());
  EXPECT_TRUE(ikeys::seekIntervals(5, 2, too_many, &iv).ok());
  EXPECT_FALSE(
      ikeys::seekIntervals(5, 1, IndexRange::between(std::nullopt, std::nullopt), &iv).ok());
}

}  // namespace
}  // namespace entente::storage
