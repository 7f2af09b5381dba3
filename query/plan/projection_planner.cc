// WITH / RETURN: projection, aggregation (grouping by the non-aggregate items), DISTINCT,
// ORDER BY (over projected items after aggregation/DISTINCT, openCypher rules), SKIP, LIMIT,
// and the WHERE of a WITH. planProjection runs the phases in that order, one call each.
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "query/error.h"
#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"

namespace entente::query {
namespace {

//! Whether `e` reads a variable that `scope` binds (hidden names excluded).
bool usesVariableOf(const ast::Expr& e, const Scope& scope) {
  if (e.kind == ast::ExprKind::kVariable && !e.name.empty() && e.name[0] != ' ' &&
      scope.find(e.name))
    return true;
  for (const auto& c : e.children)
    if (c && usesVariableOf(*c, scope)) return true;
  return false;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool trivial(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kVariable || e.kind == ast::ExprKind::kLiteral ||
         e.kind == ast::ExprKind::kParameter;
}

//! openCypher lets an expression around an aggregate reuse a grouping key only if the key
//! is a variable or a property of one (`n.x + count(*)`); `a.x + b.x + count(*)` is
//! ambiguous even when `a.x + b.x` is also projected.
bool keyForm(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kVariable) return true;
  return e.kind == ast::ExprKind::kProperty && keyForm(*e.children.at(0));
}

bool callsRand(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kFunction && lower(e.name) == "rand") return true;
  for (const auto& c : e.children)
    if (c && callsRand(*c)) return true;
  return false;
}

}  // namespace

//! The aggregation being planned: grouping keys, aggregates, and the projection of the
//! expressions around aggregates (`count(*) + 1`) evaluated after grouping.
struct AggregationParts {
  std::vector<ProjectItem> keys, post;
  std::vector<AggregateItem> aggs;
  std::unordered_map<std::string, int> key_by_text;  // grouping key text -> slot
  Scope post_scope;                                  // aggregates and keys, by hidden name
  std::vector<int> item_slots;                       // slot of each item (-1 until placed)
};

PlanPtr Planner::planProjection(const ast::Projection& p, const ast::Expr* where, PlanPtr in,
                                bool is_return, bool after_writes, std::vector<std::string>* cols,
                                std::vector<int>* slots) {
  ProjectionState ps;
  ps.items = projectionItems(p, is_return);
  ps.agg = std::any_of(ps.items.begin(), ps.items.end(), [](const ProjectionItem& i) {
    return i.expr && containsAggregate(*i.expr);
  });
  in = ps.agg ? planAggregation(p, ps, std::move(in)) : planPlainProjection(p, ps, std::move(in));

  // ORDER BY and the WHERE of a WITH see the projected names and, unless the projection
  // aggregates or is DISTINCT, the variables before it; an expression that is also a
  // projected item reads that column (ORDER BY n.name after RETURN DISTINCT n.name).
  Scope after = ps.next;
  if (!ps.agg && !p.distinct) {
    after = scope_;
    after.overlay(ps.next);
  }
  if (!p.order_by.empty()) in = planOrderBy(p, ps, after, std::move(in));
  if (p.skip || p.limit) in = planSkipLimit(p, after_writes, std::move(in));
  if (where) in = planProjectionWhere(*where, ps, after, std::move(in));
  scope_ = ps.next;
  if (is_return) {
    for (const auto& item : ps.items) cols->push_back(item.name);
    *slots = ps.out_slots;
  }
  return in;
}

std::vector<ProjectionItem> Planner::projectionItems(const ast::Projection& p, bool is_return) {
  std::vector<ProjectionItem> items;
  if (p.star)
    for (const auto& n : scope_.visibleNames()) items.push_back({nullptr, n});
  for (const auto& it : p.items) {
    if (!is_return && it.alias.empty() && it.expr->kind != ast::ExprKind::kVariable)
      semantic("Expression in WITH must be aliased (use AS): " + exprText(*it.expr), it.expr->pos,
               ErrorDetail::kNoExpressionAlias);
    items.push_back({it.expr.get(), it.alias.empty() ? exprText(*it.expr) : it.alias});
  }
  // WITH * with nothing in scope just passes the rows on (MATCH () CREATE () WITH * ...).
  if (items.empty() && is_return)
    semantic("RETURN * is not allowed when there are no variables in scope", p.pos,
             ErrorDetail::kNoVariablesInScope);
  for (size_t i = 0; i < items.size(); ++i)
    for (size_t j = i + 1; j < items.size(); ++j)
      if (items[i].name == items[j].name)
        semantic(
            "Multiple result columns with the same name are not supported: `" + items[i].name + "`",
            p.pos, ErrorDetail::kColumnNameConflict);
  return items;
}

