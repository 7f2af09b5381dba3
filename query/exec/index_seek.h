// query/exec/index_seek.h — the index seek operators' specs: nodes of a label
// (NodeIndexSeek) or relationships of a type with their two ends
// (Directed/UndirectedRelationshipIndexSeek) found through a property index
// (storage/index_schema.h) instead of a scan. The planner (query/plan/index_planner.cc)
// picks them; the predicate a seek answers stays as a filter above it (or in the pattern's
// checks), so a seek only has to return a superset of the matching entities.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/exec/node_check.h"
#include "query/exec/operator.h"
#include "storage/index_schema.h"

namespace entente::query {

//! Which index to read and the condition on its keys, as expressions evaluated per row.
struct IndexKeySpec {
  //! On the key after `leading` (kAll: no condition on it; only with `leading`).
  enum class Mode : uint8_t { kEquals, kIn, kRange, kPrefix, kAll };
  std::string index_name;            // for EXPLAIN
  storage::IndexId index = 0;        // dropped since planning: the label/type is scanned
  std::vector<ExprProgram> leading;  // composite index: equalities on its first keys
  Mode mode = Mode::kEquals;
  ExprProgram value;         // kEquals: the value; kIn: the list; kPrefix: the prefix
  ExprProgram lower, upper;  // kRange: either or both
  bool lower_inclusive = true, upper_inclusive = true;
  std::string text;  // e.g. "p.id = $id"
};

//! What a row's comparands allow: a seek, nothing at all (a null or NaN comparand), or only
//! a scan (a comparand the index cannot answer: a list or map).
enum class IndexUse { kSeek, kNothing, kScan };

//! The storage range `spec` selects for `row` (set when `use` is kSeek).
std::optional<storage::IndexRange> indexRange(const IndexKeySpec& spec, const Row& row,
                                              ExecState& st, IndexUse& use);

struct IndexSeekSpec : IndexKeySpec {
  int slot = -1;
  std::string var;      // for EXPLAIN
  int label = -1;       // NameTable index of the indexed label
  NodeCheckSpec check;  // the rest of the node pattern (other labels, properties)
};

//! Runs once per input row: evaluates the comparand(s) and binds spec.slot to each node the
//! index returns that passes `check`. A null or NaN comparand finds nothing; a comparand the
//! index cannot answer (a list or map, a node) and a dropped index fall back to scanning
//! the label.
PlanPtr makeIndexSeek(IndexSeekSpec spec, PlanPtr input);

//! `(left)-[rel:T]-(right)` from an index on T: `dir` is the storage direction seen from
//! `left` (kOut: left is the source; kBoth: either end). Relations of a SYMMETRIC type also
//! match against their stored direction, as in Expand; a self loop matches once.
struct RelIndexSeekSpec : IndexKeySpec {
  int rel = -1, left = -1, right = -1;  // slots; left == right for `(a)-[r]-(a)`
  storage::Direction dir = storage::Direction::kOut;
  EdgeFilterSpec filter;                       // the type, inline properties (and AS OF)
  NodeCheckSpec left_check, right_check;       // the two node patterns
  std::vector<int> unique_rels, unique_lists;  // relationship uniqueness within a MATCH
  std::string left_var, rel_var, right_var;    // for EXPLAIN
};

//! Runs once per input row: binds rel, left and right to every relationship the index
//! returns that passes the filter and whose ends pass their checks (each orientation the
//! direction allows). Falls back to scanning the relationships like NodeIndexSeek.
PlanPtr makeRelIndexSeek(RelIndexSeekSpec spec, PlanPtr input);

}  // namespace entente::query
