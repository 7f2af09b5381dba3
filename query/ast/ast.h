// query/ast/ast.h — Entente's own syntax tree of a statement.
//
// query/parse/ builds it from the ANTLR parse tree (the only code that sees ANTLR types);
// the binder, planner and executor work on it. It is a plain data structure: every node
// carries the source position of its first token so later stages can report errors with
// line and column. Expressions use one generic node type (Expr) whose fields are used
// according to its kind, as documented on ExprKind.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "entente/value.h"

namespace entente::query::ast {

//! 1-based line and column (column counts characters from 1).
struct SourcePos {
  int line = 0;
  int column = 0;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind : uint8_t {
  kLiteral,    // literal: the value (null, bool, int, float, string)
  kParameter,  // name: parameter name without '$'
  kVariable,   // name
  kProperty,   // children[0] . name
  kList,       // children: items
  kMap,        // map_keys[i] : children[i]
  kUnary,      // op (kNot, kNeg, kPlus), children[0]
  kBinary,     // op, children[0] op children[1] (arithmetic, comparison, boolean, string, IN)
  kIsNull,     // children[0] IS NULL
  kIsNotNull,  // children[0] IS NOT NULL
  kFunction,   // name (as written, e.g. "toUpper", "alliance.x"), distinct, children: args
  kCountStar,  // count(*)
  kCase,       // children[0] = subject or null ExprPtr for a searched CASE; then pairs
               // (when, then) in children[1..2k]; has_else => last child is the ELSE
  kIndex,      // children[0] [ children[1] ]
  kSlice,      // children[0] [ children[1] .. children[2] ] (either bound may be null)
  kListComprehension,  // [name IN children[0] WHERE children[1] | children[2]] (1,2 may be null)
  kQuantifier,         // op = kAll/kAny/kNone/kSingle: op(name IN children[0] WHERE children[1])
  kPatternPredicate,   // a pattern used as a boolean (WHERE (a)-->(b)); pattern in `pattern`
  kExists,             // exists(children[0]): a property, or a kPatternPredicate; with `pattern`
            // set, EXISTS { pattern [WHERE children[0]] } (children empty without WHERE);
            // with `subquery` set, EXISTS { <query> } (no children)
  kLabelCheck,            // children[0]:Label1:Label2 (labels in map_keys)
  kPatternComprehension,  // [pattern WHERE children[0] | children[1]] (children[0] may be
                          // null); the path variable, if any, is pattern->path_variable
  kMapProjection,         // children[0] {map_keys[i]: children[i + 1], ...}; `.key` items are
                          // stored as key: children[0].key; all_properties => `.*` was given
  kCountSubquery,         // COUNT { ... }: the forms of kExists (`pattern` [+ WHERE children[0]] or
                          // `subquery`), giving the number of matches / rows instead of a boolean
  kReduce,                // reduce(name = children[0], map_keys[0] IN children[1] | children[2]):
                          // name is the accumulator, map_keys[0] the element variable
};

enum class Op : uint8_t {
  kNone,
  // unary
  kNot,
  kNeg,
  kPlus,
  // boolean
  kAnd,
  kOr,
  kXor,
  // comparison
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  // arithmetic
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  // string and list predicates
  kStartsWith,
  kEndsWith,
  kContains,
  kIn,
  kRegexMatch,
  // quantifiers
  kAll,
  kAny,
  kNone_,
  kSingle,
};

//! + - * / % ^
inline bool isArithmetic(Op op) { return op >= Op::kAdd && op <= Op::kPow; }

struct PatternPart;
struct SingleQuery;

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  SourcePos pos;
  Op op = Op::kNone;
  Value literal;                          // kLiteral
  std::string name;                       // parameter / variable / property key / function name
  bool distinct = false;                  // kFunction: f(DISTINCT x)
  bool has_else = false;                  // kCase
  bool all_properties = false;            // kMapProjection: `.*`
  std::vector<ExprPtr> children;          // see ExprKind
  std::vector<std::string> map_keys;      // kMap keys, kLabelCheck labels
  std::shared_ptr<PatternPart> pattern;   // kPatternPredicate, kExists with a pattern,
                                          // kPatternComprehension
  std::shared_ptr<SingleQuery> subquery;  // kExists / kCountSubquery of a full query:
                                          // EXISTS { MATCH ... RETURN ... }
  std::string text;                       // the expression's source text (for column names)
};

// ---- patterns ---------------------------------------------------------------------------

struct NodePattern {
  SourcePos pos;
  std::string variable;                 // "" if anonymous
  std::vector<std::string> labels;      // (:A:B) => {"A","B"}
  ExprPtr properties;                   // a kMap or kParameter expression, or null
  std::optional<std::string> name_ref;  // ("Al-Nusra Front"): node by name or alias
};

enum class RelDirection : uint8_t { kRight, kLeft, kBoth };  // -->, <--, --

struct RelPattern {
  SourcePos pos;
  std::string variable;
  std::vector<std::string> types;  // [:A|B] => {"A","B"}; empty = any
  RelDirection direction = RelDirection::kBoth;
  ExprPtr properties;               // kMap or kParameter, or null
  bool var_length = false;          // `*` present
  std::optional<int64_t> min_hops;  // *2.. => 2 ; * => nullopt (1)
  std::optional<int64_t> max_hops;  // *..4 => 4 ; * => nullopt (engine cap, reported)
};

enum class PathKind : uint8_t { kPlain, kShortest, kAllShortest };

//! (a)-[r]->(b)<-[s]-(c): nodes.size() == rels.size() + 1.
struct PatternPart {
  SourcePos pos;
  std::string path_variable;  // p = ...
  PathKind kind = PathKind::kPlain;
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;
};

struct Pattern {
  std::vector<PatternPart> parts;  // comma-separated parts
};

// ---- clauses ----------------------------------------------------------------------------

struct MatchClause {
  SourcePos pos;
  bool optional = false;
  Pattern pattern;
  ExprPtr where;
};

struct UnwindClause {
  SourcePos pos;
  ExprPtr list;
  std::string alias;
};

//! LOAD CSV [WITH HEADERS] FROM url AS alias [FIELDTERMINATOR 'c']: one row per record of
//! the file, a list of strings (a map by the header's names WITH HEADERS).
struct LoadCsvClause {
  SourcePos pos;
  bool headers = false;
  ExprPtr url;
  std::string alias;
  char terminator = ',';
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // explicit AS alias, or "" (column name is then expr->text)
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  SourcePos pos;
  bool distinct = false;
  bool star = false;  // RETURN * / WITH *
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;
  ExprPtr limit;
};

struct WithClause {
  Projection projection;
  ExprPtr where;
};

struct ReturnClause {
  Projection projection;
};

struct CreateClause {
  SourcePos pos;
  Pattern pattern;
};

enum class SetKind : uint8_t {
  kProperty,    // target.key = value       (target = children-style expr in `target`)
  kReplaceAll,  // variable = map
  kMergeMap,    // variable += map
  kLabels,      // variable:Label:Label
};

struct SetItem {
  SourcePos pos;
  SetKind kind = SetKind::kProperty;
  ExprPtr target;                   // kProperty: a kProperty expr (a.b.c allowed as written)
  std::string variable;             // kReplaceAll, kMergeMap, kLabels
  ExprPtr value;                    // all but kLabels
  std::vector<std::string> labels;  // kLabels
};

struct SetClause {
  SourcePos pos;
  std::vector<SetItem> items;
};

enum class RemoveKind : uint8_t { kProperty, kLabels };

struct RemoveItem {
  SourcePos pos;
  RemoveKind kind = RemoveKind::kProperty;
  ExprPtr target;                   // kProperty: a kProperty expr
  std::string variable;             // kLabels
  std::vector<std::string> labels;  // kLabels
};

struct RemoveClause {
  SourcePos pos;
  std::vector<RemoveItem> items;
};

struct MergeClause {
  SourcePos pos;
  PatternPart part;
  std::vector<SetItem> on_create;
  std::vector<SetItem> on_match;
};

struct DeleteClause {
  SourcePos pos;
  bool detach = false;
  std::vector<ExprPtr> targets;
};

struct YieldItem {
  std::string field;  // procedure output column
  std::string alias;  // AS alias, or "" (same as field)
};

struct CallClause {
  SourcePos pos;
  std::string procedure;  // "alliance.stance"
  std::vector<ExprPtr> args;
  bool yield_star = false;  // YIELD * or no YIELD (standalone CALL)
  std::vector<YieldItem> yields;
  ExprPtr where;
};

struct Query;

//! FOREACH (variable IN list | body): body holds only updating clauses (CREATE, MERGE, SET,
//! REMOVE, DELETE, FOREACH), run once per element; nothing it binds is visible after it.
struct ForeachClause {
  SourcePos pos;
  std::string variable;
  ExprPtr list;
  std::shared_ptr<SingleQuery> body;
};

//! CALL [(a, b)] { query } [IN TRANSACTIONS [OF batch ROWS]]: the subquery runs once per
//! incoming row. Correlated through the scope clause `(a, b)` / `(*)`, or (without one) when
//! a part starts with an importing `WITH a, b`.
struct CallSubqueryClause {
  SourcePos pos;
  bool has_scope = false;               // CALL (...) { }
  bool scope_all = false;               // CALL (*) { }
  std::vector<std::string> scope_vars;  // CALL (a, b) { }
  std::vector<SourcePos> scope_pos;
  std::shared_ptr<Query> query;
  bool in_transactions = false;
  ExprPtr batch_rows;  // OF n ROWS, or null (the default batch size)
};

using Clause = std::variant<MatchClause, UnwindClause, WithClause, ReturnClause, CreateClause,
                            MergeClause, SetClause, RemoveClause, DeleteClause, CallClause,
                            ForeachClause, CallSubqueryClause, LoadCsvClause>;

struct SingleQuery {
  std::vector<Clause> clauses;
};

//! parts[0] UNION [ALL] parts[1] ...; union_all[i] joins parts[i] and parts[i+1].
struct Query {
  std::vector<SingleQuery> parts;
  std::vector<bool> union_all;
};

// ---- schema statements (Entente extensions) --------------------------------------------

//! CREATE RELATION TYPE BACKS POSITIVE [SYMMETRIC] [TRANSITIVE] [INVERSE BACKED_BY]
//!   [COMMENT 'text']
struct DeclareRelType {
  SourcePos pos;
  std::string name;
  int sign = 0;  // -1, 0, +1
  bool symmetric = false;
  bool transitive = false;
  std::string inverse;
  std::string description;
};

//! CREATE INDEX / CREATE CONSTRAINT / DROP INDEX / DROP CONSTRAINT / SHOW INDEXES /
//! SHOW CONSTRAINTS (Neo4j 5 syntax; see docs/language.md).
struct IndexCommand {
  enum class Kind : uint8_t { kCreateIndex, kCreateConstraint, kDrop, kShow };
  enum class Rule : uint8_t { kNone, kUnique, kNotNull };
  SourcePos pos;
  Kind kind = Kind::kShow;
  bool constraint = false;     // kDrop / kShow: CONSTRAINT(S) rather than INDEX(ES)
  std::string name;            // empty: derived by storage (create)
  bool if_not_exists = false;  // create
  bool if_exists = false;      // drop
  bool relationship = false;   // FOR ()-[r:TYPE]-() rather than FOR (n:Label)
  std::string target;          // the label or relationship type
  std::vector<std::string> properties;
  Rule rule = Rule::kNone;  // kCreateConstraint
};

enum class StatementKind : uint8_t { kQuery, kDeclareRelType, kShowSchema, kIndexCommand };
enum class ExplainMode : uint8_t { kNone, kExplain, kProfile };

struct Statement {
  SourcePos pos;
  StatementKind kind = StatementKind::kQuery;
  ExplainMode explain = ExplainMode::kNone;
  ExprPtr as_of;  // AS OF <expr> prefix (a date string/date/parameter), or null
  Query query;
  DeclareRelType declare;
  IndexCommand index;
};

//! Deep copy of `e` (patterns are immutable once built, so they are shared). Where `subst`
//! returns non-null for a sub-expression, that replaces it (aggregate extraction, ORDER BY
//! over projected items, chained comparisons).
ExprPtr rewriteExpr(const Expr& e, const std::function<ExprPtr(const Expr&)>& subst);
inline ExprPtr cloneExpr(const Expr& e) { return rewriteExpr(e, nullptr); }

}  // namespace entente::query::ast
