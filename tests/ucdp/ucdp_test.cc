// The UCDP import, for real: scripts/import_ucdp.py converts the External Support Dataset and
// the actor list (../shared/data/ucdp/), Entente imports the JSON Lines, and the answers an
// analyst would ask for — who backed whom in the Syrian civil war by year and with what, a
// backing path, stances, the camps of the war with their frustration, a lineage — are
// compared with tests/ucdp/expected.py, which recomputes them from the CSVs alone. Every
// example of docs/reasoning.md's UCDP section is run from the document itself.
//
// The fixture is called `ucdp` (lower case) so that `ctest -R ucdp` selects these tests.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "entente/entente.h"

namespace entente {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const std::string kSource = ENTENTE_SOURCE_DIR;
const std::string kEsd = std::string(ENTENTE_SHARED_DIR) + "/data/ucdp/ucdp-esd-ay-181.csv";
const std::string kActors = std::string(ENTENTE_SHARED_DIR) + "/data/ucdp/ucdp-actor-221.csv";

//! Runs a shell command; returns its stdout, and its exit status in *status.
std::string run(const std::string& command, int* status) {
  std::array<char, 4096> buf;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    *status = -1;
    return out;
  }
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  *status = pclose(pipe);
  return out;
}

std::string shellQuoted(const std::string& s) { return "'" + s + "'"; }

//! The examples of docs/reasoning.md's UCDP section: comment line -> statement.
std::vector<std::pair<std::string, std::string>> documentedExamples() {
  std::ifstream in(kSource + "/docs/reasoning.md");
  std::stringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  size_t section = doc.find("## UCDP");
  size_t start = doc.find("Example questions", section);
  start = doc.find("```\n", start) + 4;
  std::istringstream block(doc.substr(start, doc.find("```", start) - start));
  std::vector<std::pair<std::string, std::string>> examples;
  std::string line, comment, statement;
  while (std::getline(block, line)) {
    if (line.rfind("// ", 0) == 0) {
      comment = line.substr(3);
    } else if (!line.empty()) {
      statement += line + "\n";
      if (line.back() == ';') {
        examples.emplace_back(comment, statement);
        statement.clear();
      }
    }
  }
  return examples;
}

std::set<std::string> stringSet(const Value& v) {
  std::set<std::string> out;
  for (const auto& e : v.asList()) out.insert(e.asString());
  return out;
}

std::set<std::string> stringSet(const Json& j) {
  std::set<std::string> out;
  for (const auto& e : j) out.insert(e.get<std::string>());
  return out;
}

class ucdp : public ::testing::Test {  // NOLINT(readability-identifier-naming): see the top
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(kEsd) || !fs::exists(kActors))
      GTEST_SKIP() << "UCDP data not found under ../shared/data/ucdp";
    dir_ = fs::temp_directory_path() / ("entente-ucdp-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    int status = 0;
    std::string jsonl = (dir_ / "ucdp.jsonl").string();
    script_output_ = run("python3 " + shellQuoted(kSource + "/scripts/import_ucdp.py") + " --esd " +
                             shellQuoted(kEsd) + " --actors " + shellQuoted(kActors) + " -o " +
                             shellQuoted(jsonl),
                         &status);
    ASSERT_EQ(status, 0) << script_output_;
    std::string expected =
        run("python3 " + shellQuoted(kSource + "/tests/ucdp/expected.py") + " --esd " +
                shellQuoted(kEsd) + " --actors " + shellQuoted(kActors),
            &status);
    ASSERT_EQ(status, 0) << expected;
    expected_ = Json::parse(expected);
    auto d = Database::openTemporary();
    ASSERT_TRUE(d.ok()) << d.error().message();
    db_ = std::move(d.value()).release();
    auto s = db_->importJsonLines(jsonl);
    ASSERT_TRUE(s.ok()) << s.error().message();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  void SetUp() override {
    if (!db_) GTEST_SKIP() << "no UCDP database";
  }

  QueryResult q(const std::string& text, const Map& params = {}) {
    auto r = db_->query(text, params);
    EXPECT_TRUE(r.ok()) << text << "\n" << (r.ok() ? "" : r.error().message());
    return r;
  }
  static std::string example(const std::string& comment) {
    for (const auto& [c, statement] : documentedExamples())
      if (c.rfind(comment, 0) == 0) return statement;
    ADD_FAILURE() << "docs/reasoning.md has no UCDP example '" << comment << "'";
    return "RETURN 1";
  }
  static std::string midYear(int year) { return std::to_string(year) + "-07-01"; }

  static fs::path dir_;
  static std::string script_output_;
  static Json expected_;
  static Database* db_;
};
fs::path ucdp::dir_;
std::string ucdp::script_output_;
Json ucdp::expected_;
Database* ucdp::db_ = nullptr;

