// tests/api/database_test.cc — opening databases and the CRUD calls of the embedded API.
#include <gtest/gtest.h>

#include <filesystem>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::countEntities;
using testing::tempDb;
using testing::TempDir;

TEST(Database, CreateWriteReopenKeepsData) {
  TempDir dir;
  std::string path = dir.path() + "/db";
  uint64_t id = 0;
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok()) << db.error().message();
    auto n = (*db)->addEntity({"State"}, {{"name", "Turkey"}, {"population", int64_t{85}}});
    ASSERT_TRUE(n.ok()) << n.error().message();
    id = n->id;
    EXPECT_EQ((*db)->path(), path);
  }
  auto db = Database::open(path);
  ASSERT_TRUE(db.ok()) << db.error().message();
  auto n = (*db)->getEntity(id);
  ASSERT_TRUE(n.ok()) << n.error().message();
  EXPECT_EQ(n->labels, std::vector<std::string>{"State"});
  EXPECT_EQ(n->properties.at("name"), Value("Turkey"));
  EXPECT_EQ(n->properties.at("population"), Value(int64_t{85}));
}

TEST(Database, OpenMissingWithoutCreateFails) {
  TempDir dir;
  OpenOptions o;
  o.create_if_missing = false;
  auto db = Database::open(dir.path() + "/nope", o);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), ErrorCode::kIOError);
  EXPECT_NE(db.error().message().find("nope"), std::string::npos) << db.error().message();
}

TEST(Database, TemporaryDirectoryIsRemovedOnDestruction) {
  std::string path;
  {
    auto db = tempDb();
    ASSERT_TRUE(db);
    path = db->path();
    ASSERT_TRUE(db->addEntity({"X"}, {}).ok());
    EXPECT_TRUE(std::filesystem::exists(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Database, EntityCrud) {
  auto db = tempDb();
  auto a = db->addEntity({"ArmedGroup"}, {{"name", "HTS"}, {"strength", 30000}, {"gone", nullptr}});
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->properties.count("gone"), 0u) << "null properties are not stored";

  auto u = db->updateEntity(a->id, {{"name", "Hayat Tahrir al-Sham"}},
                            std::vector<std::string>{"ArmedGroup", "Coalition"});
  ASSERT_TRUE(u.ok()) << u.error().message();
  auto g = db->getEntity(a->id);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->properties.size(), 1u) << "update replaces the properties";
  EXPECT_EQ(g->properties.at("name"), Value("Hayat Tahrir al-Sham"));
  EXPECT_EQ(g->labels.size(), 2u);

  auto b = db->addEntity({"State"}, {{"name", "Turkey"}});
  auto r = db->addRelation(b->id, "BACKS", a->id, {{"since", "2017-01-01"}});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_TRUE(r->properties.at("since").isDate()) << "since given as a string is stored as a date";

  auto del = db->deleteEntity(a->id);
  EXPECT_ERROR_CONTAINS(del, ErrorCode::kConstraintVerificationFailed, "");
  EXPECT_TRUE(db->getEntity(a->id).ok()) << "a failed delete changes nothing";
  ASSERT_TRUE(db->deleteEntity(a->id, /*detach=*/true).ok());
  EXPECT_ERROR_CONTAINS(db->getEntity(a->id), ErrorCode::kEntityNotFound, std::to_string(a->id));
  EXPECT_EQ(testing::countRelations(*db), 0u);
  EXPECT_ERROR_CONTAINS(db->deleteEntity(999), ErrorCode::kEntityNotFound, "999");
}

TEST(Database, RelationCrudAndChecks) {
  auto db = tempDb();
  auto a = db->addEntity({"State"}, {{"name", "Russia"}});
  auto b = db->addEntity({"State"}, {{"name", "Syria"}});
  EXPECT_ERROR_CONTAINS(db->addRelation(a->id, "BACKS", 999, {}), ErrorCode::kEntityNotFound,
                        "999");
  EXPECT_ERROR_CONTAINS(db->addRelation(a->id, "BACKS", b->id, {{"confidence", "high"}}),
                        ErrorCode::kInvalidInput,
                        "confidence: expected a number in 0..1, got string");
  EXPECT_ERROR_CONTAINS(db->addRelation(a->id, "BACKS", b->id, {{"confidence", 1.5}}),
                        ErrorCode::kInvalidInput, "confidence");
  EXPECT_ERROR_CONTAINS(db->addRelation(a->id, "BACKS", b->id, {{"since", "2024-13-01"}}),
                        ErrorCode::kInvalidInput,
                        "since: '2024-13-01' is not a valid date (YYYY-MM-DD)");
  EXPECT_ERROR_CONTAINS(
      db->addRelation(a->id, "BACKS", b->id, {{"source", List{Value(int64_t{12345})}}}),
      ErrorCode::kEntityNotFound, "source: entity 12345");
  EXPECT_EQ(testing::countRelations(*db), 0u);

  auto r = db->addRelation(a->id, "BACKS", b->id, {{"confidence", 0.9}});
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto u = db->updateRelation(r->id, {{"confidence", 1}, {"said_by", "TASS"}});
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_EQ(u->type, "BACKS");
  EXPECT_EQ(u->properties.at("said_by"), Value("TASS"));
  ASSERT_TRUE(db->deleteRelation(r->id).ok());
  EXPECT_ERROR_CONTAINS(db->deleteRelation(r->id), ErrorCode::kEntityNotFound, "relation");
  EXPECT_EQ(testing::countRelations(*db), 0u);
}

TEST(Database, FindByNameIsCaseInsensitiveAndCoversAliases) {
  auto db = tempDb();
  auto hts = db->addEntity({"ArmedGroup"},
                           {{"name", "HTS"}, {"aliases", List{Value("Hayat Tahrir al-Sham")}}});
  ASSERT_TRUE(hts.ok()) << hts.error().message();
  db->addEntity({"State"}, {{"name", "Turkey"}});
  for (const char* q : {"HTS", "hts", "Hayat Tahrir al-Sham", "HAYAT TAHRIR AL-SHAM"}) {
    auto found = db->findByName(q);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u) << q;
    EXPECT_EQ((*found)[0].id, hts->id) << q;
  }
  EXPECT_TRUE(db->findByName("Hayat")->empty());
  EXPECT_ERROR_CONTAINS(db->addEntity({}, {{"aliases", "x"}}), ErrorCode::kInvalidInput, "aliases");
}

