// Pattern planning: MATCH / OPTIONAL MATCH, shortest paths. (Patterns inside expressions are
// in pattern_expr_planner.cc.)
#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <unordered_map>

#include "query/error.h"
#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"

namespace entente::query {
namespace {

bool isIdCall(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kFunction || e.children.size() != 1 || e.distinct) return false;
  std::string n = e.name;
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n == "id" && e.children[0]->kind == ast::ExprKind::kVariable;
}

bool isNameProperty(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kProperty && e.name == storage::kName && !e.children.empty() &&
         e.children[0]->kind == ast::ExprKind::kVariable;
}

storage::Direction directionOf(ast::RelDirection d, bool forward) {
  if (d == ast::RelDirection::kBoth) return storage::Direction::kBoth;
  bool out = (d == ast::RelDirection::kRight) == forward;
  return out ? storage::Direction::kOut : storage::Direction::kIn;
}

ast::ExprPtr stringLiteral(const std::string& s, ast::SourcePos pos) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::kLiteral;
  e->literal = Value(s);
  e->pos = pos;
  e->text = "'" + s + "'";
  return e;
}

}  // namespace

std::string Planner::varName(const ast::NodePattern& np) {
  if (!np.variable.empty()) return np.variable;
  auto& n = hidden_[&np];
  if (n.empty()) n = " n" + std::to_string(hidden_.size());
  return n;
}

std::string Planner::varName(const ast::RelPattern& rp) {
  if (!rp.variable.empty()) return rp.variable;
  auto& n = hidden_[&rp];
  if (n.empty()) n = " r" + std::to_string(hidden_.size());
  return n;
}

std::string Planner::pathName(const ast::PatternPart& part) {
  if (!part.path_variable.empty()) return part.path_variable;
  auto& n = hidden_[&part];
  if (n.empty()) n = " p" + std::to_string(hidden_.size());
  return n;
}

void Planner::checkKind(const std::string& name, VarKind want, ast::SourcePos pos) const {
  const Variable* v = scope_.find(name);
  if (!v || v->kind == want) return;
  if (v->kind == VarKind::kValue) {
    // A value of unknown type may hold a node or relationship; a known other type never does.
    const StaticType& t = v->type;
    if (!t.definite() ||
        t.is(want == VarKind::kNode ? StaticType::Kind::kNode : StaticType::Kind::kRel))
      return;
    semantic("Type mismatch: variable `" + name + "` is bound to a " + t.name() +
                 ", cannot use it as " + kindName(want),
             pos, ErrorDetail::kVariableTypeConflict);
  }
  semantic("Type mismatch: variable `" + name + "` is already bound as " + kindName(v->kind) +
               ", cannot use it as " + kindName(want),
           pos, ErrorDetail::kVariableTypeConflict);
}

void Planner::propertyTests(const ast::Expr* props, std::vector<PropertyTest>& tests,
                            ExprProgram& map) {
  if (!props) return;
  if (props->kind == ast::ExprKind::kMap) {
    for (size_t i = 0; i < props->children.size(); ++i)
      tests.push_back({out_.names.add(props->map_keys[i]), compile(*props->children[i]),
                       exprText(*props->children[i])});
  } else {
    map = compile(*props);
  }
}

NodeCheckSpec Planner::nodeCheck(const ast::NodePattern& np) {
  NodeCheckSpec c;
  for (const auto& l : np.labels) c.labels.push_back(out_.names.add(l));
  propertyTests(np.properties.get(), c.props, c.props_map);
  c.name_ref = np.name_ref;
  return c;
}

EdgeFilterSpec Planner::edgeFilter(const ast::RelPattern& rp) {
  EdgeFilterSpec f;
  for (const auto& t : rp.types) f.types.push_back(out_.names.add(t));
  propertyTests(rp.properties.get(), f.props, f.props_map);
  return f;
}

