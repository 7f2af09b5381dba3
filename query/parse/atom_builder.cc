// Atoms: literals, parameters, variables, function calls, CASE, comprehensions,
// quantifiers, pattern predicates and EXISTS.
#include "query/parse/ast_builder.h"
#include "query/parse/literals.h"
#include "query/parse/syntax_error.h"

namespace entente::query::syntax {

using antlr4::Token;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;

namespace {

ExprPtr make(ExprKind kind, ast::SourcePos pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

ExprPtr AstBuilder::atom(P::AtomContext* ctx) {
  const ast::SourcePos pos = posOf(ctx);
  if (auto* c = as<P::LiteralAtomContext>(ctx)) return literal(c->literal(), nullptr);
  if (auto* c = as<P::VariableAtomContext>(ctx)) {
    auto e = make(ExprKind::kVariable, pos);
    e->name = name(c->variable());
    return e;
  }
  if (auto* c = as<P::ParameterAtomContext>(ctx)) {
    auto e = make(ExprKind::kParameter, pos);
    e->name = c->PARAMETER()->getText().substr(1);
    return e;
  }
  if (auto* c = as<P::ParenthesizedAtomContext>(ctx)) return expression(c->expression());
  if (auto* c = as<P::FunctionAtomContext>(ctx)) return functionCall(c->functionInvocation());
  if (as<P::CountStarAtomContext>(ctx)) return make(ExprKind::kCountStar, pos);
  if (auto* c = as<P::CaseAtomContext>(ctx)) return caseExpr(c->caseExpression());
  if (auto* c = as<P::ListComprehensionAtomContext>(ctx)) {
    auto* lc = c->listComprehension();
    ExprHolder e(filter(ExprKind::kListComprehension, lc->filterExpression(), ctx->getStart()));
    e.p->children.push_back(lc->expression() ? expression(lc->expression()) : nullptr);
    return e.release();
  }
  if (auto* c = as<P::QuantifierAtomContext>(ctx)) {
    auto* q = c->quantifier();
    ExprHolder e(filter(ExprKind::kQuantifier, q->filterExpression(), ctx->getStart()));
    e.p->op = q->ALL() ? Op::kAll : q->ANY() ? Op::kAny : q->NONE() ? Op::kNone_ : Op::kSingle;
    return e.release();
  }
  if (auto* c = as<P::PatternPredicateAtomContext>(ctx)) {
    auto e = make(ExprKind::kPatternPredicate, pos);
    e->pattern = relationshipsPattern(c->relationshipsPattern());
    return e;
  }
  if (auto* c = as<P::ExistsSubqueryAtomContext>(ctx))
    return patternSubquery(ExprKind::kExists, c->pattern(), c->where(), pos);
  if (auto* c = as<P::ExistsQueryAtomContext>(ctx))
    return querySubquery(ExprKind::kExists, c->singleQuery(), pos);
  if (auto* c = as<P::CountSubqueryAtomContext>(ctx))
    return patternSubquery(ExprKind::kCountSubquery, c->pattern(), c->where(), pos);
  if (auto* c = as<P::CountQueryAtomContext>(ctx))
    return querySubquery(ExprKind::kCountSubquery, c->singleQuery(), pos);
  if (auto* c = as<P::ReduceAtomContext>(ctx)) return reduce(c->reduce());
  if (auto* c = as<P::PatternComprehensionAtomContext>(ctx))
    return patternComprehension(c->patternComprehension());
  return mapProjection(as<P::MapProjectionAtomContext>(ctx)->mapProjection());
}

ExprPtr AstBuilder::patternSubquery(ExprKind kind, P::PatternContext* pattern_ctx,
                                    P::WhereContext* where, ast::SourcePos pos) {
  const char* what = kind == ExprKind::kExists ? "EXISTS" : "COUNT";
  ast::Pattern p = pattern(pattern_ctx);
  const bool simple = p.parts.size() == 1 && p.parts[0].kind == ast::PathKind::kPlain &&
                      p.parts[0].path_variable.empty();
  if (!simple && kind == ExprKind::kCountSubquery) {
    // Several parts, a path variable or shortestPath: counted as the rows of
    // MATCH <pattern> [WHERE ...] RETURN 1.
    auto q = std::make_shared<ast::SingleQuery>();
    ast::MatchClause m;
    m.pos = posOf(pattern_ctx);
    m.pattern = std::move(p);
    if (where) m.where = expression(where->expression());
    q->clauses.push_back(std::move(m));
    ast::ReturnClause r;
    r.projection.pos = pos;
    ast::ProjectionItem one;
    one.expr = make(ExprKind::kLiteral, pos);
    one.expr->literal = int64_t{1};
    one.alias = " row";  // hidden: no user name starts with a space
    r.projection.items.push_back(std::move(one));
    q->clauses.push_back(std::move(r));
    auto e = make(kind, pos);
    e->subquery = std::move(q);
    return e;
  }
  if (p.parts.size() != 1) {
    error(std::string(what) +
              " { } with more than one pattern part is not supported; use AND of EXISTS",
          pattern_ctx->patternPart(1)->getStart());
  }
  if (!simple) {
    error(std::string(what) + " { } takes a plain pattern (no path variable or shortestPath)",
          pattern_ctx->getStart());
  }
  auto e = make(kind, pos);
  e->pattern = std::make_shared<ast::PatternPart>(std::move(p.parts[0]));
  if (where) e->children.push_back(expression(where->expression()));
  return e;
}

ExprPtr AstBuilder::querySubquery(ExprKind kind, P::SingleQueryContext* ctx, ast::SourcePos pos) {
  // EXISTS { MATCH ... RETURN ... }: true when the query, run per outer row, yields a row;
  // COUNT { ... }: the number of rows it yields.
  auto q = std::make_shared<ast::SingleQuery>(singleQuery(ctx));
  for (const auto& clause : q->clauses) {
    if (!std::holds_alternative<ast::MatchClause>(clause) &&
        !std::holds_alternative<ast::WithClause>(clause) &&
        !std::holds_alternative<ast::UnwindClause>(clause) &&
        !std::holds_alternative<ast::ReturnClause>(clause))
      error(std::string(kind == ExprKind::kExists ? "an EXISTS" : "a COUNT") +
                " { } subquery can only read: MATCH, WITH, UNWIND and RETURN",
            ctx->getStart(), ErrorDetail::kInvalidClauseComposition);
  }
  auto e = make(kind, pos);
  e->subquery = std::move(q);
  return e;
}

// reduce(acc = init, x IN list | body): acc and x are local to the body.
ExprPtr AstBuilder::reduce(P::ReduceContext* ctx) {
  ExprHolder e(make(ExprKind::kReduce, posOf(ctx)));
  e.p->name = name(ctx->accumulator);
  e.p->map_keys.push_back(name(ctx->item));
  if (e.p->name == e.p->map_keys[0]) {
    error("reduce() needs two different variables: `" + e.p->name +
              "` is both the accumulator and the element",
          ctx->item->getStart(), ErrorDetail::kVariableAlreadyBound);
  }
  e.p->children.push_back(expression(ctx->init));
  e.p->children.push_back(expression(ctx->list));
  e.p->children.push_back(expression(ctx->body));
  return e.release();
}

ExprPtr AstBuilder::patternComprehension(P::PatternComprehensionContext* ctx) {
  ExprHolder e(make(ExprKind::kPatternComprehension, posOf(ctx)));
  e.p->pattern = relationshipsPattern(ctx->relationshipsPattern());
  if (ctx->variable()) e.p->pattern->path_variable = name(ctx->variable());
  auto exprs = ctx->expression();  // [WHERE expr] | expr
  e.p->children.push_back(exprs.size() > 1 ? expression(exprs[0]) : nullptr);
  e.p->children.push_back(expression(exprs.back()));
  return e.release();
}

// n {.name, .*, key: expr, other}: `.name` becomes name: n.name and `other` other: other,
// so later stages only see map entries (plus the `.*` flag).
ExprPtr AstBuilder::mapProjection(P::MapProjectionContext* ctx) {
  ExprHolder e(make(ExprKind::kMapProjection, posOf(ctx)));
  const std::string base = name(ctx->variable());
  auto variable = [&](const std::string& v, antlr4::ParserRuleContext* at) {
    auto ref = make(ExprKind::kVariable, posOf(at));
    ref->name = v;
    return ref;
  };
  e.p->children.push_back(variable(base, ctx));
  for (auto* item : ctx->mapProjectionItem()) {
    if (item->expression()) {
      e.p->map_keys.push_back(name(item->propertyKeyName()->schemaName()));
      e.p->children.push_back(expression(item->expression()));
    } else if (item->propertyKeyName()) {
      auto prop = make(ExprKind::kProperty, posOf(item));
      prop->name = name(item->propertyKeyName()->schemaName());
      prop->children.push_back(variable(base, ctx));
      e.p->map_keys.push_back(prop->name);
      e.p->children.push_back(std::move(prop));
    } else if (item->variable()) {
      e.p->map_keys.push_back(name(item->variable()));
      e.p->children.push_back(variable(e.p->map_keys.back(), item));
    } else {
      e.p->all_properties = true;
    }
  }
  return e.release();
}

ExprPtr AstBuilder::filter(ExprKind kind, P::FilterExpressionContext* ctx, Token* start) {
  ExprHolder e(make(kind, posOf(start)));
  e.p->name = name(ctx->variable());
  auto exprs = ctx->expression();
  e.p->children.push_back(expression(exprs[0]));
  e.p->children.push_back(exprs.size() > 1 ? expression(exprs[1]) : nullptr);
  return e.release();
}

ExprPtr AstBuilder::literal(P::LiteralContext* ctx, Token* minus) {
  const ast::SourcePos pos = minus ? posOf(minus) : posOf(ctx);
  auto e = make(ExprKind::kLiteral, pos);
  Token* t = ctx->getStart();
  if (as<P::DecimalLiteralContext>(ctx) || as<P::HexLiteralContext>(ctx) ||
      as<P::OctalLiteralContext>(ctx)) {
    int64_t v = 0;
    if (auto err = decodeInteger(t->getText(), minus != nullptr, &v))
      error(err->message, t, err->detail);
    e->literal = v;
  } else if (as<P::FloatLiteralContext>(ctx)) {
    double v = 0;
    if (auto err = decodeFloat(t->getText(), &v)) error(err->message, t, err->detail);
    e->literal = minus ? -v : v;
  } else if (as<P::StringLiteralContext>(ctx)) {
    e->literal = stringValue(t);
  } else if (as<P::TrueLiteralContext>(ctx)) {
    e->literal = true;
  } else if (as<P::FalseLiteralContext>(ctx)) {
    e->literal = false;
  } else if (as<P::NullLiteralContext>(ctx)) {
    e->literal = nullptr;
  } else if (auto* m = as<P::MapAtomContext>(ctx)) {
    e->kind = ExprKind::kMap;
    for (auto* entry : m->mapLiteral()->mapEntry()) {
      e->map_keys.push_back(name(entry->propertyKeyName()->schemaName()));
      e->children.push_back(expression(entry->expression()));
    }
  } else {
    e->kind = ExprKind::kList;
    for (auto* item : as<P::ListAtomContext>(ctx)->listLiteral()->expression()) {
      e->children.push_back(expression(item));
    }
  }
  return e;
}

ExprPtr AstBuilder::functionCall(P::FunctionInvocationContext* ctx) {
  std::string fname;
  for (auto* part : ctx->functionName()->symbolicName()) {
    if (!fname.empty()) fname += '.';
    fname += name(part);
  }
  auto args = ctx->expression();
  if (equalsIgnoreCase(fname, "exists")) {
    // exists(n.prop) tests a property, exists((a)-->(b)) a pattern (a kPatternPredicate child).
    if (args.size() != 1 || ctx->DISTINCT()) {
      error("exists() takes exactly one argument: a property or a pattern", ctx->getStart());
    }
    auto e = make(ExprKind::kExists, posOf(ctx));
    e->children.push_back(expression(args[0]));
    return e;
  }
  auto e = make(ExprKind::kFunction, posOf(ctx));
  e->name = std::move(fname);
  e->distinct = ctx->DISTINCT() != nullptr;
  for (auto* a : args) e->children.push_back(expression(a));
  return e;
}

ExprPtr AstBuilder::caseExpr(P::CaseExpressionContext* ctx) {
  auto e = make(ExprKind::kCase, posOf(ctx));
  e->children.push_back(ctx->subject ? expression(ctx->subject) : nullptr);
  for (auto* alt : ctx->caseAlternative()) {
    e->children.push_back(expression(alt->expression(0)));
    e->children.push_back(expression(alt->expression(1)));
  }
  if (ctx->elseExpr) {
    e->has_else = true;
    e->children.push_back(expression(ctx->elseExpr));
  }
  return e;
}

}  // namespace entente::query::syntax
