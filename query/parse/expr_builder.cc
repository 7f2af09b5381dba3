// Expressions, lowest precedence first (mirrors the grammar's rule chain).
//
// Partial trees are kept in ExprHolder/ExprList so that an error part-way through a very
// long operator chain frees them without deep recursion; expression() rejects trees deeper
// than kMaxExprDepth once built.
#include <utility>

#include "query/parse/ast_builder.h"
#include "query/parse/literals.h"
#include "query/parse/syntax_error.h"

namespace entente::query::syntax {

using antlr4::Token;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;
using Lexer = entente_grammar::EntenteParser;  // token type constants

namespace {

struct ExprList {
  std::vector<ExprPtr> v;
  ExprList() = default;
  ExprList(const ExprList&) = delete;
  ExprList& operator=(const ExprList&) = delete;
  ~ExprList() {
    for (auto& e : v) destroyIteratively(std::move(e));
  }
};

ExprPtr make(ExprKind kind, ast::SourcePos pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

ExprPtr unary(Op op, ExprPtr operand, ast::SourcePos pos) {
  auto e = make(ExprKind::kUnary, pos);
  e->op = op;
  e->children.push_back(std::move(operand));
  return e;
}

ExprPtr binary(Op op, ExprPtr l, ExprPtr r) {
  auto e = make(ExprKind::kBinary, l->pos);
  e->op = op;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

// AND/OR/XOR are associative, so a long chain becomes a balanced tree (depth log n):
// generated queries with thousands of ORs stay shallow.
ExprPtr balanced(Op op, std::vector<ExprPtr>& items, size_t from, size_t to) {
  if (to - from == 1) return std::move(items[from]);
  size_t mid = from + (to - from) / 2;
  ExprPtr l = balanced(op, items, from, mid);
  ExprPtr r = balanced(op, items, mid, to);
  return binary(op, std::move(l), std::move(r));
}

Op comparisonOp(size_t type) {
  switch (type) {
    case Lexer::EQ: return Op::kEq;
    case Lexer::NE: return Op::kNe;
    case Lexer::LT: return Op::kLt;
    case Lexer::GT: return Op::kGt;
    case Lexer::LE: return Op::kLe;
    default: return Op::kGe;
  }
}

}  // namespace

void destroyIteratively(ExprPtr e) {
  if (!e) return;
  std::vector<ExprPtr> stack;
  stack.push_back(std::move(e));
  while (!stack.empty()) {
    ExprPtr x = std::move(stack.back());
    stack.pop_back();
    for (auto& c : x->children) {
      if (c) stack.push_back(std::move(c));
    }
  }
}

void AstBuilder::checkDepth(const ExprPtr& e, antlr4::ParserRuleContext* ctx) {
  // A tree cannot be deeper than the number of tokens it was built from (give or take the
  // folded minus signs), so short expressions skip the walk.
  const Token* stop = ctx->getStop();
  if (!e || stop == nullptr ||
      stop->getTokenIndex() < ctx->getStart()->getTokenIndex() + kMaxExprDepth) {
    return;
  }
  std::vector<std::pair<const Expr*, int>> stack{{e.get(), 1}};
  while (!stack.empty()) {
    auto [x, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxExprDepth) {
      error("expression nested too deeply (more than " + std::to_string(kMaxExprDepth) + " levels)",
            ctx->getStart());
    }
    for (const auto& c : x->children) {
      if (c) stack.emplace_back(c.get(), depth + 1);
    }
  }
}

ExprPtr AstBuilder::expression(P::ExpressionContext* ctx) {
  ExprHolder e(expr(ctx));
  checkDepth(e.p, ctx);
  return e.release();
}

ExprPtr AstBuilder::namedExpression(P::ExpressionContext* ctx) {
  ExprPtr e = expression(ctx);
  e->text = text(ctx);
  return e;
}

namespace {

enum class Alt : uint8_t {
  kAtom,
  kProperty,
  kIndex,
  kSlice,
  kLabels,
  kSigns,
  kPow,
  kMul,
  kAdd,
  kStringList,
  kNull,
  kCompare,
  kNot,
  kAnd,
  kXor,
  kOr
};

// Most frequent first: typeid comparison is a pointer check when it matches.
Alt classify(P::ExpressionContext* ctx) {
  const std::type_info& t = typeid(*ctx);
  if (t == typeid(P::AtomExprContext)) return Alt::kAtom;
  if (t == typeid(P::PropertyLookupContext)) return Alt::kProperty;
  if (t == typeid(P::ComparisonExprContext)) return Alt::kCompare;
  if (t == typeid(P::AndExprContext)) return Alt::kAnd;
  if (t == typeid(P::OrExprContext)) return Alt::kOr;
  if (t == typeid(P::AdditiveExprContext)) return Alt::kAdd;
  if (t == typeid(P::MultiplicativeExprContext)) return Alt::kMul;
  if (t == typeid(P::StringListExprContext)) return Alt::kStringList;
  if (t == typeid(P::NullCheckContext)) return Alt::kNull;
  if (t == typeid(P::NotExprContext)) return Alt::kNot;
  if (t == typeid(P::UnarySignsContext)) return Alt::kSigns;
  if (t == typeid(P::IndexLookupContext)) return Alt::kIndex;
  if (t == typeid(P::SliceLookupContext)) return Alt::kSlice;
  if (t == typeid(P::LabelCheckContext)) return Alt::kLabels;
  if (t == typeid(P::PowerExprContext)) return Alt::kPow;
  return Alt::kXor;
}

bool leftRecursive(Alt a) { return a != Alt::kAtom && a != Alt::kSigns && a != Alt::kNot; }

// In every left-recursive alternative the left operand is the first child and a binary
// operator's right operand the third.
P::ExpressionContext* operand(P::ExpressionContext* ctx, size_t i) {
  return static_cast<P::ExpressionContext*>(ctx->children[i]);
}

Op stringListOp(P::StringListOpContext* ctx) {
  switch (ctx->getStart()->getType()) {
    case Lexer::STARTS: return Op::kStartsWith;
    case Lexer::ENDS: return Op::kEndsWith;
    case Lexer::CONTAINS: return Op::kContains;
    case Lexer::IN: return Op::kIn;
    default: return Op::kRegexMatch;
  }
}

}  // namespace

ExprPtr AstBuilder::expr(P::ExpressionContext* ctx) {
  // ((a + b) * c).d is a left spine [.d, *, +] above the leaf a: walk it with a loop, not
  // recursion, since a chain of n operators is n contexts deep.
  std::vector<P::ExpressionContext*> spine;
  P::ExpressionContext* leaf = ctx;
  Alt alt = classify(leaf);
  while (leftRecursive(alt)) {
    spine.push_back(leaf);
    leaf = operand(leaf, 0);
    alt = classify(leaf);
  }
  ExprHolder acc;
  if (alt == Alt::kAtom) {
    acc.p = atom(static_cast<P::AtomExprContext*>(leaf)->atom());
  } else if (alt == Alt::kSigns) {
    acc.p = signs(static_cast<P::UnarySignsContext*>(leaf));
  } else {
    acc.p = expr(static_cast<P::ExpressionContext*>(leaf->children.back()));
    for (size_t n = leaf->children.size() - 1; n-- > 0;) {
      acc.p =
          unary(Op::kNot, acc.release(),
                posOf(static_cast<antlr4::tree::TerminalNode*>(leaf->children[n])->getSymbol()));
    }
  }
  const ast::SourcePos pos = acc.p->pos;
  for (size_t i = spine.size(); i-- > 0;) {
    P::ExpressionContext* c = spine[i];
    switch (Alt a = classify(c)) {
      case Alt::kAnd:
      case Alt::kOr:
      case Alt::kXor: {
        ExprList ops;
        ops.v.push_back(acc.release());
        for (;;) {
          ops.v.push_back(expr(operand(spine[i], 2)));
          if (i == 0 || classify(spine[i - 1]) != a) break;
          --i;
        }
        Op op = a == Alt::kAnd ? Op::kAnd : a == Alt::kOr ? Op::kOr : Op::kXor;
        acc.p = balanced(op, ops.v, 0, ops.v.size());
        break;
      }
      case Alt::kCompare: acc.p = comparisonChain(spine, &i, acc.release()); break;
      case Alt::kProperty: {
        auto x = make(ExprKind::kProperty, pos);
        x->name = name(static_cast<P::PropertyLookupContext*>(c)->propertyKeyName()->schemaName());
        x->children.push_back(acc.release());
        acc.p = std::move(x);
        break;
      }
      case Alt::kIndex: {
        ExprHolder index(expression(static_cast<P::IndexLookupContext*>(c)->index));
        auto x = make(ExprKind::kIndex, pos);
        x->children.push_back(acc.release());
        x->children.push_back(index.release());
        acc.p = std::move(x);
        break;
      }
      case Alt::kSlice: {
        auto* slice = static_cast<P::SliceLookupContext*>(c);
        ExprHolder from(slice->from ? expression(slice->from) : nullptr);
        ExprHolder to(slice->to ? expression(slice->to) : nullptr);
        auto x = make(ExprKind::kSlice, pos);
        x->children.push_back(acc.release());
        x->children.push_back(from.release());
        x->children.push_back(to.release());
        acc.p = std::move(x);
        break;
      }
      case Alt::kLabels: {
        auto x = make(ExprKind::kLabelCheck, pos);
        x->map_keys = labels(static_cast<P::LabelCheckContext*>(c)->nodeLabels());
        x->children.push_back(acc.release());
        acc.p = std::move(x);
        break;
      }
      case Alt::kNull: {
        bool negated = c->children.size() == 4;  // expr IS NOT NULL
        auto x = make(negated ? ExprKind::kIsNotNull : ExprKind::kIsNull, pos);
        x->children.push_back(acc.release());
        acc.p = std::move(x);
        break;
      }
      default: {
        Op op = Op::kPow;
        if (a == Alt::kStringList) {
          op = stringListOp(static_cast<P::StringListOpContext*>(c->children[1]));
        } else if (a != Alt::kPow) {
          size_t t =
              static_cast<antlr4::tree::TerminalNode*>(c->children[1])->getSymbol()->getType();
          op = t == Lexer::PLUS    ? Op::kAdd
               : t == Lexer::MINUS ? Op::kSub
               : t == Lexer::STAR  ? Op::kMul
               : t == Lexer::SLASH ? Op::kDiv
                                   : Op::kMod;
        }
        ExprHolder r(expr(operand(c, 2)));
        acc.p = binary(op, acc.release(), r.release());
        break;
      }
    }
  }
  return acc.release();
}

ExprPtr AstBuilder::comparisonChain(std::vector<P::ExpressionContext*>& spine, size_t* i,
                                    ExprPtr first) {
  ExprList values;
  values.v.push_back(std::move(first));
  std::vector<Op> ops;
  std::vector<P::ExpressionContext*> rights;
  for (;;) {
    P::ExpressionContext* c = spine[*i];
    ops.push_back(
        comparisonOp(static_cast<P::ComparisonOpContext*>(c->children[1])->getStart()->getType()));
    rights.push_back(operand(c, 2));
    values.v.push_back(expr(rights.back()));
    if (*i == 0 || classify(spine[*i - 1]) != Alt::kCompare) break;
    --*i;
  }
  if (ops.size() == 1) return binary(ops[0], std::move(values.v[0]), std::move(values.v[1]));
  // a < b <= c means a < b AND b <= c (openCypher); b is copied, so bound its depth first.
  for (size_t k = 0; k + 1 < rights.size(); ++k) checkDepth(values.v[k + 1], rights[k]);
  ExprList terms;
  for (size_t k = 0; k < ops.size(); ++k) {
    ExprPtr left = k == 0 ? std::move(values.v[0]) : ast::cloneExpr(*terms.v.back()->children[1]);
    terms.v.push_back(binary(ops[k], std::move(left), std::move(values.v[k + 1])));
  }
  return balanced(Op::kAnd, terms.v, 0, terms.v.size());
}

ExprPtr AstBuilder::signs(P::UnarySignsContext* ctx) {
  auto* operand = static_cast<P::ExpressionContext*>(ctx->children.back());
  size_t n = ctx->signs.size();
  ExprHolder e;
  // Fold the innermost minus into a numeric literal: -9223372036854775808 fits, its
  // magnitude alone does not.
  P::LiteralAtomContext* lit = nullptr;
  if (auto* a = as<P::AtomExprContext>(operand)) lit = as<P::LiteralAtomContext>(a->atom());
  P::LiteralContext* l = lit ? lit->literal() : nullptr;
  if (ctx->signs.back()->getType() == Lexer::MINUS && l != nullptr &&
      (as<P::DecimalLiteralContext>(l) || as<P::HexLiteralContext>(l) ||
       as<P::OctalLiteralContext>(l) || as<P::FloatLiteralContext>(l))) {
    e.p = literal(l, ctx->signs.back());
    --n;
  } else {
    e.p = expr(operand);
  }
  for (size_t i = n; i-- > 0;) {
    antlr4::Token* sign = ctx->signs[i];
    e.p = unary(sign->getType() == Lexer::MINUS ? Op::kNeg : Op::kPlus, e.release(), posOf(sign));
  }
  return e.release();
}

ExprPtr AstBuilder::propertyExpr(P::PropertyExpressionContext* ctx) {
  ExprHolder e(atom(ctx->atom()));
  const ast::SourcePos pos = e.p->pos;
  for (auto* key : ctx->propertyKeyName()) {
    auto x = make(ExprKind::kProperty, pos);
    x->name = name(key->schemaName());
    x->children.push_back(e.release());
    e.p = std::move(x);
  }
  checkDepth(e.p, ctx);
  return e.release();
}

}  // namespace entente::query::syntax
