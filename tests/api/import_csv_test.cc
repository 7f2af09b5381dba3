// tests/api/import_csv_test.cc — bulk CSV import: both file shapes, and bad lines refused
// with the file and line named, importing nothing.
#include <gtest/gtest.h>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::countEntities;
using testing::countRelations;
using testing::tempDb;
using testing::TempDir;

TEST(ImportCsv, HeaderlessBenchmarkFormat) {
  TempDir dir;
  auto db = tempDb();
  auto s = db->importCsv(dir.file("nodes.csv", "0\n1\n2\r\n3\n"),
                         dir.file("edges.csv", "0,1\n0,2\n1,2\n2,3\n3,0"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->nodes_created, 4);
  EXPECT_EQ(s->relationships_created, 5);
  EXPECT_EQ(countEntities(*db), 4u);
  EXPECT_EQ(countRelations(*db), 5u);
  auto out = db->relations(0, Direction::kOutgoing);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].type, "RELATED_TO");
  auto n = db->getEntity(2);
  ASSERT_TRUE(n.ok()) << n.error().message();
  EXPECT_EQ(n->labels, std::vector<std::string>{"Entity"});
}

TEST(ImportCsv, HeadersLabelsPropertiesAndTypes) {
  TempDir dir;
  auto db = tempDb();
  auto s = db->importCsv(
      dir.file("n.csv",
               "id,label,name,strength,since\n"
               "10,State,Turkey,,\n"
               "11,ArmedGroup;Coalition,\"Syrian National Army, SNA\",70000,2017-12-30\n"),
      dir.file("e.csv", "src,dst,type,note\n10,11,BACKS,\"says \"\"yes\"\"\"\n11,10,,x\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  auto sna = db->findByName("syrian national army, sna");
  ASSERT_EQ(sna->size(), 1u);
  const Node& n = (*sna)[0];
  EXPECT_EQ(n.id, 11u);
  EXPECT_EQ(n.labels.size(), 2u);
  EXPECT_EQ(n.properties.at("strength"), Value(int64_t{70000}));
  EXPECT_EQ(n.properties.at("since"), Value(Date::fromCivil(2017, 12, 30)));
  auto t = db->getEntity(10);
  EXPECT_EQ(t->properties.count("strength"), 0u) << "empty cells are absent";
  auto backs = db->relations(10, Direction::kOutgoing, {"BACKS"});
  ASSERT_EQ(backs->size(), 1u);
  EXPECT_EQ((*backs)[0].properties.at("note"), Value("says \"yes\""));
  EXPECT_EQ(db->relations(11, Direction::kOutgoing, {"RELATED_TO"})->size(), 1u);
}

TEST(ImportCsv, EdgesOnlyIntoExistingNodes) {
  TempDir dir;
  auto db = tempDb();
  auto a = db->addEntity({"A"}, {})->id, b = db->addEntity({"A"}, {})->id;
  auto s = db->importCsv(
      "", dir.file("e.csv", std::to_string(a) + "," + std::to_string(b) + ",KNOWS\n"));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(db->relations(a, Direction::kOutgoing, {"KNOWS"})->size(), 1u);
}

TEST(ImportCsv, BadLinesNameFileAndLineAndImportNothing) {
  struct Case {
    std::string nodes, edges, needle;
  };
  const std::vector<Case> cases = {
      {"1\n2\nx3\n", "1,2\n", "n.csv: line 3: expected a node id"},
      {"1\n2\n1\n", "1,2\n", "n.csv: line 3: duplicate node id 1"},
      {"1,Person\n", "", "n.csv: line 1: expected one id per line"},
      {"id,name\n1,a\n2\n", "", "n.csv: line 3: expected 2 fields, got 1"},
      {"name\nA\n", "", "n.csv: line 1: the header has no 'id' column"},
      {"1\n2\n", "1,2\n2,7\n", "e.csv: line 2: unknown node 7"},
      {"1\n2\n", "1,2\n1\n", "e.csv: line 2: expected src,dst or src,dst,type"},
      {"1\n2\n", "1,2\n1,-2\n", "e.csv: line 2: dst: expected a node id, got '-2'"},
      {"id,since\n1,2024-99-01\n", "", "n.csv: line 2: since: '2024-99-01' is not a valid date"},
      {"1\n2\n", "1,2,\"BACKS\n", "e.csv: line 1: unterminated quoted field"},
  };
  TempDir dir;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.needle);
    auto db = tempDb();
    ASSERT_TRUE(db->addEntity({"Existing"}, {}).ok());
    auto s = db->importCsv(dir.file("n.csv", c.nodes),
                           c.edges.empty() ? "" : dir.file("e.csv", c.edges));
    EXPECT_ERROR_CONTAINS(s, ErrorCode::kInvalidInput, c.needle);
    EXPECT_EQ(countEntities(*db), 1u);
    EXPECT_EQ(countRelations(*db), 0u);
  }
}

TEST(ImportCsv, ExistingNodeIdIsRefused) {
  TempDir dir;
  auto db = tempDb();
  auto a = db->addEntity({"A"}, {})->id;
  auto s = db->importCsv(dir.file("n.csv", std::to_string(a) + "\n"), "");
  EXPECT_ERROR_CONTAINS(s, ErrorCode::kInvalidInput, "already exists");
  EXPECT_ERROR_CONTAINS(db->importCsv(dir.path() + "/none.csv", ""), ErrorCode::kIOError,
                        "none.csv");
}

}  // namespace
}  // namespace entente
