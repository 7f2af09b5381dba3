// query/parse/ast_builder.h — walks an Entente parse tree and builds the ast::Statement.
//
// The parse tree is ANTLR's; the result is ours (query/ast/ast.h) and outlives it. Besides
// copying structure, the builder decodes literals, folds a unary minus into a numeric
// literal, rewrites chained comparisons (a < b < c => a < b AND b < c, as openCypher
// defines them) and checks the syntax rules the grammar leaves open (RETURN last, UNION
// kinds, WITH aliases, CREATE relationship shapes). Every error is a positioned
// SyntaxError. Split over ast_builder.cc (statements, clauses), pattern_builder.cc,
// expr_builder.cc (operators) and atom_builder.cc.
#pragma once

#include <string>
#include <string_view>
#include <typeinfo>

#include "EntenteParser.h"
#include "entente/error.h"
#include "query/ast/ast.h"

namespace entente::query::syntax {

using P = entente_grammar::EntenteParser;

//! Expressions deeper than this are rejected: later stages recurse over the tree.
inline constexpr int kMaxExprDepth = 1000;

//! Destroys an expression tree without recursion (it may be deeper than the stack allows).
void destroyIteratively(ast::ExprPtr e);

//! Owns a partly built expression; frees it without recursion if building fails.
struct ExprHolder {
  ast::ExprPtr p;
  ExprHolder() = default;
  explicit ExprHolder(ast::ExprPtr e) : p(std::move(e)) {}
  ExprHolder(const ExprHolder&) = delete;
  ExprHolder& operator=(const ExprHolder&) = delete;
  ~ExprHolder() { destroyIteratively(std::move(p)); }
  ast::ExprPtr release() { return std::move(p); }
};

class AstBuilder {
 public:
  AstBuilder(std::string_view source, antlr4::CharStream* input) : source_(source), input_(input) {}

  ast::Statement statement(P::StatementContext* ctx);

 private:
  // ---- statements and clauses (ast_builder.cc) ----
  ast::DeclareRelType declareRelType(P::DeclareRelTypeContext* ctx);
  ast::IndexCommand indexCommand(P::SchemaCommandContext* ctx);  // index_builder.cc
  ast::Query query(P::QueryContext* ctx);
  ast::SingleQuery singleQuery(P::SingleQueryContext* ctx);
  ast::Clause clause(P::ClauseContext* ctx);
  ast::Projection projection(P::ProjectionBodyContext* ctx, bool is_with);
  std::vector<ast::SetItem> setItems(const std::vector<P::SetItemContext*>& items);
  ast::SetItem setItem(P::SetItemContext* ctx);
  ast::RemoveItem removeItem(P::RemoveItemContext* ctx);
  ast::CallClause callClause(P::CallClauseContext* ctx);
  ast::LoadCsvClause loadCsvClause(P::LoadCsvClauseContext* ctx);
  ast::ForeachClause foreachClause(P::ForeachClauseContext* ctx);
  ast::CallSubqueryClause callSubquery(P::CallSubqueryContext* ctx);
  void checkClauseOrder(P::SingleQueryContext* ctx, const ast::SingleQuery& q);

  // ---- patterns (pattern_builder.cc) ----
  ast::Pattern pattern(P::PatternContext* ctx);
  ast::PatternPart patternPart(P::PatternPartContext* ctx);
  ast::PatternPart patternElement(P::PatternElementContext* ctx);
  //! (a)-[r]->(b) inside an expression (pattern predicate, pattern comprehension).
  std::shared_ptr<ast::PatternPart> relationshipsPattern(P::RelationshipsPatternContext* ctx);
  ast::NodePattern nodePattern(P::NodePatternContext* ctx);
  ast::RelPattern relPattern(P::RelationshipPatternContext* ctx);
  ast::ExprPtr properties(P::PropertiesContext* ctx);
  std::vector<std::string> labels(P::NodeLabelsContext* ctx);
  void checkCreatePattern(const ast::PatternPart& part, bool merge);

  // ---- expressions (expr_builder.cc) ----
 public:
  ast::ExprPtr expression(P::ExpressionContext* ctx);
  //! A projection or sort expression: also records its source text.
  ast::ExprPtr namedExpression(P::ExpressionContext* ctx);

 private:
  //! Builds without the depth check; walks the left spine of operator chains iteratively.
  ast::ExprPtr expr(P::ExpressionContext* ctx);
  ast::ExprPtr signs(P::UnarySignsContext* ctx);
  ast::ExprPtr comparisonChain(std::vector<P::ExpressionContext*>& spine, size_t* i,
                               ast::ExprPtr first);
  ast::ExprPtr propertyExpr(P::PropertyExpressionContext* ctx);
  ast::ExprPtr atom(P::AtomContext* ctx);
  ast::ExprPtr literal(P::LiteralContext* ctx, antlr4::Token* minus);
  ast::ExprPtr functionCall(P::FunctionInvocationContext* ctx);
  ast::ExprPtr caseExpr(P::CaseExpressionContext* ctx);
  ast::ExprPtr patternComprehension(P::PatternComprehensionContext* ctx);
  ast::ExprPtr mapProjection(P::MapProjectionContext* ctx);
  //! EXISTS / COUNT { [MATCH] pattern [WHERE ...] } and { MATCH ... RETURN ... } bodies.
  ast::ExprPtr patternSubquery(ast::ExprKind kind, P::PatternContext* pattern,
                               P::WhereContext* where, ast::SourcePos pos);
  ast::ExprPtr querySubquery(ast::ExprKind kind, P::SingleQueryContext* query, ast::SourcePos pos);
  ast::ExprPtr reduce(P::ReduceContext* ctx);
  ast::ExprPtr filter(ast::ExprKind kind, P::FilterExpressionContext* ctx, antlr4::Token* start);
  //! Throws if `e` is deeper than kMaxExprDepth (only walked when `ctx` spans many tokens).
  void checkDepth(const ast::ExprPtr& e, antlr4::ParserRuleContext* ctx);

  // ---- shared helpers (ast_builder.cc) ----
 public:
  //! Throws a SyntaxError at the token or position; `detail` is openCypher's name for it.
  [[noreturn]] void error(const std::string& what, const antlr4::Token* at,
                          ErrorDetail detail = ErrorDetail::kUnexpectedSyntax) const;
  [[noreturn]] void error(const std::string& what, ast::SourcePos pos,
                          ErrorDetail detail = ErrorDetail::kUnexpectedSyntax) const;
  std::string text(antlr4::ParserRuleContext* ctx) const;
  static std::string name(P::SymbolicNameContext* ctx);
  static std::string name(P::VariableContext* ctx);
  static std::string name(P::SchemaNameContext* ctx);
  std::string stringValue(antlr4::Token* t) const;

 private:
  std::string_view source_;
  antlr4::CharStream* input_;
};

//! The context if `ctx` is exactly a T (labelled alternatives are leaf classes). Cheaper
//! than dynamic_cast, which compares type names on this toolchain.
template <class T, class B>
T* as(B* ctx) {
  return ctx != nullptr && typeid(*ctx) == typeid(T) ? static_cast<T*>(ctx) : nullptr;
}

inline ast::SourcePos posOf(antlr4::ParserRuleContext* ctx) {
  const antlr4::Token* t = ctx->getStart();
  return {static_cast<int>(t->getLine()), static_cast<int>(t->getCharPositionInLine()) + 1};
}

}  // namespace entente::query::syntax