double Planner::nodeScore(const ast::NodePattern& np, const MatchContext& ctx) const {
  if (!np.variable.empty()) {
    if (scope_.find(np.variable)) return 0;
    if (ctx.id_seek.count(np.variable)) return 1;
  }
  if (np.name_ref) return 2;
  if (np.properties && np.properties->kind == ast::ExprKind::kMap) {
    for (const auto& k : np.properties->map_keys)
      if (k == storage::kName) return 3;
  }
  if (!np.variable.empty() && ctx.name_seek.count(np.variable)) return 3;
  if (np.properties && np.properties->kind == ast::ExprKind::kParameter && np.labels.empty())
    return 3;
  if (!np.labels.empty()) {
    double best = 1e18;
    for (const auto& l : np.labels) {
      auto id = txn_.lookupString(l);
      best = std::min(best, id ? static_cast<double>(store_.approxLabelCount(*id)) : 0.0);
    }
    if (auto seek = indexChoice(np, ctx)) best = std::min(best, seek->estimate);
    return 10 + best;
  }
  return 11 + static_cast<double>(store_.approxNodeCount());
}

PlanPtr Planner::placeFilters(PlanPtr in, MatchContext& ctx, bool all) {
  for (auto& c : ctx.conjuncts) {
    if (c.used) continue;
    bool ready = all || std::all_of(c.vars.begin(), c.vars.end(),
                                    [this](const std::string& v) { return scope_.find(v); });
    if (!ready) continue;
    c.used = true;
    in = makeFilter(compilePredicate(*c.expr), exprText(*c.expr), std::move(in));
  }
  return in;
}

namespace {

//! openCypher: within one MATCH a variable names one kind of element, and a relationship
//! variable one relationship (`()-[r]-(r)`, `(a)-[r]->()-[r]->(a)` are errors).
void checkPatternVariables(const std::vector<ast::PatternPart>& parts) {
  enum class Role { kNode, kRel, kPath };
  std::unordered_map<std::string, Role> seen;
  const std::string* own_path = nullptr;  // the path variable of the part being checked
  auto use = [&](const std::string& var, Role role, ast::SourcePos pos) {
    if (var.empty()) return;
    auto [it, fresh] = seen.emplace(var, role);
    if (fresh || (role == Role::kNode && it->second == Role::kNode)) return;
    if (role == Role::kRel && it->second == Role::kRel)
      throw QueryError(
          ErrorCode::kSyntaxError,
          "Cannot use the same relationship variable `" + var + "` for multiple relationships", pos,
          ErrorDetail::kRelationshipUniquenessViolation);
    // openCypher: a path binds after its elements, so a path variable naming an element of
    // its own or an earlier part is already bound; a later element reusing an earlier path's
    // variable, or a node variable used for a relationship, is a type conflict.
    const bool path =
        role == Role::kPath || (it->second == Role::kPath && own_path && *own_path == var);
    throw QueryError(
        ErrorCode::kSyntaxError,
        "Type mismatch: `" + var + "` is used for different kinds of pattern elements", pos,
        path ? ErrorDetail::kVariableAlreadyBound : ErrorDetail::kVariableTypeConflict);
  };
  for (const auto& p : parts) {
    own_path = &p.path_variable;
    use(p.path_variable, Role::kPath, p.pos);
    for (const auto& n : p.nodes) use(n.variable, Role::kNode, n.pos);
    for (const auto& r : p.rels) use(r.variable, Role::kRel, r.pos);
  }
}

}  // namespace

PlanPtr Planner::planMatch(const ast::MatchClause& m, PlanPtr in, bool distinct_ok) {
  checkPatternVariables(m.pattern.parts);
  MatchContext ctx;
  ctx.distinct_ok = distinct_ok;
  for (const auto& p : m.pattern.parts) ctx.rel_count += static_cast<int>(p.rels.size());
  if (!m.optional) return planParts(m.pattern.parts, m.where.get(), std::move(in), ctx);
  int before = out_.width;
  PlanPtr inner = planParts(m.pattern.parts, m.where.get(), makeArgument(), ctx);
  std::vector<int> nulls;
  for (int s = before; s < out_.width; ++s) nulls.push_back(s);
  return makeOptional(std::move(nulls), std::move(in), std::move(inner));
}

PlanPtr Planner::planParts(const std::vector<ast::PatternPart>& parts, const ast::Expr* where,
                           PlanPtr in, MatchContext& ctx) {
  std::vector<const ast::PatternPart*> ptrs;
  for (const auto& p : parts) ptrs.push_back(&p);
  return planParts(ptrs, where, std::move(in), ctx);
}