TEST_F(ucdp, ImportReproducesThePublishedFigures) {
  // Published in ../shared/data/README.md; recomputed by the importer and, separately, by
  // expected.py.
  for (const char* line :
       {"rows: 4781", "intrastate conflicts with external support: 151 of 187 = 80.7 %",
        "interstate conflicts with external support: 18 of 25 = 72.0 %", "actors: 1725",
        "renames: 70", "splinters: 219", "coalition memberships: 111"})
    EXPECT_NE(script_output_.find(line), std::string::npos) << line << " not in:\n"
                                                            << script_output_;
  const Json& f = expected_["figures"];
  EXPECT_EQ(f["rows"], 4781);
  EXPECT_EQ(f["intrastate_pct"], 80.7);
  EXPECT_EQ(f["interstate_pct"], 72.0);
  EXPECT_EQ(f["actors"], 1725);
  EXPECT_EQ(f["renames"], 70);
  EXPECT_EQ(f["splinters"], 219);
  EXPECT_EQ(f["coalitions"], 111);
  // In the database: every renamed actor has its former name, every actor list entry is there.
  EXPECT_EQ(q("MATCH ()-[r:FORMERLY]->() RETURN count(r)").rows()[0][0].asInt(), 70);
  EXPECT_EQ(q("MATCH (n) WHERE n.ucdp_org IS NOT NULL RETURN count(n)").rows()[0][0].asInt(), 1725);
}

TEST_F(ucdp, SupportersOfThePartiesToTheSyrianCivilWarByYear) {
  auto r = q(example("External supporters of the parties to the Syrian civil war"));
  std::map<std::pair<int64_t, std::string>, std::set<std::string>> got, want;
  for (const auto& row : r.rows()) got[{row[0].asInt(), row[1].asString()}] = stringSet(row[2]);
  for (const auto& [year, parties] : expected_["syria"].items())
    for (const auto& [party, supporters] : parties.items())
      want[{std::stoi(year), party}] = stringSet(supporters);
  EXPECT_EQ(got, want);
  // What an analyst knows: Russia and Iran backed the government every year, the US, the UK,
  // Turkey and Saudi Arabia the insurgents.
  for (int64_t y = 2011; y <= 2017; ++y) {
    auto gov = got[{y, "Government of Syria"}], rebels = got[{y, "Syrian insurgents"}];
    EXPECT_TRUE(gov.count("Government of Russia (Soviet Union)") && gov.count("Government of Iran"))
        << y;
    for (const char* s : {"Government of United States of America", "Government of United Kingdom",
                          "Government of Turkey", "Government of Saudi Arabia"})
      EXPECT_TRUE(rebels.count(s)) << y << " " << s;
  }
}

TEST_F(ucdp, WhoBackedTheSyrianGovernmentAndWithWhat) {
  auto r = q(example("Who backed the Syrian government in 2015"));
  std::set<std::string> supporters;
  for (const auto& row : r.rows()) supporters.insert(row[0].asString());
  EXPECT_EQ(supporters, stringSet(expected_["syria"]["2015"]["Government of Syria"]));
  for (const auto& k : expected_["kinds"]) {
    int year = k["year"];
    auto kinds = q("AS OF $d MATCH ({name: $s})-[r:BACKS]->({name: $t}) RETURN r.kinds",
                   {{"d", Value(midYear(year))},
                    {"s", Value(k["supporter"].get<std::string>())},
                    {"t", Value(k["recipient"].get<std::string>())}});
    ASSERT_EQ(kinds.rows().size(), 1u) << k.dump();  // one BACKS relation in force per year
    EXPECT_EQ(stringSet(kinds.rows()[0][0]), stringSet(k["kinds"])) << k.dump();
  }
}

