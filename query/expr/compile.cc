// query/expr/compile.cc — ast::Expr to a tree of CompiledExpr nodes.
//
// Variables become row slots, functions become function pointers (unknown names and wrong
// arities are SyntaxErrors found here, before anything runs), and subtrees made only of
// literals and pure operators are evaluated once (constant folding). A folding attempt
// that throws is simply not folded: the error then happens at run time, and only if that
// branch is reached (CASE WHEN false THEN 1/0 END is fine). Type errors certain from the
// text (static_type.h) are reported here; patterns inside expressions are handed to the
// scope (the planner), which plans them as sub-plans.
#include <algorithm>

#include "query/expr/nodes.h"

namespace entente::query {
namespace {

using namespace expr;

//! An error found while compiling, before anything runs. openCypher classifies every such
//! error as a SyntaxError, whatever rule it breaks; `detail` names the rule.
[[noreturn]] void compileError(std::string message, ast::SourcePos pos, ErrorDetail detail) {
  throw QueryError(ErrorCode::kSyntaxError, std::move(message), pos, detail);
}

//! Scopes one comprehension/quantifier variable over the parent scope.
class IterationScope final : public CompileScope {
 public:
  IterationScope(CompileScope& parent, std::string_view name, int slot, StaticType type)
      : parent_(parent), name_(name), slot_(slot), type_(type) {}
  std::optional<int> slotOf(std::string_view v) const override {
    return v == name_ ? std::optional<int>(slot_) : parent_.slotOf(v);
  }
  StaticType typeOf(std::string_view v) const override {
    return v == name_ ? type_ : parent_.typeOf(v);
  }
  int newSlot(std::string_view v) override { return parent_.newSlot(v); }
  ExprProgram compilePattern(const PatternExprSpec& spec) override {
    PatternExprSpec outer = spec;
    outer.locals.insert(outer.locals.begin(), {std::string(name_), slot_});
    return parent_.compilePattern(outer);
  }

 private:
  CompileScope& parent_;
  std::string_view name_;
  int slot_;
  StaticType type_;  // the list's element type, when known
};

class Compiler {
 public:
  explicit Compiler(CompileScope& scope) : scope_(scope) {}

  ExprProgram compile(const ast::Expr& e);
  //! A WHERE: must be able to be a Boolean; bare patterns are allowed at its root.
  ExprProgram predicate(const ast::Expr& e) {
    checkPredicateType(typeOf(e), e.pos);
    boolean_ = true;
    return compile(e);
  }

 private:
  ExprProgram compileNode(const ast::Expr& e);
  StaticType typeOf(const ast::Expr& e) const {
    return staticType(e, [this](std::string_view v) { return scope_.typeOf(v); });
  }
  ExprProgram compileOpt(const ast::ExprPtr& e) { return e ? compile(*e) : nullptr; }
  Children compileAll(const std::vector<ast::ExprPtr>& es, size_t from = 0) {
    Children out;
    for (size_t i = from; i < es.size(); ++i) out.push_back(compile(*es[i]));
    return out;
  }
  ExprProgram binary(const ast::Expr& e);
  ExprProgram function(const ast::Expr& e);
  ExprProgram caseExpr(const ast::Expr& e);
  ExprProgram iteration(const ast::Expr& e);
  ExprProgram reduce(const ast::Expr& e);
  ExprProgram mapProjection(const ast::Expr& e);
  //! Map entries keys[i]: children[from + i], sorted by key, a repeated key keeping its
  //! last value (RMap's invariant).
  void mapEntries(const ast::Expr& e, size_t from, std::vector<std::string>& keys,
                  Children& values);
  ExprProgram pattern(const ast::Expr& e, const ast::Expr* where, const ast::Expr* project,
                      bool bare = false) {
    PatternExprSpec spec;
    spec.pattern = e.pattern.get();
    spec.where = where;
    spec.project = project;
    spec.bare = bare;
    spec.pos = e.pos;
    return scope_.compilePattern(spec);
  }