namespace {

// `v.k = e` or `e = v.k` with `v` one of `fresh` and `e` free of them: (v, k, e).
struct KeyEquality {
  std::string var, key;
  const ast::Expr* value;
};
std::optional<KeyEquality> keyEquality(const ast::Expr& c, const std::vector<std::string>& fresh,
                                       const std::function<bool(const ast::Expr&)>& outer) {
  if (c.kind != ast::ExprKind::kBinary || c.op != ast::Op::kEq || c.children.size() != 2)
    return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const ast::Expr& prop = *c.children[side];
    const ast::Expr& value = *c.children[1 - side];
    if (prop.kind != ast::ExprKind::kProperty || prop.children.empty() ||
        prop.children[0]->kind != ast::ExprKind::kVariable)
      continue;
    const std::string& var = prop.children[0]->name;
    if (std::find(fresh.begin(), fresh.end(), var) == fresh.end() || !outer(value)) continue;
    return KeyEquality{var, prop.name, &value};
  }
  return std::nullopt;
}

void orBranches(const ast::Expr* e, std::vector<const ast::Expr*>& out) {
  if (e->kind == ast::ExprKind::kBinary && e->op == ast::Op::kOr && e->children.size() == 2) {
    orBranches(e->children[0].get(), out);
    orBranches(e->children[1].get(), out);
  } else {
    out.push_back(e);
  }
}

// `(a.k = x AND …) OR (a.k = y AND …)` implies `a.k IN [x, y]`, which an index can answer
// (IC14 of LDBC SNB matches each step of a path this way). Null if `c` is not such an OR.
ast::ExprPtr impliedIn(const ast::Expr& c, const std::vector<std::string>& fresh,
                       const std::function<bool(const ast::Expr&)>& outer) {
  if (c.kind != ast::ExprKind::kBinary || c.op != ast::Op::kOr) return nullptr;
  std::vector<const ast::Expr*> branches;
  orBranches(&c, branches);
  // Candidate (var, key) pairs from the first branch, kept while every branch has one.
  std::vector<std::vector<KeyEquality>> per_branch;
  for (const ast::Expr* b : branches) {
    std::vector<const ast::Expr*> cs;
    splitConjuncts(b, cs);
    std::vector<KeyEquality> eqs;
    for (const ast::Expr* x : cs)
      if (auto k = keyEquality(*x, fresh, outer)) eqs.push_back(*k);
    if (eqs.empty()) return nullptr;
    per_branch.push_back(std::move(eqs));
  }
  for (const KeyEquality& first : per_branch[0]) {
    std::vector<const ast::Expr*> values;
    for (const auto& eqs : per_branch) {
      auto it = std::find_if(eqs.begin(), eqs.end(), [&](const KeyEquality& k) {
        return k.var == first.var && k.key == first.key;
      });
      if (it == eqs.end()) break;
      values.push_back(it->value);
    }
    if (values.size() != per_branch.size()) continue;
    auto list = std::make_unique<ast::Expr>();
    list->kind = ast::ExprKind::kList;
    list->pos = c.pos;
    for (const ast::Expr* v : values) list->children.push_back(ast::cloneExpr(*v));
    auto var = std::make_unique<ast::Expr>();
    var->kind = ast::ExprKind::kVariable;
    var->pos = c.pos;
    var->name = first.var;
    auto prop = std::make_unique<ast::Expr>();
    prop->kind = ast::ExprKind::kProperty;
    prop->pos = c.pos;
    prop->name = first.key;
    prop->children.push_back(std::move(var));
    auto in = std::make_unique<ast::Expr>();
    in->kind = ast::ExprKind::kBinary;
    in->op = ast::Op::kIn;
    in->pos = c.pos;
    in->text = first.var + "." + first.key + " IN [...]";
    in->children.push_back(std::move(prop));
    in->children.push_back(std::move(list));
    return in;
  }
  return nullptr;
}

}  // namespace

