// query/exec/pattern_expr.h — a pattern used as a boolean (WHERE (a)-->(b), EXISTS { }).
#pragma once

#include "query/exec/operator.h"
#include "query/expr/expression.h"

namespace entente::query {

//! True when `plan` (an Argument-rooted match sub-plan) yields at least one row for the
//! current row. `id` indexes the per-execution operator cache in ExecState.
ExprProgram makePatternExists(int id, PlanPtr plan);

}  // namespace entente::query
