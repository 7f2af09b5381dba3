// query/procedures/registry.h — procedures callable with `CALL name(args) YIELD ...`.
//
// A procedure has a name ("db.labels", "alliance.stance"), a parameter list, output columns
// and an implementation that receives the evaluated arguments and a context (transaction,
// AS OF date, options, time budget) and returns its rows. The registry is open: any module
// linked into the query library (or the API) can add procedures with
// ProcedureRegistry::instance().add(...); built-ins (db.*) are registered on first use.
// Names are matched case-insensitively. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/interrupt.h"
#include "query/engine.h"
#include "query/runtime/runtime_value.h"
#include "storage/graph_store.h"

namespace entente::query {

class ExecState;

//! What an implementation may use while it runs.
class ProcedureContext {
 public:
  explicit ProcedureContext(ExecState& st) : st_(st) {}
  const storage::Transaction& txn() const;
  //! The statement's transaction, writable only for statements that write (REQUIRES
  //! Procedure::writes).
  storage::Transaction& writableTxn();
  const storage::GraphStore& store() const;
  std::optional<Date> asOf() const;
  const QueryOptions& options() const;
  //! Throws Timeout / Cancelled: call it now and then in long loops.
  void checkBudget() const;
  //! The same budget for analytics code: it raises the Timeout / Cancelled above.
  analytics::Interrupt interrupt() const;
  //! The engine's projection cache (null when the statement runs outside an Engine).
  analytics::ProjectionCache* projections() const { return options().projections; }
  void notice(std::string text);
  Stats& stats();

 private:
  ExecState& st_;
};

struct ProcedureParam {
  std::string name;
  std::string type;                // for documentation: "STRING", "INTEGER", "ANY", ...
  std::optional<RValue> fallback;  // a default makes the parameter optional
};

struct Procedure {
  std::string name;
  std::vector<ProcedureParam> params;
  std::vector<std::string> outputs;  // column names
  std::string description;
  bool writes = false;
  //! Returns rows of outputs.size() values. May throw QueryError.
  std::function<std::vector<Row>(const std::vector<RValue>& args, ProcedureContext& ctx)> run;
};

class ProcedureRegistry {
 public:
  static ProcedureRegistry& instance();
  //! Adds or replaces a procedure.
  void add(Procedure p);
  //! The procedure, or null. The pointer stays valid for the process lifetime.
  const Procedure* find(std::string_view name) const;
  std::vector<const Procedure*> all() const;

 private:
  ProcedureRegistry();
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Procedure>> procs_;  // lower-case name
  std::vector<std::unique_ptr<Procedure>>
      retired_;  // replaced ones stay alive (plans may point at them)
};

}  // namespace entente::query
