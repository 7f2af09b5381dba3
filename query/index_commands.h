// query/index_commands.h — runs the index and constraint DDL (CREATE INDEX, CREATE
// CONSTRAINT, DROP INDEX / CONSTRAINT, SHOW INDEXES / CONSTRAINTS) against the storage
// catalog (storage/index_schema.h). Each command is one write transaction; creating an
// index fills it from existing data in that transaction.
#pragma once

#include <string>
#include <vector>

#include "query/ast/ast.h"
#include "query/engine.h"
#include "storage/graph_store.h"

namespace entente::query {

//! The result columns of `cmd` (empty for CREATE / DROP).
std::vector<std::string> indexCommandColumns(const ast::IndexCommand& cmd);
//! Whether `cmd` only reads (SHOW).
inline bool indexCommandReadOnly(const ast::IndexCommand& cmd) {
  return cmd.kind == ast::IndexCommand::Kind::kShow;
}
//! Runs `cmd`, appending SHOW rows to `out`. Throws QueryError: SemanticError for a name or
//! schema that already exists (unless IF NOT EXISTS) or a missing one (unless IF EXISTS),
//! ConstraintValidationFailed when existing data breaks a new constraint.
void runIndexCommand(const ast::IndexCommand& cmd, storage::GraphStore& store, QueryOutput& out);

}  // namespace entente::query
