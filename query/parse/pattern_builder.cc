// Patterns: (a:L {k: v})-[r:T*1..3]->("Name"), path variables, shortestPath.
#include "query/parse/ast_builder.h"
#include "query/parse/literals.h"
#include "query/parse/syntax_error.h"

namespace entente::query::syntax {

ast::Pattern AstBuilder::pattern(P::PatternContext* ctx) {
  ast::Pattern p;
  for (auto* part : ctx->patternPart()) p.parts.push_back(patternPart(part));
  return p;
}

ast::PatternPart AstBuilder::patternPart(P::PatternPartContext* ctx) {
  auto* anon = ctx->anonymousPatternPart();
  ast::PatternPart part;
  if (auto* sp = as<P::ShortestPathPatternContext>(anon)) {
    part = patternElement(sp->patternElement());
    part.kind = sp->SHORTESTPATH() ? ast::PathKind::kShortest : ast::PathKind::kAllShortest;
    if (part.rels.size() != 1) {
      error(std::string(sp->SHORTESTPATH() ? "shortestPath" : "allShortestPaths") +
                "(...) requires a pattern with exactly one relationship",
            sp->patternElement()->getStart());
    }
  } else {
    part = patternElement(as<P::PlainPatternContext>(anon)->patternElement());
  }
  part.pos = posOf(ctx);
  if (ctx->variable()) part.path_variable = name(ctx->variable());
  return part;
}

ast::PatternPart AstBuilder::patternElement(P::PatternElementContext* ctx) {
  ast::PatternPart part;
  part.pos = posOf(ctx);
  part.nodes.push_back(nodePattern(ctx->nodePattern()));
  for (auto* chain : ctx->patternElementChain()) {
    part.rels.push_back(relPattern(chain->relationshipPattern()));
    part.nodes.push_back(nodePattern(chain->nodePattern()));
  }
  return part;
}

std::shared_ptr<ast::PatternPart> AstBuilder::relationshipsPattern(
    P::RelationshipsPatternContext* ctx) {
  auto part = std::make_shared<ast::PatternPart>();
  part->pos = posOf(ctx);
  part->nodes.push_back(nodePattern(ctx->nodePattern()));
  for (auto* chain : ctx->patternElementChain()) {
    part->rels.push_back(relPattern(chain->relationshipPattern()));
    part->nodes.push_back(nodePattern(chain->nodePattern()));
  }
  return part;
}

ast::NodePattern AstBuilder::nodePattern(P::NodePatternContext* ctx) {
  ast::NodePattern n;
  n.pos = posOf(ctx);
  if (auto* s = ctx->StringLiteral()) {
    n.name_ref = stringValue(s->getSymbol());
    return n;
  }
  if (ctx->variable()) n.variable = name(ctx->variable());
  if (ctx->nodeLabels()) n.labels = labels(ctx->nodeLabels());
  if (ctx->properties()) n.properties = properties(ctx->properties());
  return n;
}

std::vector<std::string> AstBuilder::labels(P::NodeLabelsContext* ctx) {
  std::vector<std::string> out;
  for (auto* l : ctx->labelName()) out.push_back(name(l->schemaName()));
  return out;
}

ast::ExprPtr AstBuilder::properties(P::PropertiesContext* ctx) {
  if (auto* map = ctx->mapLiteral()) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::ExprKind::kMap;
    e->pos = posOf(map);
    for (auto* entry : map->mapEntry()) {
      e->map_keys.push_back(name(entry->propertyKeyName()->schemaName()));
      e->children.push_back(expression(entry->expression()));
    }
    return e;
  }
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::kParameter;
  e->pos = posOf(ctx);
  e->name = decodeName(ctx->PARAMETER()->getText().substr(1));
  return e;
}

ast::RelPattern AstBuilder::relPattern(P::RelationshipPatternContext* ctx) {
  ast::RelPattern r;
  r.pos = posOf(ctx);
  const bool left = ctx->leftHead != nullptr;
  const bool right = ctx->rightHead != nullptr;
  r.direction = left == right ? ast::RelDirection::kBoth
                : left        ? ast::RelDirection::kLeft
                              : ast::RelDirection::kRight;
  auto* detail = ctx->relationshipDetail();
  if (detail == nullptr) return r;
  if (detail->variable()) r.variable = name(detail->variable());
  if (auto* types = detail->relationshipTypes()) {
    for (auto* t : types->relTypeName()) r.types.push_back(name(t->schemaName()));
  }
  if (auto* range = detail->rangeLiteral()) {
    r.var_length = true;
    auto hops = [&](antlr4::Token* t) {
      int64_t v = 0;
      if (decodeInteger(t->getText(), false, &v)) error("hop count out of range", t);
      return v;
    };
    if (range->lower) r.min_hops = hops(range->lower);
    if (range->upper) r.max_hops = hops(range->upper);
    // `*2` is exactly two hops; `*2..` is two or more.
    if (range->lower && range->range == nullptr) r.max_hops = r.min_hops;
  }
  if (detail->properties()) r.properties = properties(detail->properties());
  return r;
}

void AstBuilder::checkCreatePattern(const ast::PatternPart& part, bool merge) {
  const char* clause = merge ? "MERGE" : "CREATE";
  if (part.kind != ast::PathKind::kPlain) {
    error(std::string("shortestPath cannot be used in ") + clause, part.pos,
          ErrorDetail::kInvalidRelationshipPattern);
  }
  for (const auto& r : part.rels) {
    if (r.var_length) {
      error(std::string("Variable length relationships cannot be used in ") + clause, r.pos,
            ErrorDetail::kCreatingVarLength);
    }
    // A named relationship without a type may be a bound variable: the planner then reports
    // VariableAlreadyBound, else the missing type.
    if (r.types.size() != 1 && (r.variable.empty() || !r.types.empty())) {
      error(std::string("Exactly one relationship type must be specified for ") + clause +
                " (e.g. -[:BACKS]->)",
            r.pos, ErrorDetail::kNoSingleRelationshipType);
    }
    if (!merge && r.direction == ast::RelDirection::kBoth) {
      error("Only directed relationships are supported in CREATE (use -> or <-)", r.pos,
            ErrorDetail::kRequiresDirectedRelationship);
    }
  }
}

}  // namespace entente::query::syntax
