// tests/api/load_csv_test.cc — LOAD CSV: rows as lists or maps, terminators, quoting, BOM,
// linenumber()/file(), the import directory's confinement, bad rows refused with their line
// and nothing changed, CALL { } IN TRANSACTIONS over a file; UNWIND $rows batched writes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::countEntities;
using testing::countRelations;
using testing::TempDir;

class LoadCsv : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions o;
    o.import_directory = import_.path();
    auto db = Database::openTemporary(o);
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(db.value());
  }
  void write(const std::string& name, const std::string& content) { import_.file(name, content); }
  QueryResult run(const std::string& q, const Map& params = {}) { return db_->query(q, params); }
  //! The rows of a successful query, rendered as Cypher text.
  std::vector<std::string> rows(const std::string& q, const Map& params = {}) {
    auto r = run(q, params);
    EXPECT_TRUE(r.ok()) << q << "\n" << (r.ok() ? "" : r.error().message());
    std::vector<std::string> out;
    for (const auto& row : r.rows()) {
      std::string line;
      for (const auto& v : row) line += (line.empty() ? "" : " | ") + v.toCypher();
      out.push_back(line);
    }
    return out;
  }
  //! The error of a query that must fail.
  Error error(const std::string& q) {
    auto r = run(q);
    EXPECT_FALSE(r.ok()) << q;
    return r.ok() ? Error(ErrorCode::kInternalError, "succeeded") : r.error();
  }

  TempDir import_;
  std::unique_ptr<Database> db_;
};

TEST_F(LoadCsv, RowsAreListsOfStringsWithoutHeaders) {
  write("a.csv", "1,Turkey,\n2,\"Free Syrian Army, FSA\",\"\"\n");
  EXPECT_EQ(rows("LOAD CSV FROM 'file:///a.csv' AS row RETURN row, linenumber()"),
            (std::vector<std::string>{"['1', 'Turkey', null] | 1",
                                      "['2', 'Free Syrian Army, FSA', ''] | 2"}));
}

TEST_F(LoadCsv, HeadersGiveMapsAndMissingTrailingFieldsAreNull) {
  write("h.csv", "id,name,since\n1,Turkey,2016\n2,HTS\n\n3,,\"\"\n");
  EXPECT_EQ(rows("LOAD CSV WITH HEADERS FROM 'file:///h.csv' AS r "
                 "RETURN r.id, r.name, r.since, linenumber()"),
            (std::vector<std::string>{"'1' | 'Turkey' | '2016' | 2", "'2' | 'HTS' | null | 3",
                                      "'3' | null | '' | 5"}));
  EXPECT_EQ(rows("LOAD CSV WITH HEADERS FROM 'file:///h.csv' AS r RETURN keys(r) LIMIT 1"),
            std::vector<std::string>{"['id', 'name', 'since']"});
}

TEST_F(LoadCsv, FieldTerminatorQuotingBomAndEmbeddedNewlines) {
  write("t.tsv",
        "\xEF\xBB\xBF"
        "name\tnote\r\n"
        "\"Al-Nusra\tFront\"\t\"says \"\"no\"\"\r\nand more\"\r\n"
        "HTS\tx\r\n");
  EXPECT_EQ(rows("LOAD CSV WITH HEADERS FROM 'file:///t.tsv' AS r FIELDTERMINATOR '\\t' "
                 "RETURN r.name, r.note, linenumber()"),
            (std::vector<std::string>{"'Al-Nusra\\tFront' | 'says \"no\"\\r\\nand more' | 2",
                                      "'HTS' | 'x' | 4"}));
  write("s.csv", "a;b\n");
  EXPECT_EQ(rows("LOAD CSV FROM 'file:///s.csv' AS r FIELDTERMINATOR ';' RETURN r"),
            std::vector<std::string>{"['a', 'b']"});
  EXPECT_EQ(error("LOAD CSV FROM 'file:///s.csv' AS r FIELDTERMINATOR ';;' RETURN r").code(),
            ErrorCode::kSyntaxError);
}

TEST_F(LoadCsv, FileNamesTheFileAndSubdirectoriesAndEscapesResolveInside) {
  std::filesystem::create_directories(import_.path() + "/sub dir");
  write("sub dir/x.csv", "1\n");
  auto r = rows("LOAD CSV FROM 'file:///sub%20dir/./x.csv' AS row RETURN file()");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], "'" + std::filesystem::canonical(import_.path()).string() + "/sub dir/x.csv'");
  EXPECT_EQ(rows("LOAD CSV FROM 'file:///sub%20dir/../sub%20dir/x.csv' AS row RETURN row"),
            std::vector<std::string>{"['1']"});
  EXPECT_EQ(rows("RETURN linenumber() AS l, file() AS f"), std::vector<std::string>{"null | null"});
}

