// query/plan/planner_internal.h — the Planner class shared by the planner's source files
// (clauses in planner.cc, patterns in match_planner.cc and pattern_expr_planner.cc,
// WITH/RETURN in projection_planner.cc, updates in write_planner.cc).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "entente/error.h"
#include "query/exec/index_seek.h"
#include "query/exec/operators.h"
#include "query/plan/planner.h"
#include "query/plan/scope.h"

namespace entente::query {

//! One WHERE conjunct waiting for its variables to be bound.
struct Conjunct {
  const ast::Expr* expr;
  std::vector<std::string> vars;
  bool used = false;
};

//! A WHERE conjunct an index could answer: `var.key op value` (op = < <= > >= IN STARTS
//! WITH, normalised so the property is on the left), value free of this MATCH's variables.
struct IndexPredicate {
  std::string key;
  ast::Op op;
  const ast::Expr* value;
};

//! The best index seek for a node pattern (index_planner.cc).
struct IndexChoice {
  storage::IndexStats stats;
  std::string key;                        // the key `mode` applies to
  std::vector<std::string> leading_keys;  // composite: keys before it, compared with =
  std::vector<const ast::Expr*> leading;
  IndexSeekSpec::Mode mode = IndexSeekSpec::Mode::kEquals;
  const ast::Expr* value = nullptr;  // kEquals, kIn, kPrefix
  const ast::Expr *lower = nullptr, *upper = nullptr;
  bool lower_inclusive = true, upper_inclusive = true;
  double estimate = 0;  // rows
};

//! State of the MATCH clause being planned (relationship uniqueness, seeks from WHERE).
struct MatchContext {
  //! Predicates made by the planner for index seeks (e.g. `a.k IN [x, y]` implied by
  //! `(a.k = x AND …) OR (a.k = y AND …)`); the WHERE itself is still evaluated.
  std::vector<ast::ExprPtr> implied;
  std::vector<Conjunct> conjuncts;
  std::unordered_map<std::string, const ast::Expr*> id_seek;
  //! `n.name = v` (list false) or `n.name IN list` (true), answered by the name/alias index.
  struct NameSeek {
    const ast::Expr* value;
    bool list;
  };
  std::unordered_map<std::string, NameSeek> name_seek;
  std::unordered_map<std::string, size_t> id_seek_conjunct;  // consumed when the seek is used
  std::unordered_map<std::string, std::vector<IndexPredicate>> index_preds;  // by variable
  std::vector<int> rels, lists;  // slots of relationships bound so far in this MATCH
  int rel_count = 0;             // relationships in the whole MATCH pattern
  bool distinct_ok = false;      // consumer only sees distinct rows (reachability rewrite)
};

//! One WITH / RETURN item: its expression (null for an item of `*`) and column name.
struct ProjectionItem {
  const ast::Expr* expr;
  std::string name;
};

//! A WITH / RETURN being planned (projection_planner.cc).
struct ProjectionState {
  std::vector<ProjectionItem> items;
  bool agg = false;            // some item aggregates
  Scope next;                  // the scope after the projection
  std::vector<int> out_slots;  // the slot of each item
};
struct AggregationParts;

class Planner final : public CompileScope {
 public:
  Planner(const storage::GraphStore& store, const storage::Transaction& txn, PlannedQuery& out)
      : store_(store), txn_(txn), out_(out) {}

  void plan(const ast::Statement& stmt);

  // CompileScope
  std::optional<int> slotOf(std::string_view variable) const override;
  int newSlot(std::string_view variable) override;
  ExprProgram compilePattern(const PatternExprSpec& spec) override;
  StaticType typeOf(std::string_view variable) const override;

