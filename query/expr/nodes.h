// query/expr/nodes.h — the compiled expression node classes (internal to query/expr).
//
// One small class per construct, each evaluating its children and calling an operator or
// function from expr_internal.h. Virtual dispatch on a tree of these is the whole
// evaluation cost: no std::function, no name lookups, no allocation for scalars.
#pragma once

#include <boost/regex.hpp>
#include <string>
#include <vector>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {

using Children = std::vector<ExprProgram>;

class ConstNode final : public CompiledExpr {
 public:
  explicit ConstNode(RValue v) : value(std::move(v)) {}
  RValue eval(const Row&, EvalContext&) const override { return value; }
  RValue value;
};

//! The constant value of a compiled node, or nullptr if it is not a constant.
inline const RValue* constValue(const CompiledExpr& e) {
  auto* c = dynamic_cast<const ConstNode*>(&e);
  return c ? &c->value : nullptr;
}

class SlotNode final : public CompiledExpr {
 public:
  explicit SlotNode(int slot) : slot_(static_cast<size_t>(slot)) {}
  RValue eval(const Row& row, EvalContext&) const override {
    return slot_ < row.size() ? row[slot_] : RValue();
  }

 private:
  size_t slot_;
};

class ParamNode final : public CompiledExpr {
 public:
  ParamNode(std::string name, ast::SourcePos pos) : name_(std::move(name)), pos_(pos) {}
  RValue eval(const Row&, EvalContext& ctx) const override;

 private:
  std::string name_;
  ast::SourcePos pos_;
};

class PropertyNode final : public CompiledExpr {
 public:
  PropertyNode(ExprProgram base, std::string key, ast::SourcePos pos)
      : base_(std::move(base)), key_(std::move(key)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override {
    return property(base_->eval(row, ctx), key_, ctx, pos_);
  }

 private:
  ExprProgram base_;
  std::string key_;
  ast::SourcePos pos_;
};

class ListNode final : public CompiledExpr {
 public:
  explicit ListNode(Children items) : items_(std::move(items)) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  Children items_;
};

class MapNode final : public CompiledExpr {
 public:
  //! REQUIRES keys sorted and unique.
  MapNode(std::vector<std::string> keys, Children values)
      : keys_(std::move(keys)), values_(std::move(values)) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  std::vector<std::string> keys_;
  Children values_;
};

//! n {.*, .key, key: expr}: null for a null base; `all` (properties(base)) is the starting
//! map when `.*` was given, the entries override it.
class MapProjectionNode final : public CompiledExpr {
 public:
  //! REQUIRES keys sorted and unique.
  MapProjectionNode(ExprProgram base, ExprProgram all, std::vector<std::string> keys,
                    Children values, ast::SourcePos pos)
      : base_(std::move(base)),
        all_(std::move(all)),
        keys_(std::move(keys)),
        values_(std::move(values)),
        pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ExprProgram base_, all_;
  std::vector<std::string> keys_;
  Children values_;
  ast::SourcePos pos_;
};

class UnaryNode final : public CompiledExpr {
 public:
  UnaryNode(ast::Op op, ExprProgram child, ast::SourcePos pos)
      : op_(op), child_(std::move(child)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ast::Op op_;
  ExprProgram child_;
  ast::SourcePos pos_;
};

//! AND / OR / XOR with three-valued logic (AND and OR skip the right side when decided).
class LogicNode final : public CompiledExpr {
 public:
  LogicNode(ast::Op op, ExprProgram l, ExprProgram r, ast::SourcePos pos)
      : op_(op), l_(std::move(l)), r_(std::move(r)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ast::Op op_;
  ExprProgram l_, r_;
  ast::SourcePos pos_;
};

//! Every other binary operator: comparison, arithmetic, string predicates, IN.
class BinaryNode final : public CompiledExpr {
 public:
  BinaryNode(ast::Op op, ExprProgram l, ExprProgram r, ast::SourcePos pos)
      : op_(op), l_(std::move(l)), r_(std::move(r)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ast::Op op_;
  ExprProgram l_, r_;
  ast::SourcePos pos_;
};

class RegexNode final : public CompiledExpr {
 public:
  //! `constant` is the pattern compiled once when the right side is a literal.
  RegexNode(ExprProgram l, ExprProgram r, std::optional<boost::regex> constant, ast::SourcePos pos)
      : l_(std::move(l)), r_(std::move(r)), constant_(std::move(constant)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ExprProgram l_, r_;
  std::optional<boost::regex> constant_;
  ast::SourcePos pos_;
};
//! Compiles a regular expression (Perl/ECMAScript syntax, as Java's) or throws
//! ArgumentError. Boost.Regex rather than std::regex: libstdc++'s matcher recurses once
//! per character (a long subject overflows the stack) and can take exponential time,
//! while Boost's matcher uses a bounded heap stack and gives up with an error.
boost::regex compileRegex(const std::string& pattern, ast::SourcePos pos);

class IsNullNode final : public CompiledExpr {
 public:
  IsNullNode(ExprProgram child, bool negated) : child_(std::move(child)), negated_(negated) {}
  RValue eval(const Row& row, EvalContext& ctx) const override {
    return child_->eval(row, ctx).isNull() != negated_;
  }

