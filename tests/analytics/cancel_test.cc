// Long analytics honour the statement's time budget and cancel flag: on a graph where
// betweenness or blocs would run for many seconds, the CALL stops promptly with the error a
// cancelled or timed-out MATCH gives, and an interrupted projection is not cached.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "entente/entente.h"

namespace entente {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kNodes = 20000;
constexpr int kEdges = 80000;
// Generous for a loaded 2-core machine; uninterrupted, these calls take far longer
// (betweenness alone is ~n·m = 3·10^9 steps).
constexpr milliseconds kPromptly{3000};

class CancelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = Database::openTemporary();
    ASSERT_TRUE(d.ok()) << d.error().message();
    db_ = std::move(d.value()).release();
    for (const char* ddl : {"CREATE RELATION TYPE BACKS POSITIVE", "CREATE RELATION TYPE FIGHTS NEGATIVE SYMMETRIC"}) {
      auto r = db_->query(ddl);
      ASSERT_TRUE(r.ok()) << r.error().message();
    }
    // A random signed graph, written as CSV and bulk-imported.
    auto dir = std::filesystem::path(db_->path()).parent_path();
    std::string nodes = (dir / "cancel_nodes.csv").string(), edges = (dir / "cancel_edges.csv").string();
    {
      std::ofstream n(nodes), e(edges);
      n << "id,label,name\n";
      for (int i = 0; i < kNodes; ++i) n << i << ",Actor,actor " << i << "\n";
      e << "src,dst,type\n";
      std::mt19937 rng(7);
      std::uniform_int_distribution<int> pick(0, kNodes - 1);
      for (int i = 0; i < kEdges; ++i) e << pick(rng) << "," << pick(rng) << "," << (i % 3 ? "BACKS" : "FIGHTS") << "\n";
    }
    auto s = db_->importCsv(nodes, edges);
    std::filesystem::remove(nodes);
    std::filesystem::remove(edges);
    ASSERT_TRUE(s.ok()) << s.error().message();
  }
  //! Runs a quick statement that builds (and caches) the projection a long one will use, so
  //! the interrupt is tested inside the algorithm itself.
  static void warm(const std::string& text) {
    auto r = db_->query(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }

  //! Runs `text` and returns its error (an InternalError saying so if it succeeded: no
  //! test here expects that) and how long it took.
  static std::pair<Error, milliseconds> timed(const std::string& text, const QueryOptions& options) {
    auto t0 = Clock::now();
    auto r = db_->query(text, {}, options);
    auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - t0);
    return {r.error(), took};
  }
  //! Runs `text`, setting the cancel flag from another thread after `after`.
  static std::pair<Error, milliseconds> cancelledAfter(const std::string& text, milliseconds after) {
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
      std::this_thread::sleep_for(after);
      cancel = true;
    });
    QueryOptions o;
    o.cancel = &cancel;
    auto result = timed(text, o);
    canceller.join();
    return result;
  }

  static Database* db_;
};
Database* CancelTest::db_ = nullptr;

TEST_F(CancelTest, BetweennessStopsAtTheTimeBudget) {
  warm("CALL algo.shortestPath('actor 1', 'actor 2') YIELD cost RETURN cost");  // same undirected projection
  QueryOptions o;
  o.timeout = milliseconds(200);
  auto [error, took] = timed("CALL algo.betweenness() YIELD node, score RETURN count(*)", o);
  EXPECT_EQ(error.code(), ErrorCode::kTimeout) << error.message();
  EXPECT_LT(took, kPromptly);
  // The same error as a MATCH that runs out of time.
  auto [match_error, match_took] = timed("MATCH (a)--(b)--(c)--(d)--(e) RETURN count(*)", o);
  EXPECT_EQ(match_error.code(), ErrorCode::kTimeout);
  EXPECT_EQ(error.message(), match_error.message());
}

TEST_F(CancelTest, BetweennessStopsWhenCancelled) {
  warm("CALL algo.shortestPath('actor 1', 'actor 2') YIELD cost RETURN cost");
  auto [error, took] = cancelledAfter("CALL algo.betweenness() YIELD node RETURN count(*)", milliseconds(200));
  EXPECT_EQ(error.code(), ErrorCode::kCancelled) << error.message();
  EXPECT_LT(took, kPromptly);
}

TEST_F(CancelTest, BlocsStopWhenCancelled) {
  // One component of ~20,000 actors: local search with many restarts.
  warm("CALL alliance.blocs(null, {restarts: 0}) YIELD bloc RETURN count(*)");
  auto [error, took] =
      cancelledAfter("CALL alliance.blocs(null, {restarts: 1000}) YIELD bloc RETURN count(*)", milliseconds(200));
  EXPECT_EQ(error.code(), ErrorCode::kCancelled) << error.message();
  EXPECT_LT(took, kPromptly);
}

// (Stance and backing paths stop by themselves after 2M search steps, ~0.1 s; they tick the
// same Interrupt.)
TEST_F(CancelTest, PageRankStopsAtTheTimeBudget) {
  warm("CALL algo.components() YIELD component RETURN count(*)");  // PageRank's directed projection
  QueryOptions o;
  o.timeout = milliseconds(100);
  auto [error, took] = timed("CALL algo.pageRank(null, 0.85, 1000) YIELD node RETURN count(*)", o);
  EXPECT_EQ(error.code(), ErrorCode::kTimeout) << error.message();
  EXPECT_LT(took, kPromptly);
}

TEST_F(CancelTest, AnInterruptedProjectionIsNotCached) {
  std::atomic<bool> cancel{true};
  QueryOptions o;
  o.cancel = &cancel;
  const std::string q = "CALL algo.components('FIGHTS') YIELD component RETURN count(*)";
  auto [error, took] = timed(q, o);
  EXPECT_EQ(error.code(), ErrorCode::kCancelled);
  auto r = db_->query(q);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_GT(r.rows()[0][0].asInt(), 1);
}

}  // namespace
}  // namespace entente
