// Index and constraint DDL: see query/index_commands.h.
#include "query/index_commands.h"
#include "query/status_error.h"

#include <algorithm>

#include "query/error.h"
#include "query/exec/write_util.h"

namespace entente::query {
namespace {

using Kind = ast::IndexCommand::Kind;

bool isConstraint(const storage::IndexDef& d) {
  return d.constraint != storage::ConstraintKind::kNone;
}

std::string entityType(const storage::IndexDef& d) {
  return d.entity == storage::IndexEntity::kNode ? "NODE" : "RELATIONSHIP";
}

std::string stateName(storage::IndexState s) {
  switch (s) {
    case storage::IndexState::kPopulating: return "POPULATING";
    case storage::IndexState::kOnline: return "ONLINE";
    case storage::IndexState::kFailed: return "FAILED";
  }
  return "UNKNOWN";
}

std::string constraintType(const storage::IndexDef& d) {
  bool node = d.entity == storage::IndexEntity::kNode;
  if (d.unique()) return node ? "UNIQUENESS" : "RELATIONSHIP_UNIQUENESS";
  return node ? "NODE_PROPERTY_EXISTENCE" : "RELATIONSHIP_PROPERTY_EXISTENCE";
}

Value nullValue() { return Value(); }

void show(const ast::IndexCommand& cmd, storage::GraphStore& store, QueryOutput& out) {
  auto txn = store.beginRead();
  auto all = txn->indexes();
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.def.name < b.def.name; });
  for (const auto& s : all) {
    const storage::IndexDef& d = s.def;
    if (cmd.constraint ? !isConstraint(d) : !d.hasEntries()) continue;
    List props;
    for (uint32_t k : d.keys) props.push_back(Value(txn->stringOf(k)));
    List targets{Value(txn->stringOf(d.target))};
    std::vector<Value> row{Value(static_cast<int64_t>(d.id)), Value(d.name)};
    if (cmd.constraint) {
      row.insert(row.end(),
                 {Value(constraintType(d)), Value(entityType(d)), Value(std::move(targets)),
                  Value(std::move(props)), d.unique() ? Value(d.name) : nullValue()});
    } else {
      row.insert(row.end(),
                 {Value(stateName(d.state)), Value(std::string("RANGE")), Value(entityType(d)),
                  Value(std::move(targets)), Value(std::move(props)),
                  isConstraint(d) ? Value(d.name) : nullValue(),
                  Value(static_cast<int64_t>(s.entries)), Value(static_cast<int64_t>(s.distinct))});
    }
    out.rows.push_back(std::move(row));
  }
}

uint32_t intern(storage::Transaction& txn, const std::string& s) {
  auto r = txn.internString(s);
  throwIfFailed(r.status());
  return *r;
}

void create(const ast::IndexCommand& cmd, storage::GraphStore& store) {
  auto txn = store.beginWrite();
  storage::IndexSpec spec;
  spec.name = cmd.name;
  spec.entity =
      cmd.relationship ? storage::IndexEntity::kRelationship : storage::IndexEntity::kNode;
  spec.target = intern(*txn, cmd.target);
  for (const auto& p : cmd.properties) spec.keys.push_back(intern(*txn, p));
  spec.constraint = cmd.rule == ast::IndexCommand::Rule::kUnique ? storage::ConstraintKind::kUnique
                    : cmd.rule == ast::IndexCommand::Rule::kNotNull
                        ? storage::ConstraintKind::kNotNull
                        : storage::ConstraintKind::kNone;
  if (spec.constraint == storage::ConstraintKind::kNotNull && spec.keys.size() != 1)
    throw QueryError(ErrorCode::kSyntaxError, "A NOT NULL constraint takes one property", cmd.pos);
  auto r = txn->createIndex(spec);
  if (!r.ok()) {
    if (r.status().code() == storage::Status::Code::kAlreadyExists && cmd.if_not_exists)
      return;  // no-op
    throwIfFailed(r.status());
  }
  throwIfFailed(txn->commit());
}

void drop(const ast::IndexCommand& cmd, storage::GraphStore& store) {
  auto txn = store.beginWrite();
  auto def = txn->findIndex(cmd.name);
  const char* what = cmd.constraint ? "constraint" : "index";
  if (!def) {
    if (cmd.if_exists) return;
    throw QueryError(
        ErrorCode::kSchemaError,
        std::string("Unable to drop ") + what + ": no " + what + " named `" + cmd.name + "` exists",
        cmd.pos);
  }
  if (isConstraint(*def) != cmd.constraint) {
    throw QueryError(
        ErrorCode::kSchemaError,
        std::string("Unable to drop ") + what + " `" + cmd.name + "`: it is " +
            (cmd.constraint ? "an index; use DROP INDEX" : "a constraint; use DROP CONSTRAINT"),
        cmd.pos);
  }
  throwIfFailed(txn->dropIndex(cmd.name));
  throwIfFailed(txn->commit());
}

}  // namespace

std::vector<std::string> indexCommandColumns(const ast::IndexCommand& cmd) {
  if (cmd.kind != Kind::kShow) return {};
  if (cmd.constraint)
    return {"id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex"};
  return {"id",         "name",          "state",      "type",
          "entityType", "labelsOrTypes", "properties", "owningConstraint",
          "entries",    "distinctValues"};
}

void runIndexCommand(const ast::IndexCommand& cmd, storage::GraphStore& store, QueryOutput& out) {
  switch (cmd.kind) {
    case Kind::kShow: return show(cmd, store, out);
    case Kind::kCreateIndex:
    case Kind::kCreateConstraint: return create(cmd, store);
    case Kind::kDrop: return drop(cmd, store);
  }
}

}  // namespace entente::query
