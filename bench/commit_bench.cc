// bench/commit_bench.cc — commits per second of small explicit write transactions with 1, 4
// and 16 writer threads, durable (sync_writes on: each commit waits for the WAL fsync, group
// commit shares one fsync among the committers waiting together) and not (sync_writes off),
// all in one run so the figures compare. Each transaction is two statements on the thread's
// own data (no conflicts): `MATCH (c:Counter {thread: $t}) SET c.n = c.n + 1` (an index seek)
// and `CREATE (:Event {thread: $t, seq: $i})`, then COMMIT. Not part of the test suite.
//
//   commit-bench [seconds-per-case] [db-dir]     (default 3 s; db-dir is removed first)
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "driver_util.h"

namespace {

using namespace entente;

struct Figures {
  double commits_per_s = 0;
  int64_t commits = 0, conflicts = 0, errors = 0;
};

Figures runCase(const std::string& dir, bool durable, int threads, double seconds) {
  std::filesystem::remove_all(dir);
  OpenOptions o;
  o.sync_writes = durable;
  auto db = Database::open(dir, o);
  Figures f;
  if (!db) {
    std::fprintf(stderr, "commit-bench: %s\n", db.error().message().c_str());
    f.errors = 1;
    return f;
  }
  Database& d = **db;
  d.query("CREATE CONSTRAINT counter_thread FOR (c:Counter) REQUIRE c.thread IS UNIQUE");
  d.query("UNWIND range(0, $n - 1) AS t CREATE (:Counter {thread: t, n: 0})",
          {{"n", Value(int64_t{threads})}});
  auto bump = d.prepare("MATCH (c:Counter {thread: $t}) SET c.n = c.n + 1");
  auto event = d.prepare("CREATE (:Event {thread: $t, seq: $i})");
  if (!bump || !event) {
    f.errors = 1;
    return f;
  }
  std::atomic<bool> stop{false};
  std::atomic<int64_t> commits{0}, conflicts{0}, errors{0};
  std::vector<std::thread> pool;
  auto t0 = bench::Clock::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        Map p{{"t", Value(int64_t{t})}, {"i", Value(i)}};
        auto tx = d.beginTransaction();
        if (!tx || !(*tx)->execute(**bump, p).ok() || !(*tx)->execute(**event, p).ok()) {
          ++errors;
          continue;
        }
        auto c = (*tx)->commit();
        if (c) {
          ++commits;
        } else if (c.error().code() == ErrorCode::kTransactionConflict) {
          ++conflicts;
        } else {
          ++errors;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  double elapsed = bench::secondsSince(t0);
  f.commits = commits;
  f.conflicts = conflicts;
  f.errors = errors;
  f.commits_per_s = static_cast<double>(f.commits) / elapsed;
  // Every acknowledged commit is there.
  auto check = d.query("MATCH (e:Event) RETURN count(e)");
  if (!check.ok() || check.rows()[0][0].asInt() != f.commits) ++f.errors;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::stod(argv[1]) : 3.0;
  const std::string base =
      argc > 2 ? argv[2]
               : (std::filesystem::temp_directory_path() / "entente-commit-bench").string();
  std::printf("small explicit write transactions (2 statements + COMMIT), %.1f s per case\n",
              seconds);
  std::printf("%-8s %14s %14s %8s\n", "writers", "durable c/s", "no-sync c/s", "ratio");
  int failed = 0;
  for (int threads : {1, 4, 16}) {
    Figures durable = runCase(base + "/durable", true, threads, seconds);
    Figures fast = runCase(base + "/nosync", false, threads, seconds);
    std::printf("%-8d %14.0f %14.0f %7.1fx\n", threads, durable.commits_per_s, fast.commits_per_s,
                durable.commits_per_s > 0 ? fast.commits_per_s / durable.commits_per_s : 0.0);
    if (durable.conflicts + fast.conflicts > 0)
      std::printf("         (unexpected conflicts: %lld durable, %lld no-sync)\n",
                  static_cast<long long>(durable.conflicts),
                  static_cast<long long>(fast.conflicts));
    failed += durable.errors + fast.errors > 0;
  }
  std::filesystem::remove_all(base);
  if (failed) std::fprintf(stderr, "commit-bench: %d case(s) had errors\n", failed);
  return failed ? 1 : 0;
}