PlanPtr Planner::planParts(const std::vector<const ast::PatternPart*>& parts,
                           const ast::Expr* where, PlanPtr in, MatchContext& ctx) {
  std::vector<const ast::Expr*> cs;
  splitConjuncts(where, cs);
  std::vector<std::string> fresh;  // node variables this MATCH introduces
  for (const ast::PatternPart* p : parts)
    for (const auto& n : p->nodes)
      if (!n.variable.empty() && !scope_.find(n.variable)) fresh.push_back(n.variable);
  std::vector<std::string> indexable = fresh;  // and relationship variables, for index seeks
  for (const ast::PatternPart* p : parts)
    for (const auto& r : p->rels)
      if (!r.variable.empty() && !r.var_length && !scope_.find(r.variable))
        indexable.push_back(r.variable);
  auto isFresh = [&](const std::string& v) {
    return std::find(fresh.begin(), fresh.end(), v) != fresh.end();
  };
  auto outerOnly = [&](const ast::Expr& e) {
    std::vector<std::string> vars;
    freeVariables(e, vars);
    return std::all_of(vars.begin(), vars.end(),
                       [&](const std::string& v) { return scope_.find(v) != nullptr; });
  };
  for (const ast::Expr* c : cs) {
    Conjunct conj{c, {}, false};
    freeVariables(*c, conj.vars);
    if (c->kind == ast::ExprKind::kBinary && (c->op == ast::Op::kEq || c->op == ast::Op::kIn) &&
        c->children.size() == 2) {
      for (int side = 0; side < 2; ++side) {
        const ast::Expr& a = *c->children[side];
        const ast::Expr& b = *c->children[1 - side];
        if (c->op == ast::Op::kIn && side == 1) break;
        if (isIdCall(a) && isFresh(a.children[0]->name) && outerOnly(b) &&
            !ctx.id_seek.count(a.children[0]->name)) {
          ctx.id_seek[a.children[0]->name] = &b;
          ctx.id_seek_conjunct[a.children[0]->name] = ctx.conjuncts.size();
          break;
        }
        if (isNameProperty(a) && isFresh(a.children[0]->name) && outerOnly(b)) {
          const bool list = c->op == ast::Op::kIn;  // an equality is preferred to a list
          auto [it, added] =
              ctx.name_seek.emplace(a.children[0]->name, MatchContext::NameSeek{&b, list});
          if (!added && it->second.list && !list) it->second = {&b, list};
        }
      }
    }
    indexPredicate(*c, indexable, ctx);
    if (auto implied = impliedIn(*c, fresh, outerOnly)) {
      indexPredicate(*implied, indexable, ctx);
      ctx.implied.push_back(std::move(implied));
    }
    ctx.conjuncts.push_back(std::move(conj));
  }
  in = placeFilters(std::move(in), ctx, false);
  std::vector<bool> done(parts.size(), false);
  for (size_t k = 0; k < parts.size(); ++k) {
    size_t best = parts.size();
    double best_score = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (done[i]) continue;
      size_t anchor, rel;
      std::optional<IndexChoice> seek;
      double s = partStart(*parts[i], ctx, &anchor, &rel, &seek);
      if (parts[i]->kind != ast::PathKind::kPlain) s += 1e25;  // shortest paths after the rest
      if (best == parts.size() || s < best_score) {
        best = i;
        best_score = s;
      }
    }
    done[best] = true;
    in = planPart(*parts[best], std::move(in), ctx);
  }
  in = placeFilters(std::move(in), ctx, true);
  for (auto& e : ctx.implied) out_.owned.push_back(std::move(e));
  return in;
}

double Planner::partStart(const ast::PatternPart& part, const MatchContext& ctx, size_t* anchor,
                          size_t* rel_seek, std::optional<IndexChoice>* seek) const {
  double best = 0;
  *anchor = 0;
  *rel_seek = part.rels.size();
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    double s = nodeScore(part.nodes[i], ctx);
    if (i == 0 || s < best) {
      *anchor = i;
      best = s;
    }
  }
  if (part.kind != ast::PathKind::kPlain) return best;
  // A relationship seek yields its ends too; on the node scores' scale (10 + rows of a
  // label scan or node seek) it costs 10 + its estimated rows. Starting from the best node
  // instead also means expanding the relationship: about entries x (node rows / all nodes)
  // relationships of its type (every indexed one for a scan of all nodes).
  const double node_rows = std::max(0.0, best - 10);
  const double nodes = std::max<double>(1, static_cast<double>(store_.approxNodeCount()));
  double best_seek = 1e30;
  for (size_t i = 0; i < part.rels.size(); ++i) {
    auto c = relIndexChoice(part, i, ctx);
    if (!c) continue;
    const double via_node =
        best + static_cast<double>(c->stats.entries) * std::min(1.0, node_rows / nodes);
    if (10 + c->estimate < std::min(via_node, best_seek)) {
      best_seek = 10 + c->estimate;
      *rel_seek = i;
      *seek = std::move(c);
    }
  }
  return std::min(best, best_seek);
}

