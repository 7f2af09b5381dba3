// query/engine.h — runs statements of the query language against a GraphStore.
//
// The pipeline is parse (query/parse) -> bind (names, variables, functions resolved) ->
// plan (start from the most selective point, filters pushed down) -> execute (physical
// operators pulling rows one at a time, query/exec/operator.h). Plans are cached by
// statement text, so a repeated statement is parsed and planned once; parameters are bound
// at execution.
// Reads run on a snapshot; a statement that writes runs in one write transaction, committed
// whole or not at all. Errors are thrown as QueryError (query/error.h).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entente/statement_types.h"
#include "entente/value.h"
#include "storage/graph_store.h"

namespace entente::analytics {
class ProjectionCache;
}

namespace entente::query {

//! The public limits (timeout, cancel flag, max_rows: entente/statement_types.h) plus what
//! only the engine sets. Built from the public options without copying them field by field.
struct QueryOptions : entente::QueryOptions {
  QueryOptions() = default;
  explicit QueryOptions(const entente::QueryOptions& limits) : entente::QueryOptions(limits) {}

  int64_t default_max_hops = 15;              // cap for unbounded `*`
  //! The time source of the budget; empty = std::chrono::steady_clock::now. While `timeout`
  //! is set it is read once when the statement starts and then at every budget check (every
  //! 1024 units of work in operators, 4096 in analytics), never per row. Tests set it to make
  //! the deadline pass, or `cancel` be set, after exactly N checks, whatever the machine's
  //! speed (tests/common/stepping_clock.h).
  std::function<std::chrono::steady_clock::time_point()> clock;
  //! Set by Engine::execute to the engine's projection cache (callers leave it null): the
  //! alliance and graph procedures share CSR projections through it until the data changes.
  analytics::ProjectionCache* projections = nullptr;
};

struct QueryOutput {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  Stats stats;  // entente/statement_types.h: the public struct, one definition
  std::vector<std::string> notices;  // e.g. "unbounded * capped at 15 hops"
};

class PreparedStatement;  // opaque: parsed, bound and planned

class Engine {
 public:
  explicit Engine(storage::GraphStore& store);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Parses, binds and plans (or takes from the plan cache). Throws QueryError.
  std::shared_ptr<const PreparedStatement> prepare(std::string_view text);
  //! Runs a prepared statement. Thread-safe for concurrent readers. Throws QueryError.
  QueryOutput execute(const PreparedStatement& statement, const Map& params, const QueryOptions& options = {});
  QueryOutput run(std::string_view text, const Map& params = {}, const QueryOptions& options = {}) {
    return execute(*prepare(text), params, options);
  }
  //! Column names of a prepared statement (known before it runs).
  static const std::vector<std::string>& columns(const PreparedStatement& statement);
  static bool isReadOnly(const PreparedStatement& statement);
  //! The projections this engine's statements share (statistics and tests).
  const analytics::ProjectionCache& projections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::query
