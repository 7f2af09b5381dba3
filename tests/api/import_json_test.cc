// tests/api/import_json_test.cc — the JSON dataset importer: the happy path, and every kind
// of bad input giving a clear error and importing nothing.
#include <gtest/gtest.h>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::countEntities;
using testing::countRelations;
using testing::tempDb;
using testing::TempDir;

const char* kGood = R"({
  "format": "entente-dataset/1",
  "description": "test",
  "relation_types": [
    {"name": "BACKS", "sign": "positive", "symmetric": false, "transitive": false, "inverse": "BACKED_BY"},
    {"name": "FIGHTS", "sign": "negative", "symmetric": true}
  ],
  "entities": [
    {"key": "cnn", "labels": ["Source"], "name": "CNN, 2024-12-02"},
    {"key": "turkey", "labels": ["State"], "name": "Turkey", "aliases": ["Türkiye"], "properties": {"iso": "TR", "members": 3, "ratio": 1.0}},
    {"key": "fsa", "labels": ["ArmedGroup"], "name": "Free Syrian Army", "properties": {"founded": {"$date": "2011-07-29"}}}
  ],
  "relations": [
    {"from": "turkey", "type": "BACKS", "to": "fsa",
     "properties": {"source": ["cnn"], "said_by": "CNN", "since": "2011-08-01", "confidence": 0.9}}
  ]
})";

TEST(ImportJson, HappyPath) {
  auto db = tempDb();
  auto s = db->importJsonText(kGood, "good.json");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->nodes_created, 3);
  EXPECT_EQ(s->relationships_created, 1);
  auto turkey = db->findByName("türkiye");
  ASSERT_TRUE(turkey.ok());
  ASSERT_EQ(turkey->size(), 1u);
  const Node& t = (*turkey)[0];
  EXPECT_EQ(t.properties.at("key"), Value("turkey"));
  EXPECT_EQ(t.properties.at("members"), Value(int64_t{3}));
  EXPECT_TRUE(t.properties.at("ratio").isFloat()) << "1.0 stays a float";
  auto rels = db->relations(t.id, Direction::kOutgoing, {"BACKS"});
  ASSERT_EQ(rels->size(), 1u);
  const Relationship& r = (*rels)[0];
  EXPECT_EQ(r.properties.at("since"), Value(Date::fromCivil(2011, 8, 1)));
  auto cnn = db->findByName("CNN, 2024-12-02");
  ASSERT_EQ(cnn->size(), 1u);
  EXPECT_EQ(r.properties.at("source"), Value(List{Value(static_cast<int64_t>((*cnn)[0].id))}));
  auto fsa = db->getEntity(r.end);
  EXPECT_TRUE(fsa->properties.at("founded").isDate());
}

struct BadCase {
  const char* name;
  std::string json;
  const char* needle;
};

std::string withRelation(const std::string& relation) {
  std::string s = kGood;
  auto pos = s.rfind(']');
  return s.substr(0, pos) + ", " + relation + s.substr(pos);
}
std::string withEntity(const std::string& entity) {
  std::string s = kGood;
  auto pos = s.find("\n  ],\n  \"relations\"");
  return s.substr(0, pos) + ", " + entity + s.substr(pos);
}

