// tests/api/json_codec_test.cc — the JSON encoding of values and results (entente/json.h).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "entente/json.h"

namespace entente {
namespace {

TEST(JsonCodec, Scalars) {
  EXPECT_EQ(toJson(Value()), "null");
  EXPECT_EQ(toJson(Value(true)), "true");
  EXPECT_EQ(toJson(Value(int64_t{1})), "1");
  EXPECT_EQ(toJson(Value(1.0)), "1.0") << "a float keeps its decimal point";
  EXPECT_EQ(toJson(Value(-0.5)), "-0.5");
  EXPECT_EQ(toJson(Value(1e300)), "1e+300");
  EXPECT_EQ(toJson(Value(0.1)), "0.1") << "shortest form that reads back exactly";
  EXPECT_EQ(toJson(Value(std::numeric_limits<double>::quiet_NaN())), "null");
  EXPECT_EQ(toJson(Value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(toJson(Value(int64_t{-9223372036854775807 - 1})), "-9223372036854775808");
  EXPECT_EQ(toJson(Value(Date::fromCivil(2024, 12, 2))), "\"2024-12-02\"");
  EXPECT_EQ(toJson(Value("a\"b\\c\n\x01")), R"("a\"b\\c\n\u0001")");
  EXPECT_EQ(toJson(Value("Türkiye")), "\"Türkiye\"");
}

TEST(JsonCodec, InvalidUtf8IsReplacedNotThrown) {
  EXPECT_EQ(toJson(Value(std::string("a\xC3\x28z"))), "\"a\xEF\xBF\xBD(z\"");
  EXPECT_EQ(toJson(Value(std::string("\xFF"))), "\"\xEF\xBF\xBD\"");
  EXPECT_EQ(toJson(Value(std::string("\xED\xA0\x80"))), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"")
      << "surrogate";
  // Whatever we write must be valid JSON.
  EXPECT_TRUE(nlohmann::json::accept(toJson(Value(std::string("x\x80\xC0y")))));
}

TEST(JsonCodec, NestedAndGraphValues) {
  Map m{{"b", List{Value(1), Value(2.0), Value("s")}}, {"a", Value(Map{{"x", nullptr}})}};
  EXPECT_EQ(toJson(Value(m)), R"({"a":{"x":null},"b":[1,2.0,"s"]})");
  Node n{1, {"State"}, {{"name", "Turkey"}}};
  Node f{2, {"ArmedGroup"}, {}};
  Relationship r{7, "BACKS", 1, 2, {{"since", Date::fromCivil(2011, 8, 1)}}};
  EXPECT_EQ(toJson(Value(n)), R"({"id":1,"labels":["State"],"properties":{"name":"Turkey"}})");
  EXPECT_EQ(toJson(Value(r)),
            R"({"id":7,"type":"BACKS","start":1,"end":2,"properties":{"since":"2011-08-01"}})");
  auto p = nlohmann::json::parse(toJson(Value(Path{{n, f}, {r}})));
  EXPECT_EQ(p["nodes"].size(), 2u);
  EXPECT_EQ(p["relationships"][0]["type"], "BACKS");
}

TEST(JsonCodec, ResultAndError) {
  Stats stats;
  stats.nodes_created = 3;
  stats.elapsed_ms = 1.5;
  QueryResult r =
      QueryResult::success({"name", "n"}, {{Value("Turkey"), Value(int64_t{2})}}, stats);
  auto j = nlohmann::json::parse(resultToJson(r, "42"));
  EXPECT_EQ(j["id"], 42);
  EXPECT_EQ(j["columns"][1], "n");
  EXPECT_EQ(j["rows"][0][0], "Turkey");
  EXPECT_EQ(j["stats"]["nodes_created"], 3);
  for (const char* k :
       {"nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
        "properties_removed", "labels_added", "labels_removed", "elapsed_ms"})
    EXPECT_TRUE(j["stats"].contains(k)) << k;
  EXPECT_FALSE(nlohmann::json::parse(resultToJson(r)).contains("id"));

  QueryResult e = QueryResult::failure(Error(ErrorCode::kSyntaxError, "Syntax error: expected ')'",
                                             ErrorDetail::kUnexpectedSyntax, 1, 9));
  auto je = nlohmann::json::parse(resultToJson(e, "\"q1\""));
  EXPECT_EQ(je["id"], "q1");
  EXPECT_EQ(je["error"]["code"], "SyntaxError");
  EXPECT_EQ(je["error"]["detail"], "UnexpectedSyntax");
  EXPECT_EQ(je["error"]["line"], 1);
  EXPECT_EQ(je["error"]["column"], 9);
  EXPECT_FALSE(je.contains("rows"));
}

TEST(JsonCodec, ReadingParametersAndValues) {
  auto p = paramsFromJson(
      R"({"i": 1, "f": 1.0, "s": "x", "l": [1, {"$date": "2024-11-01"}], "m": {"k": null}, "b": false})");
  ASSERT_TRUE(p.ok()) << p.error().message();
  EXPECT_EQ(p->at("i"), Value(int64_t{1}));
  EXPECT_TRUE(p->at("f").isFloat());
  EXPECT_EQ(p->at("l").asList()[1], Value(Date::fromCivil(2024, 11, 1)));
  EXPECT_TRUE(p->at("m").asMap().at("k").isNull());

  auto bad = paramsFromJson("[1]");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidInput);
  auto trunc = paramsFromJson("{\"a\": ");
  ASSERT_FALSE(trunc.ok());
  EXPECT_EQ(trunc.error().line(), 1);
  EXPECT_FALSE(paramsFromJson("{\"a\": \"\xC3\x28\"}").ok()) << "invalid UTF-8 is refused on input";

  auto v = valueFromJson("[1, 2.5, \"x\"]");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(toJson(*v), "[1,2.5,\"x\"]");
  EXPECT_FALSE(valueFromJson("").ok());
  EXPECT_FALSE(valueFromJson("{\"$date\": \"2024-02-30\"}").ok());
}

}  // namespace
}  // namespace entente
