#include "query/parse/ast_builder.h"

#include "query/expr/expression.h"  // containsAggregate: an AST query, no evaluation
#include "query/parse/literals.h"
#include "query/parse/syntax_error.h"

namespace entente::query::syntax {

using antlr4::Token;

// ---- helpers ----------------------------------------------------------------------------

void AstBuilder::error(const std::string& what, const Token* at, ErrorDetail detail) const {
  throwSyntaxError(source_, what, posOf(at), detail);
}

void AstBuilder::error(const std::string& what, ast::SourcePos pos, ErrorDetail detail) const {
  throwSyntaxError(source_, what, pos, detail);
}

std::string AstBuilder::text(antlr4::ParserRuleContext* ctx) const {
  const Token* start = ctx->getStart();
  const Token* stop = ctx->getStop();
  if (stop == nullptr || stop->getStopIndex() < start->getStartIndex()) return "";
  return input_->getText(antlr4::misc::Interval(start->getStartIndex(), stop->getStopIndex()));
}

std::string AstBuilder::name(P::SymbolicNameContext* ctx) {
  return decodeName(ctx->getStart()->getText());
}

std::string AstBuilder::name(P::VariableContext* ctx) { return name(ctx->symbolicName()); }

std::string AstBuilder::name(P::SchemaNameContext* ctx) {
  return decodeName(ctx->getStart()->getText());
}

std::string AstBuilder::stringValue(Token* t) const {
  std::string out;
  const std::string raw = t->getText();
  if (auto err = decodeString(raw, &out)) {
    // Point at the bad escape: walk the token text to its line and column.
    ast::SourcePos pos = posOf(t);
    for (size_t i = 0; i < err->offset && i < raw.size(); ++i) {
      auto c = static_cast<unsigned char>(raw[i]);
      if (c == '\n') {
        ++pos.line;
        pos.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++pos.column;
      }
    }
    error(err->message, pos, err->detail);
  }
  return out;
}

// ---- statements -------------------------------------------------------------------------

ast::Statement AstBuilder::statement(P::StatementContext* ctx) {
  ast::Statement st;
  st.pos = posOf(ctx);
  if (ctx->EXPLAIN()) st.explain = ast::ExplainMode::kExplain;
  if (ctx->PROFILE()) st.explain = ast::ExplainMode::kProfile;
  if (auto* schema = ctx->schemaCommand()) {
    if (st.explain != ast::ExplainMode::kNone) {
      error("EXPLAIN and PROFILE apply to queries, not to schema commands", schema->getStart());
    }
    if (ctx->asOf()) error("AS OF applies to queries, not to schema commands", schema->getStart());
    if (auto* declare = as<P::DeclareRelTypeContext>(schema)) {
      st.kind = ast::StatementKind::kDeclareRelType;
      st.declare = declareRelType(declare);
    } else if (as<P::ShowSchemaContext>(schema)) {
      st.kind = ast::StatementKind::kShowSchema;
    } else {
      st.kind = ast::StatementKind::kIndexCommand;
      st.index = indexCommand(schema);
    }
    return st;
  }
  if (auto* as_of = ctx->asOf()) st.as_of = expression(as_of->expression());
  st.query = query(ctx->query());
  return st;
}

ast::DeclareRelType AstBuilder::declareRelType(P::DeclareRelTypeContext* ctx) {
  ast::DeclareRelType d;
  d.pos = posOf(ctx);
  d.name = name(ctx->relTypeName()->schemaName());
  auto* sign = ctx->relSign();
  d.sign = sign->POSITIVE() ? 1 : sign->NEGATIVE() ? -1 : 0;
  bool seen_inverse = false, seen_comment = false;
  for (auto* opt : ctx->relTypeOption()) {
    auto dup = [&](bool seen) {
      if (seen) error(opt->getStart()->getText() + " is given twice", opt->getStart());
    };
    if (opt->SYMMETRIC()) {
      dup(d.symmetric);
      d.symmetric = true;
    } else if (opt->TRANSITIVE()) {
      dup(d.transitive);
      d.transitive = true;
    } else if (opt->INVERSE()) {
      dup(seen_inverse);
      seen_inverse = true;
      d.inverse = name(opt->relTypeName()->schemaName());
    } else {
      dup(seen_comment);
      seen_comment = true;
      d.description = stringValue(opt->StringLiteral()->getSymbol());
    }
  }
  return d;
}

ast::Query AstBuilder::query(P::QueryContext* ctx) {
  ast::Query q;
  auto unions = ctx->unionClause();
  for (size_t i = 0; i < unions.size(); ++i) {
    bool all = unions[i]->ALL() != nullptr;
    if (i > 0 && all != q.union_all[0]) {
      error("Invalid combination of UNION and UNION ALL", unions[i]->getStart(),
            ErrorDetail::kInvalidClauseComposition);
    }
    q.union_all.push_back(all);
  }
  for (auto* single : ctx->singleQuery()) q.parts.push_back(singleQuery(single));
  if (q.parts.size() > 1) {
    for (const auto& part : q.parts)
      for (const auto& clause : part.clauses)
        if (const auto* call = std::get_if<ast::CallSubqueryClause>(&clause);
            call && call->in_transactions)
          error("CALL { } IN TRANSACTIONS cannot be used in a UNION", call->pos,
                ErrorDetail::kInvalidClauseComposition);
  }
  return q;
}

namespace {

const char* clauseName(P::ClauseContext* c) {
  if (auto* m = c->matchClause()) return m->OPTIONAL() ? "OPTIONAL MATCH" : "MATCH";
  if (c->unwindClause()) return "UNWIND";
  if (c->loadCsvClause()) return "LOAD CSV";
  if (c->withClause()) return "WITH";
  if (c->returnClause()) return "RETURN";
  if (c->callClause()) return "CALL";
  if (c->callSubquery()) return "CALL { }";
  if (c->foreachClause()) return "FOREACH";
  return "an update clause";
}

}  // namespace

void AstBuilder::checkClauseOrder(P::SingleQueryContext* ctx, const ast::SingleQuery& q) {
  auto clauses = ctx->clause();
  for (size_t i = 0; i + 1 < clauses.size(); ++i) {
    if (clauses[i]->returnClause()) {
      error("RETURN can only be used at the end of the query (found " +
                std::string(clauseName(clauses[i + 1])) + " after it)",
            clauses[i + 1]->getStart());
    }
  }
  P::ClauseContext* last = clauses.back();
  if (last->returnClause() || last->createClause() || last->mergeClause() || last->setClause() ||
      last->removeClause() || last->deleteClause() || last->foreachClause()) {
    return;
  }
  if (last->callSubquery()) {
    // A unit subquery (no RETURN) can end a query; a returning one needs a RETURN after it.
    const auto& call = std::get<ast::CallSubqueryClause>(q.clauses.back());
    const auto& inner = call.query->parts.back().clauses;
    if (!std::holds_alternative<ast::ReturnClause>(inner.back())) return;
  }
  if (last->callClause()) {
    // A standalone CALL may YIELD; inside a larger query only a CALL without YIELD ends it.
    const auto& call = std::get<ast::CallClause>(q.clauses.back());
    if (clauses.size() == 1 || (call.yields.empty() && !last->callClause()->yieldClause())) {
      return;
    }
  }
  error(std::string("Query cannot conclude with ") + clauseName(last) +
            " (must be a RETURN clause, an update clause, a unit subquery call, or a procedure "
            "call with no YIELD)",
        last->getStart());
}

ast::SingleQuery AstBuilder::singleQuery(P::SingleQueryContext* ctx) {
  ast::SingleQuery q;
  for (auto* c : ctx->clause()) q.clauses.push_back(clause(c));
  checkClauseOrder(ctx, q);
  return q;
}

// ---- clauses ----------------------------------------------------------------------------

ast::Clause AstBuilder::clause(P::ClauseContext* ctx) {
  if (auto* c = ctx->matchClause()) {
    ast::MatchClause m;
    m.pos = posOf(c);
    m.optional = c->OPTIONAL() != nullptr;
    m.pattern = pattern(c->pattern());
    if (c->where()) m.where = expression(c->where()->expression());
    return m;
  }
  if (auto* c = ctx->unwindClause()) {
    ast::UnwindClause u;
    u.pos = posOf(c);
    u.list = expression(c->expression());
    u.alias = name(c->variable());
    return u;
  }
  if (auto* c = ctx->loadCsvClause()) return loadCsvClause(c);
  if (auto* c = ctx->withClause()) {
    ast::WithClause w;
    w.projection = projection(c->projectionBody(), true);
    w.projection.pos = posOf(c);
    if (c->where()) w.where = expression(c->where()->expression());
    return w;
  }
  if (auto* c = ctx->returnClause()) {
    ast::ReturnClause r;
    r.projection = projection(c->projectionBody(), false);
    r.projection.pos = posOf(c);
    return r;
  }
  if (auto* c = ctx->createClause()) {
    ast::CreateClause cr;
    cr.pos = posOf(c);
    cr.pattern = pattern(c->pattern());
    for (const auto& part : cr.pattern.parts) checkCreatePattern(part, false);
    return cr;
  }
  if (auto* c = ctx->mergeClause()) {
    ast::MergeClause m;
    m.pos = posOf(c);
    m.part = patternPart(c->patternPart());
    checkCreatePattern(m.part, true);
    for (auto* action : c->mergeAction()) {
      auto items = setItems(action->setItem());
      auto& into = action->MATCH() ? m.on_match : m.on_create;
      for (auto& item : items) into.push_back(std::move(item));
    }
    return m;
  }
  if (auto* c = ctx->setClause()) {
    ast::SetClause s;
    s.pos = posOf(c);
    s.items = setItems(c->setItem());
    return s;
  }
  if (auto* c = ctx->removeClause()) {
    ast::RemoveClause r;
    r.pos = posOf(c);
    for (auto* item : c->removeItem()) r.items.push_back(removeItem(item));
    return r;
  }
  if (auto* c = ctx->deleteClause()) {
    ast::DeleteClause d;
    d.pos = posOf(c);
    d.detach = c->DETACH() != nullptr;
    for (auto* e : c->expression()) d.targets.push_back(expression(e));
    return d;
  }
  if (auto* c = ctx->foreachClause()) return foreachClause(c);
  if (auto* c = ctx->callSubquery()) return callSubquery(c);
  return callClause(ctx->callClause());
}

ast::LoadCsvClause AstBuilder::loadCsvClause(P::LoadCsvClauseContext* ctx) {
  ast::LoadCsvClause l;
  l.pos = posOf(ctx);
  l.headers = ctx->HEADERS() != nullptr;
  l.url = expression(ctx->expression());
  l.alias = name(ctx->variable());
  if (auto* t = ctx->StringLiteral()) {
    std::string s = stringValue(t->getSymbol());
    if (s.size() != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r')
      error(
          "FIELDTERMINATOR must be one single-byte character other than a quote or a line "
          "break (e.g. ';' or '\\t'), got " +
              t->getText(),
          t->getSymbol(), ErrorDetail::kInvalidArgumentValue);
    l.terminator = s[0];
  }
  return l;
}

ast::ForeachClause AstBuilder::foreachClause(P::ForeachClauseContext* ctx) {
  ast::ForeachClause f;
  f.pos = posOf(ctx);
  f.variable = name(ctx->variable());
  f.list = expression(ctx->expression());
  f.body = std::make_shared<ast::SingleQuery>();
  for (auto* c : ctx->clause()) {
    if (!c->createClause() && !c->mergeClause() && !c->setClause() && !c->removeClause() &&
        !c->deleteClause() && !c->foreachClause()) {
      error(std::string("Invalid use of ") + clauseName(c) +
                " inside FOREACH: only updating clauses (CREATE, MERGE, SET, REMOVE, DELETE, "
                "FOREACH) are "
                "allowed",
            c->getStart(), ErrorDetail::kInvalidClauseComposition);
    }
    f.body->clauses.push_back(clause(c));
  }
  return f;
}

ast::CallSubqueryClause AstBuilder::callSubquery(P::CallSubqueryContext* ctx) {
  ast::CallSubqueryClause c;
  c.pos = posOf(ctx);
  if (auto* scope = ctx->subqueryScope()) {
    c.has_scope = true;
    c.scope_all = scope->STAR() != nullptr;
    for (auto* v : scope->variable()) {
      c.scope_vars.push_back(name(v));
      c.scope_pos.push_back(posOf(v));
    }
  }
  c.query = std::make_shared<ast::Query>(query(ctx->query()));
  if (auto* tx = ctx->inTransactions()) {
    c.in_transactions = true;
    if (tx->expression()) c.batch_rows = expression(tx->expression());
  }
  return c;
}

ast::Projection AstBuilder::projection(P::ProjectionBodyContext* ctx, bool is_with) {
  ast::Projection p;
  p.pos = posOf(ctx);
  p.distinct = ctx->DISTINCT() != nullptr;
  auto* items = ctx->projectionItems();
  p.star = items->STAR() != nullptr;
  const antlr4::Token* unaliased = nullptr;  // the first WITH item that needs an alias
  size_t unaliased_index = 0;
  for (auto* item : items->projectionItem()) {
    ast::ProjectionItem pi;
    pi.expr = namedExpression(item->expression());
    if (item->variable()) {
      pi.alias = name(item->variable());
    } else if (is_with && pi.expr->kind != ast::ExprKind::kVariable && !unaliased) {
      unaliased = item->getStart();
      unaliased_index = p.items.size();
    }
    p.items.push_back(std::move(pi));
  }
  if (unaliased) {
    // An unaliased grouping expression next to an aggregate (`WITH a.x + b.y, count(*) AS
    // n`) is openCypher's AmbiguousAggregationExpression; otherwise NoExpressionAlias.
    bool other_aggregates = false;
    for (size_t i = 0; i < p.items.size(); ++i)
      if (i != unaliased_index && containsAggregate(*p.items[i].expr)) other_aggregates = true;
    const bool ambiguous = other_aggregates && !containsAggregate(*p.items[unaliased_index].expr);
    error(
        "Expression in WITH must be aliased (use AS)", unaliased,
        ambiguous ? ErrorDetail::kAmbiguousAggregationExpression : ErrorDetail::kNoExpressionAlias);
  }
  if (auto* order = ctx->order()) {
    for (auto* s : order->sortItem()) {
      ast::SortItem si;
      si.expr = namedExpression(s->expression());
      si.descending = s->DESC() != nullptr || s->DESCENDING() != nullptr;
      p.order_by.push_back(std::move(si));
    }
  }
  if (ctx->skip()) p.skip = expression(ctx->skip()->expression());
  if (ctx->limit()) p.limit = expression(ctx->limit()->expression());
  return p;
}

std::vector<ast::SetItem> AstBuilder::setItems(const std::vector<P::SetItemContext*>& items) {
  std::vector<ast::SetItem> out;
  out.reserve(items.size());
  for (auto* item : items) out.push_back(setItem(item));
  return out;
}

ast::SetItem AstBuilder::setItem(P::SetItemContext* ctx) {
  ast::SetItem s;
  s.pos = posOf(ctx);
  if (auto* c = as<P::SetPropertyContext>(ctx)) {
    s.kind = ast::SetKind::kProperty;
    s.target = propertyExpr(c->propertyExpression());
    s.value = expression(c->expression());
  } else if (auto* c = as<P::SetReplaceAllContext>(ctx)) {
    s.kind = ast::SetKind::kReplaceAll;
    s.variable = name(c->variable());
    s.value = expression(c->expression());
  } else if (auto* c = as<P::SetMergeMapContext>(ctx)) {
    s.kind = ast::SetKind::kMergeMap;
    s.variable = name(c->variable());
    s.value = expression(c->expression());
  } else {
    auto* l = as<P::SetLabelsContext>(ctx);
    s.kind = ast::SetKind::kLabels;
    s.variable = name(l->variable());
    s.labels = labels(l->nodeLabels());
  }
  return s;
}

ast::RemoveItem AstBuilder::removeItem(P::RemoveItemContext* ctx) {
  ast::RemoveItem r;
  r.pos = posOf(ctx);
  if (auto* c = as<P::RemoveLabelsContext>(ctx)) {
    r.kind = ast::RemoveKind::kLabels;
    r.variable = name(c->variable());
    r.labels = labels(c->nodeLabels());
  } else {
    r.kind = ast::RemoveKind::kProperty;
    r.target = propertyExpr(as<P::RemovePropertyContext>(ctx)->propertyExpression());
  }
  return r;
}

ast::CallClause AstBuilder::callClause(P::CallClauseContext* ctx) {
  ast::CallClause c;
  c.pos = posOf(ctx);
  for (auto* part : ctx->procedureName()->symbolicName()) {
    if (!c.procedure.empty()) c.procedure += '.';
    c.procedure += name(part);
  }
  for (auto* arg : ctx->expression()) c.args.push_back(expression(arg));
  auto* yield = ctx->yieldClause();
  if (yield == nullptr || yield->STAR()) {
    c.yield_star = true;
  } else {
    for (auto* item : yield->yieldItem()) {
      ast::YieldItem yi;
      yi.field = name(item->symbolicName());
      if (item->variable()) yi.alias = name(item->variable());
      c.yields.push_back(std::move(yi));
    }
  }
  if (yield != nullptr && yield->where()) {
    c.where = expression(yield->where()->expression());
  }
  return c;
}

}  // namespace entente::query::syntax
