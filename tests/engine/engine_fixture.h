// tests/engine/engine_fixture.h — a temporary GraphStore + Engine for query tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "query/engine.h"
#include "query/error.h"
#include "storage/graph_store.h"

namespace entente::query {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("entente_query_test_" + std::to_string(rd()));
    storage::StoreOptions o;
    o.sync = false;  // semantics, not durability: no fsync per statement
    auto s = storage::GraphStore::open(dir_.string(), o);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s.value());
    engine_ = std::make_unique<Engine>(*store_);
  }
  void TearDown() override {
    engine_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  QueryOutput run(const std::string& q, const Map& params = {}, const QueryOptions& o = {}) {
    return engine_->run(q, params, o);
  }
  //! The error code a statement fails with ("" if it succeeds).
  std::string errorOf(const std::string& q, const Map& params = {}, const QueryOptions& o = {}) {
    try {
      run(q, params, o);
    } catch (const QueryError& e) {
      return std::string(name(e.code())) + ": " + e.what();
    }
    return "";
  }
  int64_t count(const std::string& q, const Map& params = {}) {
    auto out = run(q, params);
    EXPECT_EQ(out.rows.size(), 1u);
    return out.rows.at(0).at(0).asInt();
  }
  //! EXPLAIN output as one string (one operator per line).
  std::string explain(const std::string& q) {
    std::string s;
    for (const auto& r : run("EXPLAIN " + q).rows) s += r[0].asString() + "\n";
    return s;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::GraphStore> store_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace entente::query
