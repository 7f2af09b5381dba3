#include "query/expr/static_type.h"

#include "query/error.h"
#include "query/expr/expr_internal.h"

#include <cctype>
#include <string>

namespace entente::query {
namespace {

using Kind = StaticType::Kind;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isNumber(Kind k) { return k == Kind::kInt || k == Kind::kFloat; }

//! Return kinds of functions whose result kind never depends on the arguments.
std::optional<Kind> functionResult(std::string_view name) {
  static const std::pair<const char*, Kind> kResults[] = {
      {"count", Kind::kInt},      {"size", Kind::kInt},           {"length", Kind::kInt},
      {"id", Kind::kInt},         {"type", Kind::kString},        {"tostring", Kind::kString},
      {"toupper", Kind::kString}, {"tolower", Kind::kString},     {"trim", Kind::kString},
      {"ltrim", Kind::kString},   {"rtrim", Kind::kString},       {"substring", Kind::kString},
      {"replace", Kind::kString}, {"labels", Kind::kList},        {"keys", Kind::kList},
      {"nodes", Kind::kList},     {"relationships", Kind::kList}, {"collect", Kind::kList},
      {"range", Kind::kList},     {"split", Kind::kList},         {"startnode", Kind::kNode},
      {"endnode", Kind::kNode},   {"properties", Kind::kMap},
  };
  std::string n = lower(name);
  for (const auto& [f, k] : kResults)
    if (n == f) return k;
  return std::nullopt;
}

StaticType arithmetic(ast::Op op, StaticType a, StaticType b) {
  if (!a.definite() || !b.definite()) return StaticType::unknown();
  if (isNumber(*a.kind) && isNumber(*b.kind)) {
    if (op == ast::Op::kPow) return StaticType::of(Kind::kFloat);
    return StaticType::of(a.is(Kind::kInt) && b.is(Kind::kInt) ? Kind::kInt : Kind::kFloat);
  }
  if (op != ast::Op::kAdd) return StaticType::unknown();
  if (a.is(Kind::kList) || b.is(Kind::kList)) return StaticType::of(Kind::kList);
  if (a.is(Kind::kString) || b.is(Kind::kString)) return StaticType::of(Kind::kString);
  return StaticType::unknown();
}

}  // namespace

StaticType staticType(const ast::Expr& e, const VariableTypes& variables) {
  using ast::ExprKind;
  switch (e.kind) {
    case ExprKind::kLiteral: return StaticType::of(RValue::fromValue(e.literal).kind());
    case ExprKind::kVariable: return variables(e.name);
    case ExprKind::kList: {
      // The element kind, if every element has the same known kind.
      StaticType first = e.children.empty() ? StaticType{} : staticType(*e.children[0], variables);
      for (size_t i = 1; first.kind && i < e.children.size(); ++i)
        if (staticType(*e.children[i], variables).kind != first.kind) first = {};
      return StaticType::of(Kind::kList, first.kind);
    }
    case ExprKind::kMap:
    case ExprKind::kMapProjection: return StaticType::of(Kind::kMap);
    case ExprKind::kListComprehension:
    case ExprKind::kPatternComprehension: return StaticType::of(Kind::kList);
    case ExprKind::kSlice: {
      StaticType base = staticType(*e.children.at(0), variables);
      return base.is(Kind::kList) ? base : StaticType::unknown();
    }
    case ExprKind::kUnary: {
      if (e.op == ast::Op::kNot) return StaticType::of(Kind::kBool);
      StaticType t = staticType(*e.children.at(0), variables);
      return t.definite() && isNumber(*t.kind) ? t : StaticType::unknown();
    }
    case ExprKind::kBinary:
      if (ast::isArithmetic(e.op))
        return arithmetic(e.op, staticType(*e.children.at(0), variables),
                          staticType(*e.children.at(1), variables));
      return StaticType::of(Kind::kBool);  // boolean, comparison, string and list predicates
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
    case ExprKind::kLabelCheck:
    case ExprKind::kExists:
    case ExprKind::kPatternPredicate:
    case ExprKind::kQuantifier: return StaticType::of(Kind::kBool);
    case ExprKind::kCountStar:
    case ExprKind::kCountSubquery: return StaticType::of(Kind::kInt);
    case ExprKind::kFunction: {
      auto k = functionResult(e.name);
      return k ? StaticType::of(*k) : StaticType::unknown();
    }
    default: return StaticType::unknown();
  }
}

namespace {

[[noreturn]] void mismatch(const std::string& what, ast::SourcePos pos) {
  throw QueryError(ErrorCode::kSyntaxError, "Type mismatch: " + what, pos,
                   ErrorDetail::kInvalidArgumentType);
}

}  // namespace

void checkArgumentType(std::string_view function, const StaticType& argument, ast::SourcePos pos) {
  struct Rule {
    const char* function;
    const char* expected;
    std::initializer_list<Kind> accepts;
  };
  static const Rule kRules[] = {
      {"labels", "a Node", {Kind::kNode}},
      {"type", "a Relationship", {Kind::kRel}},
      {"startnode", "a Relationship", {Kind::kRel}},
      {"endnode", "a Relationship", {Kind::kRel}},
      {"id", "a Node or Relationship", {Kind::kNode, Kind::kRel}},
      {"properties", "a Node, Relationship or Map", {Kind::kNode, Kind::kRel, Kind::kMap}},
      {"keys", "a Node, Relationship or Map", {Kind::kNode, Kind::kRel, Kind::kMap}},
      {"size", "a List or String", {Kind::kList, Kind::kString, Kind::kMap}},
      {"length", "a Path", {Kind::kPath, Kind::kString}},
      {"nodes", "a Path", {Kind::kPath}},
      {"relationships", "a Path", {Kind::kPath}},
  };
  if (!argument.definite()) return;
  std::string n = lower(function);
  for (const Rule& r : kRules) {
    if (n != r.function) continue;
    for (Kind k : r.accepts)
      if (argument.is(k)) return;
    mismatch(std::string(function) + "() expects " + r.expected + ", got " + argument.name(), pos);
  }
}

void checkArithmeticTypes(ast::Op op, const StaticType& a, const StaticType& b,
                          ast::SourcePos pos) {
  if (!a.definite() || !b.definite()) return;
  Kind x = *a.kind, y = *b.kind;
  if (isNumber(x) && isNumber(y)) return;
  if (op == ast::Op::kAdd) {
    // + also concatenates strings (with numbers) and lists (with anything): see operators.cc.
    if (x == Kind::kList || y == Kind::kList) return;
    if ((x == Kind::kString || y == Kind::kString) && (x == y || isNumber(x) || isNumber(y)))
      return;
  }
  mismatch(
      std::string("cannot apply '") + expr::opSymbol(op) + "' to " + a.name() + " and " + b.name(),
      pos);
}

void checkPropertyBase(const StaticType& base, std::string_view key, ast::SourcePos pos) {
  if (base.is(Kind::kPath)) mismatch("a Path has no properties ('." + std::string(key) + "')", pos);
}

void checkPredicateType(const StaticType& t, ast::SourcePos pos) {
  if (t.definite() && !t.is(Kind::kBool))
    mismatch(std::string("expected a Boolean predicate, got ") + t.name(), pos);
}

}  // namespace entente::query
