// query/engine.h — runs statements of the query language against a GraphStore.
//
// The pipeline is parse (query/parse) -> bind and plan in one walk (query/plan: names,
// variables and functions resolved; start from the most selective point, filters pushed down) ->
// execute (physical operators pulling rows one at a time, query/exec/operator.h). Plans are cached
// by statement text, so a repeated statement is parsed and planned once; parameters are bound at
// execution. Reads run on a snapshot; a statement that writes runs in one write transaction,
// committed whole or not at all — or, inside an explicit transaction, in that transaction. Errors
// are thrown as QueryError (query/error.h).
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
#include "query/options.h"
#include "storage/graph_store.h"

namespace entente::query {

struct QueryOutput {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  Stats stats;                       // entente/statement_types.h: the public struct, one definition
  std::vector<std::string> notices;  // e.g. "unbounded * capped at 15 hops"
};

class PreparedStatement;  // opaque: parsed, bound and planned

class Engine {
 public:
  //! `import_directory`: the canonical directory LOAD CSV may read (empty: LOAD CSV refused).
  explicit Engine(storage::GraphStore& store, std::string import_directory = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  //! Parses, binds and plans (or takes from the plan cache). Throws QueryError.
  std::shared_ptr<const PreparedStatement> prepare(std::string_view text);
  //! Runs a prepared statement. Thread-safe for concurrent readers. Throws QueryError.
  QueryOutput execute(const PreparedStatement& statement, const Map& params,
                      const QueryOptions& options = {});
  QueryOutput run(std::string_view text, const Map& params = {}, const QueryOptions& options = {}) {
    return execute(*prepare(text), params, options);
  }
  //! Runs a statement inside an explicit transaction `txn` (storage::GraphStore::
  //! beginOptimistic, or beginRead for a read-only one): its reads see `txn`'s writes, its
  //! writes go to `txn`, and nothing is committed here. Refused with TransactionError, before
  //! anything runs: index and constraint DDL (it cannot be validated against concurrent
  //! writes; Neo4j refuses it after writes too) and CALL { } IN TRANSACTIONS (it commits on
  //! its own). A statement that fails may have written part of its changes to `txn`: the
  //! caller must roll `txn` back. Throws QueryError.
  QueryOutput execute(const PreparedStatement& statement, const Map& params,
                      const QueryOptions& options, storage::Transaction& txn);
  //! Column names of a prepared statement (known before it runs).
  static const std::vector<std::string>& columns(const PreparedStatement& statement);
  static bool isReadOnly(const PreparedStatement& statement);
  //! The projections this engine's statements share (statistics and tests).
  const analytics::ProjectionCache& projections() const;

 private:
  struct Impl;
  QueryOutput executeIn(const PreparedStatement& statement, const Map& params,
                        const QueryOptions& options, storage::Transaction* txn);
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente::query