TEST_F(LoadCsv, PathsLeavingTheImportDirectoryAreRefused) {
  TempDir outside;
  outside.file("secret.csv", "top,secret\n");
  ASSERT_EQ(
      ::symlink((outside.path() + "/secret.csv").c_str(), (import_.path() + "/link.csv").c_str()),
      0);
  ASSERT_EQ(::symlink(outside.path().c_str(), (import_.path() + "/dirlink").c_str()), 0);
  struct Case {
    std::string url, says;
  };
  for (const auto& c : std::vector<Case>{
           {"file:///../" + std::filesystem::path(outside.path()).filename().string() +
                "/secret.csv",
            "leaves the import directory"},
           {"file:///a/../../x.csv", "leaves the import directory"},
           {"file:///link.csv", "outside the import directory"},
           {"file:///dirlink/secret.csv", "outside the import directory"},
           {"file://" + outside.path() + "/secret.csv", "no file"},  // absolute = inside the dir
           {"file://evil.example/x.csv", "may not name a host"},
           {"http://example.com/x.csv", "'http' URLs are not"},
           {"https://example.com/x.csv", "'https' URLs are not"},
           {"/etc/passwd", "expects a URL"},
           {"file:///", "names no file"},
           {"file:///x%zz.csv", "bad %-escape"},
       }) {
    Error e = error("LOAD CSV FROM '" + c.url + "' AS row RETURN row");
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput) << c.url << ": " << e.message();
    EXPECT_NE(e.message().find(c.says), std::string::npos) << c.url << ": " << e.message();
    EXPECT_EQ(e.message().find("top,secret"), std::string::npos);
  }
  std::filesystem::create_directories(import_.path() + "/adir");
  EXPECT_NE(
      error("LOAD CSV FROM 'file:///adir' AS row RETURN row").message().find("not a regular file"),
      std::string::npos);
  EXPECT_EQ(error("LOAD CSV FROM 42 AS row RETURN row").code(), ErrorCode::kSyntaxError);
}

TEST(LoadCsvDisabled, WithoutAnImportDirectoryLoadCsvIsRefusedSayingHowToEnableIt) {
  auto db = testing::tempDb();
  auto r = db->query("LOAD CSV FROM 'file:///x.csv' AS row RETURN row");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message().find("--import-dir"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("import_directory"), std::string::npos);
}

TEST(LoadCsvDisabled, AnImportDirectoryThatDoesNotExistFailsTheOpen) {
  OpenOptions o;
  o.import_directory = "/nonexistent/entente-import";
  auto db = Database::openTemporary(o);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(db.error().message().find("/nonexistent/entente-import"), std::string::npos);
}

TEST_F(LoadCsv, BadRowsNameFileAndLineAndChangeNothing) {
  ASSERT_TRUE(run("CREATE (:Person {id: 0})").ok());
  write("quote.csv", "id,name\n1,a\n2,\"b\"x\n3,c\n");
  write("utf8.csv", "id,name\n1,a\n2,b\n3,\xC3\x28\n");
  write("open.csv", "id,name\n1,a\n2,\"never closed\n3,c\n");
  write("conv.csv", "id,since\n1,2020-01-01\n2,2020-02-30\n");
  struct Case {
    std::string file, query, says;
    ErrorCode code;
    int line;
  };
  const std::string create = " AS r CREATE (:Person {id: toInteger(r.id), name: r.name})";
  for (const auto& c : std::vector<Case>{
           {"quote.csv", create, "unexpected character after a closing quote",
            ErrorCode::kInvalidInput, 3},
           {"utf8.csv", create, "invalid UTF-8", ErrorCode::kInvalidInput, 4},
           {"open.csv", create, "unterminated quoted field", ErrorCode::kInvalidInput, 3},
           {"conv.csv", " AS r CREATE (:Person {id: toInteger(r.id), since: date(r.since)})",
            "2020-02-30", ErrorCode::kArgumentError, 3},
       }) {
    auto r = run("LOAD CSV WITH HEADERS FROM 'file:///" + c.file + "'" + c.query);
    ASSERT_FALSE(r.ok()) << c.file;
    const std::string& m = r.error().message();
    EXPECT_NE(m.find(c.says), std::string::npos) << m;
    EXPECT_NE(m.find("line " + std::to_string(c.line) + " of "), std::string::npos) << m;
    EXPECT_NE(m.find(c.file), std::string::npos) << m;
    if (c.code != ErrorCode::kInvalidInput) {
      EXPECT_EQ(r.error().code(), c.code) << m;
    }
    EXPECT_EQ(countEntities(*db_), 1u) << c.file << ": the statement changed something";
  }
}

TEST_F(LoadCsv, CreatesNodesAndRelationshipsLikeUnwindOfTheSameRows) {
  write("people.csv", "id,name\n1,Ann\n2,Bob\n3,Cem\n");
  write("knows.csv", "a,b\n1,2\n2,3\n3,1\n");
  ASSERT_TRUE(run("CREATE INDEX FOR (p:Person) ON (p.id)").ok());
  auto r =
      run("LOAD CSV WITH HEADERS FROM 'file:///people.csv' AS row "
          "CREATE (:Person {id: toInteger(row.id), name: row.name})");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r.stats().nodes_created, 3);
  r =
      run("LOAD CSV WITH HEADERS FROM 'file:///knows.csv' AS row "
          "MATCH (a:Person {id: toInteger(row.a)}), (b:Person {id: toInteger(row.b)}) "
          "CREATE (a)-[:KNOWS]->(b)");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r.stats().relationships_created, 3);
  EXPECT_EQ(rows("MATCH (a)-[:KNOWS]->(b) RETURN a.name + '->' + b.name AS k ORDER BY k"),
            (std::vector<std::string>{"'Ann->Bob'", "'Bob->Cem'", "'Cem->Ann'"}));
}

