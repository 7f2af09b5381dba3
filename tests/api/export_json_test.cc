// tests/api/export_json_test.cc — export, and the export -> import -> export round trip.
#include <gtest/gtest.h>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::tempDb;
using testing::TempDir;

TEST(ExportJson, RoundTripGivesTheSameDocument) {
  auto db = tempDb();
  ASSERT_TRUE(db->importJsonText(R"({
    "relation_types": [{"name": "BACKS", "sign": "positive", "inverse": "BACKED_BY", "description": "support"}],
    "entities": [
      {"key": "src", "labels": ["Source"], "name": "CNN"},
      {"key": "tr", "labels": ["State", "Actor"], "name": "Turkey", "aliases": ["Türkiye"],
       "properties": {"n": 1, "f": 1.0, "d": {"$date": "2020-02-29"}, "nested": {"a": [1, 2.5, "x", null, true]}}},
      {"key": "fsa", "labels": ["ArmedGroup"], "name": "Free Syrian Army"}
    ],
    "relations": [
      {"from": "tr", "type": "BACKS", "to": "fsa", "properties": {"source": ["src"], "since": "2011-08-01", "confidence": 0.75}}
    ]})")
                  .ok());
  // Entities made without a key and a type never declared get stable stand-ins.
  auto extra = db->addEntity({"Person"}, {{"name", "Unnamed"}, {"name_note", "no key"}});
  ASSERT_TRUE(extra.ok());
  auto tr = db->findByName("Turkey");
  ASSERT_TRUE(db->addRelation(extra->id, "MEETS", (*tr)[0].id, {{"until", "2024-01-01"}}).ok());

  auto first = db->exportJsonText();
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_NE(first->find("\"key\": \"n" + std::to_string(extra->id) + "\""), std::string::npos)
      << *first;
  EXPECT_NE(first->find("\"source\": [\n"), std::string::npos) << "sources are written as keys";
  EXPECT_NE(first->find("\"since\": \"2011-08-01\""), std::string::npos);
  EXPECT_NE(first->find("\"f\": 1.0"), std::string::npos) << "1.0 stays a float";

  auto db2 = tempDb();
  auto s = db2->importJsonText(*first, "export.json");
  ASSERT_TRUE(s.ok()) << s.error().message() << "\n" << *first;
  auto second = db2->exportJsonText();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);

  TempDir dir;
  ASSERT_TRUE(db2->exportJson(dir.path() + "/out.json").ok());
  auto db3 = tempDb();
  ASSERT_TRUE(db3->importJson(dir.path() + "/out.json").ok());
  EXPECT_EQ(*db3->exportJsonText(), *first);
}

TEST(ExportJson, EmptyDatabase) {
  auto db = tempDb();
  auto text = db->exportJsonText();
  ASSERT_TRUE(text.ok());
  auto db2 = tempDb();
  EXPECT_TRUE(db2->importJsonText(*text).ok());
  EXPECT_EQ(*db2->exportJsonText(), *text);
}

}  // namespace
}  // namespace entente