 private:
  // planner.cc
  PlanPtr planUnion(const ast::Query& q);
  PlanPtr planSingle(const ast::SingleQuery& q, PlanPtr in, std::vector<std::string>& cols,
                     std::vector<int>& slots);
  PlanPtr planUnwind(const ast::UnwindClause& c, PlanPtr in);
  PlanPtr planLoadCsv(const ast::LoadCsvClause& c, PlanPtr in);
  PlanPtr planCall(const ast::CallClause& c, PlanPtr in, bool last, std::vector<std::string>& cols,
                   std::vector<int>& slots);
  bool distinctConsumer(const ast::Clause& next) const;
  ExprProgram compile(const ast::Expr& e);
  //! A WHERE (see compilePredicate in query/expr/expression.h).
  ExprProgram compilePredicate(const ast::Expr& e);
  //! Compiles with `scope` in place of the current scope.
  ExprProgram compileIn(const ast::Expr& e, const Scope& scope, bool predicate = false);
  //! The static type of `e` in the current scope.
  StaticType typeOf(const ast::Expr& e) const;
  int alloc() { return out_.width++; }
  //! A compile-time error: a SyntaxError (openCypher's class for everything found before
  //! the statement runs, whatever the rule), with openCypher's `detail` naming the rule.
  [[noreturn]] void semantic(const std::string& msg, ast::SourcePos pos,
                             ErrorDetail detail = ErrorDetail::kNone) const;

  // match_planner.cc (compilePattern: pattern_expr_planner.cc)
  PlanPtr planMatch(const ast::MatchClause& m, PlanPtr in, bool distinct_ok);
  PlanPtr planParts(const std::vector<ast::PatternPart>& parts, const ast::Expr* where, PlanPtr in,
                    MatchContext& ctx);
  PlanPtr planParts(const std::vector<const ast::PatternPart*>& parts, const ast::Expr* where,
                    PlanPtr in, MatchContext& ctx);
  PlanPtr planPart(const ast::PatternPart& part, PlanPtr in, MatchContext& ctx);
  PlanPtr planShortest(const ast::PatternPart& part, PlanPtr in, MatchContext& ctx);
  PlanPtr bindNode(const ast::NodePattern& np, PlanPtr in, MatchContext& ctx, bool verify = true);
  PlanPtr expandRel(const ast::PatternPart& part, size_t i, bool forward, PlanPtr in,
                    MatchContext& ctx);
  PlanPtr placeFilters(PlanPtr in, MatchContext& ctx, bool all);
  double nodeScore(const ast::NodePattern& np, const MatchContext& ctx) const;
  //! Whether a property index seek on `np` beats its name lookup (`name_prop`: the inline
  //! {name: v}; else the WHERE conjunct in ctx.name_seek).
  bool nameLoses(const ast::NodePattern& np, const ast::Expr* name_prop,
                 const MatchContext& ctx) const;
  //! The cheapest start of `part`: its best node, or relationship `*rel_seek` through an
  //! index (*rel_seek = part.rels.size() when a node is best; `seek` then unset).
  double partStart(const ast::PatternPart& part, const MatchContext& ctx, size_t* anchor,
                   size_t* rel_seek, std::optional<IndexChoice>* seek) const;
  // index_planner.cc
  //! Records `c` in ctx.index_preds if an index could answer it for one of `fresh`.
  void indexPredicate(const ast::Expr& c, const std::vector<std::string>& fresh,
                      MatchContext& ctx) const;
  //! The predicates on `var`'s properties an index could answer: inline `props`, WHERE.
  std::vector<IndexPredicate> patternPredicates(const ast::Expr* props, const std::string& var,
                                                const MatchContext& ctx) const;
  //! The most selective seek on an ONLINE index of `entity` over one of `targets`.
  std::optional<IndexChoice> bestIndex(storage::IndexEntity entity,
                                       const std::vector<uint32_t>& targets,
                                       const std::vector<IndexPredicate>& preds) const;
  //! The most selective index seek for `np` if statistics say it beats scanning its rarest label.
  std::optional<IndexChoice> indexChoice(const ast::NodePattern& np, const MatchContext& ctx) const;
  //! The most selective index seek for relationship `i` of `part`, if it can start the part.
  std::optional<IndexChoice> relIndexChoice(const ast::PatternPart& part, size_t i,
                                            const MatchContext& ctx) const;
  void fillKeySpec(IndexKeySpec& s, const IndexChoice& c, const std::string& var);
  //! Binds `np` (not yet bound) through the seek `c`; `check` is the pattern's NodeCheck.
  PlanPtr indexSeek(const ast::NodePattern& np, const IndexChoice& c, NodeCheckSpec check,
                    PlanPtr in);
  //! Binds relationship `i` of `part` and its two ends through the seek `c`.
  PlanPtr relIndexSeek(const ast::PatternPart& part, size_t i, const IndexChoice& c, PlanPtr in,
                       MatchContext& ctx);
  NodeCheckSpec nodeCheck(const ast::NodePattern& np);
  EdgeFilterSpec edgeFilter(const ast::RelPattern& rp);
  void propertyTests(const ast::Expr* props, std::vector<PropertyTest>& tests, ExprProgram& map);
  std::string varName(const ast::NodePattern& np);
  std::string varName(const ast::RelPattern& rp);
  std::string pathName(const ast::PatternPart& part);
  void checkKind(const std::string& name, VarKind want, ast::SourcePos pos) const;
  BuildPathSpec pathSpec(const ast::PatternPart& part, int slot);

