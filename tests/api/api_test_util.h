// tests/api/api_test_util.h — helpers shared by the API tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "database_test_access.h"
#include "entente/entente.h"

namespace entente::testing {

//! A fresh temporary database; fails the test if it cannot be opened.
inline std::unique_ptr<Database> tempDb(const OpenOptions& options = {}) {
  auto db = Database::openTemporary(options);
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message());
  return db.ok() ? std::move(db.value()) : nullptr;
}

inline size_t countEntities(Database& db) {
  size_t n = 0;
  DatabaseTestAccess::impl(db).store->beginRead()->scanNodes([&](uint64_t) {
    ++n;
    return true;
  });
  return n;
}

inline size_t countRelations(Database& db) {
  size_t n = 0;
  DatabaseTestAccess::impl(db).store->beginRead()->scanEdges([&](const storage::EdgeRef&) {
    ++n;
    return true;
  });
  return n;
}

//! A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "entente-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name, const std::string& content) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

//! Asserts `e` is an error whose message contains `needle`.
#define EXPECT_ERROR_CONTAINS(expected, error_code, needle)                              \
  do {                                                                                   \
    const auto& e_ = (expected);                                                         \
    ASSERT_FALSE(e_.ok()) << "expected an error containing: " << (needle);               \
    EXPECT_EQ(e_.error().code(), error_code) << e_.error().message();                    \
    EXPECT_NE(e_.error().message().find(needle), std::string::npos)                      \
        << "message: " << e_.error().message() << "\nexpected to contain: " << (needle); \
  } while (0)

}  // namespace entente::testing
