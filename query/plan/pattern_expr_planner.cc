// Patterns inside expressions: pattern predicates, exists(), EXISTS { } and COUNT { } (with a
// pattern or a full query) and pattern comprehensions, each planned as a correlated sub-plan that
// runs per row (query/exec/pattern_expr.h).
#include "query/error.h"
#include "query/exec/pattern_expr.h"
#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"

namespace entente::query {

ExprProgram Planner::compilePattern(const PatternExprSpec& spec) {
  // The sub-plan sees the enclosing scope; what it binds stays inside.
  Scope saved = scope_;
  struct Restore {
    Scope& scope;
    Scope& saved;
    ~Restore() { scope = std::move(saved); }
  } restore{scope_, saved};
  for (const auto& [name, slot] : spec.locals) scope_.bind(name, {slot, VarKind::kValue});
  if (spec.query) {
    std::vector<std::string> cols;
    std::vector<int> slots;
    PlanPtr sub = planSingle(*spec.query, makeArgument(), cols, slots);
    if (spec.count) return makePatternCount(out_.subplans++, std::move(sub));
    return makePatternExists(out_.subplans++, std::move(sub));
  }
  const ast::PatternPart& part = *spec.pattern;
  std::vector<int> bound;  // variables the pattern takes from outside
  auto outside = [&](const std::string& var, ast::SourcePos pos) {
    if (var.empty()) return;
    if (const Variable* v = scope_.find(var)) {
      bound.push_back(v->slot);
    } else if (spec.bare) {
      // openCypher: a pattern used as a predicate only tests variables already bound.
      semantic("Variable `" + var +
                   "` not defined (a pattern predicate cannot introduce variables; use EXISTS { })",
               pos, ErrorDetail::kUndefinedVariable);
    }
  };
  for (const auto& n : part.nodes) outside(n.variable, n.pos);
  for (const auto& r : part.rels) outside(r.variable, r.pos);
  MatchContext ctx;
  ctx.rel_count = static_cast<int>(part.rels.size());
  // The WHERE is planned as a MATCH's is: each conjunct placed as soon as its variables are
  // bound, and its predicates offered to index seeks.
  PlanPtr sub =
      planParts(std::vector<const ast::PatternPart*>{&part}, spec.where, makeArgument(), ctx);
  ExprProgram project = spec.project ? compile(*spec.project) : nullptr;
  int id = out_.subplans++;
  if (spec.count) return makePatternCount(id, std::move(sub));
  if (!project) return makePatternExists(id, std::move(sub));
  return makePatternComprehension(id, std::move(sub), std::move(project), std::move(bound));
}

}  // namespace entente::query