TEST(ImportJson, BadInputIsRefusedWholeWithAClearError) {
  const std::vector<BadCase> cases = {
      {"truncated", std::string(kGood).substr(0, 300), "is the file truncated?"},
      {"not an object", "[1,2]", "expected a JSON object"},
      {"wrong format", R"({"format":"other/2"})", "format"},
      {"confidence type",
       withRelation(
           R"({"from":"turkey","type":"BACKS","to":"fsa","properties":{"confidence":"high"}})"),
       "relations[1].properties.confidence: expected a number in 0..1, got string"},
      {"confidence range",
       withRelation(R"({"from":"turkey","type":"BACKS","to":"fsa","properties":{"confidence":2}})"),
       "relations[1].properties.confidence"},
      {"unknown type", withRelation(R"({"from":"turkey","type":"BAKCS","to":"fsa"})"),
       "relations[1].type: unknown relation type 'BAKCS' (did you mean 'BACKS'?)"},
      {"unknown key", withRelation(R"({"from":"turkey","type":"BACKS","to":"fsaa"})"),
       "relations[1].to: unknown entity key 'fsaa'"},
      {"unknown source",
       withRelation(
           R"({"from":"turkey","type":"BACKS","to":"fsa","properties":{"source":["nope"]}})"),
       "relations[1].properties.source[0]: unknown entity key 'nope'"},
      {"bad date",
       withRelation(
           R"({"from":"turkey","type":"BACKS","to":"fsa","properties":{"since":"2024-13-01"}})"),
       "relations[1].properties.since: '2024-13-01' is not a valid date (YYYY-MM-DD)"},
      {"bad $date", withEntity(R"({"key":"x","properties":{"d":{"$date":"soon"}}})"),
       "entities[3].properties.d: 'soon'"},
      {"until before since",
       withRelation(
           R"({"from":"turkey","type":"BACKS","to":"fsa","properties":{"since":"2024-01-01","until":"2023-01-01"}})"),
       "until"},
      {"duplicate key", withEntity(R"({"key":"turkey","name":"Turkey again"})"),
       "entities[3]: duplicate key 'turkey' (first at entities[1])"},
      {"missing key", withEntity(R"({"name":"nobody"})"), "entities[3]: missing \"key\""},
      {"labels type", withEntity(R"({"key":"x","labels":[1]})"),
       "entities[3].labels[0]: expected a string, got integer"},
      {"unknown field", withEntity(R"({"key":"x","lables":["A"]})"),
       "entities[3]: unknown field 'lables'"},
      {"invalid utf8", withEntity("{\"key\":\"x\",\"name\":\"bad \xC3\x28 byte\"}"), "UTF-8"},
      {"bad sign", R"({"relation_types":[{"name":"X","sign":"plus"}]})", "relation_types[0].sign"},
      {"duplicate type", R"({"relation_types":[{"name":"X"},{"name":"X"}]})", "declared twice"},
      {"misspelt list", R"({"entites":[]})", "unknown top-level list 'entites'"},
      {"too deep",
       withEntity(R"({"key":"x","properties":{"p":)" + std::string(100, '[') +
                  std::string(100, ']') + "}}"),
       "nested deeper"},
      {"huge integer", withEntity(R"({"key":"x","properties":{"p":18446744073709551615}})"),
       "does not fit"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto db = tempDb();
    ASSERT_TRUE(db->addEntity({"Existing"}, {{"name", "already here"}}).ok());
    auto s = db->importJsonText(c.json, "case.json");
    EXPECT_ERROR_CONTAINS(s, ErrorCode::kInvalidInput, c.needle);
    if (!s.ok()) {
      EXPECT_EQ(s.error().message().rfind("case.json: ", 0), 0u) << "the error names the file";
    }
    EXPECT_EQ(countEntities(*db), 1u) << "nothing imported";
    EXPECT_EQ(countRelations(*db), 0u);
  }
}

TEST(ImportJson, SyntaxErrorHasLineAndColumn) {
  auto db = tempDb();
  auto s = db->importJsonText("{\n  \"entities\": [\n    {\"key\": \"a\",, }\n  ]\n}", "x.json");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().line(), 3);
  EXPECT_GT(s.error().column(), 1);
  EXPECT_NE(s.error().message().find("line 3, column"), std::string::npos) << s.error().message();
}

TEST(ImportJson, NumberBeyondADoubleIsInvalidInputNotACrash) {
  // Found by fuzz/json_import_fuzzer: nlohmann reports 1E999 as out_of_range, not parse_error.
  auto db = tempDb();
  EXPECT_ERROR_CONTAINS(
      db->importJsonText(R"({"entities": [{"key": "a", "properties": {"x": 1E999}}]})"),
      ErrorCode::kInvalidInput, "number overflow");
}

TEST(ImportJson, TypesAreFreeWhenNothingIsDeclared) {
  auto db = tempDb();
  auto s = db->importJsonText(R"({"entities":[{"key":"a"},{"key":"b"}],
                                  "relations":[{"from":"a","type":"ANYTHING","to":"b"}]})");
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->relationships_created, 1);
}

