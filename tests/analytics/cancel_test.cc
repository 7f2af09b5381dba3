// Long analytics honour the statement's time budget and cancel flag: on a graph where
// betweenness or blocs would run for many seconds, the CALL stops at its next budget check
// with the error a cancelled or timed-out MATCH gives, and an interrupted projection is not
// cached.
//
// No assertion depends on wall time: the statements read a SteppingClock
// (tests/common/stepping_clock.h) through QueryOptions::clock, so the deadline passes, or the
// cancel flag is set, after a fixed number of budget checks, on any machine under any load.
// Every workload here needs far more checks than that (betweenness alone is ~n·m = 3·10^9
// steps, a check every 4096).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "entente/entente.h"
#include "query/error.h"
#include "tests/api/database_test_access.h"
#include "tests/common/stepping_clock.h"

namespace entente {
namespace {

using std::chrono::milliseconds;
using testing::SteppingClock;

constexpr int kNodes = 20000;
constexpr int kEdges = 80000;
// A budget of 200 ms on a clock that advances 10 ms per read: read 1 starts the statement
// (deadline 210 ms), read 22 is the first past it.
constexpr milliseconds kBudget{200}, kStep{10};
constexpr int kDeadlineRead = 22;
// Cancelling at this read; the next check sees the flag.
constexpr int kCancelRead = 20;

class CancelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = Database::openTemporary();
    ASSERT_TRUE(d.ok()) << d.error().message();
    db_ = std::move(d.value()).release();
    for (const char* ddl : {"CREATE RELATION TYPE BACKS POSITIVE",
                            "CREATE RELATION TYPE FIGHTS NEGATIVE SYMMETRIC"}) {
      auto r = db_->query(ddl);
      ASSERT_TRUE(r.ok()) << r.error().message();
    }
    // A random signed graph, written as CSV and bulk-imported.
    auto dir = std::filesystem::path(db_->path()).parent_path();
    std::string nodes = (dir / "cancel_nodes.csv").string(),
                edges = (dir / "cancel_edges.csv").string();
    {
      std::ofstream n(nodes), e(edges);
      n << "id,label,name\n";
      for (int i = 0; i < kNodes; ++i) n << i << ",Actor,actor " << i << "\n";
      e << "src,dst,type\n";
      std::mt19937 rng(7);
      std::uniform_int_distribution<int> pick(0, kNodes - 1);
      for (int i = 0; i < kEdges; ++i)
        e << pick(rng) << "," << pick(rng) << "," << (i % 3 ? "BACKS" : "FIGHTS") << "\n";
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

  struct Outcome {
    std::string code, message;  // empty code: the statement succeeded
    int clock_reads;
  };
  //! Runs `text` through the engine with `options` reading `clock`.
  static Outcome run(const std::string& text, query::QueryOptions options, SteppingClock& clock) {
    options.clock = clock.fn();
    Outcome out{"", "", 0};
    try {
      DatabaseTestAccess::impl(*db_).engine->run(text, {}, options);
    } catch (const query::QueryError& e) {
      out.code = std::string(name(e.code()));
      out.message = e.what();
    }
    out.clock_reads = clock.reads();
    return out;
  }
  //! Runs `text` with a budget of kBudget on a clock advancing kStep per read.
  static Outcome withBudget(const std::string& text) {
    SteppingClock clock(kStep);
    query::QueryOptions o;
    o.timeout = kBudget;
    return run(text, o, clock);
  }
  //! Runs `text` and sets its cancel flag from another thread at budget check kCancelRead
  //! (the time budget is an hour of a clock that never gets there: it only counts checks).
  static Outcome cancelledAtACheck(const std::string& text) {
    std::atomic<bool> cancel{false};
    SteppingClock clock(milliseconds(1));
    clock.onRead(kCancelRead, [&] { std::thread([&] { cancel = true; }).join(); });
    query::QueryOptions o;
    o.timeout = std::chrono::hours(1);
    o.cancel = &cancel;
    return run(text, o, clock);
  }

  static Database* db_;
};
Database* CancelTest::db_ = nullptr;

TEST_F(CancelTest, BetweennessStopsAtTheTimeBudget) {
  warm("CALL algo.shortestPath('actor 1', 'actor 2') YIELD cost RETURN cost");  // same undirected
                                                                                // projection
  Outcome call = withBudget("CALL algo.betweenness() YIELD node, score RETURN count(*)");
  EXPECT_EQ(call.code, "Timeout") << call.message;
  // Stopped at the first budget check past the deadline (the raise may read the clock once more).
  EXPECT_LE(call.clock_reads, kDeadlineRead + 1);
  // The same error as a MATCH that runs out of time.
  Outcome match = withBudget("MATCH (a)--(b)--(c)--(d)--(e) RETURN count(*)");
  EXPECT_EQ(match.code, "Timeout") << match.message;
  EXPECT_LE(match.clock_reads, kDeadlineRead + 1);
  EXPECT_EQ(call.message, match.message);
}

TEST_F(CancelTest, BetweennessStopsWhenCancelled) {
  warm("CALL algo.shortestPath('actor 1', 'actor 2') YIELD cost RETURN cost");
  Outcome call = cancelledAtACheck("CALL algo.betweenness() YIELD node RETURN count(*)");
  EXPECT_EQ(call.code, "Cancelled") << call.message;
  EXPECT_LE(call.clock_reads, kCancelRead + 1);  // the next check saw the flag
}

TEST_F(CancelTest, BlocsStopWhenCancelled) {
  // One component of ~20,000 actors: local search with many restarts.
  warm("CALL alliance.blocs(null, {restarts: 0}) YIELD bloc RETURN count(*)");
  Outcome call =
      cancelledAtACheck("CALL alliance.blocs(null, {restarts: 1000}) YIELD bloc RETURN count(*)");
  EXPECT_EQ(call.code, "Cancelled") << call.message;
  EXPECT_LE(call.clock_reads, kCancelRead + 1);
}

// (Stance and backing paths stop by themselves after 2M search steps; they tick the same
// Interrupt.)
TEST_F(CancelTest, PageRankStopsAtTheTimeBudget) {
  warm("CALL algo.components() YIELD component RETURN count(*)");  // PageRank's directed projection
  Outcome call = withBudget("CALL algo.pageRank(null, 0.85, 1000) YIELD node RETURN count(*)");
  EXPECT_EQ(call.code, "Timeout") << call.message;
  EXPECT_LE(call.clock_reads, kDeadlineRead + 1);
}

// The public API's cancel flag, set before the statement starts: the first check stops it.
TEST_F(CancelTest, AnInterruptedProjectionIsNotCached) {
  std::atomic<bool> cancel{true};
  QueryOptions o;
  o.cancel = &cancel;
  const std::string q = "CALL algo.components('FIGHTS') YIELD component RETURN count(*)";
  auto r0 = db_->query(q, {}, o);
  ASSERT_FALSE(r0.ok());
  EXPECT_EQ(r0.error().code(), ErrorCode::kCancelled);
  auto r = db_->query(q);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_GT(r.rows()[0][0].asInt(), 1);
}

}  // namespace
}  // namespace entente
