// query/options.h — what a statement runs with: the caller's limits plus the engine's own
// settings. Separate from engine.h so the executor (query/exec) needs no engine header.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "entente/statement_types.h"

namespace entente::analytics {
class ProjectionCache;
}

namespace entente::query {

//! The public limits (timeout, cancel flag, max_rows: entente/statement_types.h) plus what
//! only the engine sets. Built from the public options without copying them field by field.
struct QueryOptions : entente::QueryOptions {
  QueryOptions() = default;
  explicit QueryOptions(const entente::QueryOptions& limits) : entente::QueryOptions(limits) {}

  int64_t default_max_hops = 15;  // cap for unbounded `*`
  //! The time source of the budget; empty = std::chrono::steady_clock::now. While `timeout`
  //! is set it is read once when the statement starts and then at every budget check (every
  //! 1024 units of work in operators, 4096 in analytics), never per row. Tests set it to make
  //! the deadline pass, or `cancel` be set, after exactly N checks, whatever the machine's
  //! speed (tests/common/stepping_clock.h).
  std::function<std::chrono::steady_clock::time_point()> clock;
  //! Set by Engine::execute to the engine's projection cache (callers leave it null): the
  //! alliance and graph procedures share CSR projections through it until the data changes.
  analytics::ProjectionCache* projections = nullptr;
  //! Set by Engine::execute: the canonical directory LOAD CSV reads from (a view of the
  //! engine's setting, OpenOptions::import_directory); empty = LOAD CSV refused.
  std::string_view import_directory;
};

}  // namespace entente::query
