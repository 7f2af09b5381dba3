// tests/queries/query_file_test.cc — runs every tests/queries/**/*.test file as one
// GoogleTest test (named after its path, so `ctest -R aleppo` picks the Aleppo files).
//
// Files under tests/queries/pending/ describe behaviour not implemented yet: they are
// registered but skipped (GTEST_SKIP, reported by ctest as "Skipped"), unless
// ENTENTE_TEST_PENDING=1. ENTENTE_TEST_REWRITE=1 rewrites the expected blocks of the files
// it runs with the actual results, for review with `git diff`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "entente/entente.h"
#include "tests/queries/test_file.h"

namespace entente::testing {
namespace {

namespace fs = std::filesystem;

fs::path queriesDir() {
  if (const char* env = std::getenv("ENTENTE_SOURCE_DIR")) return fs::path(env) / "tests/queries";
  return fs::path(ENTENTE_SOURCE_DIR) / "tests/queries";
}

bool envFlag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::string(v) != "0";
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string joinRow(const std::vector<Value>& row) {
  std::string s;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) s += '\t';
    s += renderCell(row[i]);
  }
  return s;
}

//! "Code: message", then " (Detail)" when the error has openCypher's detail: expected
//! blocks match a substring of it ("SyntaxError: Type mismatch", "VariableTypeConflict").
std::string errorText(const Error& e) {
  std::string s = std::string(e.codeName()) + ": " + e.message();
  if (e.detail() != ErrorDetail::kNone) s += " (" + std::string(e.detailName()) + ")";
  return s;
}

//! The non-zero side effects as `name: N` lines (the form a `statement ok` block lists).
std::vector<std::string> statsLines(const Stats& s) {
  const std::pair<const char*, int64_t> all[] = {{"nodes_created", s.nodes_created},
                                                 {"nodes_deleted", s.nodes_deleted},
                                                 {"relationships_created", s.relationships_created},
                                                 {"relationships_deleted", s.relationships_deleted},
                                                 {"properties_set", s.properties_set},
                                                 {"properties_removed", s.properties_removed},
                                                 {"labels_added", s.labels_added},
                                                 {"labels_removed", s.labels_removed}};
  std::vector<std::string> out;
  for (const auto& [name, n] : all)
    if (n != 0) out.push_back(std::string(name) + ": " + std::to_string(n));
  return out;
}

std::string block(const std::vector<std::string>& lines) {
  if (lines.empty()) return "    (no rows)\n";
  std::string s;
  for (const auto& l : lines) s += "    " + l + "\n";
  return s;
}

class QueryFileTest : public ::testing::Test {
 public:
  QueryFileTest(fs::path file, std::string rel, bool pending)
      : file_(std::move(file)), rel_(std::move(rel)), pending_(pending) {}

