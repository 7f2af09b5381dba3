// Filter: the rows for which a predicate (WHERE conjuncts) is true; null and false drop them.
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class FilterOp final : public SingleInputOperator {
 public:
  FilterOp(const CompiledExpr& pred, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), pred_(pred) {}

 private:
  bool getNext(Row& row) override {
    while (input_->next(row)) {
      auto v = toPredicate(pred_.eval(row, st_), {});
      if (v && *v) return true;
    }
    return false;
  }

  const CompiledExpr& pred_;
};

class FilterNode final : public PlanNode {
 public:
  FilterNode(ExprProgram pred, std::string text) : pred_(std::move(pred)), text_(std::move(text)) {}
  std::string describe(const NameTable&) const override { return "Filter " + text_; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<FilterOp>(*pred_, st, children[0]->open(st));
  }

 private:
  ExprProgram pred_;
  std::string text_;
};

}  // namespace

PlanPtr makeFilter(ExprProgram predicate, std::string text, PlanPtr input) {
  return withInput(std::make_unique<FilterNode>(std::move(predicate), std::move(text)),
                   std::move(input));
}

}  // namespace entente::query
