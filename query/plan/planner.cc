// Clause-level planning: UNION, the clause sequence of a single query, UNWIND, CALL.
#include <algorithm>
#include <cctype>

#include "query/error.h"
#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"
#include "query/procedures/registry.h"

namespace entente::query {

void planQuery(const ast::Statement& stmt, const storage::GraphStore& store,
               const storage::Transaction& txn, PlannedQuery& out) {
  Planner planner(store, txn, out);
  planner.plan(stmt);
}

void Planner::semantic(const std::string& msg, ast::SourcePos pos, ErrorDetail detail) const {
  throw QueryError(ErrorCode::kSyntaxError, msg, pos, detail);
}

std::optional<int> Planner::slotOf(std::string_view variable) const {
  if (const Variable* v = scope_.find(variable)) return v->slot;
  return std::nullopt;
}

int Planner::newSlot(std::string_view) { return alloc(); }

StaticType Planner::typeOf(std::string_view variable) const {
  const Variable* v = scope_.find(variable);
  return v ? staticTypeOf(*v) : StaticType::unknown();
}

StaticType Planner::typeOf(const ast::Expr& e) const {
  return staticType(e, [this](std::string_view v) { return typeOf(v); });
}

ExprProgram Planner::compile(const ast::Expr& e) { return compileExpression(e, *this); }

ExprProgram Planner::compilePredicate(const ast::Expr& e) {
  return query::compilePredicate(e, *this);
}

ExprProgram Planner::compileIn(const ast::Expr& e, const Scope& scope, bool predicate) {
  Scope saved = scope_;
  scope_ = scope;
  try {
    ExprProgram p = predicate ? compilePredicate(e) : compile(e);
    scope_ = std::move(saved);
    return p;
  } catch (...) {
    scope_ = std::move(saved);
    throw;
  }
}

void Planner::plan(const ast::Statement& stmt) {
  if (stmt.as_of) out_.as_of = compileIn(*stmt.as_of, Scope{});
  out_.root = planUnion(stmt.query);
  out_.read_only = !writes_;
}

PlanPtr Planner::planUnion(const ast::Query& q) {
  if (q.parts.empty()) semantic("Empty query", {}, ErrorDetail::kUnexpectedSyntax);
  if (q.parts.size() == 1)
    return planSingle(q.parts[0], makeOnce(), out_.columns, out_.column_slots);
  bool all = q.union_all[0];
  for (bool a : q.union_all)
    if (a != all)
      semantic("Invalid combination of UNION and UNION ALL", {},
               ErrorDetail::kInvalidClauseComposition);
  std::vector<PlanPtr> parts;
  std::vector<std::vector<int>> part_slots;
  for (size_t i = 0; i < q.parts.size(); ++i) {
    scope_ = Scope{};
    std::vector<std::string> cols;
    std::vector<int> slots;
    parts.push_back(planSingle(q.parts[i], makeOnce(), cols, slots));
    if (i == 0) {
      out_.columns = cols;
    } else if (cols != out_.columns) {
      semantic("All sub queries in an UNION must have the same return column names", {},
               ErrorDetail::kDifferentColumnsInUnion);
    }
    part_slots.push_back(std::move(slots));
  }
  std::vector<int> out_slots;
  for (size_t i = 0; i < out_.columns.size(); ++i) out_slots.push_back(alloc());
  out_.column_slots = out_slots;
  PlanPtr u = makeUnion(all, std::move(part_slots), out_slots, std::move(parts));
  if (!all) u = makeDistinct(out_slots, std::move(u));
  return u;
}

namespace {

//! True if evaluating `e` may read the graph (a pattern or a subquery inside it).
bool readsGraph(const ast::Expr& e) {
  if (e.pattern || e.subquery || e.kind == ast::ExprKind::kPatternPredicate) return true;
  for (const auto& c : e.children)
    if (c && readsGraph(*c)) return true;
  return false;
}

bool readsGraph(const ast::WithClause& w) {
  for (const auto& item : w.projection.items)
    if (readsGraph(*item.expr)) return true;
  for (const auto& s : w.projection.order_by)
    if (readsGraph(*s.expr)) return true;
  return w.where && readsGraph(*w.where);
}

//! True if a MATCH reads only nodes: no relationship in its pattern, no pattern or subquery
//! in its expressions.
bool readsOnlyNodes(const ast::MatchClause& m) {
  for (const auto& part : m.pattern.parts) {
    if (!part.rels.empty() || part.kind != ast::PathKind::kPlain) return false;
    for (const auto& np : part.nodes)
      if (np.properties && readsGraph(*np.properties)) return false;
  }
  return !(m.where && readsGraph(*m.where));
}

bool duplicateInsensitive(const ast::Expr& e) {
  if (isAggregateCall(e)) {
    if (e.kind == ast::ExprKind::kCountStar) return false;
    std::string n = e.name;
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e.distinct || n == "min" || n == "max";
  }
  for (const auto& c : e.children)
    if (c && !duplicateInsensitive(*c)) return false;
  return true;
}

}  // namespace

bool Planner::distinctConsumer(const ast::Clause& next) const {
  const ast::Projection* p = nullptr;
  if (auto* w = std::get_if<ast::WithClause>(&next)) p = &w->projection;
  if (auto* r = std::get_if<ast::ReturnClause>(&next)) p = &r->projection;
  if (!p) return false;
  bool any_agg = false;
  for (const auto& item : p->items) {
    if (!containsAggregate(*item.expr)) continue;
    any_agg = true;
    if (!duplicateInsensitive(*item.expr)) return false;
  }
  if (any_agg) return !p->star;
  return p->distinct;
}

PlanPtr Planner::planSingle(const ast::SingleQuery& q, PlanPtr in, std::vector<std::string>& cols,
                            std::vector<int>& slots) {
  bool read_pending = false, wrote = false;
  auto beforeRead = [&] {
    if (wrote) in = makeEager(std::move(in));
    wrote = false;
    read_pending = true;
  };
  auto beforeWrite = [&] {
    if (read_pending) in = makeEager(std::move(in));
    read_pending = false;
    wrote = true;
    writes_ = true;
  };
  // Whether the reads pending (since the last eager point) may see relationships. When they
  // cannot, a CREATE of relationships between bound nodes needs no eager before it: what it
  // writes cannot change what they match (UNWIND $rows … MATCH (a {id: r.a}), (b {id: r.b})
  // CREATE (a)-[:R]->(b) streams instead of holding every row).
  bool pending_reads_rels = false;
  auto createsOnlyRelationships = [&](const ast::CreateClause& c) {
    for (const auto& part : c.pattern.parts) {
      if (!part.path_variable.empty()) return false;
      for (const auto& np : part.nodes)
        if (np.variable.empty() || !scope_.find(np.variable) || !np.labels.empty() ||
            np.properties || np.name_ref)
          return false;
    }
    return true;
  };
  const size_t n = q.clauses.size();
  bool ends_ok = false;
  // Whether the clauses so far read the graph (CALL { } IN TRANSACTIONS reads such an
  // input whole before its first batch commits; rows from a file or a list need not be).
  bool reads_graph = false;
  for (size_t i = 0; i < n; ++i) {
    const ast::Clause& clause = q.clauses[i];
    bool last = i + 1 == n;
    ends_ok = false;
    if (auto* m = std::get_if<ast::MatchClause>(&clause)) {
      beforeRead();
      reads_graph = true;
      pending_reads_rels = pending_reads_rels || !readsOnlyNodes(*m);
      bool distinct_ok = !m->optional && !last && distinctConsumer(q.clauses[i + 1]);
      in = planMatch(*m, std::move(in), distinct_ok);
    } else if (auto* u = std::get_if<ast::UnwindClause>(&clause)) {
      reads_graph = reads_graph || readsGraph(*u->list);
      pending_reads_rels = pending_reads_rels || readsGraph(*u->list);
      in = planUnwind(*u, std::move(in));
    } else if (auto* l = std::get_if<ast::LoadCsvClause>(&clause)) {
      reads_graph = reads_graph || readsGraph(*l->url);
      pending_reads_rels = pending_reads_rels || readsGraph(*l->url);
      in = planLoadCsv(*l, std::move(in));
    } else if (auto* w = std::get_if<ast::WithClause>(&clause)) {
      reads_graph = reads_graph || readsGraph(*w);
      pending_reads_rels = pending_reads_rels || readsGraph(*w);
      in = planProjection(w->projection, w->where.get(), std::move(in), false, writes_, nullptr,
                          nullptr);
    } else if (auto* r = std::get_if<ast::ReturnClause>(&clause)) {
      if (!last)
        semantic("RETURN can only be used at the end of the query", r->projection.pos,
                 ErrorDetail::kInvalidClauseComposition);
      in = planProjection(r->projection, nullptr, std::move(in), true, writes_, &cols, &slots);
      ends_ok = true;
    } else if (auto* c = std::get_if<ast::CreateClause>(&clause)) {
      if (read_pending && !pending_reads_rels && createsOnlyRelationships(*c)) {
        read_pending = false;  // no eager needed (see pending_reads_rels)
        wrote = true;
        writes_ = true;
      } else {
        beforeWrite();
      }
      pending_reads_rels = false;
      in = planCreate(*c, std::move(in));
      ends_ok = true;
    } else if (auto* mg = std::get_if<ast::MergeClause>(&clause)) {
      if (read_pending || wrote) in = makeEager(std::move(in));
      read_pending = false;
      wrote = true;
      writes_ = true;
      in = planMerge(*mg, std::move(in));
      ends_ok = true;
    } else if (auto* s = std::get_if<ast::SetClause>(&clause)) {
      beforeWrite();
      in = planSet(s->items, std::move(in), nullptr);
      ends_ok = true;
    } else if (auto* rm = std::get_if<ast::RemoveClause>(&clause)) {
      beforeWrite();
      in = planRemove(*rm, std::move(in));
      ends_ok = true;
    } else if (auto* d = std::get_if<ast::DeleteClause>(&clause)) {
      beforeWrite();
      in = planDelete(*d, std::move(in));
      ends_ok = true;
    } else if (auto* f = std::get_if<ast::ForeachClause>(&clause)) {
      // Its body may read (MERGE, patterns in expressions): like MERGE, earlier reads and
      // writes finish first.
      if (read_pending || wrote) in = makeEager(std::move(in));
      read_pending = false;
      wrote = true;
      writes_ = true;
      in = planForeach(*f, std::move(in));
      ends_ok = true;
    } else if (auto* sub = std::get_if<ast::CallSubqueryClause>(&clause)) {
      bool unit = false, sub_writes = false;
      std::optional<CallBatching> batching;
      if (sub->in_transactions) batching = planBatching(q, i);
      PlanPtr inner = planSubquery(*sub, &unit, &sub_writes);
      if (batching && sub_writes) {
        // Read every incoming row from the graph before the first batch commits (rows from
        // LOAD CSV, UNWIND or WITH of values stream: a big file is never held in memory).
        if (reads_graph) in = makeEager(std::move(in));
        read_pending = false;
        out_.batched = true;
      } else {
        batching.reset();  // a subquery that writes nothing needs no batches
      }
      if (sub_writes) {
        // Reads and writes, like MERGE: earlier reads and writes finish first.
        if (read_pending || wrote) in = makeEager(std::move(in));
        read_pending = false;
        wrote = true;
        writes_ = true;
      } else {
        beforeRead();
      }
      reads_graph = true;
      pending_reads_rels = true;
      in = makeCallSubquery(unit, std::move(in), std::move(inner), std::move(batching));
      ends_ok = unit;
    } else if (auto* call = std::get_if<ast::CallClause>(&clause)) {
      beforeRead();
      reads_graph = true;
      pending_reads_rels = true;
      in = planCall(*call, std::move(in), last, cols, slots);
      ends_ok = last;
    }
  }
  if (!ends_ok)
    semantic("Query cannot conclude with a reading clause (must be RETURN or an update clause)", {},
             ErrorDetail::kInvalidClauseComposition);
  return in;
}

PlanPtr Planner::planUnwind(const ast::UnwindClause& c, PlanPtr in) {
  ExprProgram list = compile(*c.list);
  if (scope_.find(c.alias))
    semantic("Variable `" + c.alias + "` already declared", c.pos,
             ErrorDetail::kVariableAlreadyBound);
  int slot = alloc();
  StaticType list_type = typeOf(*c.list);
  StaticType element = list_type.element ? StaticType::of(*list_type.element) : StaticType{};
  scope_.bind(c.alias, {slot, VarKind::kValue, element});
  return makeUnwind(std::move(list), slot, exprText(*c.list) + " AS " + c.alias, std::move(in));
}

PlanPtr Planner::planLoadCsv(const ast::LoadCsvClause& c, PlanPtr in) {
  StaticType url_type = typeOf(*c.url);
  if (url_type.definite() && !url_type.is(StaticType::Kind::kString))
    semantic(std::string("Type mismatch: LOAD CSV FROM expects a String (a URL), got ") +
                 url_type.name(),
             c.url->pos, ErrorDetail::kInvalidArgumentType);
  LoadCsvSpec spec;
  spec.url = compile(*c.url);
  if (scope_.find(c.alias))
    semantic("Variable `" + c.alias + "` already declared", c.pos,
             ErrorDetail::kVariableAlreadyBound);
  spec.slot = alloc();
  spec.headers = c.headers;
  spec.delimiter = c.terminator;
  scope_.bind(c.alias, {spec.slot, VarKind::kValue, StaticType{}});
  spec.text =
      std::string(c.headers ? "WITH HEADERS " : "") + "FROM " + exprText(*c.url) + " AS " + c.alias;
  if (c.terminator != ',') {
    spec.text += " FIELDTERMINATOR ";
    spec.text +=
        c.terminator == '\t' ? std::string("'\\t'") : "'" + std::string(1, c.terminator) + "'";
  }
  return makeLoadCsv(std::move(spec), std::move(in));
}

PlanPtr Planner::planCall(const ast::CallClause& c, PlanPtr in, bool last,
                          std::vector<std::string>& cols, std::vector<int>& slots) {
  const Procedure* proc = ProcedureRegistry::instance().find(c.procedure);
  if (!proc)
    throw QueryError(ErrorCode::kProcedureError, "Unknown procedure `" + c.procedure + "`", c.pos,
                     ErrorDetail::kProcedureNotFound);
  size_t required = 0;
  for (const auto& p : proc->params)
    if (!p.fallback) ++required;
  if (c.args.size() < required || c.args.size() > proc->params.size())
    semantic("Procedure `" + proc->name + "` takes " + std::to_string(proc->params.size()) +
                 " argument(s), got " + std::to_string(c.args.size()),
             c.pos, ErrorDetail::kInvalidNumberOfArguments);
  ProcedureCallSpec spec;
  spec.procedure = proc;
  for (const auto& a : c.args) spec.args.push_back(compile(*a));
  std::vector<std::string> names;
  if (c.yield_star) {
    for (size_t i = 0; i < proc->outputs.size(); ++i) {
      spec.yields.push_back({static_cast<int>(i), alloc()});
      names.push_back(proc->outputs[i]);
    }
  } else {
    for (const auto& y : c.yields) {
      auto it = std::find(proc->outputs.begin(), proc->outputs.end(), y.field);
      if (it == proc->outputs.end())
        semantic("Unknown output `" + y.field + "` of procedure `" + proc->name + "`", c.pos,
                 ErrorDetail::kUndefinedVariable);
      spec.yields.push_back({static_cast<int>(it - proc->outputs.begin()), alloc()});
      names.push_back(y.alias.empty() ? y.field : y.alias);
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (scope_.find(names[i]))
      semantic("Variable `" + names[i] + "` already declared", c.pos,
               ErrorDetail::kVariableAlreadyBound);
    scope_.bind(names[i], {spec.yields[i].second, VarKind::kValue});
  }
  if (proc->writes) writes_ = true;
  std::vector<int> yield_slots;
  for (const auto& y : spec.yields) yield_slots.push_back(y.second);
  in = makeProcedureCall(std::move(spec), std::move(in));
  if (c.where) in = makeFilter(compilePredicate(*c.where), exprText(*c.where), std::move(in));
  if (last) {
    cols = names;
    slots = yield_slots;
  }
  return in;
}

}  // namespace entente::query