 private:
  ExprProgram child_;
  bool negated_;
};

class FunctionNode final : public CompiledExpr {
 public:
  FunctionNode(const FunctionDef* def, Children args, ast::SourcePos pos)
      : def_(def), args_(std::move(args)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  const FunctionDef* def_;
  Children args_;
  ast::SourcePos pos_;
};

class CaseNode final : public CompiledExpr {
 public:
  //! subject may be null (searched CASE); whens/thens have equal sizes; otherwise may be null.
  CaseNode(ExprProgram subject, Children whens, Children thens, ExprProgram otherwise,
           ast::SourcePos pos)
      : subject_(std::move(subject)),
        whens_(std::move(whens)),
        thens_(std::move(thens)),
        else_(std::move(otherwise)),
        pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ExprProgram subject_;
  Children whens_, thens_;
  ExprProgram else_;
  ast::SourcePos pos_;
};

class IndexNode final : public CompiledExpr {
 public:
  IndexNode(ExprProgram base, ExprProgram idx, ast::SourcePos pos)
      : base_(std::move(base)), idx_(std::move(idx)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override {
    RValue b = base_->eval(row, ctx);
    return index(b, idx_->eval(row, ctx), ctx, pos_);
  }

 private:
  ExprProgram base_, idx_;
  ast::SourcePos pos_;
};

class SliceNode final : public CompiledExpr {
 public:
  SliceNode(ExprProgram base, ExprProgram from, ExprProgram to, ast::SourcePos pos)
      : base_(std::move(base)), from_(std::move(from)), to_(std::move(to)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ExprProgram base_, from_, to_;  // from_/to_ null when omitted
  ast::SourcePos pos_;
};

//! [x IN list WHERE pred | proj] and the quantifiers all/any/none/single over it.
//! The variable lives in a scratch slot of the row, written during evaluation and
//! restored afterwards (the row belongs to one execution thread).
class IterationNode final : public CompiledExpr {
 public:
  IterationNode(ast::Op quantifier, int slot, ExprProgram list, ExprProgram where, ExprProgram proj,
                ast::SourcePos pos)
      : quantifier_(quantifier),
        slot_(static_cast<size_t>(slot)),
        list_(std::move(list)),
        where_(std::move(where)),
        proj_(std::move(proj)),
        pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  ast::Op quantifier_;  // kNone = list comprehension
  size_t slot_;
  ExprProgram list_, where_, proj_;  // where_/proj_ may be null
  ast::SourcePos pos_;
};

//! reduce(acc = init, x IN list | body): acc and x live in scratch slots while it runs.
class ReduceNode final : public CompiledExpr {
 public:
  ReduceNode(int acc_slot, int item_slot, ExprProgram init, ExprProgram list, ExprProgram body,
             ast::SourcePos pos)
      : acc_slot_(static_cast<size_t>(acc_slot)),
        item_slot_(static_cast<size_t>(item_slot)),
        init_(std::move(init)),
        list_(std::move(list)),
        body_(std::move(body)),
        pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override;

 private:
  size_t acc_slot_, item_slot_;
  ExprProgram init_, list_, body_;
  ast::SourcePos pos_;
};

class LabelNode final : public CompiledExpr {
 public:
  LabelNode(ExprProgram child, std::vector<std::string> labels, ast::SourcePos pos)
      : child_(std::move(child)), labels_(std::move(labels)), pos_(pos) {}
  RValue eval(const Row& row, EvalContext& ctx) const override {
    return hasLabels(child_->eval(row, ctx), labels_, ctx, pos_);
  }

 private:
  ExprProgram child_;
  std::vector<std::string> labels_;
  ast::SourcePos pos_;
};

}  // namespace entente::query::expr
