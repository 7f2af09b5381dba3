// query/plan/planner.h — binds and plans a parsed statement into a physical plan.
//
// Binding and planning happen in one walk over the clauses: each variable gets a row slot
// (query/plan/scope.h), expressions are compiled against the scope (query/expr), and
// operators are chosen as the clauses are met. Patterns start from their most selective
// point (a bound node, `id(n) = $x`, ("Name"), `{name: ...}`, the rarest label, else a full
// scan); WHERE conjuncts are placed right after the operator that binds their last
// variable; relationship types go into the storage prefix scans. Semantic errors
// (undefined or mistyped variables, aggregation misuse, invalid CREATE patterns, unknown
// procedures) are thrown as QueryError(ErrorCode::kSyntaxError): openCypher (and Neo4j) classify
// every error found before execution as a SyntaxError; the message says what kind.
#pragma once

#include <string>
#include <vector>

#include "query/ast/ast.h"
#include "query/exec/operator.h"
#include "storage/graph_store.h"

namespace entente::query {

struct PlannedQuery {
  PlanPtr root;
  std::vector<std::string> columns;
  std::vector<int> column_slots;
  int width = 0;     // row slots
  int subplans = 0;  // pattern-predicate sub-plans (ExecState::subplans size)
  bool read_only = true;
  bool batched =
      false;  // a CALL { } IN TRANSACTIONS commits in batches (query/batch_transaction.h)
  NameTable names;
  ExprProgram as_of;                // AS OF expression, or null
  std::vector<ast::ExprPtr> owned;  // rewritten expressions the compiled programs came from
};

//! Plans a kQuery statement. `txn` is a read snapshot used for planner statistics only.
void planQuery(const ast::Statement& stmt, const storage::GraphStore& store,
               const storage::Transaction& txn, PlannedQuery& out);

}  // namespace entente::query
