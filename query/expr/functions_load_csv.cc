// linenumber() and file(): where the LOAD CSV record being processed comes from (Neo4j's
// functions; null outside LOAD CSV). The LoadCsv operator keeps EvalContext::csv_* current.
#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

RValue linenumber(const FnArgs& a) {
  if (!a.ctx.csv_file) return RValue();
  return RValue(a.ctx.csv_line);
}

RValue file(const FnArgs& a) {
  if (!a.ctx.csv_file) return RValue();
  return RValue(*a.ctx.csv_file);
}

// Not pure: the value changes with every record.
const FunctionDef kLoadCsv[] = {
    {"linenumber", 0, 0, linenumber, false, false},
    {"file", 0, 0, file, false, false},
};

}  // namespace

std::span<const FunctionDef> loadCsvFunctions() { return kLoadCsv; }

}  // namespace entente::query::expr
