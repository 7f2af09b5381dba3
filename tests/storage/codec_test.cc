// Key and property encodings: byte order follows value order, round trips are exact, and
// malformed bytes are rejected without crashing.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "storage/key_codec.h"
#include "storage/property_codec.h"

namespace entente::storage {
namespace {

TEST(KeyCodec, BigEndianIdsSortNumerically) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> ids = {0, 1, 255, 256, 65535, 65536, UINT64_MAX, uint64_t{1} << 63};
  for (int i = 0; i < 200; ++i) ids.push_back(rng() >> (rng() % 64));
  std::vector<std::string> keys;
  for (uint64_t id : ids) keys.emplace_back(keys::nodeKey(id).view());
  for (size_t i = 0; i < ids.size(); ++i)
    for (size_t j = 0; j < ids.size(); ++j)
      ASSERT_EQ(ids[i] < ids[j], keys[i] < keys[j]) << ids[i] << " vs " << ids[j];
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(keys::loadU64(keys[i].data()), ids[i]);
}

TEST(KeyCodec, SignedValuesWithFlippedSignBitSortByValue) {
  std::vector<int64_t> vals = {INT64_MIN, -1000000, -2, -1, 0, 1, 2, 1000000, INT64_MAX};
  std::vector<std::string> enc;
  for (int64_t v : vals) {
    std::string s;
    keys::appendU64(&s, keys::encodeSigned(v));
    enc.push_back(s);
    EXPECT_EQ(keys::decodeSigned(keys::loadU64(s.data())), v);
  }
  EXPECT_TRUE(std::is_sorted(enc.begin(), enc.end()));
}

TEST(KeyCodec, AdjacencyKeysGroupByNodeThenTypeThenNeighbour) {
  auto k = [](NodeId a, TypeId t, NodeId b, EdgeId e) {
    return std::string(keys::adjKey(a, t, b, e).view());
  };
  EXPECT_LT(k(1, 9, 9, 9), k(2, 0, 0, 0));
  EXPECT_LT(k(1, 1, 9, 9), k(1, 2, 0, 0));
  EXPECT_LT(k(1, 1, 1, 9), k(1, 1, 2, 0));
  EXPECT_LT(k(1, 1, 1, 1), k(1, 1, 1, 2));
  auto p = keys::parseAdjKey(k(5, 6, 7, 8));
  EXPECT_EQ(p.a, 5u);
  EXPECT_EQ(p.type, 6u);
  EXPECT_EQ(p.b, 7u);
  EXPECT_EQ(p.edge, 8u);
}

TEST(KeyCodec, PrefixUpperBoundIsTheFirstKeyPastThePrefix) {
  EXPECT_EQ(keys::prefixUpperBound("ab"), "ac");
  EXPECT_EQ(keys::prefixUpperBound(std::string("a\xff", 2)), "b");
  EXPECT_EQ(keys::prefixUpperBound(std::string("\xff\xff", 2)), "");
  std::string p(keys::nodeKey(41).view());
  std::string ub = keys::prefixUpperBound(p);
  EXPECT_GT(ub, std::string(keys::adjKey(41, UINT32_MAX, UINT64_MAX, UINT64_MAX).view()));
  EXPECT_LE(ub, std::string(keys::adjKey(42, 0, 0, 0).view()));
}

TEST(KeyCodec, NameKeysAreCaseFolded) {
  EXPECT_EQ(keys::foldCase("Free Syrian ARMY"), "free syrian army");
  EXPECT_EQ(keys::foldCase("Hay'at Tahrir al-Sham"), "hay'at tahrir al-sham");
  EXPECT_EQ(keys::foldCase("TÜRKİYE"), "türkiye");  // Latin-1 Ü, dotted İ
  EXPECT_EQ(keys::foldCase("ŁÓDŹ"), "łódź");        // Latin Extended-A
  EXPECT_EQ(keys::foldCase("МОСКВА"), "москва");    // Cyrillic
  EXPECT_EQ(keys::foldCase("ΑΘΗΝΑ"), "αθηνα");      // Greek
  EXPECT_EQ(keys::foldCase("حلب"), "حلب");          // no case: unchanged
  EXPECT_EQ(keys::foldCase(std::string("\xC3", 1)),
            std::string("\xC3", 1));  // truncated UTF-8 kept
}

Value listOf(std::initializer_list<Value> items) { return Value(List(items)); }

TEST(KeyCodec, DictionaryEntriesRoundTrip) {
  // 's' [string] -> [id:4]: the id big-endian.
  EXPECT_EQ(keys::dictStringKey("BACKS"), std::string("sBACKS"));
  EXPECT_EQ(keys::dictStringValue(0x01020304), std::string("\x01\x02\x03\x04", 4));
  // 'i' [id:4] -> [kinds:1][string], strings with any bytes (NUL, 0xff, empty) included.
  for (uint32_t id : {0u, 1u, 0x01020304u, UINT32_MAX}) {
    for (uint8_t kinds :
         {uint8_t{0}, keys::kKindLabel, uint8_t{keys::kKindType | keys::kKindKey}, uint8_t{0xff}}) {
      for (std::string text : {std::string(), std::string("since"), std::string("a\0b\xff", 4)}) {
        std::string key = keys::dictIdKey(id), value = keys::dictIdValue(kinds, text);
        EXPECT_EQ(value.size(), text.size() + 1);
        keys::DictEntry e;
        ASSERT_TRUE(keys::decodeDictIdEntry(key, value, &e));
        EXPECT_EQ(e.id, id);
        EXPECT_EQ(e.kinds, kinds);
        EXPECT_EQ(e.text, text);
      }
    }
  }
  // Ids sort numerically; malformed entries are refused.
  EXPECT_LT(keys::dictIdKey(255), keys::dictIdKey(256));
  keys::DictEntry e;
  EXPECT_FALSE(keys::decodeDictIdEntry(keys::dictIdKey(1), "", &e));                // no kinds byte
  EXPECT_FALSE(keys::decodeDictIdEntry("i\x01\x02\x03", "\x01x", &e));              // short key
  EXPECT_FALSE(keys::decodeDictIdEntry(keys::dictStringKey("abcd"), "\x01x", &e));  // an 's' key
}

TEST(PropertyCodec, RoundTripsEveryStorableType) {
  Map inner{{"x", Value(int64_t{-5})}, {"y", listOf({Value("a"), Value(), Value(2.5)})}};
  Properties props = {
      {1, Value(true)},
      {2, Value(false)},
      {3, Value(int64_t{0})},
      {4, Value(INT64_MIN)},
      {5, Value(INT64_MAX)},
      {6, Value(-0.125)},
      {7, Value(std::string("Free Syrian Army"))},
      {8, Value(std::string())},
      {9, Value(Date{-719468})},
      {10, Value(Date{20059})},
      {11, listOf({Value(int64_t{1}), listOf({Value(int64_t{2}), listOf({})}), Value(Map{})})},
      {12, Value(inner)},
      {300, Value(std::string("\0binary\xff", 8))},
  };
  std::string bytes = encodeProperties(props);
  Properties back;
  ASSERT_TRUE(decodeProperties(bytes, &back));
  ASSERT_EQ(back.size(), props.size());
  for (size_t i = 0; i < props.size(); ++i) {
    EXPECT_EQ(back[i].first, props[i].first);
    EXPECT_TRUE(back[i].second == props[i].second)
        << back[i].second.toCypher() << " vs " << props[i].second.toCypher();
  }
  for (const auto& [k, v] : props) {
    auto found = findProperty(bytes, k);
    ASSERT_TRUE(found.has_value()) << k;
    EXPECT_TRUE(*found == v);
  }
  EXPECT_FALSE(findProperty(bytes, 13).has_value());
  EXPECT_FALSE(findProperty(bytes, 0).has_value());
  EXPECT_FALSE(findProperty(bytes, 1000).has_value());
}

TEST(PropertyCodec, EmptyAndNullAndUnsortedInput) {
  EXPECT_EQ(encodeProperties({}), "");
  Properties back = {{1, Value(1)}};
  ASSERT_TRUE(decodeProperties("", &back));
  EXPECT_TRUE(back.empty());
  // Null values are absent properties; unsorted input is sorted, the last duplicate wins.
  std::string bytes =
      encodeProperties({{5, Value(1)}, {2, Value()}, {3, Value("a")}, {5, Value(2)}});
  ASSERT_TRUE(decodeProperties(bytes, &back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].first, 3u);
  EXPECT_EQ(back[1].first, 5u);
  EXPECT_EQ(back[1].second.asInt(), 2);
}

TEST(PropertyCodec, FindPropertySkipsOtherPayloadsUnread) {
  // Key 1 holds a list whose payload is garbage: finding key 2 must not look inside it.
  std::string bytes;
  codec::appendVarint(&bytes, 1);
  bytes += '\x07';  // list tag
  codec::appendVarint(&bytes, 3);
  bytes += "\xff\xff\xff";
  codec::appendVarint(&bytes, 2);
  codec::appendValue(&bytes, Value("ok"));
  auto v = findProperty(bytes, 2);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->asString(), "ok");
  EXPECT_FALSE(findProperty(bytes, 1).has_value());  // the malformed one itself
  Properties out;
  EXPECT_FALSE(decodeProperties(bytes, &out));
}

