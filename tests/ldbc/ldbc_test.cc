// tests/ldbc/ldbc_test.cc — the LDBC SNB Interactive reads on the tiny graph: the loader's
// counts against the published data set, and every complex (IC1–14) and short (IS1–7)
// read, with every parameter set of ldbc/params.json, compared to the answers Kùzu gave
// for the reference queries (ldbc/expected/, written by ldbc/kuzu/expected.js; Kùzu is not
// needed here). Rows are compared in order where the query's ORDER BY is total, group by
// group where it leaves ties, as a bag where it has none; lists a query builds with
// collect() (whose order openCypher leaves open) are compared as bags.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "entente/json.h"
#include "ldbc/loader.h"
#include "ldbc/workload.h"

namespace entente::ldbc {
namespace {

using nlohmann::json;

const std::string kLdbcDir = std::string(ENTENTE_SOURCE_DIR) + "/ldbc";
const std::string kVanilla = tinyVanillaDir(ENTENTE_SHARED_DIR);

// One database loaded for the whole suite (the reads do not write).
struct Loaded {
  std::unique_ptr<Database> db;
  LoadReport report;
  std::string error;
};

Loaded& loaded() {
  static Loaded* l = [] {
    auto* out = new Loaded;
    if (!std::ifstream(kVanilla + "/dynamic/person_0_0.csv")) {
      out->error = "LDBC SNB tiny data not found under " + kVanilla;
      return out;
    }
    auto db = Database::openTemporary();
    if (!db) {
      out->error = db.error().message();
      return out;
    }
    auto r = load(**db, kVanilla);
    if (!r) {
      out->error = r.error().message();
      return out;
    }
    out->db = std::move(*db);
    out->report = std::move(*r);
    return out;
  }();
  return *l;
}

#define REQUIRE_LOADED()                                                 \
  do {                                                                   \
    if (!std::ifstream(kVanilla + "/dynamic/person_0_0.csv"))            \
      GTEST_SKIP() << "LDBC SNB tiny data not found under " << kVanilla; \
    ASSERT_TRUE(loaded().db) << loaded().error;                          \
  } while (0)

int64_t countOf(const std::string& text) {
  QueryResult r = loaded().db->query(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  if (!r.ok() || r.rows().size() != 1) return -1;
  return r.rows()[0][0].asInt();
}

int64_t dataRows(const std::string& file) {  // lines of a CSV file minus its header
  std::ifstream in(kVanilla + "/" + file);
  std::string line;
  int64_t n = -1;
  while (std::getline(in, line))
    if (!line.empty()) ++n;
  return n;
}

TEST(LdbcLoad, CountsMatchThePublishedDataSet) {
  REQUIRE_LOADED();
  // The figures published with the tiny data set (its files' row counts).
  EXPECT_EQ(countOf("MATCH (p:Person) RETURN count(p)"), 222);
  EXPECT_EQ(countOf("MATCH (:Person)-[k:KNOWS]->(:Person) RETURN count(k)"), 825);
  struct NodeFile {
    const char* file;
    const char* count_query;
  };
  for (const auto& [file, q] : std::initializer_list<NodeFile>{
           {"static/place_0_0.csv", "MATCH (n:Place) RETURN count(n)"},
           {"static/organisation_0_0.csv", "MATCH (n:Organisation) RETURN count(n)"},
           {"static/tag_0_0.csv", "MATCH (n:Tag) RETURN count(n)"},
           {"static/tagclass_0_0.csv", "MATCH (n:TagClass) RETURN count(n)"},
           {"dynamic/person_0_0.csv", "MATCH (n:Person) RETURN count(n)"},
           {"dynamic/forum_0_0.csv", "MATCH (n:Forum) RETURN count(n)"},
           {"dynamic/post_0_0.csv", "MATCH (n:Message:Post) RETURN count(n)"},
           {"dynamic/comment_0_0.csv", "MATCH (n:Message:Comment) RETURN count(n)"}})
    EXPECT_EQ(countOf(q), dataRows(file)) << file;
  EXPECT_EQ(countOf("MATCH (n:Message) RETURN count(n)"),
            dataRows("dynamic/post_0_0.csv") + dataRows("dynamic/comment_0_0.csv"));
  EXPECT_EQ(countOf("MATCH (n:City) RETURN count(n)") +
                countOf("MATCH (n:Country) RETURN count(n)") +
                countOf("MATCH (n:Continent) RETURN count(n)"),
            dataRows("static/place_0_0.csv"));
  EXPECT_EQ(countOf("MATCH (n:Company) RETURN count(n)") +
                countOf("MATCH (n:University) RETURN count(n)"),
            dataRows("static/organisation_0_0.csv"));
  // Every edge file, by the endpoints' labels and the type.
  struct EdgeFile {
    const char* file;
    const char* pattern;
  };
  for (const auto& [file, pattern] : std::initializer_list<EdgeFile>{
           {"static/organisation_isLocatedIn_place_0_0.csv",
            "(:Organisation)-[r:IS_LOCATED_IN]->(:Place)"},
           {"static/place_isPartOf_place_0_0.csv", "(:Place)-[r:IS_PART_OF]->(:Place)"},
           {"static/tag_hasType_tagclass_0_0.csv", "(:Tag)-[r:HAS_TYPE]->(:TagClass)"},
           {"static/tagclass_isSubclassOf_tagclass_0_0.csv",
            "(:TagClass)-[r:IS_SUBCLASS_OF]->(:TagClass)"},
           {"dynamic/comment_hasCreator_person_0_0.csv", "(:Comment)-[r:HAS_CREATOR]->(:Person)"},
           {"dynamic/comment_hasTag_tag_0_0.csv", "(:Comment)-[r:HAS_TAG]->(:Tag)"},
           {"dynamic/comment_isLocatedIn_place_0_0.csv",
            "(:Comment)-[r:IS_LOCATED_IN]->(:Country)"},
           {"dynamic/comment_replyOf_comment_0_0.csv", "(:Comment)-[r:REPLY_OF]->(:Comment)"},
           {"dynamic/comment_replyOf_post_0_0.csv", "(:Comment)-[r:REPLY_OF]->(:Post)"},
           {"dynamic/forum_containerOf_post_0_0.csv", "(:Forum)-[r:CONTAINER_OF]->(:Post)"},
           {"dynamic/forum_hasMember_person_0_0.csv", "(:Forum)-[r:HAS_MEMBER]->(:Person)"},
           {"dynamic/forum_hasModerator_person_0_0.csv", "(:Forum)-[r:HAS_MODERATOR]->(:Person)"},
           {"dynamic/forum_hasTag_tag_0_0.csv", "(:Forum)-[r:HAS_TAG]->(:Tag)"},
           {"dynamic/person_hasInterest_tag_0_0.csv", "(:Person)-[r:HAS_INTEREST]->(:Tag)"},
           {"dynamic/person_isLocatedIn_place_0_0.csv", "(:Person)-[r:IS_LOCATED_IN]->(:City)"},
           {"dynamic/person_knows_person_0_0.csv", "(:Person)-[r:KNOWS]->(:Person)"},
           {"dynamic/person_likes_comment_0_0.csv", "(:Person)-[r:LIKES]->(:Comment)"},
           {"dynamic/person_likes_post_0_0.csv", "(:Person)-[r:LIKES]->(:Post)"},
           {"dynamic/person_studyAt_organisation_0_0.csv", "(:Person)-[r:STUDY_AT]->(:University)"},
           {"dynamic/person_workAt_organisation_0_0.csv", "(:Person)-[r:WORK_AT]->(:Company)"},
           {"dynamic/post_hasCreator_person_0_0.csv", "(:Post)-[r:HAS_CREATOR]->(:Person)"},
           {"dynamic/post_hasTag_tag_0_0.csv", "(:Post)-[r:HAS_TAG]->(:Tag)"},
           {"dynamic/post_isLocatedIn_place_0_0.csv", "(:Post)-[r:IS_LOCATED_IN]->(:Country)"}})
    EXPECT_EQ(countOf(std::string("MATCH ") + pattern + " RETURN count(r)"), dataRows(file))
        << file;
  int64_t edges = 0;
  for (const auto& [type, n] : loaded().report.relationships_per_type) edges += n;
  EXPECT_EQ(countOf("MATCH ()-[r]->() RETURN count(r)"), edges);
  EXPECT_EQ(countOf("MATCH (n) RETURN count(n)"),
            dataRows("static/place_0_0.csv") + dataRows("static/organisation_0_0.csv") +
                dataRows("static/tag_0_0.csv") + dataRows("static/tagclass_0_0.csv") +
                dataRows("dynamic/person_0_0.csv") + dataRows("dynamic/forum_0_0.csv") +
                dataRows("dynamic/post_0_0.csv") + dataRows("dynamic/comment_0_0.csv"));
}

TEST(LdbcLoad, PropertiesAreTypedAsTheReferenceQueriesExpect) {
  REQUIRE_LOADED();
  QueryResult r = loaded().db->query(
      "MATCH (p:Person {id: 8796093022220}) RETURN p.firstName, p.birthday, p.birthdayDate, "
      "p.email, p.speaks, p.creationDate");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r.rows().size(), 1u);
  const auto& row = r.rows()[0];
  EXPECT_EQ(row[0].asString(), "Jose");
  EXPECT_EQ(row[1].asInt(), 558921600000);  // epoch milliseconds, as the data set writes it
  EXPECT_EQ(row[2].asDate().toString(), "1987-09-18");
  EXPECT_EQ(row[3],
            Value(List{Value("Jose8796093022220@gmail.com"), Value("Jose8796093022220@gmx.com")}));
  EXPECT_EQ(row[4], Value(List{Value("es"), Value("en")}));
  EXPECT_EQ(row[5].asInt(), 1284620040602);
  // A tag whose name is all digits stays a string; a post without text has no content.
  r = loaded().db->query("MATCH (t:Tag {id: 12574}) RETURN t.name");
  ASSERT_TRUE(r.ok() && r.rows().size() == 1);
  EXPECT_EQ(r.rows()[0][0], Value("01011001"));
  EXPECT_EQ(countOf("MATCH (m:Post) WHERE m.content IS NULL RETURN count(m)"),
            countOf("MATCH (m:Post) WHERE m.imageFile IS NOT NULL RETURN count(m)"));
}

TEST(LdbcLoad, AnEdgeToAMissingNodeIsAnErrorNamingTheFile) {
  // A data set of every file's header, two persons and three KNOWS rows, one of them to a
  // person that does not exist: the load fails and says which file and how many rows.
  if (!std::ifstream(kVanilla + "/dynamic/person_0_0.csv")) GTEST_SKIP() << "no LDBC data";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("ldbc-broken-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (const char* sub : {"static", "dynamic"}) {
    fs::create_directories(dir / sub);
    for (const auto& e : fs::directory_iterator(fs::path(kVanilla) / sub)) {
      std::ifstream in(e.path());
      std::string header;
      std::getline(in, header);
      std::ofstream(dir / sub / e.path().filename()) << header << "\n";
    }
  }
  std::ofstream(dir / "dynamic/person_0_0.csv", std::ios::app)
      << "1|Ann|Lee|female|0|0|1.2.3.4|Firefox|en|ann@x.org\n"
      << "2|Bo|Lee|male|0|0|1.2.3.5|Chrome|en;fr|bo@x.org;b@y.org\n";
  std::ofstream(dir / "dynamic/person_knows_person_0_0.csv", std::ios::app) << "1|2|5\n"
                                                                            << "2|999|6\n"
                                                                            << "2|1|7\n";
  auto db = Database::openTemporary();
  ASSERT_TRUE(db);
  auto r = load(**db, dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message().find("person_knows_person_0_0.csv"), std::string::npos)
      << r.error().message();
  EXPECT_NE(r.error().message().find("created 2 of 3 :KNOWS"), std::string::npos)
      << r.error().message();
}

TEST(LdbcLoad, AMalformedRowIsAnErrorNamingFileAndLine) {
  if (!std::ifstream(kVanilla + "/dynamic/person_0_0.csv")) GTEST_SKIP() << "no LDBC data";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("ldbc-malformed-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "static");
  std::ofstream(dir / "static/place_0_0.csv") << "id|name|url|type\n0|India|http://x|country\n"
                                              << "x1|Delhi|http://y|city\n";
  auto db = Database::openTemporary();
  ASSERT_TRUE(db);
  auto r = load(**db, dir.string());
  fs::remove_all(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("place_0_0.csv: line 3: id: expected an integer, got 'x1'"),
            std::string::npos)
      << r.error().message();
}

// ---- the differential check --------------------------------------------------------------

// The value as the shell's json mode and the server write it (entente/json.h).
json jsonOf(const Value& v) { return json::parse(entente::toJson(v)); }

// Numbers compare by value (Kùzu's JSON cannot tell 2.0 from 2); the rest structurally.
bool same(const json& a, const json& b) {
  if (a.is_number() && b.is_number())
    return std::fabs(a.get<double>() - b.get<double>()) <=
           1e-9 * std::max(1.0, std::fabs(a.get<double>()));
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

enum class Order { kTotal, kTies, kNone };
struct Compare {
  Order order;
  std::vector<size_t> keys;  // kTies: the columns of the ORDER BY
  std::set<size_t> bags;     // columns holding collect()ed lists
};

Compare compareFor(const std::string& q) {
  if (q == "ic1") return {Order::kTotal, {}, {11, 12}};
  if (q == "ic12") return {Order::kTotal, {}, {3}};
  if (q == "ic14") return {Order::kTies, {1}, {}};
  if (q == "is7") return {Order::kTies, {2, 3}, {}};
  if (q == "is1" || q == "is4" || q == "is5" || q == "is6") return {Order::kNone, {}, {}};
  return {Order::kTotal, {}, {}};  // every other read orders by a unique key
}

json normalised(json row, const Compare& c) {
  for (size_t col : c.bags)
    if (col < row.size() && row[col].is_array())
      std::sort(row[col].begin(), row[col].end(),
                [](const json& a, const json& b) { return a.dump() < b.dump(); });
  return row;
}

// Sorts rows into a canonical order (for bags of rows).
void canonical(std::vector<json>* rows) {
  std::sort(rows->begin(), rows->end(),
            [](const json& a, const json& b) { return a.dump() < b.dump(); });
}

std::string show(const std::vector<json>& rows) {
  std::string s;
  for (const auto& r : rows) s += "  " + r.dump() + "\n";
  return s;
}

std::vector<json> rowsOf(const QueryResult& r, const Compare& c) {
  std::vector<json> out;
  for (const auto& row : r.rows()) {
    json j = json::array();
    for (const auto& v : row) j.push_back(jsonOf(v));
    out.push_back(normalised(std::move(j), c));
  }
  return out;
}

bool sameRows(const std::vector<json>& a, const std::vector<json>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

// Equal under the read's order: groups of equal sort keys may be permuted within.
bool equalUnder(std::vector<json> got, std::vector<json> want, const Compare& c) {
  if (got.size() != want.size()) return false;
  if (c.order == Order::kNone) {
    canonical(&got);
    canonical(&want);
    return sameRows(got, want);
  }
  if (c.order == Order::kTotal) return sameRows(got, want);
  auto key = [&](const json& row) {
    json k = json::array();
    for (size_t col : c.keys) k.push_back(row[col]);
    return k;
  };
  for (size_t i = 0; i < want.size();) {
    size_t j = i;
    while (j < want.size() && same(key(want[j]), key(want[i]))) ++j;
    std::vector<json> g(got.begin() + i, got.begin() + j), w(want.begin() + i, want.begin() + j);
    canonical(&g);
    canonical(&w);
    if (!sameRows(g, w)) return false;
    i = j;
  }
  return true;
}

class LdbcRead : public testing::TestWithParam<std::string> {};

TEST_P(LdbcRead, AnswersAsKuzuDoesForTheReferenceQuery) {
  REQUIRE_LOADED();
  const std::string q = GetParam();
  auto workload = readWorkload(kLdbcDir);
  ASSERT_TRUE(workload) << workload.error().message();
  auto it =
      std::find_if(workload->begin(), workload->end(), [&](const Read& r) { return r.name == q; });
  ASSERT_NE(it, workload->end());
  std::ifstream in(kLdbcDir + "/expected/" + q + ".json");
  ASSERT_TRUE(in) << "no expected answers for " << q;
  json expected = json::parse(in);
  const auto& sets = expected["results"];
  ASSERT_EQ(sets.size(), it->params.size())
      << "ldbc/expected/" << q << ".json is stale: run ldbc/kuzu/expected.js";
  ASSERT_GE(sets.size(), 2u);
  auto prepared = loaded().db->prepare(it->text);
  ASSERT_TRUE(prepared) << prepared.error().message();
  const Compare c = compareFor(q);
  for (size_t i = 0; i < sets.size(); ++i) {
    ASSERT_TRUE(same(json::parse(it->params_json[i]), sets[i]["params"]) ||
                json::parse(it->params_json[i]) == sets[i]["params"])
        << "ldbc/expected/" << q << ".json is stale: run ldbc/kuzu/expected.js";
    QueryResult r = loaded().db->execute(**prepared, it->params[i]);
    ASSERT_TRUE(r.ok()) << q << " " << it->params_json[i] << ": " << r.error().message();
    std::vector<json> want;
    for (const auto& row : sets[i]["rows"]) want.push_back(normalised(row, c));
    std::vector<json> got = rowsOf(r, c);
    EXPECT_TRUE(equalUnder(got, want, c))
        << q << " with " << it->params_json[i] << "\nEntente (" << got.size() << " rows):\n"
        << show(got) << "Kùzu (" << want.size() << " rows):\n"
        << show(want);
  }
}

INSTANTIATE_TEST_SUITE_P(Interactive, LdbcRead,
                         testing::Values("ic1", "ic2", "ic3", "ic4", "ic5", "ic6", "ic7", "ic8",
                                         "ic9", "ic10", "ic11", "ic12", "ic13", "ic14", "is1",
                                         "is2", "is3", "is4", "is5", "is6", "is7"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace entente::ldbc
