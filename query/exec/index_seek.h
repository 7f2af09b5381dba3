// query/exec/index_seek.h — the NodeIndexSeek operator's spec: nodes of a label found through
// a property index (storage/index_schema.h) instead of a label scan. The planner
// (query/plan/index_planner.cc) picks it; the predicate it answers stays as a filter above
// it (or in `check`), so the seek only has to return a superset of the matching nodes.
#pragma once

#include <string>
#include <vector>

#include "query/exec/node_check.h"
#include "query/exec/operator.h"
#include "storage/index_schema.h"

namespace entente::query {

struct IndexSeekSpec {
  //! On the key after `leading` (kAll: no condition on it; only with `leading`).
  enum class Mode : uint8_t { kEquals, kIn, kRange, kPrefix, kAll };
  int slot = -1;
  std::string var;                   // for EXPLAIN
  int label = -1;                    // NameTable index of the indexed label
  std::string index_name;            // for EXPLAIN
  storage::IndexId index = 0;        // dropped since planning: the label is scanned
  std::vector<ExprProgram> leading;  // composite index: equalities on its first keys
  Mode mode = Mode::kEquals;
  ExprProgram value;         // kEquals: the value; kIn: the list; kPrefix: the prefix
  ExprProgram lower, upper;  // kRange: either or both
  bool lower_inclusive = true, upper_inclusive = true;
  std::string text;     // e.g. "p.id = $id"
  NodeCheckSpec check;  // the rest of the node pattern (other labels, properties)
};

//! Runs once per input row: evaluates the comparand(s) and binds spec.slot to each node the
//! index returns that passes `check`. A null or NaN comparand finds nothing; a comparand the
//! index cannot answer (a list or map, a node) and a dropped index fall back to scanning
//! the label.
PlanPtr makeIndexSeek(IndexSeekSpec spec, PlanPtr input);

}  // namespace entente::query