  CompileScope& scope_;
  bool boolean_ = false;  // the expression being compiled is where a Boolean is expected
};

bool isBooleanOperator(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kUnary) return e.op == ast::Op::kNot;
  return e.kind == ast::ExprKind::kBinary &&
         (e.op == ast::Op::kAnd || e.op == ast::Op::kOr || e.op == ast::Op::kXor);
}

bool allConst(const Children& cs) {
  return std::all_of(cs.begin(), cs.end(),
                     [](const ExprProgram& c) { return !c || constValue(*c); });
}

//! openCypher type-checks boolean operators statically: a constant operand that can never
//! be a boolean (e.g. `NOT 0`, `[1] AND true`) is rejected before the statement runs.
void requireBooleanIfConstant(const CompiledExpr& operand, const char* op, ast::SourcePos pos) {
  const RValue* v = constValue(operand);
  if (v && !v->isNull() && !v->isBool()) {
    compileError(
        std::string("Type mismatch: ") + op + " expects Boolean operands, got " + v->kindName(),
        pos, ErrorDetail::kInvalidArgumentType);
  }
}

//! Replaces `node` by its value when `foldable`; keeps it if evaluation throws.
ExprProgram fold(ExprProgram node, bool foldable) {
  if (!foldable) return node;
  try {
    Row empty;
    EvalContext ctx;
    return std::make_unique<ConstNode>(node->eval(empty, ctx));
  } catch (const QueryError&) {
    return node;
  }
}

ExprProgram Compiler::compile(const ast::Expr& e) {
  // openCypher only accepts a bare pattern where a Boolean is expected: at the root of a
  // WHERE and as an operand of NOT / AND / OR / XOR. Elsewhere it takes exists() or a
  // pattern comprehension.
  const bool boolean_here = boolean_;
  boolean_ = isBooleanOperator(e);
  struct Restore {
    bool& flag;
    bool value;
    ~Restore() { flag = value; }
  } restore{boolean_, boolean_here};
  if (e.kind == ast::ExprKind::kPatternPredicate && !boolean_here)
    compileError(
        "A pattern can only be used as a predicate (in WHERE); use exists(pattern) or a pattern "
        "comprehension [pattern | expression] elsewhere",
        e.pos, ErrorDetail::kUnexpectedSyntax);
  return compileNode(e);
}

ExprProgram Compiler::compileNode(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kLiteral: return std::make_unique<ConstNode>(RValue::fromValue(e.literal));
    case ast::ExprKind::kParameter: return std::make_unique<ParamNode>(e.name, e.pos);
    case ast::ExprKind::kVariable: {
      auto slot = scope_.slotOf(e.name);
      if (!slot)
        compileError("Variable `" + e.name + "` not defined", e.pos,
                     ErrorDetail::kUndefinedVariable);
      return std::make_unique<SlotNode>(*slot);
    }
    case ast::ExprKind::kProperty: {
      checkPropertyBase(typeOf(*e.children.at(0)), e.name, e.pos);
      auto base = compile(*e.children.at(0));
      bool c = constValue(*base) != nullptr;
      return fold(std::make_unique<PropertyNode>(std::move(base), e.name, e.pos), c);
    }
    case ast::ExprKind::kList: {
      Children items = compileAll(e.children);
      bool c = allConst(items);
      return fold(std::make_unique<ListNode>(std::move(items)), c);
    }
    case ast::ExprKind::kMap: {
      std::vector<std::string> keys;
      Children values;
      mapEntries(e, 0, keys, values);
      bool c = allConst(values);
      return fold(std::make_unique<MapNode>(std::move(keys), std::move(values)), c);
    }
    case ast::ExprKind::kUnary: {
      auto child = compile(*e.children.at(0));
      if (e.op == ast::Op::kNot) requireBooleanIfConstant(*child, "NOT", e.pos);
      bool c = constValue(*child) != nullptr;
      return fold(std::make_unique<UnaryNode>(e.op, std::move(child), e.pos), c);
    }
    case ast::ExprKind::kBinary: return binary(e);
    case ast::ExprKind::kIsNull:
    case ast::ExprKind::kIsNotNull: {
      auto child = compile(*e.children.at(0));
      bool c = constValue(*child) != nullptr;
      return fold(
          std::make_unique<IsNullNode>(std::move(child), e.kind == ast::ExprKind::kIsNotNull), c);
    }
    case ast::ExprKind::kFunction: return function(e);
    case ast::ExprKind::kCountStar:
      compileError("Invalid use of aggregating function count(*) in this context", e.pos,
                   ErrorDetail::kInvalidAggregation);
    case ast::ExprKind::kCase: return caseExpr(e);
    case ast::ExprKind::kIndex: {
      auto base = compile(*e.children.at(0));
      auto idx = compile(*e.children.at(1));
      bool c = constValue(*base) && constValue(*idx);
      return fold(std::make_unique<IndexNode>(std::move(base), std::move(idx), e.pos), c);
    }
    case ast::ExprKind::kSlice: {
      auto base = compile(*e.children.at(0));
      auto from = e.children.size() > 1 ? compileOpt(e.children[1]) : nullptr;
      auto to = e.children.size() > 2 ? compileOpt(e.children[2]) : nullptr;
      bool c = constValue(*base) && (!from || constValue(*from)) && (!to || constValue(*to));
      return fold(
          std::make_unique<SliceNode>(std::move(base), std::move(from), std::move(to), e.pos), c);
    }
    case ast::ExprKind::kListComprehension:
    case ast::ExprKind::kQuantifier: return iteration(e);
    case ast::ExprKind::kPatternPredicate:
      if (!e.pattern) compileError("Pattern expected", e.pos, ErrorDetail::kUnexpectedSyntax);
      return pattern(e, nullptr, nullptr, true);
    case ast::ExprKind::kExists:
      if (e.subquery) {
        PatternExprSpec spec;
        spec.query = e.subquery.get();
        spec.pos = e.pos;
        return scope_.compilePattern(spec);
      }
      // EXISTS { pattern WHERE ... } keeps its WHERE in children[0].
      if (e.pattern) return pattern(e, e.children.empty() ? nullptr : e.children[0].get(), nullptr);
      if (e.children.at(0)->kind == ast::ExprKind::kPatternPredicate)
        return pattern(*e.children[0], nullptr, nullptr, true);
      return std::make_unique<IsNullNode>(compile(*e.children.at(0)), true);
    case ast::ExprKind::kLabelCheck:
      return std::make_unique<LabelNode>(compile(*e.children.at(0)), e.map_keys, e.pos);
    case ast::ExprKind::kPatternComprehension:
      return pattern(e, e.children.at(0).get(), e.children.at(1).get());
    case ast::ExprKind::kMapProjection: return mapProjection(e);
    case ast::ExprKind::kCountSubquery: {
      PatternExprSpec spec;
      spec.count = true;
      spec.pos = e.pos;
      if (e.subquery) {
        spec.query = e.subquery.get();
      } else {
        spec.pattern = e.pattern.get();
        spec.where = e.children.empty() ? nullptr : e.children[0].get();
      }
      return scope_.compilePattern(spec);
    }
    case ast::ExprKind::kReduce: return reduce(e);
  }
  compileError("Unsupported expression", e.pos, ErrorDetail::kUnexpectedSyntax);
}