PlanPtr Planner::planPart(const ast::PatternPart& part, PlanPtr in, MatchContext& ctx) {
  if (part.kind != ast::PathKind::kPlain) return planShortest(part, std::move(in), ctx);
  size_t anchor = 0, rel_seek = 0;
  std::optional<IndexChoice> seek;
  partStart(part, ctx, &anchor, &rel_seek, &seek);
  size_t next = anchor;  // the first relationship to expand forwards
  if (seek) {
    in = relIndexSeek(part, rel_seek, *seek, std::move(in), ctx);
    anchor = rel_seek;
    next = rel_seek + 1;
  } else {
    const ast::RelPattern* first = anchor < part.rels.size() ? &part.rels[anchor]
                                   : anchor > 0              ? &part.rels[anchor - 1]
                                                             : nullptr;
    bool verify = !(first && first->min_hops.value_or(1) >= 1);
    in = bindNode(part.nodes[anchor], std::move(in), ctx, verify);
  }
  in = placeFilters(std::move(in), ctx, false);
  for (size_t i = next; i < part.rels.size(); ++i) {
    in = expandRel(part, i, true, std::move(in), ctx);
    in = placeFilters(std::move(in), ctx, false);
  }
  for (size_t i = anchor; i-- > 0;) {
    in = expandRel(part, i, false, std::move(in), ctx);
    in = placeFilters(std::move(in), ctx, false);
  }
  if (!part.path_variable.empty()) {
    if (scope_.find(part.path_variable))
      semantic("Variable `" + part.path_variable + "` already declared", part.pos,
               ErrorDetail::kVariableAlreadyBound);
    int slot = alloc();
    BuildPathSpec spec = pathSpec(part, slot);
    scope_.bind(part.path_variable, {slot, VarKind::kPath});
    in = makeBuildPath(std::move(spec), std::move(in));
    in = placeFilters(std::move(in), ctx, false);
  }
  return in;
}

BuildPathSpec Planner::pathSpec(const ast::PatternPart& part, int slot) {
  BuildPathSpec spec;
  spec.slot = slot;
  spec.var = part.path_variable;
  spec.start = scope_.find(varName(part.nodes[0]))->slot;
  for (size_t i = 0; i < part.rels.size(); ++i) {
    const Variable* r = scope_.find(varName(part.rels[i]));
    spec.segments.push_back(
        {r->slot, part.rels[i].var_length, scope_.find(varName(part.nodes[i + 1]))->slot});
  }
  return spec;
}

bool Planner::nameLoses(const ast::NodePattern& np, const ast::Expr* name_prop,
                        const MatchContext& ctx) const {
  // The name/alias index keeps no statistics: a name is taken to identify one entity (a
  // list: one per element, 10 for a parameter, as in index_planner.cc). A property index
  // seek on one of the node's labels wins only when its estimate is lower.
  if (np.labels.empty()) return false;
  double rows = 1;
  if (!name_prop) {
    const MatchContext::NameSeek& n = ctx.name_seek.at(np.variable);
    if (n.list)
      rows = n.value->kind == ast::ExprKind::kList
                 ? std::max<double>(1, static_cast<double>(n.value->children.size()))
                 : 10.0;
  }
  auto c = indexChoice(np, ctx);
  return c && c->estimate < rows;
}