TEST_F(ucdp, StancesFollowTheDocumentedRule) {
  std::map<std::string, std::string> stances;
  for (const auto& s : expected_["stance"]) {
    std::string a = s["a"], b = s["b"];
    auto r =
        q("AS OF $d CALL alliance.stance($a, $b, {maxPaths: 100000}) YIELD stance, paths RETURN "
          "stance, paths",
          {{"d", Value(midYear(s["year"]))}, {"a", Value(a)}, {"b", Value(b)}});
    ASSERT_EQ(r.rows().size(), 1u);
    EXPECT_EQ(r.rows()[0][0].asString(), s["stance"].get<std::string>()) << a << " / " << b;
    std::map<std::string, int> counts;  // "3+" -> paths of 3 links, friendly
    for (const auto& p : r.rows()[0][1].asList()) {
      const Map& m = p.asMap();
      counts[std::to_string(m.at("length").asInt()) +
             (m.at("sign").asString() == "friendly" ? "+" : "-")]++;
    }
    EXPECT_EQ(Json(counts), s["paths"]) << a << " / " << b;
    stances[a + " / " + b] = r.rows()[0][0].asString();
  }
  // Answers an analyst accepts: Russia backed the regime the insurgents fought; Iran and
  // Saudi Arabia, Qatar and Iran backed opposite sides in Syria and Yemen.
  EXPECT_EQ(stances["Government of Russia (Soviet Union) / Syrian insurgents"], "hostile");
  EXPECT_EQ(stances["Government of Iran / Government of Saudi Arabia"], "hostile");
  EXPECT_EQ(stances["Government of Qatar / Government of Iran"], "hostile");
  EXPECT_EQ(stances["Government of United States of America / IS"], "hostile");
  // The documented example explains the Russian answer by the proxy path first.
  auto why = q(example("Stance of Russia towards the Syrian insurgents"));
  EXPECT_EQ(why.rows()[0][1].asList()[0].asString(),
            "Government of Russia (Soviet Union) -[BACKS]-> Government of Syria -[FIGHTS]-> Syrian "
            "insurgents "
            "(hostile, 2 hops)");
}

TEST_F(ucdp, BackingPathsAreTheShortestOnesOfTheData) {
  for (const auto& b : expected_["backing"]) {
    auto r = q("AS OF $d CALL alliance.backingPaths($a, $b) YIELD path, length RETURN path, length",
               {{"d", Value(midYear(b["year"]))},
                {"a", Value(b["a"].get<std::string>())},
                {"b", Value(b["b"].get<std::string>())}});
    std::set<std::vector<std::string>> shortest, want;
    for (const auto& row : r.rows()) {
      if (row[1].asInt() != r.rows()[0][1].asInt()) break;  // shortest first
      std::vector<std::string> names;
      for (const auto& n : row[0].asPath().nodes)
        names.push_back(n.properties.at("name").asString());
      shortest.insert(names);
    }
    for (const auto& p : b["paths"]) want.insert(p.get<std::vector<std::string>>());
    EXPECT_EQ(shortest, want) << b.dump();
  }
  auto pkk = q(example("How the PKK backed the SDF"));
  ASSERT_EQ(pkk.rows().size(), 1u);
  EXPECT_EQ(stringSet(pkk.rows()[0][1]), (std::set<std::string>{"BACKS", "PART_OF"}));
}

