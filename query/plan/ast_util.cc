#include "query/plan/ast_util.h"

#include <algorithm>

#include "query/expr/expression.h"

namespace entente::query {

ast::ExprPtr variableExpr(std::string name, ast::SourcePos pos, std::string text) {
  auto v = std::make_unique<ast::Expr>();
  v->kind = ast::ExprKind::kVariable;
  v->pos = pos;
  v->text = text.empty() ? name : std::move(text);
  v->name = std::move(name);
  return v;
}

namespace {

void add(std::vector<std::string>& out, const std::string& name) {
  if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

void patternVariables(const ast::PatternPart& p, std::vector<std::string>& out) {
  add(out, p.path_variable);
  for (const auto& n : p.nodes) {
    add(out, n.variable);
    if (n.properties) freeVariables(*n.properties, out);
  }
  for (const auto& r : p.rels) {
    add(out, r.variable);
    if (r.properties) freeVariables(*r.properties, out);
  }
}

void projectionVariables(const ast::Projection& p, std::vector<std::string>& out) {
  for (const auto& item : p.items) freeVariables(*item.expr, out);
  for (const auto& s : p.order_by) freeVariables(*s.expr, out);
}

//! Every variable an EXISTS { } subquery mentions (a superset of those it takes from
//! outside: enough to place its WHERE after they are bound).
void subqueryVariables(const ast::SingleQuery& q, std::vector<std::string>& out) {
  for (const auto& clause : q.clauses) {
    if (auto* m = std::get_if<ast::MatchClause>(&clause)) {
      for (const auto& part : m->pattern.parts) patternVariables(part, out);
      if (m->where) freeVariables(*m->where, out);
    } else if (auto* u = std::get_if<ast::UnwindClause>(&clause)) {
      freeVariables(*u->list, out);
    } else if (auto* w = std::get_if<ast::WithClause>(&clause)) {
      projectionVariables(w->projection, out);
      if (w->where) freeVariables(*w->where, out);
    } else if (auto* r = std::get_if<ast::ReturnClause>(&clause)) {
      projectionVariables(r->projection, out);
    }
  }
}

}  // namespace

void freeVariables(const ast::Expr& e, std::vector<std::string>& out) {
  switch (e.kind) {
    case ast::ExprKind::kVariable: add(out, e.name); return;
    case ast::ExprKind::kListComprehension:
    case ast::ExprKind::kQuantifier: {
      if (!e.children.empty() && e.children[0]) freeVariables(*e.children[0], out);
      std::vector<std::string> inner;
      for (size_t i = 1; i < e.children.size(); ++i)
        if (e.children[i]) freeVariables(*e.children[i], inner);
      for (const auto& n : inner)
        if (n != e.name) add(out, n);
      return;
    }
    case ast::ExprKind::kReduce: {
      freeVariables(*e.children.at(0), out);
      freeVariables(*e.children.at(1), out);
      std::vector<std::string> inner;
      freeVariables(*e.children.at(2), inner);
      for (const auto& n : inner)
        if (n != e.name && n != e.map_keys.at(0)) add(out, n);
      return;
    }
    default: break;
  }
  if (e.pattern) patternVariables(*e.pattern, out);
  if (e.subquery) subqueryVariables(*e.subquery, out);
  for (const auto& c : e.children)
    if (c) freeVariables(*c, out);
}

void splitConjuncts(const ast::Expr* e, std::vector<const ast::Expr*>& out) {
  if (!e) return;
  if (e->kind == ast::ExprKind::kBinary && e->op == ast::Op::kAnd && e->children.size() == 2) {
    splitConjuncts(e->children[0].get(), out);
    splitConjuncts(e->children[1].get(), out);
    return;
  }
  out.push_back(e);
}

namespace {

const char* opText(ast::Op op) {
  switch (op) {
    case ast::Op::kAnd: return " AND ";
    case ast::Op::kOr: return " OR ";
    case ast::Op::kXor: return " XOR ";
    case ast::Op::kEq: return " = ";
    case ast::Op::kNe: return " <> ";
    case ast::Op::kLt: return " < ";
    case ast::Op::kLe: return " <= ";
    case ast::Op::kGt: return " > ";
    case ast::Op::kGe: return " >= ";
    case ast::Op::kAdd: return " + ";
    case ast::Op::kSub: return " - ";
    case ast::Op::kMul: return " * ";
    case ast::Op::kDiv: return " / ";
    case ast::Op::kMod: return " % ";
    case ast::Op::kPow: return " ^ ";
    case ast::Op::kStartsWith: return " STARTS WITH ";
    case ast::Op::kEndsWith: return " ENDS WITH ";
    case ast::Op::kContains: return " CONTAINS ";
    case ast::Op::kIn: return " IN ";
    case ast::Op::kRegexMatch: return " =~ ";
    default: return " ? ";
  }
}

std::string child(const ast::Expr& e, size_t i) {
  return i < e.children.size() && e.children[i] ? exprText(*e.children[i]) : "";
}

}  // namespace

std::string exprText(const ast::Expr& e) {
  if (!e.text.empty()) return e.text;
  switch (e.kind) {
    case ast::ExprKind::kVariable: return e.name;
    case ast::ExprKind::kParameter: return "$" + e.name;
    case ast::ExprKind::kLiteral: return e.literal.toCypher();
    case ast::ExprKind::kProperty: return child(e, 0) + "." + e.name;
    case ast::ExprKind::kCountStar: return "count(*)";
    case ast::ExprKind::kFunction: {
      std::string s = e.name + "(" + (e.distinct ? "DISTINCT " : "");
      for (size_t i = 0; i < e.children.size(); ++i) s += (i ? ", " : "") + child(e, i);
      return s + ")";
    }
    case ast::ExprKind::kBinary: return child(e, 0) + opText(e.op) + child(e, 1);
    case ast::ExprKind::kUnary:
      return (e.op == ast::Op::kNot ? "NOT " : e.op == ast::Op::kNeg ? "-" : "+") + child(e, 0);
    case ast::ExprKind::kIsNull: return child(e, 0) + " IS NULL";
    case ast::ExprKind::kIsNotNull: return child(e, 0) + " IS NOT NULL";
    case ast::ExprKind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < e.children.size(); ++i) s += (i ? ", " : "") + child(e, i);
      return s + "]";
    }
    case ast::ExprKind::kMap: {
      std::string s = "{";
      for (size_t i = 0; i < e.children.size() && i < e.map_keys.size(); ++i)
        s += (i ? ", " : "") + e.map_keys[i] + ": " + child(e, i);
      return s + "}";
    }
    case ast::ExprKind::kLabelCheck: {
      std::string s = child(e, 0);
      for (const auto& l : e.map_keys) s += ":" + l;
      return s;
    }
    case ast::ExprKind::kIndex: return child(e, 0) + "[" + child(e, 1) + "]";
    case ast::ExprKind::kPatternPredicate: return "(pattern)";
    case ast::ExprKind::kExists:
      return e.pattern ? "EXISTS { pattern }" : "exists(" + child(e, 0) + ")";
    case ast::ExprKind::kCountSubquery: return "COUNT { ... }";
    case ast::ExprKind::kReduce:
      return "reduce(" + e.name + " = " + child(e, 0) + ", " + e.map_keys.at(0) + " IN " +
             child(e, 1) + " | " + child(e, 2) + ")";
    case ast::ExprKind::kPatternComprehension: return "[pattern | " + child(e, 1) + "]";
    case ast::ExprKind::kMapProjection: return child(e, 0) + " {...}";
    default: return "expr";
  }
}

bool isAggregateCall(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kCountStar ||
         (e.kind == ast::ExprKind::kFunction && isAggregate(e.name));
}

}  // namespace entente::query