ExprProgram Compiler::binary(const ast::Expr& e) {
  auto l = compile(*e.children.at(0));
  auto r = compile(*e.children.at(1));
  const RValue* lc = constValue(*l);
  const RValue* rc = constValue(*r);
  switch (e.op) {
    case ast::Op::kAnd:
    case ast::Op::kOr:
    case ast::Op::kXor: {
      const char* name = e.op == ast::Op::kAnd ? "AND" : e.op == ast::Op::kOr ? "OR" : "XOR";
      requireBooleanIfConstant(*l, name, e.pos);
      requireBooleanIfConstant(*r, name, e.pos);
      return fold(std::make_unique<LogicNode>(e.op, std::move(l), std::move(r), e.pos), lc && rc);
    }
    case ast::Op::kRegexMatch: {
      std::optional<boost::regex> re;
      if (rc && rc->isString()) re = compileRegex(rc->asString(), e.pos);
      return fold(std::make_unique<RegexNode>(std::move(l), std::move(r), std::move(re), e.pos),
                  lc && rc);
    }
    case ast::Op::kIn:
      // A literal right side that is not a list can never work (openCypher: compile time).
      if (rc && !rc->isNull() && !rc->isList())
        compileError(std::string("Type mismatch: IN expects a List, got ") + rc->kindName(), e.pos,
                     ErrorDetail::kInvalidArgumentType);
      [[fallthrough]];
    default:
      if (ast::isArithmetic(e.op))
        checkArithmeticTypes(e.op, typeOf(*e.children[0]), typeOf(*e.children[1]), e.pos);
      return fold(std::make_unique<BinaryNode>(e.op, std::move(l), std::move(r), e.pos), lc && rc);
  }
}

