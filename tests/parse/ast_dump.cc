#include "ast_dump.h"

#include <cstdio>
#include <variant>

#include "query/error.h"
#include "query/parse/parser.h"

namespace entente::query::testing {

using ast::ExprKind;
using ast::Op;

namespace {

const char* opName(Op op) {
  switch (op) {
    case Op::kNot: return "not";
    case Op::kNeg: return "neg";
    case Op::kPlus: return "pos";
    case Op::kAnd: return "and";
    case Op::kOr: return "or";
    case Op::kXor: return "xor";
    case Op::kEq: return "=";
    case Op::kNe: return "<>";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kMod: return "%";
    case Op::kPow: return "^";
    case Op::kStartsWith: return "starts-with";
    case Op::kEndsWith: return "ends-with";
    case Op::kContains: return "contains";
    case Op::kIn: return "in";
    case Op::kRegexMatch: return "=~";
    case Op::kAll: return "all";
    case Op::kAny: return "any";
    case Op::kNone_: return "none";
    case Op::kSingle: return "single";
    case Op::kNone: return "?";
  }
  return "?";
}

std::string literal(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return "null";
    case Value::Type::kBool: return v.asBool() ? "true" : "false";
    case Value::Type::kInt: return std::to_string(v.asInt());
    case Value::Type::kFloat: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", v.asFloat());
      std::string s = buf;
      if (s.find_first_of(".einn") == std::string::npos) s += ".0";
      return s;
    }
    case Value::Type::kString: return "'" + v.asString() + "'";
    default: return "<value>";
  }
}

std::string children(const ast::Expr* e, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < e->children.size(); ++i) out += " " + dump(e->children[i].get());
  return out;
}

std::string node(const ast::NodePattern& n) {
  if (n.name_ref) return "(\"" + *n.name_ref + "\")";
  std::string out = "(" + n.variable;
  for (const auto& l : n.labels) out += ":" + l;
  if (n.properties) out += " " + dump(n.properties.get());
  return out + ")";
}

std::string rel(const ast::RelPattern& r) {
  std::string inner = r.variable;
  for (size_t i = 0; i < r.types.size(); ++i) inner += (i == 0 ? ":" : "|") + r.types[i];
  if (r.var_length) {
    inner += "*";
    if (r.min_hops) inner += std::to_string(*r.min_hops);
    if (r.min_hops || r.max_hops) inner += "..";
    if (r.max_hops) inner += std::to_string(*r.max_hops);
  }
  if (r.properties) inner += " " + dump(r.properties.get());
  std::string body = inner.empty() ? "--" : "-[" + inner + "]-";
  if (r.direction == ast::RelDirection::kLeft) return "<" + body;
  if (r.direction == ast::RelDirection::kRight) return body + ">";
  return body;
}

}  // namespace

std::string dump(const ast::PatternPart& part) {
  std::string out;
  if (!part.path_variable.empty()) out += part.path_variable + " = ";
  std::string chain = node(part.nodes.at(0));
  for (size_t i = 0; i < part.rels.size(); ++i) {
    chain += rel(part.rels[i]) + node(part.nodes.at(i + 1));
  }
  if (part.kind == ast::PathKind::kShortest) chain = "shortestPath(" + chain + ")";
  if (part.kind == ast::PathKind::kAllShortest) chain = "allShortestPaths(" + chain + ")";
  return out + chain;
}

std::string dump(const ast::Pattern& pattern) {
  std::string out;
  for (const auto& p : pattern.parts) out += (out.empty() ? "" : ", ") + dump(p);
  return out;
}

std::string dump(const ast::Expr* e) {
  if (e == nullptr) return "_";
  switch (e->kind) {
    case ExprKind::kLiteral: return literal(e->literal);
    case ExprKind::kParameter: return "$" + e->name;
    case ExprKind::kVariable: return e->name;
    case ExprKind::kProperty: return "(. " + dump(e->children[0].get()) + " " + e->name + ")";
    case ExprKind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < e->children.size(); ++i) {
        out += (i ? ", " : "") + dump(e->children[i].get());
      }
      return out + "]";
    }
    case ExprKind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < e->children.size(); ++i) {
        out += (i ? ", " : "") + e->map_keys[i] + ": " + dump(e->children[i].get());
      }
      return out + "}";
    }
    case ExprKind::kUnary:
    case ExprKind::kBinary: return std::string("(") + opName(e->op) + children(e) + ")";
    case ExprKind::kIsNull: return "(is-null" + children(e) + ")";
    case ExprKind::kIsNotNull: return "(is-not-null" + children(e) + ")";
    case ExprKind::kFunction:
      return "(call " + std::string(e->distinct ? "distinct " : "") + e->name + children(e) + ")";
    case ExprKind::kCountStar: return "count(*)";
    case ExprKind::kCase: {
      std::string out = "(case " + dump(e->children[0].get());
      size_t pairs_end = e->children.size() - (e->has_else ? 1 : 0);
      for (size_t i = 1; i + 1 < pairs_end; i += 2) {
        out += " (when " + dump(e->children[i].get()) + " " + dump(e->children[i + 1].get()) + ")";
      }
      if (e->has_else) out += " (else " + dump(e->children.back().get()) + ")";
      return out + ")";
    }
    case ExprKind::kIndex: return "(index" + children(e) + ")";
    case ExprKind::kSlice: return "(slice" + children(e) + ")";
    case ExprKind::kListComprehension: return "(list-comp " + e->name + children(e) + ")";
    case ExprKind::kQuantifier:
      return std::string("(") + opName(e->op) + " " + e->name + children(e) + ")";
    case ExprKind::kPatternPredicate: return "(pattern " + dump(*e->pattern) + ")";
    case ExprKind::kExists:
      if (e->pattern) return "(exists " + dump(*e->pattern) + children(e) + ")";
      return "(exists" + children(e) + ")";
    case ExprKind::kCountSubquery:
      if (e->pattern) return "(count-subquery " + dump(*e->pattern) + children(e) + ")";
      return "(count-subquery" + children(e) + ")";
    case ExprKind::kReduce:
      return "(reduce " + e->name + " " + e->map_keys.at(0) + children(e) + ")";
    case ExprKind::kPatternComprehension:
      return "(pattern-comp " + dump(*e->pattern) + children(e) + ")";  // dump shows `p = `
    case ExprKind::kMapProjection: {
      std::string out =
          "(map-proj " + dump(e->children[0].get()) + (e->all_properties ? " .*" : "");
      for (size_t i = 0; i < e->map_keys.size(); ++i)
        out += " " + e->map_keys[i] + ": " + dump(e->children[i + 1].get());
      return out + ")";
    }
    case ExprKind::kLabelCheck: {
      std::string out = "(labels " + dump(e->children[0].get());
      for (const auto& l : e->map_keys) out += " " + l;
      return out + ")";
    }
  }
  return "?";
}

std::string parseExpr(const std::string& expr) {
  ast::Statement st = parse("RETURN " + expr);
  const auto& ret = std::get<ast::ReturnClause>(st.query.parts.at(0).clauses.at(0));
  return dump(ret.projection.items.at(0).expr.get());
}

std::string parsePattern(const std::string& pattern) {
  ast::Statement st = parse("MATCH " + pattern + " RETURN 1");
  return dump(std::get<ast::MatchClause>(st.query.parts.at(0).clauses.at(0)).pattern);
}

std::string parseError(const std::string& query) {
  try {
    parse(query);
  } catch (const QueryError& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace entente::query::testing