TEST_F(ucdp, CampsOfTheSyrianWarHaveTheMinimumFrustration) {
  for (const auto& b : expected_["blocs"]) {
    std::string war_relations =
        "MATCH (a)-[r:BACKS|FIGHTS]->(b) "
        "WHERE r.conflict STARTS WITH 'Syria' OR any(c IN r.conflicts WHERE c STARTS WITH "
        "'Syria') ";
    std::string selection =
        b["selection"] == "war"
            ? "WITH collect(DISTINCT r) AS war CALL alliance.blocs(null, {relations: war}) "
            : "WITH collect(a) + collect(b) AS actors CALL alliance.blocs(null, {actors: actors}) ";
    auto r = q("AS OF $d " + war_relations + selection +
                   "YIELD bloc, members, frustration, component RETURN bloc, members, frustration, "
                   "component",
               {{"d", Value(midYear(b["year"]))}});
    std::map<std::string, int> camp;
    std::map<int64_t, int64_t> frustration_of_component;
    for (const auto& row : r.rows()) {
      for (const auto& m : row[1].asList()) camp[m.asString()] = static_cast<int>(row[0].asInt());
      frustration_of_component[row[3].asInt()] = row[2].asInt();
    }
    std::string what =
        std::to_string(b["year"].get<int>()) + " " + b["selection"].get<std::string>();
    EXPECT_EQ(stringSet(b["actors"]), [&] {
      std::set<std::string> s;
      for (const auto& [name, c] : camp) s.insert(name);
      return s;
    }()) << what;
    int64_t total = 0;
    for (const auto& [c, f] : frustration_of_component) total += f;
    EXPECT_EQ(total, b["frustration"].get<int64_t>()) << what;
    // Entente's camps achieve that minimum, counted on the relations from the CSV.
    int64_t frustrated = 0, positive = 0;
    for (const auto& rel : b["relations"]) {
      bool same = camp.at(rel[0].get<std::string>()) == camp.at(rel[1].get<std::string>());
      bool bad = rel[2].get<int>() > 0 ? !same : same;
      frustrated += bad;
      positive += bad && rel[2].get<int>() > 0;
    }
    EXPECT_EQ(frustrated, b["frustration"].get<int64_t>()) << what;
    EXPECT_EQ(positive, b["frustrated_positive"].get<int64_t>()) << what;
    if (b["selection"] == "war") {  // the regime's backers against the rebels' backers
      EXPECT_EQ(camp.at("Government of Iran"), camp.at("Government of Syria")) << what;
      EXPECT_EQ(camp.at("Government of Russia (Soviet Union)"), camp.at("Government of Syria"))
          << what;
      EXPECT_EQ(camp.at("Government of Turkey"), camp.at("Syrian insurgents")) << what;
      EXPECT_NE(camp.at("Government of Syria"), camp.at("Syrian insurgents")) << what;
    }
  }
}

TEST_F(ucdp, LineageOfIslamicState) {
  const Json& l = expected_["lineage"];
  for (const auto& alias : l["aliases"]) {  // every name of the actor list finds it
    auto r =
        q("MATCH (n {name: $n}) RETURN count(n)", {{"n", Value(l["name"].get<std::string>())}});
    EXPECT_EQ(r.rows()[0][0].asInt(), 1);
    auto lineage = q("CALL identity.lineage($a) YIELD name, step RETURN name, step ORDER BY step",
                     {{"a", Value(alias.get<std::string>())}});
    ASSERT_EQ(lineage.rows().size(), 2u) << alias;
    EXPECT_EQ(lineage.rows()[0][0].asString(), l["former"].get<std::string>());
    EXPECT_EQ(lineage.rows()[1][0].asString(), l["name"].get<std::string>());
  }
}

TEST_F(ucdp, EveryDocumentedExampleRuns) {
  auto examples = documentedExamples();
  EXPECT_GE(examples.size(), 8u);
  for (const auto& [comment, statement] : examples) {
    auto r = q(statement);
    EXPECT_TRUE(r.ok() && !r.rows().empty()) << comment;
  }
}

TEST_F(ucdp, TheDocumentedCommandBuildsTheDatabase) {
  std::string shell = std::string(ENTENTE_BINARY_DIR) + "/shell/entente";
  if (!fs::exists(shell)) GTEST_SKIP() << "no shell binary at " << shell;
  std::string db = (dir_ / "ucdp.db").string();
  int status = 0;
  std::string command = "python3 " + shellQuoted(kSource + "/scripts/import_ucdp.py") + " --esd " +
                        shellQuoted(kEsd) + " --actors " + shellQuoted(kActors) + " --db " +
                        shellQuoted(db) + " --entente " + shellQuoted(shell);
  for (int round = 0; round < 2; ++round) {  // re-runnable: the second round rebuilds it
    std::string out = run(command + (round ? " --replace" : "") + " 2>&1", &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("Imported into"), std::string::npos) << out;
  }
  EXPECT_NE(run(command + " 2>&1", &status).find("pass --replace"),
            std::string::npos);  // never clobbers silently
  EXPECT_NE(status, 0);
  auto opened = Database::open(db);
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  auto r = (*opened)->query("MATCH (n) RETURN count(n)");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.rows()[0][0].asInt(), q("MATCH (n) RETURN count(n)").rows()[0][0].asInt());
}

}  // namespace
}  // namespace entente
