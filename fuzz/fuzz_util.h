// fuzz/fuzz_util.h — what the fuzz targets share: a temporary database and the rule that an
// error is fine but an InternalError (an exception no stage expected, i.e. a bug) is not.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "entente/entente.h"

namespace entente::fuzz {

//! A fresh temporary database; aborts if it cannot be made (the fuzz run is then useless).
//! Commits are not fsynced: a fuzz run needs no power-loss durability, only speed.
inline std::unique_ptr<Database> freshDatabase(bool with_dataset) {
  OpenOptions options;
  options.sync_writes = false;
  auto db = Database::openTemporary(options);
  if (!db) {
    std::fprintf(stderr, "fuzz: cannot open a temporary database: %s\n",
                 db.error().message().c_str());
    std::abort();
  }
  if (with_dataset) {
    auto loaded = db.value()->loadBundledDataset();
    if (!loaded) {
      std::fprintf(stderr, "fuzz: cannot load the bundled dataset: %s\n",
                   loaded.error().message().c_str());
      std::abort();
    }
  }
  return std::move(db.value());
}

//! User input may be refused, never trip an internal error (out of memory aside: the input
//! asked for more than the budget, which is the engine's answer, not a bug).
inline void checkError(const Error& e) {
  if (e.code() != ErrorCode::kInternalError) return;
  if (e.message().find("out of memory") != std::string::npos) return;
  std::fprintf(stderr, "fuzz: InternalError: %s\n", e.message().c_str());
  std::abort();
}

}  // namespace entente::fuzz
