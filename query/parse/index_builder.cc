// Index and constraint DDL (CREATE INDEX / CONSTRAINT, DROP, SHOW) into ast::IndexCommand.
// The grammar accepts any variable after FOR; here the properties must name that variable.
#include "query/parse/ast_builder.h"

namespace entente::query::syntax {

ast::IndexCommand AstBuilder::indexCommand(P::SchemaCommandContext* ctx) {
  ast::IndexCommand c;
  c.pos = posOf(ctx);
  P::IndexTargetContext* target = nullptr;
  std::vector<P::SchemaPropertyContext*> props;
  if (auto* ci = as<P::CreateIndexContext>(ctx)) {
    c.kind = ast::IndexCommand::Kind::kCreateIndex;
    if (ci->indexName()) c.name = name(ci->indexName()->symbolicName());
    c.if_not_exists = ci->IF() != nullptr;
    target = ci->indexTarget();
    props = ci->schemaProperty();
  } else if (auto* cc = as<P::CreateConstraintContext>(ctx)) {
    c.kind = ast::IndexCommand::Kind::kCreateConstraint;
    c.constraint = true;
    if (cc->indexName()) c.name = name(cc->indexName()->symbolicName());
    c.if_not_exists = cc->IF() != nullptr;
    target = cc->indexTarget();
    if (auto* u = as<P::UniqueRuleContext>(cc->constraintRule())) {
      c.rule = ast::IndexCommand::Rule::kUnique;
      props = u->schemaProperty();
    } else {
      auto* nn = as<P::NotNullRuleContext>(cc->constraintRule());
      c.rule = ast::IndexCommand::Rule::kNotNull;
      props.push_back(nn->schemaProperty());
    }
  } else if (auto* d = as<P::DropIndexContext>(ctx)) {
    c.kind = ast::IndexCommand::Kind::kDrop;
    c.constraint = d->CONSTRAINT() != nullptr;
    c.name = name(d->indexName()->symbolicName());
    c.if_exists = d->IF() != nullptr;
    return c;
  } else {
    auto* s = as<P::ShowIndexesContext>(ctx);
    c.kind = ast::IndexCommand::Kind::kShow;
    c.constraint = s->CONSTRAINT() || s->CONSTRAINTS();
    return c;
  }
  std::string var;
  if (auto* n = as<P::NodeIndexTargetContext>(target)) {
    var = name(n->variable());
    c.target = name(n->labelName()->schemaName());
  } else {
    auto* r = as<P::RelIndexTargetContext>(target);
    var = name(r->variable());
    c.relationship = true;
    c.target = name(r->relTypeName()->schemaName());
  }
  for (auto* p : props) {
    std::string v = name(p->variable());
    if (v != var)
      error("Variable `" + v + "` not defined (the pattern after FOR binds `" + var + "`)",
            p->getStart());
    std::string key = name(p->propertyKeyName()->schemaName());
    for (const auto& k : c.properties)
      if (k == key) error("Property `" + key + "` is given twice", p->getStart());
    c.properties.push_back(std::move(key));
  }
  return c;
}

}  // namespace entente::query::syntax