TEST_F(LoadCsv, InTransactionsCommitsBatchesOfABigFile) {
  std::string csv = "id\n";
  for (int i = 0; i < 2500; ++i) csv += std::to_string(i) + "\n";
  write("big.csv", csv);
  const std::string q =
      "LOAD CSV WITH HEADERS FROM 'file:///big.csv' AS row "
      "CALL (row) { CREATE (:N {id: toInteger(row.id), line: linenumber()}) } "
      "IN TRANSACTIONS OF 1000 ROWS";
  auto plan = run("EXPLAIN " + q);
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  std::string text;
  for (const auto& l : plan.rows()) text += l[0].asString() + "\n";
  EXPECT_NE(text.find("LoadCsv WITH HEADERS FROM 'file:///big.csv' AS row"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("Eager"), std::string::npos) << "the file must stream, not be read whole\n"
                                                   << text;
  auto r = run(q);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r.stats().nodes_created, 2500);
  EXPECT_EQ(rows("MATCH (n:N) RETURN count(*), min(n.line), max(n.line), sum(n.id)"),
            std::vector<std::string>{"2500 | 2 | 2501 | 3123750"});

  // A bad row in a later batch: the batches before it stay committed (as in Neo4j), the
  // failing one leaves nothing, and the error names the line.
  write("bad.csv", "id\n1\n2\n3\n\"4\"x\n5\n");
  r =
      run("LOAD CSV WITH HEADERS FROM 'file:///bad.csv' AS row "
          "CALL (row) { CREATE (:B {id: row.id}) } IN TRANSACTIONS OF 2 ROWS");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("line 5 of "), std::string::npos) << r.error().message();
  EXPECT_EQ(rows("MATCH (b:B) RETURN b.id ORDER BY b.id"),
            (std::vector<std::string>{"'1'", "'2'"}));
}

TEST_F(LoadCsv, ExplainAndProfileShowTheOperator) {
  write("p.csv", "1\n2\n");
  auto r = run("PROFILE LOAD CSV FROM 'file:///p.csv' AS row FIELDTERMINATOR ';' RETURN row");
  ASSERT_TRUE(r.ok()) << r.error().message();
  bool found = false;
  for (const auto& row : r.rows()) {
    if (row[0].asString().find("LoadCsv FROM 'file:///p.csv' AS row FIELDTERMINATOR ';'") ==
        std::string::npos)
      continue;
    found = true;
    EXPECT_EQ(row[1], Value(int64_t{2}));
  }
  EXPECT_TRUE(found);
}

TEST(UnwindRows, BatchedWritesCreateNodesAndRelationships) {
  for (bool indexed : {false, true}) {
    auto db = testing::tempDb();
    if (indexed) {
      ASSERT_TRUE(db->query("CREATE INDEX FOR (p:Person) ON (p.id)").ok());
    }
    List people, knows;
    for (int64_t i = 0; i < 300; ++i) {
      people.push_back(Value(Map{{"id", Value(i)}, {"name", Value("p" + std::to_string(i))}}));
      knows.push_back(Value(Map{{"a", Value(i)}, {"b", Value((i * 7 + 1) % 300)}}));
    }
    auto r = db->query("UNWIND $rows AS r CREATE (:Person {id: r.id, name: r.name})",
                       {{"rows", Value(people)}});
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.stats().nodes_created, 300);
    EXPECT_EQ(r.stats().properties_set, 600);
    r = db->query(
        "UNWIND $rows AS r MATCH (a:Person {id: r.a}), (b:Person {id: r.b}) "
        "CREATE (a)-[:KNOWS]->(b)",
        {{"rows", Value(knows)}});
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.stats().relationships_created, 300);
    EXPECT_EQ(countEntities(*db), 300u);
    EXPECT_EQ(countRelations(*db), 300u);
    auto check = db->query(
        "MATCH (a:Person)-[:KNOWS]->(b:Person) "
        "RETURN count(*) AS n, sum(CASE WHEN b.id = (a.id * 7 + 1) % 300 THEN 1 ELSE 0 END) AS ok, "
        "count(DISTINCT a.name) AS names");
    ASSERT_TRUE(check.ok()) << check.error().message();
    EXPECT_EQ(check.rows()[0][0], Value(int64_t{300})) << indexed;
    EXPECT_EQ(check.rows()[0][1], Value(int64_t{300})) << indexed;
    EXPECT_EQ(check.rows()[0][2], Value(int64_t{300})) << indexed;
  }
}

}  // namespace
}  // namespace entente
