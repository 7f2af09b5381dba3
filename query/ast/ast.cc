// query/ast/ast.cc — copying expression trees.
#include "query/ast/ast.h"

namespace entente::query::ast {

ExprPtr rewriteExpr(const Expr& e, const std::function<ExprPtr(const Expr&)>& subst) {
  if (subst) {
    if (auto r = subst(e)) return r;
  }
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->pos = e.pos;
  c->op = e.op;
  c->literal = e.literal;
  c->name = e.name;
  c->distinct = e.distinct;
  c->has_else = e.has_else;
  c->all_properties = e.all_properties;
  c->map_keys = e.map_keys;
  c->pattern = e.pattern;
  c->subquery = e.subquery;
  c->text = e.text;
  c->children.reserve(e.children.size());
  for (const auto& ch : e.children) c->children.push_back(ch ? rewriteExpr(*ch, subst) : nullptr);
  return c;
}

}  // namespace entente::query::ast