PlanPtr Planner::planPlainProjection(const ast::Projection& p, ProjectionState& ps, PlanPtr in) {
  std::vector<ProjectItem> proj;
  for (const auto& item : ps.items) {
    Variable out;
    std::string var = !item.expr                                    ? item.name
                      : item.expr->kind == ast::ExprKind::kVariable ? item.expr->name
                                                                    : "";
    if (!var.empty()) {
      const Variable* v = scope_.find(var);
      if (!v) compile(*item.expr);  // throws "Variable `x` not defined"
      out = *v;
    } else {
      out = {alloc(), VarKind::kValue, typeOf(*item.expr)};
      proj.push_back({out.slot, compile(*item.expr), exprText(*item.expr)});
    }
    ps.next.bind(item.name, out);
    ps.out_slots.push_back(out.slot);
  }
  if (!proj.empty()) in = makeProject(std::move(proj), std::move(in));
  if (p.distinct) in = makeDistinct(ps.out_slots, std::move(in));
  return in;
}

PlanPtr Planner::planAggregation(const ast::Projection& p, ProjectionState& ps, PlanPtr in) {
  AggregationParts parts;
  parts.item_slots.assign(ps.items.size(), -1);
  planGroupingKeys(p, ps, parts);
  planAggregates(ps, parts);
  ps.out_slots = parts.item_slots;
  in = makeAggregate(std::move(parts.keys), std::move(parts.aggs), std::move(in));
  if (!parts.post.empty()) in = makeProject(std::move(parts.post), std::move(in));
  return in;
}

void Planner::planGroupingKeys(const ast::Projection& p, ProjectionState& ps,
                               AggregationParts& parts) {
  for (size_t i = 0; i < ps.items.size(); ++i) {
    const ProjectionItem& item = ps.items[i];
    if (item.expr && containsAggregate(*item.expr)) continue;
    int slot = alloc();
    Variable out{slot, VarKind::kValue, {}};
    if (!item.expr) {
      ast::ExprPtr v = variableExpr(item.name, p.pos);
      parts.keys.push_back({slot, compile(*v), item.name});
      out_.owned.push_back(std::move(v));
      out = *scope_.find(item.name);
      parts.key_by_text[item.name] = slot;
    } else {
      parts.keys.push_back({slot, compile(*item.expr), exprText(*item.expr)});
      if (item.expr->kind == ast::ExprKind::kVariable) out = *scope_.find(item.expr->name);
      out.type = typeOf(*item.expr);
      parts.key_by_text[exprText(*item.expr)] = slot;
    }
    out.slot = slot;
    ps.next.bind(item.name, out);
    parts.item_slots[i] = slot;
  }
}

void Planner::planAggregates(ProjectionState& ps, AggregationParts& parts) {
  auto ambiguous = [&](const ast::Expr& e) {
    semantic(
        "Ambiguous aggregation: only variables and their properties can be used next to an "
        "aggregate: " +
            exprText(e),
        e.pos, ErrorDetail::kAmbiguousAggregationExpression);
  };
  for (size_t i = 0; i < ps.items.size(); ++i) {
    const ProjectionItem& item = ps.items[i];
    if (parts.item_slots[i] >= 0) continue;
    int slot;
    if (isAggregateCall(*item.expr)) {
      slot = alloc();
      parts.aggs.push_back(aggregateItem(*item.expr, slot));
    } else {
      ast::ExprPtr r = rewriteExpr(*item.expr, [&](const ast::Expr& sub) -> ast::ExprPtr {
        if (isAggregateCall(sub)) {
          int s = alloc();
          parts.aggs.push_back(aggregateItem(sub, s));
          std::string nm = " agg" + std::to_string(s);
          parts.post_scope.bind(nm, {s, VarKind::kValue});
          return variableExpr(nm, sub.pos, exprText(sub));
        }
        auto k = parts.key_by_text.find(exprText(sub));
        if (k != parts.key_by_text.end() && sub.kind != ast::ExprKind::kLiteral) {
          if (!keyForm(sub)) ambiguous(*item.expr);
          std::string nm = " key" + std::to_string(k->second);
          parts.post_scope.bind(nm, {k->second, VarKind::kValue});
          return variableExpr(nm, sub.pos, exprText(sub));
        }
        return nullptr;
      });
      Scope s = ps.next;
      s.overlay(parts.post_scope);
      slot = alloc();
      ExprProgram program;
      try {
        program = compileIn(*r, s);
      } catch (const QueryError& err) {
        // A variable of the input used next to an aggregate without being a grouping key
        // (`RETURN me.age + count(you.age)`): openCypher's AmbiguousAggregationExpression.
        if (err.detail() == ErrorDetail::kUndefinedVariable && usesVariableOf(*r, scope_))
          ambiguous(*item.expr);
        throw;
      }
      parts.post.push_back({slot, std::move(program), exprText(*item.expr)});
      out_.owned.push_back(std::move(r));
    }
    ps.next.bind(item.name, {slot, VarKind::kValue, typeOf(*item.expr)});
    parts.item_slots[i] = slot;
  }
}