PlanPtr Planner::bindNode(const ast::NodePattern& np, PlanPtr in, MatchContext& ctx, bool verify) {
  std::string var = varName(np);
  if (const Variable* v = scope_.find(var)) {
    int slot = v->slot;
    checkKind(var, VarKind::kNode, np.pos);
    NodeCheckSpec check = nodeCheck(np);
    if (check.empty()) return in;
    ScanSpec s;
    s.kind = ScanKind::kBound;
    s.slot = slot;
    s.var = np.variable;
    s.check = std::move(check);
    return makeScan(std::move(s), std::move(in));
  }
  ScanSpec s;
  s.var = np.variable;
  s.check = nodeCheck(np);
  s.verify_exists = verify;
  const ast::Expr* name_prop = nullptr;
  if (np.properties && np.properties->kind == ast::ExprKind::kMap) {
    for (size_t i = 0; i < np.properties->map_keys.size(); ++i) {
      if (np.properties->map_keys[i] != storage::kName) continue;
      std::vector<std::string> vars;
      freeVariables(*np.properties->children[i], vars);
      bool outer = std::all_of(vars.begin(), vars.end(),
                               [this](const std::string& x) { return scope_.find(x); });
      if (outer) name_prop = np.properties->children[i].get();
    }
  }
  auto seek = np.variable.empty() ? ctx.id_seek.end() : ctx.id_seek.find(np.variable);
  auto name_seek = np.variable.empty() ? ctx.name_seek.end() : ctx.name_seek.find(np.variable);
  if (seek != ctx.id_seek.end()) {
    s.kind = ScanKind::kById;
    ctx.conjuncts[ctx.id_seek_conjunct.at(np.variable)].used =
        true;  // the seek is exactly this predicate
    s.key = compile(*seek->second);
    s.key_text = exprText(*seek->second);
  } else if (np.name_ref) {
    s.kind = ScanKind::kByName;
    s.key = compile(*stringLiteral(*np.name_ref, np.pos));
    s.key_text = "\"" + *np.name_ref + "\"";
    s.check.name_ref.reset();
  } else if ((name_prop || name_seek != ctx.name_seek.end()) && !nameLoses(np, name_prop, ctx)) {
    const bool list = !name_prop && name_seek->second.list;
    const ast::Expr& e = name_prop ? *name_prop : *name_seek->second.value;
    s.kind = ScanKind::kByNameProperty;
    s.key = compile(e);
    s.key_text = exprText(e);
    s.key_list = list;
  } else if (np.properties && np.properties->kind == ast::ExprKind::kParameter &&
             np.labels.empty()) {
    // ($p): a string is a name or alias (indexed); a map is checked node by node.
    s.kind = ScanKind::kByNameProperty;
    s.key = compile(*np.properties);
    s.key_text = exprText(*np.properties);
  } else if (!np.labels.empty()) {
    if (auto seek = indexChoice(np, ctx))
      return indexSeek(np, *seek, std::move(s.check), std::move(in));
    s.kind = ScanKind::kLabel;
    size_t best = 0;
    double best_count = 0;
    for (size_t i = 0; i < np.labels.size(); ++i) {
      auto id = txn_.lookupString(np.labels[i]);
      double c = id ? static_cast<double>(store_.approxLabelCount(*id)) : 0.0;
      if (i == 0 || c < best_count) {
        best = i;
        best_count = c;
      }
    }
    s.label = out_.names.add(np.labels[best]);
    s.check.labels.erase(std::find(s.check.labels.begin(), s.check.labels.end(), s.label));
  } else {
    s.kind = ScanKind::kAll;
  }
  s.slot = alloc();
  scope_.bind(var, {s.slot, VarKind::kNode});
  return makeScan(std::move(s), std::move(in));
}

