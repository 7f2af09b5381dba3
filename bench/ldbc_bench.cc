// bench/ldbc_bench.cc — LDBC SNB Interactive read latency on the tiny graph (ldbc/README.md):
// loads the data set with the ldbc/ loader, then runs each of the 21 reads (IC1–14,
// IS1–7) through one prepared statement, cycling over its parameter sets, and prints one
// JSON line per read: {"query", "runs", "mean_ms", "median_ms", "rows"}, then a summary
// line {"load_s", …}. bench/ldbc/run.sh runs this and the Kùzu driver in the same run.
//
//   build/bench/ldbc-bench [--runs N] [--ldbc DIR] [--data VANILLA_DIR] [--reopen] [--keep DB]
//
// --only READ times that read alone (e.g. ic14, for a profiler).
// --keep DB loads into the directory DB and keeps it (to explore with the shell: `entente DB`).
// --reopen closes and reopens the database after loading (its adjacency copy is then
// rebuilt from the store, as after a restart) before timing.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <string>
#include <thread>

#include <unistd.h>
#include <vector>

#include "bench/driver_util.h"
#include "ldbc/loader.h"
#include "ldbc/workload.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int runs = 20;
  bool reopen = false;
  std::string keep, only;
  std::string ldbc_dir = std::string(ENTENTE_SOURCE_DIR) + "/ldbc";
  std::string vanilla =
      entente::ldbc::tinyVanillaDir(std::string(ENTENTE_SOURCE_DIR) + "/../shared");
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--ldbc" && i + 1 < argc)
      ldbc_dir = argv[++i];
    else if (a == "--data" && i + 1 < argc)
      vanilla = argv[++i];
    else if (a == "--reopen")
      reopen = true;
    else if (a == "--keep" && i + 1 < argc)
      keep = argv[++i];
    else if (a == "--only" && i + 1 < argc)
      only = argv[++i];
    else {
      std::cerr << "usage: ldbc-bench [--runs N] [--ldbc DIR] [--data VANILLA_DIR] [--reopen] "
                   "[--keep DB]\n";
      return 2;
    }
  }
  auto workload = entente::ldbc::readWorkload(ldbc_dir);
  if (!workload) bench::fail("reading " + ldbc_dir, workload.error());

  const fs::path dir = !keep.empty() ? fs::path(keep)
                                     : fs::temp_directory_path() /
                                           ("entente-ldbc-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto db = entente::Database::open(dir.string());
  if (!db) bench::fail("open", db.error());
  auto t0 = bench::Clock::now();
  auto report = entente::ldbc::load(**db, vanilla);
  if (!report) bench::fail("load", report.error());
  const double load_s = bench::secondsSince(t0);
  if (reopen) {
    db->reset();
    db = entente::Database::open(dir.string());
    if (!db) bench::fail("reopen", db.error());
  }

  double total_mean = 0;
  for (const auto& read : *workload) {
    if (!only.empty() && read.name != only) continue;
    auto prepared = bench::prepare(**db, read.text);
    // One untimed pass over every parameter set (warms caches, as Kùzu's driver does).
    size_t rows = 0;
    for (const auto& p : read.params) {
      auto r = (*db)->execute(*prepared, p);
      if (!r.ok()) bench::fail(read.name, r.error());
      rows += r.rows().size();
    }
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
      const auto& p = read.params[static_cast<size_t>(i) % read.params.size()];
      auto t = bench::Clock::now();
      auto r = (*db)->execute(*prepared, p);
      ms.push_back(bench::secondsSince(t) * 1e3);
      if (!r.ok()) bench::fail(read.name, r.error());
    }
    std::sort(ms.begin(), ms.end());
    const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    const double median =
        ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
    total_mean += mean;
    std::cout << "{\"system\":\"entente\",\"query\":\"" << read.name << "\",\"runs\":" << runs
              << ",\"mean_ms\":" << mean << ",\"median_ms\":" << median << ",\"rows\":" << rows
              << "}" << std::endl;
  }
  std::cout << "{\"system\":\"entente\",\"load_s\":" << load_s
            << ",\"reads_mean_ms_total\":" << total_mean << "}" << std::endl;
  db->reset();
  if (keep.empty()) fs::remove_all(dir);
  return 0;
}