TEST(ImportJson, StoreVocabularyChecksLaterImportsAndKeysResolveAcrossImports) {
  auto db = tempDb();
  ASSERT_TRUE(
      db->importJsonText(R"({"relation_types":[{"name":"BACKS","sign":"positive"}]})").ok());
  ASSERT_TRUE(db->importJsonText(R"({"entities":[{"key":"a"},{"key":"b"}]})").ok());
  auto bad = db->importJsonText(R"({"relations":[{"from":"a","type":"BACK","to":"b"}]})");
  EXPECT_ERROR_CONTAINS(bad, ErrorCode::kInvalidInput, "unknown relation type 'BACK'");
  auto good = db->importJsonText(R"({"relations":[{"from":"a","type":"BACKS","to":"b"}]})");
  ASSERT_TRUE(good.ok()) << good.error().message();
  EXPECT_ERROR_CONTAINS(db->importJsonText(R"({"entities":[{"key":"a"}]})"),
                        ErrorCode::kInvalidInput, "key 'a' already exists in the database");
  EXPECT_EQ(countEntities(*db), 2u);
}

TEST(ImportJson, FilesAndSizeLimit) {
  TempDir dir;
  OpenOptions o;
  o.max_import_document_bytes = 1000;
  auto db = tempDb(o);
  EXPECT_ERROR_CONTAINS(db->importJson(dir.path() + "/missing.json"), ErrorCode::kIOError,
                        "missing.json");
  std::string big = R"({"description":")" + std::string(2000, 'x') + "\"}";
  EXPECT_ERROR_CONTAINS(db->importJson(dir.file("big.json", big)), ErrorCode::kInvalidInput,
                        "larger than the 1000 bytes limit");
  auto ok = db->importJson(dir.file("ok.json", R"({"entities":[{"key":"a","name":"A"}]})"));
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  EXPECT_EQ(countEntities(*db), 1u);
}

TEST(ImportJsonLines, HappyPathAndForwardReferences) {
  TempDir dir;
  auto db = tempDb();
  std::string f = dir.file("d.jsonl",
                           "{\"relation_type\":{\"name\":\"BACKS\",\"sign\":\"positive\"}}\n"
                           "{\"relation\":{\"from\":\"a\",\"type\":\"BACKS\",\"to\":\"b\"}}\r\n"
                           "\n"
                           "{\"entity\":{\"key\":\"a\",\"name\":\"A\"}}\n"
                           "{\"entity\":{\"key\":\"b\",\"name\":\"B\"}}");
  auto s = db->importJsonLines(f);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->nodes_created, 2);
  EXPECT_EQ(s->relationships_created, 1);
}

TEST(ImportJsonLines, ErrorsNameTheLineAndImportNothing) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"entity\":{\"key\":\"a\"}}\n{\"entity\":{\"key\":\"b\"}\n", "line 2, column"},
      {"{\"entity\":{\"key\":\"a\"}}\n{\"thing\":{}}\n", "line 2: unknown record kind 'thing'"},
      {"{\"entity\":{\"key\":\"a\"}}\n\n{\"relation\":{\"from\":\"a\",\"type\":\"T\",\"to\":\"zz\"}"
       "}\n",
       "line 3: relation.to: unknown entity key 'zz'"},
      {"{\"entity\":{\"key\":\"a\",\"properties\":{\"since\":\"2024-02-30\"}}}\n",
       "line 1: entity.properties.since"},
  };
  for (const auto& [content, needle] : cases) {
    SCOPED_TRACE(needle);
    auto db = tempDb();
    auto s = db->importJsonLines(dir.file("bad.jsonl", content));
    EXPECT_ERROR_CONTAINS(s, ErrorCode::kInvalidInput, needle);
    EXPECT_EQ(countEntities(*db), 0u);
  }
}

TEST(ImportJsonLines, OverlongLineFailsCleanly) {
  TempDir dir;
  OpenOptions o;
  o.max_import_document_bytes = 1 << 20;
  auto db = tempDb(o);
  std::string line = "{\"entity\":{\"key\":\"" + std::string(3 << 20, 'k') + "\"}}\n";
  auto s = db->importJsonLines(dir.file("long.jsonl", "{\"entity\":{\"key\":\"a\"}}\n" + line));
  EXPECT_ERROR_CONTAINS(s, ErrorCode::kInvalidInput, "line 2 is longer than the 1 MiB limit");
  EXPECT_EQ(s.error().line(), 2);
  EXPECT_EQ(countEntities(*db), 0u);
}

}  // namespace
}  // namespace entente
