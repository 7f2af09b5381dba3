// query/exec/exec_state.h — what one execution of a plan carries around.
//
// ExecState extends the expression EvalContext with everything operators need: the
// (possibly writable) transaction, dictionary ids of the names a plan uses (resolved lazily
// and cached), side-effect counters, notices, the time budget / cancel flag, and the
// per-execution instances of sub-plans used by pattern predicates. One per execute() call,
// used by one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/expr/expression.h"
#include "query/options.h"

namespace entente::query {

class Operator;

//! Labels, relation types and property keys a plan mentions, by index. Dictionary ids are
//! cached here once seen in committed data (ids never change once committed); names not yet
//! in the dictionary are looked up again on each execution, so a plan cached before a label
//! existed starts matching it as soon as it does.
class NameTable {
 public:
  int add(std::string_view name);
  const std::string& name(int index) const { return names_[index]; }
  size_t size() const { return names_.size(); }
  int64_t cached(int index) const { return ids_[index].load(std::memory_order_relaxed); }
  void remember(int index, uint32_t id) const { ids_[index].store(id, std::memory_order_relaxed); }

 private:
  std::vector<std::string> names_;
  mutable std::deque<std::atomic<int64_t>> ids_;
};

struct ProfileEntry {
  uint64_t rows = 0;
  uint64_t ns = 0;
};

class ExecState : public EvalContext {
 public:
  ExecState(const storage::GraphStore& store, storage::Transaction& txn, const NameTable& names,
            const QueryOptions& options, int row_width);
  ~ExecState();

  const storage::GraphStore& store;
  storage::Transaction& tx;  // the statement's transaction (writable for write statements)
  const NameTable& names;
  const QueryOptions& options;
  const int row_width;
  Stats stats;
  std::vector<std::string> notices;

  bool writable() const { return tx.writable(); }
  //! Dictionary id of plan name `index`, or nullopt if the name is unknown (matches nothing).
  std::optional<uint32_t> id(int index);
  //! Dictionary id of plan name `index`, interning it (write statements only).
  uint32_t internId(int index);
  uint32_t intern(std::string_view s);
  void notice(std::string text);

  //! Counts work; every 1024 units checks the time budget and the cancel flag.
  void tick() {
    if ((++ticks_ & 1023) == 0) checkBudget();
  }
  void checkBudget() const;
  //! Non-throwing variant for storage callbacks: true once cancelled or out of time (then
  //! stop the scan and call checkBudget()).
  bool tickExpired() { return (++ticks_ & 1023) == 0 && expired(); }
  bool expired() const;
  //! Whether the time budget is spent (reads the clock; false without a budget).
  bool pastDeadline() const;

  // Entities deleted by this statement (deleting twice is a no-op, counted once).
  std::unordered_set<uint64_t> deleted_nodes, deleted_rels;

  // Property-key ids of since/until for AS OF checks (set with as_of).
  storage::ValidTimeKeys valid_time;
  //! True if an edge is valid at the statement's AS OF date (always true without AS OF).
  bool edgeValid(std::string_view raw_props) const {
    return !as_of || storage::validAtEncoded(raw_props, valid_time, *as_of);
  }
  //! Relation types declared SYMMETRIC (sorted ids), cached per store version.
  const std::vector<uint32_t>& symmetricTypes();

  // PROFILE bookkeeping, keyed by plan node.
  bool profiling = false;
  std::unordered_map<const void*, ProfileEntry> profile;

  // Per-execution instances of pattern-predicate sub-plans, by sub-plan id.
  std::vector<std::unique_ptr<Operator>> subplans;
  std::vector<Row> subrows;

  //! CALL { } IN TRANSACTIONS: commits the open batch and begins the next write transaction
  //! (set by the engine for statements planned with batches; null otherwise).
  std::function<void()> commit_batch;

  //! The ExecState of the execution running on this thread (for pattern predicates).
  static ExecState* current();

 private:
  std::shared_ptr<const std::vector<uint32_t>> symmetric_;
  std::vector<int64_t> ids_;  // -1 unresolved, -2 known missing (read statements)
  uint64_t ticks_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
  ExecState* previous_ = nullptr;
};

}  // namespace entente::query
