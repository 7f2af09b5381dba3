// Updating clauses: CREATE, MERGE, SET, REMOVE, DELETE.
#include <algorithm>

#include "query/error.h"
#include "query/plan/ast_util.h"
#include "query/plan/planner_internal.h"

namespace entente::query {

CreatePropsSpec Planner::createProps(const ast::Expr& properties) {
  CreatePropsSpec spec;
  if (properties.kind != ast::ExprKind::kMap) {
    spec.map = compile(properties);
    return spec;
  }
  for (size_t i = 0; i < properties.map_keys.size(); ++i) {
    ExprProgram value = compile(*properties.children.at(i));
    int key = out_.names.add(properties.map_keys[i]);
    auto same = std::find_if(spec.entries.begin(), spec.entries.end(),
                             [&](const auto& e) { return e.first == key; });
    if (same != spec.entries.end())
      same->second = std::move(value);  // {k: 1, k: 2} is {k: 2}, as for a map value
    else
      spec.entries.emplace_back(key, std::move(value));
  }
  return spec;
}

PlanPtr Planner::bindNamedNodes(const ast::PatternPart& part, PlanPtr in) {
  for (const auto& np : part.nodes) {
    if (!np.name_ref) continue;
    std::string var = varName(np);
    if (scope_.find(var)) continue;
    ScanSpec s;
    s.kind = ScanKind::kByName;
    s.var = np.variable;
    auto lit = std::make_unique<ast::Expr>();
    lit->kind = ast::ExprKind::kLiteral;
    lit->literal = Value(*np.name_ref);
    lit->pos = np.pos;
    s.key = compile(*lit);
    out_.owned.push_back(std::move(lit));
    s.key_text = "\"" + *np.name_ref + "\"";
    s.required = true;
    s.slot = alloc();
    scope_.bind(var, {s.slot, VarKind::kNode});
    in = makeScan(std::move(s), std::move(in));
  }
  return in;
}

void Planner::appendCreate(CreateSpec& spec, const ast::PatternPart& part, const Scope* before) {
  const char* clause = before ? "MERGE" : "CREATE";
  if (part.kind != ast::PathKind::kPlain)
    semantic(std::string("shortestPath cannot be used in ") + clause, part.pos,
             ErrorDetail::kInvalidRelationshipPattern);
  for (const auto& np : part.nodes) {
    std::string var = varName(np);
    const Variable* bound = before ? before->find(var) : scope_.find(var);
    bool seen = false;
    for (const auto& n : spec.nodes)
      seen = seen || (scope_.find(var) && scope_.find(var)->slot == n.slot);
    if (bound || seen) {
      // A bound node can be an end of a new relationship, not created again or relabelled.
      bool alone = part.rels.empty() && !before;
      if (bound && !np.name_ref && (!np.labels.empty() || np.properties || alone) &&
          !np.variable.empty())
        semantic("Variable `" + np.variable + "` already declared", np.pos,
                 ErrorDetail::kVariableAlreadyBound);
      if (bound) checkKind(var, VarKind::kNode, np.pos);
      continue;
    }
    CreateNodeSpec n;
    if (before) {
      n.slot = scope_.find(var)->slot;
    } else {
      n.slot = alloc();
    }
    for (const auto& l : np.labels) n.labels.push_back(out_.names.add(l));
    if (np.properties) n.props = createProps(*np.properties);
    if (!before) scope_.bind(var, {n.slot, VarKind::kNode});
    spec.nodes.push_back(std::move(n));
  }
  for (size_t i = 0; i < part.rels.size(); ++i) {
    const ast::RelPattern& rp = part.rels[i];
    // A bound variable is reported first: `MATCH ()-[r]->() CREATE ()-[r]->()` is
    // VariableAlreadyBound, not a missing type.
    std::string var = varName(rp);
    if ((before ? before->find(var) : scope_.find(var)) && !rp.variable.empty())
      semantic("Variable `" + rp.variable + "` already declared", rp.pos,
               ErrorDetail::kVariableAlreadyBound);
    if (rp.var_length)
      semantic(std::string("Variable length relationships cannot be used in ") + clause, rp.pos,
               ErrorDetail::kCreatingVarLength);
    if (rp.types.size() != 1)
      semantic(std::string("A single relationship type must be specified for ") + clause, rp.pos,
               ErrorDetail::kNoSingleRelationshipType);
    if (rp.direction == ast::RelDirection::kBoth && !before)
      semantic("Only directed relationships are supported in CREATE", rp.pos,
               ErrorDetail::kRequiresDirectedRelationship);
    bool left = rp.direction == ast::RelDirection::kLeft;
    CreateRelSpec r;
    r.from = scope_.find(varName(left ? part.nodes[i + 1] : part.nodes[i]))->slot;
    r.to = scope_.find(varName(left ? part.nodes[i] : part.nodes[i + 1]))->slot;
    r.type = out_.names.add(rp.types[0]);
    r.var = rp.variable;
    r.slot = before ? scope_.find(var)->slot : alloc();
    if (rp.properties) r.props = createProps(*rp.properties);
    if (!before) scope_.bind(var, {r.slot, VarKind::kRel});
    spec.rels.push_back(std::move(r));
  }
  if (!part.path_variable.empty()) {
    int slot;
    if (before) {
      slot = scope_.find(part.path_variable)->slot;
    } else {
      if (scope_.find(part.path_variable))
        semantic("Variable `" + part.path_variable + "` already declared", part.pos,
                 ErrorDetail::kVariableAlreadyBound);
      slot = alloc();
    }
    spec.paths.push_back(pathSpec(part, slot));
    if (!before) scope_.bind(part.path_variable, {slot, VarKind::kPath});
  }
}

PlanPtr Planner::planCreate(const ast::CreateClause& c, PlanPtr in) {
  for (const auto& part : c.pattern.parts) in = bindNamedNodes(part, std::move(in));
  CreateSpec spec;
  for (const auto& part : c.pattern.parts) appendCreate(spec, part, nullptr);
  spec.text = std::to_string(spec.nodes.size()) + " node(s), " + std::to_string(spec.rels.size()) +
              " relationship(s)";
  return makeCreate(std::move(spec), std::move(in));
}

PlanPtr Planner::planMerge(const ast::MergeClause& c, PlanPtr in) {
  const ast::PatternPart& part = c.part;
  if (part.rels.empty() && !part.nodes[0].variable.empty() && scope_.find(part.nodes[0].variable))
    semantic("Variable `" + part.nodes[0].variable + "` already declared", part.nodes[0].pos,
             ErrorDetail::kVariableAlreadyBound);
  in = bindNamedNodes(part, std::move(in));
  Scope before = scope_;
  MatchContext ctx;
  ctx.rel_count = static_cast<int>(part.rels.size());
  for (const auto& rp : part.rels) {
    if (!rp.variable.empty() && scope_.find(rp.variable))
      semantic("Variable `" + rp.variable + "` already declared", rp.pos,
               ErrorDetail::kVariableAlreadyBound);
    if (rp.var_length)
      semantic("Variable length relationships cannot be used in MERGE", rp.pos,
               ErrorDetail::kCreatingVarLength);
    if (rp.types.size() != 1)
      semantic("A single relationship type must be specified for MERGE", rp.pos,
               ErrorDetail::kNoSingleRelationshipType);
  }
  PlanPtr match = planPart(part, makeArgument(), ctx);
  MergeSpec spec;
  appendCreate(spec.create, part, &before);
  planSet(c.on_match, nullptr, &spec.on_match);
  planSet(c.on_create, nullptr, &spec.on_create);
  spec.text = std::to_string(spec.create.nodes.size()) + " node(s), " +
              std::to_string(spec.create.rels.size()) + " relationship(s) if missing";
  return makeMerge(std::move(spec), std::move(in), std::move(match));
}

PlanPtr Planner::planSet(const std::vector<ast::SetItem>& items, PlanPtr in,
                         std::vector<SetOpSpec>* ops_out) {
  std::vector<SetOpSpec> ops;
  std::string text = "Set";
  for (const auto& item : items) {
    SetOpSpec op;
    op.pos = item.pos;
    auto target = [&](const std::string& var) {
      ast::ExprPtr v = variableExpr(var, item.pos);
      ExprProgram p = compile(*v);
      out_.owned.push_back(std::move(v));
      return p;
    };
    switch (item.kind) {
      case ast::SetKind::kProperty:
        if (!item.target || item.target->kind != ast::ExprKind::kProperty ||
            item.target->children.empty())
          semantic("SET expects a property, e.g. n.name = 'x'", item.pos,
                   ErrorDetail::kUnexpectedSyntax);
        op.kind = SetOpKind::kProperty;
        op.target = compile(*item.target->children[0]);
        op.key = out_.names.add(item.target->name);
        op.value = compile(*item.value);
        text += " " + exprText(*item.target);
        break;
      case ast::SetKind::kReplaceAll:
      case ast::SetKind::kMergeMap:
        op.kind = item.kind == ast::SetKind::kReplaceAll ? SetOpKind::kReplace : SetOpKind::kMerge;
        op.target = target(item.variable);
        op.value = compile(*item.value);
        text += " " + item.variable + (item.kind == ast::SetKind::kReplaceAll ? " =" : " +=");
        break;
      case ast::SetKind::kLabels:
        op.kind = SetOpKind::kLabels;
        op.target = target(item.variable);
        for (const auto& l : item.labels) op.labels.push_back(out_.names.add(l));
        text += " " + item.variable + ":labels";
        break;
    }
    ops.push_back(std::move(op));
  }
  if (ops_out) {
    *ops_out = std::move(ops);
    return nullptr;
  }
  return makeSet(SetSpec{std::move(ops), text}, std::move(in));
}

PlanPtr Planner::planRemove(const ast::RemoveClause& c, PlanPtr in) {
  std::vector<SetOpSpec> ops;
  std::string text = "Remove";
  for (const auto& item : c.items) {
    SetOpSpec op;
    op.pos = item.pos;
    if (item.kind == ast::RemoveKind::kProperty) {
      if (!item.target || item.target->kind != ast::ExprKind::kProperty ||
          item.target->children.empty())
        semantic("REMOVE expects a property or labels", item.pos, ErrorDetail::kUnexpectedSyntax);
      op.kind = SetOpKind::kRemoveProperty;
      op.target = compile(*item.target->children[0]);
      op.key = out_.names.add(item.target->name);
      text += " " + exprText(*item.target);
    } else {
      op.kind = SetOpKind::kRemoveLabels;
      ast::ExprPtr v = variableExpr(item.variable, item.pos);
      op.target = compile(*v);
      out_.owned.push_back(std::move(v));
      for (const auto& l : item.labels) op.labels.push_back(out_.names.add(l));
      text += " " + item.variable + ":labels";
    }
    ops.push_back(std::move(op));
  }
  return makeSet(SetSpec{std::move(ops), text}, std::move(in));
}

PlanPtr Planner::planDelete(const ast::DeleteClause& c, PlanPtr in) {
  DeleteSpec spec;
  spec.detach = c.detach;
  for (const auto& t : c.targets) {
    // openCypher rejects at compile time what can never be a node, relationship or path.
    StaticType type = typeOf(*t);
    using K = StaticType::Kind;
    if (type.definite() && !type.is(K::kNode) && !type.is(K::kRel) && !type.is(K::kPath))
      semantic(
          std::string("Type mismatch: DELETE expects a node, relationship or path, got ") +
              type.name(),
          t->pos,
          // `DELETE n:Label` (a label test, not a label removal) is openCypher's InvalidDelete.
          t->kind == ast::ExprKind::kLabelCheck ? ErrorDetail::kInvalidDelete
                                                : ErrorDetail::kInvalidArgumentType);
    spec.targets.push_back(compile(*t));
    spec.text += (spec.text.empty() ? "" : ", ") + exprText(*t);
  }
  return makeDelete(std::move(spec), std::move(in));
}

}  // namespace entente::query