TEST(Database, RelationsByDirectionTypeAndDate) {
  auto db = tempDb();
  auto sdf = db->addEntity({"ArmedGroup"}, {{"name", "SDF"}})->id;
  auto tal = db->addEntity({"Place"}, {{"name", "Tal Rifaat"}})->id;
  auto sna = db->addEntity({"ArmedGroup"}, {{"name", "SNA"}})->id;
  auto us = db->addEntity({"State"}, {{"name", "United States"}})->id;
  auto c1 =
      db->addRelation(sdf, "CONTROLS", tal,
                      {{"since", Value(Date::fromCivil(2016, 2, 15))}, {"until", "2024-12-01"}});
  auto c2 = db->addRelation(sna, "CONTROLS", tal, {{"since", "2024-12-01"}});
  auto b = db->addRelation(us, "BACKS", sdf, {});
  ASSERT_TRUE(c1.ok() && c2.ok() && b.ok());

  auto in = db->relations(tal, Direction::kIncoming);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->size(), 2u);
  auto at = db->relations(tal, Direction::kIncoming, {"CONTROLS"}, Date::fromCivil(2024, 11, 1));
  ASSERT_TRUE(at.ok());
  ASSERT_EQ(at->size(), 1u);
  EXPECT_EQ((*at)[0].start, sdf);
  // `until` is exclusive: on 2024-12-01 the SNA holds it, the SDF no longer.
  auto later = db->relations(tal, Direction::kIncoming, {"CONTROLS"}, Date::fromCivil(2024, 12, 1));
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].start, sna);
  EXPECT_EQ(db->relations(tal, Direction::kOutgoing)->size(), 0u);
  auto both = db->relations(sdf, Direction::kBoth);
  EXPECT_EQ(both->size(), 2u);
  EXPECT_EQ(db->relations(sdf, Direction::kBoth, {"BACKS"})->size(), 1u);
  EXPECT_EQ(db->relations(sdf, Direction::kBoth, {"NEVER_USED"})->size(), 0u);
  EXPECT_ERROR_CONTAINS(db->relations(12345, Direction::kBoth), ErrorCode::kEntityNotFound,
                        "12345");
}

}  // namespace
}  // namespace entente