  // projection_planner.cc
  //! `after_writes`: updates precede it in the query (a LIMIT must not skip them).
  PlanPtr planProjection(const ast::Projection& p, const ast::Expr* where, PlanPtr in,
                         bool is_return, bool after_writes, std::vector<std::string>* cols,
                         std::vector<int>* slots);
  // Its phases, in order: the items; plain projection or aggregation (grouping keys, then
  // aggregates and the expressions around them); ORDER BY, SKIP/LIMIT, the WHERE of a WITH.
  std::vector<ProjectionItem> projectionItems(const ast::Projection& p, bool is_return);
  PlanPtr planPlainProjection(const ast::Projection& p, ProjectionState& ps, PlanPtr in);
  PlanPtr planAggregation(const ast::Projection& p, ProjectionState& ps, PlanPtr in);
  void planGroupingKeys(const ast::Projection& p, ProjectionState& ps, AggregationParts& parts);
  void planAggregates(ProjectionState& ps, AggregationParts& parts);
  AggregateItem aggregateItem(const ast::Expr& e, int slot);
  //! `e` with each subexpression that is also a projected item replaced by its column.
  ast::ExprPtr overProjection(const ast::Expr& e, const ProjectionState& ps, Scope& s);
  PlanPtr planOrderBy(const ast::Projection& p, const ProjectionState& ps, const Scope& after,
                      PlanPtr in);
  PlanPtr planSkipLimit(const ast::Projection& p, bool after_writes, PlanPtr in);
  PlanPtr planProjectionWhere(const ast::Expr& where, const ProjectionState& ps, const Scope& after,
                              PlanPtr in);

  // subquery_planner.cc
  PlanPtr planForeach(const ast::ForeachClause& f, PlanPtr in);
  //! The inner plan of a CALL { } (Argument-rooted); afterwards the scope is the outer one
  //! plus the returned columns. `unit`: no RETURN; `writes`: the subquery updates.
  PlanPtr planSubquery(const ast::CallSubqueryClause& c, bool* unit, bool* writes);
  PlanPtr planSubqueryParts(const ast::CallSubqueryClause& c, const Scope& outer, bool* unit);
  //! Checks that clause `i` of `q`, a CALL { } IN TRANSACTIONS, can commit in batches (top
  //! level, no updates before or after it) and returns its batch size.
  CallBatching planBatching(const ast::SingleQuery& q, size_t i);

  // write_planner.cc
  PlanPtr planCreate(const ast::CreateClause& c, PlanPtr in);
  PlanPtr planMerge(const ast::MergeClause& c, PlanPtr in);
  PlanPtr planSet(const std::vector<ast::SetItem>& items, PlanPtr in,
                  std::vector<SetOpSpec>* ops_out);
  PlanPtr planRemove(const ast::RemoveClause& c, PlanPtr in);
  PlanPtr planDelete(const ast::DeleteClause& c, PlanPtr in);
  PlanPtr bindNamedNodes(const ast::PatternPart& part, PlanPtr in);
  CreatePropsSpec createProps(const ast::Expr& properties);
  // Adds the nodes, relationships and path of `part` to `spec`. `before` (MERGE): the scope
  // before the clause; null (CREATE): variables are bound as they are created.
  void appendCreate(CreateSpec& spec, const ast::PatternPart& part, const Scope* before);

  const storage::GraphStore& store_;
  const storage::Transaction& txn_;
  PlannedQuery& out_;
  Scope scope_;
  bool writes_ = false;
  int subquery_depth_ = 0;  // CALL { } nesting of the clauses being planned
  std::unordered_map<const void*, std::string> hidden_;  // anonymous pattern element -> name
};

}  // namespace entente::query
