// query/exec/pattern_expr.h — patterns inside expressions: pattern predicates
// (WHERE (a)-->(b)), exists(), EXISTS { }, COUNT { } and pattern comprehensions
// [(a)-->(b) | b.x].
#pragma once

#include <vector>

#include "query/exec/operator.h"
#include "query/expr/expression.h"

namespace entente::query {

//! True when `plan` (an Argument-rooted match sub-plan, WHERE included) yields at least one
//! row for the current row. `id` indexes the per-execution operator cache in ExecState.
ExprProgram makePatternExists(int id, PlanPtr plan);

//! The number of rows `plan` yields for the current row (COUNT { }).
ExprProgram makePatternCount(int id, PlanPtr plan);

//! The list of `project` values over the rows `plan` yields for the current row, in match
//! order. Null when one of the `bound` slots (variables the pattern takes from outside) is
//! null, as in Neo4j.
ExprProgram makePatternComprehension(int id, PlanPtr plan, ExprProgram project,
                                     std::vector<int> bound);

}  // namespace entente::query
