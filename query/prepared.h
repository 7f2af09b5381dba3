// query/prepared.h — what Engine::prepare produces: the parsed statement and its plan.
// Immutable once built, shared by concurrent executions (and the plan cache).
#pragma once

#include <string>
#include <vector>

#include "query/ast/ast.h"
#include "query/plan/planner.h"

namespace entente::query {

class PreparedStatement {
 public:
  std::string text;
  ast::Statement ast;  // kept alive: compiled expressions may refer to it
  PlannedQuery plan;
  std::vector<std::string> columns;
  bool read_only = true;
};

}  // namespace entente::query
