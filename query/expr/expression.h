// query/expr/expression.h — compiled expressions, value semantics and aggregates.
//
// The binder/planner compiles every ast::Expr once per prepared statement into a tree of
// CompiledExpr nodes with variables resolved to row slots and functions to function
// pointers; execution then only evaluates. openCypher semantics throughout: three-valued
// logic with null, integer/float arithmetic (integer overflow is an ArgumentError... see
// docs), comparability and orderability across types, equality vs equivalence (grouping).
// Errors are thrown as QueryError (TypeError, ArgumentError, ParameterMissing, ...).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "query/ast/ast.h"
#include "query/expr/static_type.h"
#include "query/runtime/runtime_value.h"
#include "storage/graph_store.h"

namespace entente::query {

//! What an expression may read while it is evaluated (one per execution, one thread).
struct EvalContext {
  const storage::Transaction* txn = nullptr;
  const RMap* params = nullptr;  // sorted by name
  std::optional<Date> as_of;     // the statement's AS OF date, if any
  Date today{};                  // date() with no argument
  //! Entities the statement deleted (null when it deletes nothing): reading their
  //! properties or labels is an EntityNotFound error.
  const std::unordered_set<uint64_t>* deleted_node_ids = nullptr;
  const std::unordered_set<uint64_t>* deleted_rel_ids = nullptr;
  //! LOAD CSV: the file (as linenumber() and file() report it) and line of the row being
  //! read; null / 0 outside LOAD CSV.
  const std::string* csv_file = nullptr;
  int64_t csv_line = 0;
};

class CompiledExpr {
 public:
  virtual ~CompiledExpr() = default;
  //! Evaluates against one row. Thread-safe on a shared program (no mutable state), but
  //! comprehensions temporarily write their scratch slots in `row` (restored before
  //! returning; the row is resized if narrower): a row is used by one thread at a time.
  virtual RValue eval(const Row& row, EvalContext& ctx) const = 0;
};
using ExprProgram = std::unique_ptr<CompiledExpr>;

//! A pattern inside an expression, run as a sub-plan per row: an existence test (pattern
//! predicate, exists(), EXISTS { }) when `project` is null, else a pattern comprehension
//! (the list of `project` values, one per match).
struct PatternExprSpec {
  const ast::PatternPart* pattern = nullptr;
  const ast::SingleQuery* query = nullptr;  // EXISTS { MATCH ... RETURN ... } instead of a pattern
  const ast::Expr* where = nullptr;         // EXISTS { ... WHERE ... } / [... WHERE ... | ...]
  const ast::Expr* project = nullptr;       // pattern comprehension only
  bool bare = false;   // a bare pattern (WHERE (a)-->(b), exists(...)): introduces no variables
  bool count = false;  // COUNT { }: the number of matches / rows instead of a boolean
  //! Comprehension variables in scope around the pattern (name, slot), outermost first:
  //! they live in scratch slots the surrounding scope knows nothing about.
  std::vector<std::pair<std::string, int>> locals;
  ast::SourcePos pos;
};

//! How the compiler learns about the surrounding query.
class CompileScope {
 public:
  virtual ~CompileScope() = default;
  //! Row slot of a variable in scope, or nullopt (=> SyntaxError "Variable `x` not defined",
  //! UndefinedVariable).
  virtual std::optional<int> slotOf(std::string_view variable) const = 0;
  //! Allocates a scratch slot (list comprehension / quantifier variables). The caller
  //! makes rows wide enough for every slot ever allocated. The compiler scopes the
  //! variable itself (it is visible only inside the comprehension), so newSlot need not
  //! make `variable` resolvable through slotOf.
  virtual int newSlot(std::string_view variable) = 0;
  //! Compiles a pattern used inside an expression (see PatternExprSpec): provided by the
  //! planner, which knows how to match patterns. May throw QueryError.
  virtual ExprProgram compilePattern(const PatternExprSpec& spec) = 0;
  //! What the scope knows about a variable's type (for compile-time type errors).
  virtual StaticType typeOf(std::string_view variable) const { return StaticType::unknown(); }
};

//! Compiles an expression. Aggregate functions are NOT allowed here (the planner extracts
//! them first, see isAggregate); meeting one throws SyntaxError (InvalidAggregation).
ExprProgram compileExpression(const ast::Expr& expr, CompileScope& scope);
//! Compiles a WHERE: also rejects a predicate that can never be a boolean (`WHERE 1`,
//! `WHERE (n)`), and allows bare patterns (`WHERE (a)-->(b)`), which openCypher only
//! accepts where a boolean is expected.
ExprProgram compilePredicate(const ast::Expr& expr, CompileScope& scope);

//! True if `name` (case-insensitive) is an aggregate function: count, sum, avg, min, max,
//! collect, stDev, stDevP, percentileCont, percentileDisc.
bool isAggregate(std::string_view name);
//! True if the expression contains an aggregate call (not inside a nested comprehension).
bool containsAggregate(const ast::Expr& expr);
//! True if `name` is a known scalar function or procedure-free builtin (for the binder's
//! "Unknown function" error with a did-you-mean hint).
bool isKnownFunction(std::string_view name);
//! The closest known function name to `name`, or "" (for hints).
std::string suggestFunction(std::string_view name);

//! Accumulates one aggregate over a group. count(*) is name "count" with no argument.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual void add(const RValue& v) = 0;  // null values are skipped per openCypher
  virtual RValue result() const = 0;
};
//! Creates a fresh accumulator. `extra` holds constant extra arguments (percentile).
std::unique_ptr<Aggregator> makeAggregator(std::string_view name, bool distinct,
                                           const std::vector<RValue>& extra = {});

// ---- value semantics shared by operators ----------------------------------------------

//! openCypher `=`: true / false / null (nullopt). Lists compare element-wise, 1 = 1.0.
std::optional<bool> cypherEquals(const RValue& a, const RValue& b);
//! openCypher `<`-family comparability: nullopt when incomparable (null or different types).
std::optional<int> cypherCompare(const RValue& a, const RValue& b);
//! Total orderability for ORDER BY (maps < nodes < rels < lists < paths < strings < bools
//! < numbers < null, ascending; NaN handled).
int orderCompare(const RValue& a, const RValue& b);
//! Equivalence for DISTINCT / grouping / UNION (null ≡ null, 1 ≡ 1.0).
bool equivalent(const RValue& a, const RValue& b);
size_t equivalenceHash(const RValue& v);
//! Truthiness for WHERE: true only for boolean true; a non-boolean non-null is a TypeError.
std::optional<bool> toPredicate(const RValue& v, ast::SourcePos pos);

// ---- graph-aware helpers (need the transaction) --------------------------------------

//! Whether a relation is valid at `date` by the rule of storage/valid_time.h (since <= date
//! < until, open ends). (Also the function `validAt(r, date)`.)
bool relationValidAt(const storage::Transaction& txn, const RelRef& rel, Date date);
//! A property of a node/relationship (null if absent).
RValue nodeProperty(const storage::Transaction& txn, NodeRef n, std::string_view key);
RValue relProperty(const storage::Transaction& txn, const RelRef& r, std::string_view key);

}  // namespace entente::query
