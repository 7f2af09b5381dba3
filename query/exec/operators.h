// query/exec/operators.h — the physical operators, as specs + factory functions.
//
// The planner fills a spec and calls make*(); each operator's implementation lives in its
// own file under query/exec/. Slots are row positions assigned by the binder; name indexes
// refer to the plan's NameTable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/exec/node_check.h"
#include "query/exec/operator.h"

namespace entente::query {

struct Procedure;
enum class ScanKind { kAll, kLabel, kById, kByName, kByNameProperty, kBound };

// ---- sources, scans and expansions -------------------------------------------------------

PlanPtr makeOnce();      // one empty row
PlanPtr makeArgument();  // the outer row once per reset (inner side of an apply)

struct ScanSpec {
  ScanKind kind = ScanKind::kAll;
  int slot = -1;
  std::string var;  // for EXPLAIN
  int label = -1;   // kLabel
  ExprProgram key;  // kById: the id(s); kByName / kByNameProperty: the name
  std::string key_text;
  bool key_list = false;      // kByNameProperty: `name IN list` (each string looked up)
  bool required = false;      // kByName in CREATE/MERGE: no match is EntityNotFound
  bool verify_exists = true;  // kById: false when an expansion follows (no edges, no rows)
  NodeCheckSpec check;
};
PlanPtr makeScan(ScanSpec spec, PlanPtr input);

//! What single-hop and variable-length expansion share: the two ends and the edge filter.
struct ExpandEnds {
  int from = -1, to = -1;
  storage::Direction dir = storage::Direction::kOut;
  bool into = false;  // `to` already bound: only edges reaching it
  EdgeFilterSpec filter;
  NodeCheckSpec to_check;
  std::vector<int> unique_rels, unique_lists;  // relationship uniqueness within a MATCH
  std::string from_var, rel_var, to_var;       // for EXPLAIN
};

struct ExpandSpec : ExpandEnds {
  int rel = -1;
  bool rel_bound = false;  // `rel` already bound: only that edge
};
PlanPtr makeExpand(ExpandSpec spec, PlanPtr input);

struct VarExpandSpec : ExpandEnds {
  int list = -1;                // slot of the relationship list (-1 if unused)
  int64_t min = 1, max = 1;     // max -1: unbounded, capped at QueryOptions::default_max_hops
  bool reverse_list = false;    // expanded against the pattern's order: reverse r
  bool distinct_reach = false;  // BFS: each reachable node once (see var_length_expand.cc)
};
PlanPtr makeVarExpand(VarExpandSpec spec, PlanPtr input);

struct ShortestPathSpec {
  int from = -1, to = -1, path = -1, list = -1;
  storage::Direction dir = storage::Direction::kOut;
  int64_t min = 1, max = -1;  // max -1: QueryOptions::default_max_hops
  bool all = false;
  bool reverse = false;  // the pattern's left node is `to` (path built in pattern order)
  EdgeFilterSpec filter;
  std::string from_var, to_var, path_var;
};
PlanPtr makeShortestPath(ShortestPathSpec spec, PlanPtr input);

struct PathSegment {
  int rel = -1;  // slot of a relationship, or of a relationship list if is_list
  bool is_list = false;
  int node = -1;  // slot of the node after the segment
};
struct BuildPathSpec {
  int slot = -1, start = -1;
  std::vector<PathSegment> segments;
  std::string var;
};
PlanPtr makeBuildPath(BuildPathSpec spec, PlanPtr input);
//! Writes the path into spec.slot (null if the start is null); false if malformed.
bool buildPath(const BuildPathSpec& spec, Row& row);

// ---- relational operators ------------------------------------------------------------

PlanPtr makeFilter(ExprProgram predicate, std::string text, PlanPtr input);

struct ProjectItem {
  int slot;
  ExprProgram expr;
  std::string text;
};
PlanPtr makeProject(std::vector<ProjectItem> items, PlanPtr input);

struct AggregateItem {
  int slot;
  std::string function;  // "count", "sum", ...
  bool distinct = false;
  ExprProgram arg;                 // null for count(*)
  std::vector<ExprProgram> extra;  // constant extra arguments (percentiles)
  std::string text;
};
PlanPtr makeAggregate(std::vector<ProjectItem> keys, std::vector<AggregateItem> aggs,
                      PlanPtr input);
PlanPtr makeDistinct(std::vector<int> slots, PlanPtr input);

struct SortKey {
  ExprProgram expr;
  bool descending = false;
  std::string text;
};
PlanPtr makeSort(std::vector<SortKey> keys, PlanPtr input);
//! `drain`: once the limit is reached, still pull the rest of the input (updates upstream
//! must happen for every row).
PlanPtr makeSkipLimit(ExprProgram skip, ExprProgram limit, bool drain, PlanPtr input);
//! The row count a SKIP / LIMIT value stands for, or a SyntaxError (negative, not an integer).
int64_t skipLimitCount(const RValue& v, const char* what);
PlanPtr makeUnwind(ExprProgram list, int slot, std::string text, PlanPtr input);
//! LOAD CSV: per input row, opens the file `url` names (in the import directory) and
//! streams its records into `slot` (a list of strings, or a map WITH HEADERS).
struct LoadCsvSpec {
  ExprProgram url;
  int slot = 0;
  bool headers = false;
  char delimiter = ',';
  std::string text;  // for EXPLAIN
};
PlanPtr makeLoadCsv(LoadCsvSpec spec, PlanPtr input);
//! Left outer apply: rows of `inner` (run per input row, an Argument at its leaf), or the
//! input row with `null_slots` set to null when inner has none.
PlanPtr makeOptional(std::vector<int> null_slots, PlanPtr input, PlanPtr inner);
//! Semi apply used by pattern predicates is in pattern_expr.h.
PlanPtr makeUnion(bool all, std::vector<std::vector<int>> part_slots, std::vector<int> out_slots,
                  std::vector<PlanPtr> parts);
//! Materialises all input rows before producing any (write statements read their own
//! writes only between clauses).
PlanPtr makeEager(PlanPtr input);

//! IN TRANSACTIONS [OF rows ROWS] of a CALL { }.
struct CallBatching {
  ExprProgram rows;  // the batch size (a constant or a parameter), or null: kDefaultBatchRows
  std::string text;
};
inline constexpr int64_t kDefaultBatchRows = 1000;
//! CALL { } subquery: `inner` (Argument-rooted) runs per input row. Returning: the input
//! row extended with each inner row. `unit` (no RETURN): the input row once, after the
//! inner plan ran to exhaustion. With `batching`, commits after every batch of input rows
//! (ExecState::commit_batch).
PlanPtr makeCallSubquery(bool unit, PlanPtr input, PlanPtr inner,
                         std::optional<CallBatching> batching = std::nullopt);

struct ProcedureCallSpec {
  const Procedure* procedure = nullptr;
  std::vector<ExprProgram> args;
  std::vector<std::pair<int, int>> yields;  // (output column index, slot)
};
PlanPtr makeProcedureCall(ProcedureCallSpec spec, PlanPtr input);

// ---- writes --------------------------------------------------------------------------

//! The properties of a created node or relationship. A map literal `{k: v, …}` (the usual
//! case) is kept as its entries, each key a NameTable index: per row only the values are
//! evaluated, straight into stored properties, with no map built and no key looked up.
struct CreatePropsSpec {
  std::vector<std::pair<int, ExprProgram>> entries;  // a map literal: unique keys
  ExprProgram map;                                   // any other map expression, or null
};
struct CreateNodeSpec {
  int slot;
  std::vector<int> labels;
  CreatePropsSpec props;
};
struct CreateRelSpec {
  int slot, from, to;
  int type;
  CreatePropsSpec props;
  std::string var;
};
struct CreateSpec {
  std::vector<CreateNodeSpec> nodes;
  std::vector<CreateRelSpec> rels;
  std::vector<BuildPathSpec> paths;
  std::string text;
};
PlanPtr makeCreate(CreateSpec spec, PlanPtr input);
//! Creates the pattern for the current row (shared by CREATE and MERGE). `merge` rejects
//! null property values (openCypher: cannot MERGE on null).
void applyCreate(ExecState& st, const CreateSpec& spec, Row& row, bool merge);

enum class SetOpKind { kProperty, kReplace, kMerge, kLabels, kRemoveProperty, kRemoveLabels };
struct SetOpSpec {
  SetOpKind kind = SetOpKind::kProperty;
  ExprProgram target;  // node or relationship (kProperty/kRemoveProperty: the owner)
  int key = -1;        // kProperty / kRemoveProperty: NameTable index
  ExprProgram value;   // kProperty / kReplace / kMerge
  std::vector<int> labels;
  ast::SourcePos pos;
};
struct SetSpec {
  std::vector<SetOpSpec> ops;
  std::string text;
};
PlanPtr makeSet(SetSpec spec, PlanPtr input);
//! Applies SET items to the current row (shared by SET, REMOVE and MERGE's ON ... SET).
void applySetOps(ExecState& st, const std::vector<SetOpSpec>& ops, const Row& row);

struct DeleteSpec {
  std::vector<ExprProgram> targets;
  bool detach = false;
  std::string text;
};
PlanPtr makeDelete(DeleteSpec spec, PlanPtr input);

//! FOREACH (x IN list | body): runs `body` (Argument-rooted updates) per element of `list`
//! with the element in `slot`; passes the input row on unchanged.
PlanPtr makeForeach(ExprProgram list, int slot, std::string text, PlanPtr input, PlanPtr body);

struct MergeSpec {
  CreateSpec create;  // what to create when the match finds nothing (null values rejected)
  std::vector<SetOpSpec> on_match, on_create;
  std::string text;
};
//! children: input, match (Argument-rooted sub-plan producing the pattern's matches).
PlanPtr makeMerge(MergeSpec spec, PlanPtr input, PlanPtr match);

}  // namespace entente::query
