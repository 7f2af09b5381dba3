// bench/driver_util.h — what the benchmark drivers share: timing, reading query files, and
// failing loudly (a driver that meets an error must not print a timing line).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <entente/entente.h>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

//! Every integer in a whitespace-separated file.
inline std::vector<int64_t> readInts(const std::string& path) {
  std::vector<int64_t> out;
  std::ifstream in(path);
  int64_t x;
  while (in >> x) out.push_back(x);
  return out;
}

[[noreturn]] inline void fail(const std::string& what, const entente::Error& e) {
  std::cerr << what << ": " << e.codeName() << ": " << e.message() << "\n";
  std::exit(1);
}

inline std::shared_ptr<const entente::PreparedQuery> prepare(entente::Database& db,
                                                             const std::string& text) {
  auto p = db.prepare(text);
  if (!p) fail("prepare " + text, p.error());
  return p.value();
}

}  // namespace bench