TEST(PropertyCodec, MalformedBytesAreRejected) {
  Properties props = {{1, Value("abc")},
                      {2, listOf({Value(1), Value(Map{{"k", Value(2.0)}})})},
                      {7, Value(Date{3})}};
  std::string good = encodeProperties(props);
  Properties out;
  // Every truncation is rejected (never a crash, never a silent partial decode).
  for (size_t n = 1; n < good.size(); ++n) {
    std::string cut = good.substr(0, n);
    if (decodeProperties(cut, &out)) {
      // A cut exactly between two properties is a valid shorter record.
      EXPECT_LT(out.size(), props.size());
    }
  }
  EXPECT_FALSE(decodeProperties("\x01\x63", &out));                      // unknown tag
  EXPECT_FALSE(decodeProperties("\x02\x01\x01\x01", &out));              // keys not increasing
  EXPECT_FALSE(decodeProperties("\x01\x05\xff\xff\xff\xff\x0f", &out));  // string longer than input
  EXPECT_FALSE(decodeProperties("\x01\x03\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
                                &out));                          // varint overflow
  EXPECT_FALSE(decodeProperties("\x01\x07\x02\x05\x00", &out));  // list count beyond payload
  // Nesting beyond the limit is refused instead of recursing without end.
  std::string deep = "\x03\x02";  // int 1
  for (int i = 0; i < 1000; ++i) {
    std::string payload = "\x01" + deep;  // count 1, then the inner value
    deep = "\x07";
    codec::appendVarint(&deep, payload.size());
    deep += payload;
  }
  EXPECT_FALSE(decodeProperties("\x01" + deep, &out));
  // Random bytes: any answer, no crash.
  std::mt19937 rng(42);
  for (int i = 0; i < 20000; ++i) {
    std::string junk(rng() % 24, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    if (i % 2) junk = good.substr(0, rng() % good.size()) + junk;
    (void)decodeProperties(junk, &out);
    (void)findProperty(junk, rng() % 8);
  }
}

TEST(PropertyCodec, NodeRecordsAndRelTypes) {
  std::string rec = codec::encodeNode({2, 9}, {{4, Value("x")}});
  std::vector<LabelId> labels;
  Properties props;
  ASSERT_TRUE(codec::decodeNode(rec, &labels, &props));
  EXPECT_EQ(labels, (std::vector<LabelId>{2, 9}));
  ASSERT_EQ(props.size(), 1u);
  EXPECT_EQ(findProperty(*codec::nodeProps(rec), 4)->asString(), "x");
  EXPECT_FALSE(codec::decodeNode("\x05\x01", &labels, &props));

  RelTypeDef def{"BACKS", Sign::kPositive, false, true, "BACKED_BY", "support", true};
  RelTypeDef back;
  ASSERT_TRUE(codec::decodeRelType(codec::encodeRelType(def), &back));
  EXPECT_EQ(back.name, "BACKS");
  EXPECT_EQ(back.sign, Sign::kPositive);
  EXPECT_TRUE(back.transitive);
  EXPECT_FALSE(back.symmetric);
  EXPECT_EQ(back.inverse, "BACKED_BY");
  EXPECT_EQ(back.description, "support");
  EXPECT_FALSE(codec::decodeRelType("\x01\x05\x00", &back));
}

TEST(PropertyCodec, NonStorableValuesAreDetected) {
  EXPECT_TRUE(codec::isStorableValue(listOf({Value(1), Value(Map{{"a", Value()}})})));
  EXPECT_FALSE(codec::isStorableValue(Value(Node{})));
  EXPECT_FALSE(codec::isStorableValue(listOf({Value(Relationship{})})));
  Value deep(int64_t{1});
  for (int i = 0; i < codec::kMaxDepth + 1; ++i) deep = listOf({deep});
  EXPECT_FALSE(codec::isStorableValue(deep));
}

}  // namespace
}  // namespace entente::storage