PlanPtr Planner::expandRel(const ast::PatternPart& part, size_t i, bool forward, PlanPtr in,
                           MatchContext& ctx) {
  const ast::RelPattern& rp = part.rels[i];
  const ast::NodePattern& from_np = forward ? part.nodes[i] : part.nodes[i + 1];
  const ast::NodePattern& to_np = forward ? part.nodes[i + 1] : part.nodes[i];
  int from = scope_.find(varName(from_np))->slot;
  storage::Direction dir = directionOf(rp.direction, forward);
  std::string to_var = varName(to_np);
  const Variable* tv = scope_.find(to_var);
  bool into = tv != nullptr;
  int to_slot = into ? tv->slot : -1;  // (scope entries may move while compiling)
  if (into) checkKind(to_var, VarKind::kNode, to_np.pos);
  NodeCheckSpec check = nodeCheck(to_np);
  std::string rel_var = varName(rp);
  bool has_path = !part.path_variable.empty();
  // The ends, filled once the relationship's own slots are allocated (slot order: rel, to).
  auto fillEnds = [&](ExpandEnds& s) {
    s.dir = dir;
    s.from = from;
    s.filter = edgeFilter(rp);
    s.into = into;
    s.to = into ? to_slot : alloc();
    if (!into) {
      s.to_check = std::move(check);
      scope_.bind(to_var, {s.to, VarKind::kNode});
    }
    s.from_var = from_np.variable;
    s.rel_var = rp.variable;
    s.to_var = to_np.variable;
  };
  if (rp.var_length) {
    VarExpandSpec s;
    if (!rp.variable.empty() && scope_.find(rp.variable))
      semantic(
          "A variable-length relationship variable cannot be bound already: `" + rp.variable + "`",
          rp.pos, ErrorDetail::kVariableAlreadyBound);
    s.min = rp.min_hops.value_or(1);
    s.max = rp.max_hops.value_or(-1);
    if (s.min < 0)
      semantic("Invalid variable-length bounds", rp.pos, ErrorDetail::kInvalidRelationshipPattern);
    s.unique_rels = ctx.rels;
    s.unique_lists = ctx.lists;
    if (!rp.variable.empty() || has_path || ctx.rel_count > 1) {
      s.list = alloc();
      scope_.bind(rel_var, {s.list, VarKind::kRelList});
      ctx.lists.push_back(s.list);
    }
    s.reverse_list = !forward;
    s.distinct_reach = ctx.distinct_ok && rp.variable.empty() && !has_path &&
                       rp.direction != ast::RelDirection::kBoth && s.min <= 1 && !into &&
                       ctx.rel_count == 1;
    fillEnds(s);
    in = makeVarExpand(std::move(s), std::move(in));
  } else {
    ExpandSpec s;
    if (!rp.variable.empty() && scope_.find(rp.variable)) {
      checkKind(rp.variable, VarKind::kRel, rp.pos);
      s.rel_bound = true;
      s.rel = scope_.find(rp.variable)->slot;
    } else {
      s.rel = alloc();
      scope_.bind(rel_var, {s.rel, VarKind::kRel});
    }
    s.unique_rels = ctx.rels;
    s.unique_lists = ctx.lists;
    ctx.rels.push_back(s.rel);
    fillEnds(s);
    in = makeExpand(std::move(s), std::move(in));
  }
  if (into && !check.empty()) {
    ScanSpec s;
    s.kind = ScanKind::kBound;
    s.slot = to_slot;
    s.var = to_np.variable;
    s.check = std::move(check);
    in = makeScan(std::move(s), std::move(in));
  }
  return in;
}

PlanPtr Planner::planShortest(const ast::PatternPart& part, PlanPtr in, MatchContext& ctx) {
  if (part.rels.size() != 1)
    semantic("shortestPath / allShortestPaths need a pattern with exactly one relationship",
             part.pos, ErrorDetail::kInvalidRelationshipPattern);
  const ast::RelPattern& rp = part.rels[0];
  in = bindNode(part.nodes[0], std::move(in), ctx);
  in = placeFilters(std::move(in), ctx, false);
  in = bindNode(part.nodes[1], std::move(in), ctx);
  in = placeFilters(std::move(in), ctx, false);
  ShortestPathSpec s;
  s.from = scope_.find(varName(part.nodes[0]))->slot;
  s.to = scope_.find(varName(part.nodes[1]))->slot;
  s.dir = directionOf(rp.direction, true);
  s.min = rp.var_length ? rp.min_hops.value_or(1) : 1;
  s.max = rp.var_length ? rp.max_hops.value_or(-1) : 1;
  s.all = part.kind == ast::PathKind::kAllShortest;
  s.filter = edgeFilter(rp);
  std::string path = pathName(part);
  if (scope_.find(path))
    semantic("Variable `" + path + "` already declared", part.pos,
             ErrorDetail::kVariableAlreadyBound);
  s.path = alloc();
  scope_.bind(path, {s.path, VarKind::kPath});
  if (!rp.variable.empty()) {
    if (scope_.find(rp.variable))
      semantic("Variable `" + rp.variable + "` already declared", rp.pos,
               ErrorDetail::kVariableAlreadyBound);
    s.list = alloc();
    scope_.bind(rp.variable, {s.list, VarKind::kRelList});
  }
  s.from_var = part.nodes[0].variable;
  s.to_var = part.nodes[1].variable;
  s.path_var = part.path_variable;
  in = makeShortestPath(std::move(s), std::move(in));
  return placeFilters(std::move(in), ctx, false);
}

}  // namespace entente::query
