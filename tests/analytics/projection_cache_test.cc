// The projection cache belongs to the query Engine of one store: two databases in one
// process never share or evict each other's projections, a repeated question reuses the
// projection, and any committed change (the store's version) makes the next one fresh.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "analytics/projection.h"
#include "query/engine.h"
#include "storage/graph_store.h"

namespace entente::query {
namespace {

struct OpenDb {
  std::filesystem::path dir;
  std::unique_ptr<storage::GraphStore> store;
  std::unique_ptr<Engine> engine;

  explicit OpenDb(const std::string& tag) {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() /
          ("entente_projection_cache_" + tag + "_" + std::to_string(rd()));
    auto s = storage::GraphStore::open(dir.string());
    EXPECT_TRUE(s.ok()) << s.status().message();
    store = std::move(s.value());
    engine = std::make_unique<Engine>(*store);
  }
  ~OpenDb() {
    engine.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  int64_t components() {
    auto out = engine->run("CALL algo.components() YIELD component RETURN count(*)");
    return out.rows.at(0).at(0).asInt();
  }
  const analytics::ProjectionCache& cache() const { return engine->projections(); }
};

TEST(ProjectionCacheTest, EachDatabaseHasItsOwn) {
  OpenDb a("a"), b("b");
  a.engine->run("CREATE (:X {name: 'a1'})-[:R]->(:X {name: 'a2'}), (:X {name: 'a3'})");
  b.engine->run(
      "CREATE (:X {name: 'b1'}), (:X {name: 'b2'}), (:X {name: 'b3'}), (:X {name: 'b4'})");
  EXPECT_EQ(a.components(), 2);
  EXPECT_EQ(b.components(), 4);
  EXPECT_EQ(a.cache().misses(), 1u);
  EXPECT_EQ(b.cache().misses(), 1u);
  // Asking again, alternately: each answers from its own cache, neither evicts the other.
  EXPECT_EQ(a.components(), 2);
  EXPECT_EQ(b.components(), 4);
  EXPECT_EQ(a.cache().hits(), 1u);
  EXPECT_EQ(b.cache().hits(), 1u);
  EXPECT_EQ(a.cache().size(), 1u);
  EXPECT_EQ(b.cache().size(), 1u);
}

TEST(ProjectionCacheTest, ACommittedChangeMakesTheNextProjectionFresh) {
  OpenDb a("fresh"), b("other");
  a.engine->run("CREATE (:X {name: 'a1'}), (:X {name: 'a2'})");
  b.engine->run("CREATE (:X {name: 'b1'})");
  EXPECT_EQ(a.components(), 2);
  EXPECT_EQ(b.components(), 1);
  a.engine->run("MATCH (x {name: 'a1'}), (y {name: 'a2'}) CREATE (x)-[:R]->(y)");
  EXPECT_EQ(a.components(), 1);  // not the stale projection
  EXPECT_EQ(a.cache().misses(), 2u);
  EXPECT_EQ(b.components(), 1);  // b's data did not change: still cached
  EXPECT_EQ(b.cache().hits(), 1u);
}

TEST(ProjectionCacheTest, AWritingStatementProjectsItsOwnTransaction) {
  OpenDb a("write");
  a.engine->run("CREATE (:X {name: 'a1'})");
  EXPECT_EQ(a.components(), 1);
  // The CALL sees the node created earlier in the same statement, uncommitted.
  auto out = a.engine->run(
      "CREATE (:X {name: 'a2'}) WITH 1 AS one CALL algo.components() YIELD component "
      "RETURN count(*)");
  EXPECT_EQ(out.rows.at(0).at(0).asInt(), 2);
  EXPECT_EQ(a.cache().misses(), 1u);  // not cached
  EXPECT_EQ(a.components(), 2);
}

}  // namespace
}  // namespace entente::query