ExprProgram Compiler::function(const ast::Expr& e) {
  if (isAggregate(e.name))
    compileError("Invalid use of aggregating function " + e.name + "(...) in this context", e.pos,
                 ErrorDetail::kInvalidAggregation);
  size_t n = e.children.size();
  if (lowercase(e.name) == "exists") {
    if (n != 1)
      compileError("Function 'exists' expects 1 argument, got " + std::to_string(n), e.pos,
                   ErrorDetail::kInvalidNumberOfArguments);
    const ast::Expr& arg = *e.children[0];
    if (arg.kind == ast::ExprKind::kPatternPredicate && arg.pattern)
      return pattern(arg, nullptr, nullptr, true);
    return std::make_unique<IsNullNode>(compile(arg), true);
  }
  const FunctionDef* def = findFunction(e.name);
  if (!def) {
    std::string hint = suggestFunction(e.name);
    compileError("Unknown function '" + e.name + "'" +
                     (hint.empty() ? "" : " (did you mean '" + hint + "'?)"),
                 e.pos, ErrorDetail::kUnknownFunction);
  }
  if (e.distinct)
    compileError("DISTINCT is only allowed in aggregating functions, not in " + e.name + "()",
                 e.pos, ErrorDetail::kInvalidAggregation);
  auto arity = static_cast<int>(n);
  if (arity < def->min_args || (def->max_args >= 0 && arity > def->max_args)) {
    std::string expected =
        def->max_args < 0 ? "at least " + std::to_string(def->min_args)
        : def->min_args == def->max_args
            ? std::to_string(def->min_args)
            : std::to_string(def->min_args) + " to " + std::to_string(def->max_args);
    compileError("Function '" + std::string(def->name) + "' expects " + expected + " argument" +
                     (expected == "1" ? "" : "s") + ", got " + std::to_string(n),
                 e.pos, ErrorDetail::kInvalidNumberOfArguments);
  }
  // Arguments first: a bare pattern as an argument (size(()--())) is UnexpectedSyntax, not a
  // type mismatch on its Boolean value.
  Children args = compileAll(e.children);
  if (n > 0) checkArgumentType(def->name, typeOf(*e.children[0]), e.pos);
  bool c = def->pure && allConst(args);
  return fold(std::make_unique<FunctionNode>(def, std::move(args), e.pos), c);
}

ExprProgram Compiler::caseExpr(const ast::Expr& e) {
  // children[0] = subject or null; then (when, then) pairs; then the ELSE if has_else.
  ExprProgram subject = compileOpt(e.children.at(0));
  size_t end = e.children.size() - (e.has_else ? 1 : 0);
  Children whens, thens;
  for (size_t i = 1; i + 1 < end; i += 2) {
    whens.push_back(compile(*e.children.at(i)));
    thens.push_back(compile(*e.children.at(i + 1)));
  }
  ExprProgram otherwise = e.has_else ? compile(*e.children.back()) : nullptr;
  bool c = (!subject || constValue(*subject)) && allConst(whens) && allConst(thens) &&
           (!otherwise || constValue(*otherwise));
  return fold(std::make_unique<CaseNode>(std::move(subject), std::move(whens), std::move(thens),
                                         std::move(otherwise), e.pos),
              c);
}