  void TestBody() override {
    if (pending_ && !envFlag("ENTENTE_TEST_PENDING")) {
      GTEST_SKIP() << rel_ << " is pending (not implemented yet); run with ENTENTE_TEST_PENDING=1";
    }
    std::string err;
    auto parsed = parseTestFile(rel_, readFile(file_), &err);
    ASSERT_TRUE(parsed.has_value()) << err;
    TestFile& tf = *parsed;

    OpenOptions scratch;
    scratch.sync_writes = false;  // semantics, not durability: no fsync per statement
    auto db = Database::openTemporary(scratch);
    ASSERT_TRUE(db.ok()) << db.error().codeName() << ": " << db.error().message();
    if (tf.dataset == "aleppo") {
      auto st = (*db)->loadBundledDataset();
      ASSERT_TRUE(st.ok()) << "loading the bundled dataset: " << st.error().message();
    } else {
      ASSERT_EQ(tf.dataset, "empty") << rel_ << ": unknown dataset `" << tf.dataset << "`";
    }

    Map params;
    // Replacement expected blocks for ENTENTE_TEST_REWRITE, by record index.
    std::vector<std::pair<const Record*, std::vector<std::string>>> rewrites;
    const bool rewrite = envFlag("ENTENTE_TEST_REWRITE");
    QueryOptions opts;
    opts.timeout = std::chrono::milliseconds(30000);

    for (const Record& r : tf.records) {
      const std::string where = rel_ + ":" + std::to_string(r.line);
      if (r.kind == RecordKind::kParam) {
        Value v;
        ASSERT_TRUE(parseJsonValue(r.param_json, &v, &err)) << where << ": " << err;
        params[r.param_name] = v;
        continue;
      }
      QueryResult res = (*db)->query(r.sql, params, opts);
      switch (r.kind) {
        case RecordKind::kStatementOk:
          EXPECT_TRUE(res.ok()) << where << ": statement failed\n  " << r.sql << "\n  "
                                << errorText(res.error());
          // With a `----` block: exactly these side effects (the others zero), in any order.
          if (res.ok() && r.has_separator) {
            std::vector<std::string> actual = statsLines(res.stats()), expected = r.expected;
            std::sort(actual.begin(), actual.end());
            std::sort(expected.begin(), expected.end());
            if (actual != expected) {
              ADD_FAILURE() << where << ": wrong side effects\n  " << r.sql << "\n  expected:\n"
                            << block(r.expected) << "  actual:\n"
                            << block(statsLines(res.stats()));
              rewrites.push_back({&r, statsLines(res.stats())});
            }
          }
          break;
        case RecordKind::kStatementError: {
          if (res.ok()) {
            ADD_FAILURE() << where << ": statement succeeded, expected an error\n  " << r.sql;
            break;
          }
          if (r.expected.empty()) break;
          const std::string actual = errorText(res.error());
          if (actual.find(r.expected[0]) == std::string::npos) {
            ADD_FAILURE() << where << ": wrong error\n  " << r.sql
                          << "\n  expected substring: " << r.expected[0]
                          << "\n  actual: " << actual;
            rewrites.push_back({&r, {std::string(res.error().codeName())}});
          }
          break;
        }
        case RecordKind::kQuery: {
          if (!res.ok()) {
            ADD_FAILURE() << where << ": query failed\n  " << r.sql << "\n  "
                          << errorText(res.error());
            break;
          }
          if (res.columns().size() != r.types.size()) {
            ADD_FAILURE() << where << ": " << res.columns().size()
                          << " columns, but the type string `" << r.types << "` has "
                          << r.types.size() << "\n  " << r.sql;
          }
          std::vector<std::string> actual;
          for (const auto& row : res.rows()) actual.push_back(joinRow(row));
          std::vector<std::string> expected = r.expected;
          if (!comparesInOrder(r)) {
            std::sort(actual.begin(), actual.end());
            std::sort(expected.begin(), expected.end());
          }
          if (actual != expected) {
            ADD_FAILURE() << where << ": wrong result\n  " << r.sql << "\nexpected:\n"
                          << block(expected) << "actual:\n"
                          << block(actual);
            rewrites.push_back({&r, actual});  // sorted when the comparison is unordered
          }
          break;
        }
        case RecordKind::kParam: break;
      }
    }
    if (rewrite && !rewrites.empty()) rewriteFile(tf, rewrites);
  }

 private:
  void rewriteFile(const TestFile& tf,
                   std::vector<std::pair<const Record*, std::vector<std::string>>>& rewrites) {
    std::vector<std::string> lines = tf.lines;
    // Bottom-up so earlier line numbers stay valid.
    std::sort(rewrites.begin(), rewrites.end(),
              [](const auto& a, const auto& b) { return a.first->line > b.first->line; });
    for (auto& [r, rows] : rewrites) {
      std::vector<std::string> repl = rows;
      if (!r->has_separator) repl.insert(repl.begin(), "----");
      lines.erase(lines.begin() + r->expected_begin, lines.begin() + r->expected_end);
      lines.insert(lines.begin() + r->expected_begin, repl.begin(), repl.end());
    }
    std::ofstream out(file_, std::ios::binary | std::ios::trunc);
    for (const auto& l : lines) out << l << '\n';
    std::cerr << "rewrote " << rewrites.size() << " expected block(s) in " << rel_ << "\n";
  }

  fs::path file_;
  std::string rel_;
  bool pending_;
};

std::string testName(std::string rel) {
  if (rel.size() > 5 && rel.ends_with(".test")) rel.resize(rel.size() - 5);
  for (char& c : rel) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return rel;
}

void registerAll() {
  const fs::path dir = queriesDir();
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".test") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::string rel = fs::relative(p, dir).generic_string();
    bool pending = rel.starts_with("pending/");
    ::testing::RegisterTest(
        "QueryFile", testName(rel).c_str(), nullptr, rel.c_str(), __FILE__, __LINE__,
        [=]() -> ::testing::Test* { return new QueryFileTest(p, rel, pending); });
  }
}

}  // namespace
}  // namespace entente::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  entente::testing::registerAll();
  return RUN_ALL_TESTS();
}