AggregateItem Planner::aggregateItem(const ast::Expr& e, int slot) {
  AggregateItem a;
  a.slot = slot;
  a.function = e.kind == ast::ExprKind::kCountStar ? "count" : lower(e.name);
  a.distinct = e.distinct;
  a.text = exprText(e);
  for (size_t i = 0; i < e.children.size(); ++i) {
    if (containsAggregate(*e.children[i]))
      semantic("Can't use aggregate functions inside of aggregate functions: " + exprText(e), e.pos,
               ErrorDetail::kNestedAggregation);
    if (callsRand(*e.children[i]))
      semantic("Can't aggregate over rand(): " + exprText(e), e.pos,
               ErrorDetail::kNonConstantExpression);
    if (i == 0) {
      a.arg = compile(*e.children[0]);
    } else {
      a.extra.push_back(compile(*e.children[i]));
    }
  }
  return a;
}

ast::ExprPtr Planner::overProjection(const ast::Expr& e, const ProjectionState& ps, Scope& s) {
  const bool around_aggregate = ps.agg && containsAggregate(e) && !isAggregateCall(e);
  return rewriteExpr(e, [&](const ast::Expr& sub) -> ast::ExprPtr {
    if (trivial(sub)) return nullptr;
    for (size_t i = 0; i < ps.items.size(); ++i) {
      if (!ps.items[i].expr || exprText(*ps.items[i].expr) != exprText(sub)) continue;
      if (around_aggregate && !keyForm(sub) && !isAggregateCall(sub))
        semantic("Ambiguous aggregation in ORDER BY: " + exprText(e), e.pos,
                 ErrorDetail::kAmbiguousAggregationExpression);
      std::string nm = " col" + std::to_string(ps.out_slots[i]);
      s.bind(nm, {ps.out_slots[i], VarKind::kValue});
      return variableExpr(nm, sub.pos, exprText(sub));
    }
    return nullptr;
  });
}

PlanPtr Planner::planOrderBy(const ast::Projection& p, const ProjectionState& ps,
                             const Scope& after, PlanPtr in) {
  Scope order_scope = after;
  std::vector<SortKey> keys;
  for (const auto& si : p.order_by) {
    ast::ExprPtr r = overProjection(*si.expr, ps, order_scope);
    if (containsAggregate(*r))
      semantic("Aggregations in ORDER BY must also be projected: " + exprText(*si.expr),
               si.expr->pos,
               // after an aggregating projection only its columns are in scope (openCypher:
               // UndefinedVariable); after a plain one an aggregate is out of place.
               ps.agg ? ErrorDetail::kUndefinedVariable : ErrorDetail::kInvalidAggregation);
    keys.push_back({compileIn(*r, order_scope), si.descending, exprText(*si.expr)});
    out_.owned.push_back(std::move(r));
  }
  return makeSort(std::move(keys), std::move(in));
}

PlanPtr Planner::planSkipLimit(const ast::Projection& p, bool after_writes, PlanPtr in) {
  // Constant: no variables. A literal is checked now, a parameter when the plan runs.
  if (p.skip && p.skip->kind == ast::ExprKind::kLiteral)
    skipLimitCount(RValue::fromValue(p.skip->literal), "SKIP");
  if (p.limit && p.limit->kind == ast::ExprKind::kLiteral)
    skipLimitCount(RValue::fromValue(p.limit->literal), "LIMIT");
  // A variable there is openCypher's NonConstantExpression (no variable is in scope).
  auto constant = [&](const ast::Expr& e) {
    try {
      return compileIn(e, Scope{});
    } catch (const QueryError& err) {
      if (err.detail() != ErrorDetail::kUndefinedVariable) throw;
      throw QueryError(err.code(), err.what(), err.pos(), ErrorDetail::kNonConstantExpression);
    }
  };
  ExprProgram skip = p.skip ? constant(*p.skip) : nullptr;
  ExprProgram limit = p.limit ? constant(*p.limit) : nullptr;
  return makeSkipLimit(std::move(skip), std::move(limit), after_writes, std::move(in));
}

PlanPtr Planner::planProjectionWhere(const ast::Expr& where, const ProjectionState& ps,
                                     const Scope& after, PlanPtr in) {
  Scope where_scope = after;
  ast::ExprPtr r = overProjection(where, ps, where_scope);
  in = makeFilter(compileIn(*r, where_scope, true), exprText(where), std::move(in));
  out_.owned.push_back(std::move(r));
  return in;
}

}  // namespace entente::query