ExprProgram Compiler::iteration(const ast::Expr& e) {
  ExprProgram list = compile(*e.children.at(0));
  int slot = scope_.newSlot(e.name);
  StaticType list_type = typeOf(*e.children[0]);
  IterationScope inner(scope_, e.name, slot,
                       list_type.element ? StaticType::of(*list_type.element) : StaticType{});
  ExprProgram where =
      e.children.size() > 1 && e.children[1] ? Compiler(inner).predicate(*e.children[1]) : nullptr;
  ExprProgram proj =
      e.children.size() > 2 && e.children[2] ? Compiler(inner).compile(*e.children[2]) : nullptr;
  ast::Op q = e.kind == ast::ExprKind::kQuantifier ? e.op : ast::Op::kNone;
  return std::make_unique<IterationNode>(q, slot, std::move(list), std::move(where),
                                         std::move(proj), e.pos);
}

ExprProgram Compiler::reduce(const ast::Expr& e) {
  ExprProgram init = compile(*e.children.at(0));
  ExprProgram list = compile(*e.children.at(1));
  const std::string& item = e.map_keys.at(0);
  int acc_slot = scope_.newSlot(e.name);
  int item_slot = scope_.newSlot(item);
  StaticType list_type = typeOf(*e.children[1]);
  if (list_type.definite() && !list_type.is(StaticType::Kind::kList))
    compileError(std::string("Type mismatch: reduce() expects a List, got ") + list_type.name(),
                 e.children[1]->pos, ErrorDetail::kInvalidArgumentType);
  IterationScope acc_scope(scope_, e.name, acc_slot, StaticType{});
  IterationScope item_scope(acc_scope, item, item_slot,
                            list_type.element ? StaticType::of(*list_type.element) : StaticType{});
  ExprProgram body = Compiler(item_scope).compile(*e.children.at(2));
  return std::make_unique<ReduceNode>(acc_slot, item_slot, std::move(init), std::move(list),
                                      std::move(body), e.pos);
}

void Compiler::mapEntries(const ast::Expr& e, size_t from, std::vector<std::string>& keys,
                          Children& values) {
  std::vector<size_t> order(e.map_keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return e.map_keys[a] < e.map_keys[b]; });
  for (size_t i : order) {
    ExprProgram v = compile(*e.children.at(from + i));
    if (!keys.empty() && keys.back() == e.map_keys[i]) {
      values.back() = std::move(v);
      continue;
    }
    keys.push_back(e.map_keys[i]);
    values.push_back(std::move(v));
  }
}

ExprProgram Compiler::mapProjection(const ast::Expr& e) {
  ExprProgram base = compile(*e.children.at(0));
  ExprProgram all;
  if (e.all_properties) {
    Children arg;
    arg.push_back(compile(*e.children[0]));
    all = std::make_unique<FunctionNode>(findFunction("properties"), std::move(arg), e.pos);
  }
  std::vector<std::string> keys;
  Children values;
  mapEntries(e, 1, keys, values);
  return std::make_unique<MapProjectionNode>(std::move(base), std::move(all), std::move(keys),
                                             std::move(values), e.pos);
}

//! True if `e` calls an aggregate outside nested comprehensions.
bool hasAggregate(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kCountStar) return true;
  if (e.kind == ast::ExprKind::kFunction && isAggregate(e.name)) return true;
  if (e.kind == ast::ExprKind::kListComprehension || e.kind == ast::ExprKind::kQuantifier)
    return e.children.at(0) && hasAggregate(*e.children[0]);
  if (e.kind == ast::ExprKind::kReduce)  // the body runs per element: only init and list count
    return hasAggregate(*e.children.at(0)) || hasAggregate(*e.children.at(1));
  for (const auto& c : e.children)
    if (c && hasAggregate(*c)) return true;
  return false;
}

}  // namespace

ExprProgram compileExpression(const ast::Expr& expr, CompileScope& scope) {
  return Compiler(scope).compile(expr);
}

ExprProgram compilePredicate(const ast::Expr& expr, CompileScope& scope) {
  return Compiler(scope).predicate(expr);
}

bool containsAggregate(const ast::Expr& expr) { return hasAggregate(expr); }

}  // namespace entente::query
