// Clauses that nest other clauses: FOREACH (x IN list | updates) and CALL { } subqueries
// (uncorrelated, or correlated through an importing `WITH a, b` at the start of each part;
// UNION inside). Each is planned as an apply whose inner side starts at an Argument.
#include "query/error.h"
#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"
#include "query/procedures/registry.h"

namespace entente::query {
namespace {

//! The outer variables a WITH's items, ORDER BY, SKIP/LIMIT and WHERE mention.
std::vector<std::string> withVariables(const ast::WithClause& w) {
  std::vector<std::string> vars;
  for (const auto& item : w.projection.items) freeVariables(*item.expr, vars);
  for (const auto& s : w.projection.order_by) freeVariables(*s.expr, vars);
  if (w.projection.skip) freeVariables(*w.projection.skip, vars);
  if (w.projection.limit) freeVariables(*w.projection.limit, vars);
  if (w.where) freeVariables(*w.where, vars);
  return vars;
}

//! True if `q` (or a subquery in it) has an updating clause or calls a writing procedure.
bool updates(const ast::SingleQuery& q) {
  for (const auto& clause : q.clauses) {
    if (std::holds_alternative<ast::CreateClause>(clause) ||
        std::holds_alternative<ast::MergeClause>(clause) ||
        std::holds_alternative<ast::SetClause>(clause) ||
        std::holds_alternative<ast::RemoveClause>(clause) ||
        std::holds_alternative<ast::DeleteClause>(clause) ||
        std::holds_alternative<ast::ForeachClause>(clause))
      return true;
    if (const auto* call = std::get_if<ast::CallClause>(&clause)) {
      const Procedure* proc = ProcedureRegistry::instance().find(call->procedure);
      if (proc && proc->writes) return true;
    }
    if (const auto* sub = std::get_if<ast::CallSubqueryClause>(&clause))
      for (const auto& part : sub->query->parts)
        if (updates(part)) return true;
  }
  return false;
}

}  // namespace

CallBatching Planner::planBatching(const ast::SingleQuery& q, size_t i) {
  const auto& c = std::get<ast::CallSubqueryClause>(q.clauses[i]);
  if (subquery_depth_ > 0)
    semantic(
        "CALL { } IN TRANSACTIONS is only allowed at the top level of a query, not inside another "
        "subquery",
        c.pos, ErrorDetail::kInvalidClauseComposition);
  // Batches commit on their own: updates before the CALL would have no transaction to be
  // part of, and updates after it would commit with whichever batch happened to be open.
  if (writes_)
    semantic("CALL { } IN TRANSACTIONS cannot follow updating clauses", c.pos,
             ErrorDetail::kInvalidClauseComposition);
  for (size_t k = i + 1; k < q.clauses.size(); ++k) {
    const ast::Clause& later = q.clauses[k];
    bool writes = false;
    if (const auto* sub = std::get_if<ast::CallSubqueryClause>(&later)) {
      for (const auto& part : sub->query->parts) writes = writes || updates(part);
    } else if (const auto* call = std::get_if<ast::CallClause>(&later)) {
      const Procedure* proc = ProcedureRegistry::instance().find(call->procedure);
      writes = proc && proc->writes;
    } else {
      writes = !std::holds_alternative<ast::MatchClause>(later) &&
               !std::holds_alternative<ast::UnwindClause>(later) &&
               !std::holds_alternative<ast::LoadCsvClause>(later) &&
               !std::holds_alternative<ast::WithClause>(later) &&
               !std::holds_alternative<ast::ReturnClause>(later);
    }
    if (writes)
      semantic("Updating clauses cannot follow CALL { } IN TRANSACTIONS", c.pos,
               ErrorDetail::kInvalidClauseComposition);
  }
  CallBatching b;
  if (c.batch_rows) {
    const ast::Expr& e = *c.batch_rows;
    if (e.kind == ast::ExprKind::kLiteral && !(e.literal.isInt() && e.literal.asInt() > 0))
      semantic("Invalid input for IN TRANSACTIONS OF ... ROWS: expected a positive integer, got " +
                   exprText(e),
               e.pos);
    b.rows = compileIn(e, Scope{});
    b.text = exprText(e);
  }
  return b;
}

PlanPtr Planner::planForeach(const ast::ForeachClause& f, PlanPtr in) {
  StaticType list_type = typeOf(*f.list);
  if (list_type.definite() && !list_type.is(StaticType::Kind::kList))
    semantic(std::string("Type mismatch: FOREACH expects a List, got ") + list_type.name(),
             f.list->pos, ErrorDetail::kInvalidArgumentType);
  ExprProgram list = compile(*f.list);
  // The body sees the outer variables and the element (which may shadow one of them, as in
  // Neo4j); nothing it binds survives the clause.
  Scope saved = scope_;
  int slot = alloc();
  scope_.bind(f.variable, {slot, VarKind::kValue,
                           list_type.element ? StaticType::of(*list_type.element) : StaticType{}});
  std::vector<std::string> cols;
  std::vector<int> slots;
  PlanPtr body;
  try {
    body = planSingle(*f.body, makeArgument(), cols, slots);
  } catch (...) {
    scope_ = std::move(saved);
    throw;
  }
  scope_ = std::move(saved);
  return makeForeach(std::move(list), slot, f.variable + " IN " + exprText(*f.list), std::move(in),
                     std::move(body));
}

PlanPtr Planner::planSubquery(const ast::CallSubqueryClause& c, bool* unit, bool* sub_writes) {
  const Scope outer = scope_;
  ++subquery_depth_;
  struct Depth {
    int& d;
    ~Depth() { --d; }
  } depth{subquery_depth_};
  const bool writes_before = writes_;
  writes_ = false;  // what the subquery writes (its LIMITs drain only for its own updates)
  try {
    PlanPtr inner = planSubqueryParts(c, outer, unit);
    *sub_writes = writes_;
    writes_ = writes_ || writes_before;
    return inner;
  } catch (...) {
    scope_ = outer;
    writes_ = writes_before;
    throw;
  }
}

PlanPtr Planner::planSubqueryParts(const ast::CallSubqueryClause& c, const Scope& outer,
                                   bool* unit) {
  const ast::Query& q = *c.query;
  std::vector<PlanPtr> parts;
  std::vector<std::vector<int>> part_slots;
  std::vector<std::string> columns;
  std::vector<Variable> returned;  // the first part's returned variables (kinds and types)
  bool returning = false;
  for (size_t i = 0; i < q.parts.size(); ++i) {
    const ast::SingleQuery& part = q.parts[i];
    // With a scope clause, the part sees exactly the variables it lists. Without one, a part
    // that starts with a WITH mentioning outer variables imports them (only plain references
    // are allowed there, Neo4j 5); any other part starts with nothing in scope.
    scope_ = Scope{};
    if (c.has_scope) {
      if (c.scope_all) scope_ = outer;
      for (size_t k = 0; k < c.scope_vars.size(); ++k) {
        const Variable* v = outer.find(c.scope_vars[k]);
        if (!v) semantic("Variable `" + c.scope_vars[k] + "` not defined", c.scope_pos[k]);
        scope_.bind(c.scope_vars[k], *v);
      }
    } else if (const auto* w = part.clauses.empty()
                                   ? nullptr
                                   : std::get_if<ast::WithClause>(&part.clauses[0])) {
      bool imports = w->projection.star;
      for (const auto& v : withVariables(*w)) imports = imports || outer.find(v) != nullptr;
      if (imports) {
        const ast::Projection& p = w->projection;
        for (const auto& item : p.items) {
          if (item.expr->kind != ast::ExprKind::kVariable ||
              (!item.alias.empty() && item.alias != item.expr->name))
            semantic(
                "Importing WITH should consist only of simple references to outside variables: "
                "aliasing or "
                "expressions are not supported: " +
                    exprText(*item.expr),
                item.expr->pos);
        }
        if (p.distinct || !p.order_by.empty() || p.skip || p.limit || w->where)
          semantic(
              "Importing WITH should consist only of simple references to outside variables: "
              "DISTINCT, ORDER "
              "BY, SKIP, LIMIT and WHERE are not allowed on it",
              p.pos);
        scope_ = outer;
      }
    }
    std::vector<std::string> cols;
    std::vector<int> slots;
    parts.push_back(planSingle(part, makeArgument(), cols, slots));
    const bool part_returns =
        !part.clauses.empty() && std::holds_alternative<ast::ReturnClause>(part.clauses.back());
    if (i == 0) {
      returning = part_returns;
      columns = cols;
      for (const auto& name : cols) {
        const Variable* v = scope_.find(name);
        returned.push_back(v ? *v : Variable{});
      }
    } else if (part_returns != returning || cols != columns) {
      semantic("All sub queries in an UNION must have the same return column names", c.pos);
    } else {
      for (size_t k = 0; k < cols.size(); ++k) {
        const Variable* v = scope_.find(cols[k]);
        if (!v || v->kind != returned[k].kind) returned[k] = Variable{-1, VarKind::kValue};
      }
    }
    if (part_returns) {
      const auto& ret = std::get<ast::ReturnClause>(part.clauses.back()).projection;
      for (const auto& item : ret.items)
        if (item.alias.empty() && item.expr->kind != ast::ExprKind::kVariable)
          semantic(
              "Expression in CALL { RETURN ... } must be aliased (use AS): " + exprText(*item.expr),
              item.expr->pos);
    }
    part_slots.push_back(std::move(slots));
  }
  if (!returning) columns.clear();
  if (q.parts.size() > 1 && !returning)
    semantic("Every part of a UNION inside CALL { } must end with RETURN", c.pos);
  for (const auto& name : columns)
    if (outer.find(name))
      semantic("Variable `" + name + "` already declared in outer scope", c.pos,
               ErrorDetail::kVariableAlreadyBound);

  PlanPtr inner;
  std::vector<int> out_slots;
  if (parts.size() == 1) {
    inner = std::move(parts[0]);
    out_slots = part_slots[0];
  } else {
    const bool all = q.union_all[0];
    for (size_t k = 0; k < columns.size(); ++k) out_slots.push_back(alloc());
    inner = makeUnion(all, std::move(part_slots), out_slots, std::move(parts));
    if (!all) inner = makeDistinct(out_slots, std::move(inner));
  }
  *unit = !returning;
  scope_ = outer;
  for (size_t k = 0; k < columns.size(); ++k) {
    Variable v = returned[k];
    v.slot = out_slots[k];
    scope_.bind(columns[k], v);
  }
  return inner;
}

}  // namespace entente::query
