// Index seeks: which predicates of a node or relationship pattern an ONLINE property index
// can answer, and whether a seek beats scanning (storage::IndexStats). A node pattern
// (n:L ...) can start from index I on L (a relationship pattern -[r:T ...]- whose ends are
// not bound yet, from index I on T) whose first key p is compared by
//   {p: v} inline, or WHERE n.p = v, v = n.p, n.p IN list, n.p < / <= / > / >= v (one or
//   both bounds, either side), n.p STARTS WITH v
// where v does not depend on variables of the pattern being matched; on a composite index,
// `=` on its first keys (leading values) then any of these on the next key, or none.
// Estimated rows: entries/distinct per value for = on the whole key, a tenth per key
// compared otherwise, that times the list length for IN (10 for a parameter), a tenth of
// the entries (after the leading keys) for STARTS WITH and two bounds, a third for one. A
// node seek is used when its estimate is at most the label's count; a relationship seek
// when it beats every node of its pattern part as a start (match_planner.cc, planPart). The
// predicate itself stays in place as a filter (or in the pattern's checks), so the seek
// only narrows the scan.
#include <algorithm>
#include <cmath>

#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"

namespace entente::query {
namespace {

ast::Op flip(ast::Op op) {
  switch (op) {
    case ast::Op::kLt: return ast::Op::kGt;
    case ast::Op::kLe: return ast::Op::kGe;
    case ast::Op::kGt: return ast::Op::kLt;
    case ast::Op::kGe: return ast::Op::kLe;
    default: return op;
  }
}

bool isVarProperty(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kProperty && !e.children.empty() &&
         e.children[0]->kind == ast::ExprKind::kVariable;
}

}  // namespace

void Planner::indexPredicate(const ast::Expr& c, const std::vector<std::string>& fresh,
                             MatchContext& ctx) const {
  if (c.kind != ast::ExprKind::kBinary || c.children.size() != 2) return;
  switch (c.op) {
    case ast::Op::kEq:
    case ast::Op::kLt:
    case ast::Op::kLe:
    case ast::Op::kGt:
    case ast::Op::kGe:
    case ast::Op::kIn:
    case ast::Op::kStartsWith: break;
    default: return;
  }
  const bool symmetric = c.op != ast::Op::kIn && c.op != ast::Op::kStartsWith;
  for (int side = 0; side < (symmetric ? 2 : 1); ++side) {
    const ast::Expr& prop = *c.children[side];
    const ast::Expr& value = *c.children[1 - side];
    if (!isVarProperty(prop)) continue;
    const std::string& var = prop.children[0]->name;
    if (std::find(fresh.begin(), fresh.end(), var) == fresh.end()) continue;
    std::vector<std::string> vars;
    freeVariables(value, vars);
    if (!std::all_of(vars.begin(), vars.end(),
                     [this](const std::string& v) { return scope_.find(v) != nullptr; }))
      continue;
    ctx.index_preds[var].push_back({prop.name, side == 0 ? c.op : flip(c.op), &value});
    return;
  }
}

std::vector<IndexPredicate> Planner::patternPredicates(const ast::Expr* props,
                                                       const std::string& var,
                                                       const MatchContext& ctx) const {
  // Inline {p: v} (outer values only) and the WHERE conjuncts recorded for the variable.
  std::vector<IndexPredicate> preds;
  if (props && props->kind == ast::ExprKind::kMap) {
    for (size_t i = 0; i < props->map_keys.size(); ++i) {
      std::vector<std::string> vars;
      freeVariables(*props->children[i], vars);
      if (std::all_of(vars.begin(), vars.end(),
                      [this](const std::string& v) { return scope_.find(v) != nullptr; }))
        preds.push_back({props->map_keys[i], ast::Op::kEq, props->children[i].get()});
    }
  }
  if (!var.empty()) {
    auto it = ctx.index_preds.find(var);
    if (it != ctx.index_preds.end())
      preds.insert(preds.end(), it->second.begin(), it->second.end());
  }
  return preds;
}

std::optional<IndexChoice> Planner::bestIndex(storage::IndexEntity entity,
                                              const std::vector<uint32_t>& targets,
                                              const std::vector<IndexPredicate>& preds) const {
  std::optional<IndexChoice> best;
  if (preds.empty()) return best;
  for (const auto& st : txn_.indexes()) {
    const storage::IndexDef& d = st.def;
    if (d.entity != entity || d.state != storage::IndexState::kOnline || !d.hasEntries() ||
        std::find(targets.begin(), targets.end(), d.target) == targets.end())
      continue;
    const double entries = static_cast<double>(st.entries);
    // Composite: equalities on the first keys become the seek's leading values.
    IndexChoice c;
    c.stats = st;
    c.estimate = 1e30;
    size_t m = 0;
    for (; m + 1 < d.keys.size(); ++m) {
      std::string k = txn_.stringOf(d.keys[m]);
      auto eq = std::find_if(preds.begin(), preds.end(), [&](const IndexPredicate& p) {
        return p.key == k && p.op == ast::Op::kEq;
      });
      if (eq == preds.end()) break;
      c.leading_keys.push_back(k);
      c.leading.push_back(eq->value);
    }
    const std::string key = txn_.stringOf(d.keys[m]);
    c.key = key;
    // Rows per value: exact for the whole tuple (distinct counts tuples), else a guess of a
    // tenth per key compared.
    const bool whole = m + 1 == d.keys.size();
    const double base = std::max(1.0, entries / std::pow(10.0, static_cast<double>(m)));
    const double per_value =
        whole ? entries / std::max<double>(1, st.distinct) : std::max(1.0, base / 10);
    if (m > 0) {
      c.mode = IndexSeekSpec::Mode::kAll;
      c.estimate = base;
    }
    IndexChoice range = c;
    range.mode = IndexSeekSpec::Mode::kRange;
    for (const auto& p : preds) {
      if (p.key != key) continue;
      IndexChoice o = c;
      switch (p.op) {
        case ast::Op::kEq:
          o.mode = IndexSeekSpec::Mode::kEquals;
          o.value = p.value;
          o.estimate = per_value;
          break;
        case ast::Op::kIn:
          o.mode = IndexSeekSpec::Mode::kIn;
          o.value = p.value;
          o.estimate =
              per_value * (p.value->kind == ast::ExprKind::kList ? p.value->children.size() : 10.0);
          break;
        case ast::Op::kStartsWith:
          o.mode = IndexSeekSpec::Mode::kPrefix;
          o.value = p.value;
          o.estimate = base / 10;
          break;
        case ast::Op::kGt:
        case ast::Op::kGe:
          if (!range.lower) {
            range.lower = p.value;
            range.lower_inclusive = p.op == ast::Op::kGe;
          }
          continue;
        case ast::Op::kLt:
        case ast::Op::kLe:
          if (!range.upper) {
            range.upper = p.value;
            range.upper_inclusive = p.op == ast::Op::kLe;
          }
          continue;
        default: continue;
      }
      if (o.estimate < c.estimate) c = o;
    }
    if (range.lower || range.upper) {
      range.estimate = base / (range.lower && range.upper ? 10 : 3);
      if (range.estimate < c.estimate) c = range;
    }
    if (c.estimate > 1e29) continue;
    if (!best || c.estimate < best->estimate) best = c;
  }
  return best;
}

std::optional<IndexChoice> Planner::indexChoice(const ast::NodePattern& np,
                                                const MatchContext& ctx) const {
  if (np.labels.empty()) return std::nullopt;
  std::vector<IndexPredicate> preds = patternPredicates(np.properties.get(), np.variable, ctx);
  if (preds.empty()) return std::nullopt;
  double label_count = 1e18;
  std::vector<uint32_t> labels;
  for (const auto& l : np.labels) {
    auto id = txn_.lookupString(l);
    if (!id) return std::nullopt;  // an unknown label matches nothing: the label scan is free
    labels.push_back(*id);
    label_count = std::min(label_count, static_cast<double>(store_.approxLabelCount(*id)));
  }
  auto best = bestIndex(storage::IndexEntity::kNode, labels, preds);
  if (!best || best->estimate > label_count) return std::nullopt;
  return best;
}

std::optional<IndexChoice> Planner::relIndexChoice(const ast::PatternPart& part, size_t i,
                                                   const MatchContext& ctx) const {
  const ast::RelPattern& rp = part.rels[i];
  // One type, one hop, a relationship and two ends not bound yet (a bound end is a cheaper
  // start), and not the `($map)` name lookup either.
  if (rp.var_length || rp.types.size() != 1) return std::nullopt;
  if (!rp.variable.empty() && scope_.find(rp.variable)) return std::nullopt;
  for (const ast::NodePattern* np : {&part.nodes[i], &part.nodes[i + 1]})
    if ((!np->variable.empty() && scope_.find(np->variable)) || np->name_ref) return std::nullopt;
  std::vector<IndexPredicate> preds = patternPredicates(rp.properties.get(), rp.variable, ctx);
  if (preds.empty()) return std::nullopt;
  auto type = txn_.lookupString(rp.types[0]);
  if (!type) return std::nullopt;  // an unknown type matches nothing: any plan is free
  return bestIndex(storage::IndexEntity::kRelationship, {*type}, preds);
}

void Planner::fillKeySpec(IndexKeySpec& s, const IndexChoice& c, const std::string& var) {
  s.index_name = c.stats.def.name;
  s.index = c.stats.def.id;
  s.mode = c.mode;
  const std::string prop = var + "." + c.key;
  for (size_t i = 0; i < c.leading.size(); ++i) {
    s.text += var + "." + c.leading_keys[i] + " = " + exprText(*c.leading[i]) + ", ";
    s.leading.push_back(compile(*c.leading[i]));
  }
  switch (c.mode) {
    case IndexSeekSpec::Mode::kAll: s.text.resize(s.text.size() - 2); break;
    case IndexSeekSpec::Mode::kEquals: s.text += prop + " = " + exprText(*c.value); break;
    case IndexSeekSpec::Mode::kIn: s.text += prop + " IN " + exprText(*c.value); break;
    case IndexSeekSpec::Mode::kPrefix: s.text += prop + " STARTS WITH " + exprText(*c.value); break;
    case IndexSeekSpec::Mode::kRange:
      if (c.lower) s.text += exprText(*c.lower) + (c.lower_inclusive ? " <= " : " < ");
      s.text += prop;
      if (c.upper) s.text += (c.upper_inclusive ? " <= " : " < ") + exprText(*c.upper);
      break;
  }
  if (c.value) s.value = compile(*c.value);
  if (c.lower) s.lower = compile(*c.lower);
  if (c.upper) s.upper = compile(*c.upper);
  s.lower_inclusive = c.lower_inclusive;
  s.upper_inclusive = c.upper_inclusive;
}

PlanPtr Planner::indexSeek(const ast::NodePattern& np, const IndexChoice& c, NodeCheckSpec check,
                           PlanPtr in) {
  IndexSeekSpec s;
  s.var = np.variable;
  s.label = out_.names.add(txn_.stringOf(c.stats.def.target));
  auto it = std::find(check.labels.begin(), check.labels.end(), s.label);
  if (it != check.labels.end()) check.labels.erase(it);
  s.check = std::move(check);
  fillKeySpec(s, c, np.variable.empty() ? std::string("n") : np.variable);
  s.slot = alloc();
  scope_.bind(varName(np), {s.slot, VarKind::kNode});
  return makeIndexSeek(std::move(s), std::move(in));
}

PlanPtr Planner::relIndexSeek(const ast::PatternPart& part, size_t i, const IndexChoice& c,
                              PlanPtr in, MatchContext& ctx) {
  const ast::RelPattern& rp = part.rels[i];
  const ast::NodePattern& l = part.nodes[i];
  const ast::NodePattern& r = part.nodes[i + 1];
  RelIndexSeekSpec s;
  fillKeySpec(s, c, rp.variable.empty() ? std::string("r") : rp.variable);
  s.dir = rp.direction == ast::RelDirection::kBoth    ? storage::Direction::kBoth
          : rp.direction == ast::RelDirection::kRight ? storage::Direction::kOut
                                                      : storage::Direction::kIn;
  s.filter = edgeFilter(rp);
  s.left_check = nodeCheck(l);
  s.right_check = nodeCheck(r);
  s.unique_rels = ctx.rels;
  s.unique_lists = ctx.lists;
  s.left_var = l.variable;
  s.rel_var = rp.variable;
  s.right_var = r.variable;
  // Slot order as in Expand: the relationship, then the ends.
  s.rel = alloc();
  scope_.bind(varName(rp), {s.rel, VarKind::kRel});
  ctx.rels.push_back(s.rel);
  s.left = alloc();
  scope_.bind(varName(l), {s.left, VarKind::kNode});
  if (const Variable* v = scope_.find(varName(r))) {  // (a)-[r]-(a)
    checkKind(varName(r), VarKind::kNode, r.pos);
    s.right = v->slot;
  } else {
    s.right = alloc();
    scope_.bind(varName(r), {s.right, VarKind::kNode});
  }
  return makeRelIndexSeek(std::move(s), std::move(in));
}

}  // namespace entente::query
