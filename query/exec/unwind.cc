// Unwind: one row per element of a list (a scalar once, null or an empty list none).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class UnwindOp final : public PerInputRowOperator<UnwindOp> {
 public:
  UnwindOp(const CompiledExpr& list, int slot, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)), list_(list), slot_(slot) {}

 private:
  friend PerInputRowOperator;

  bool beginRow(const Row& row) {
    value_ = list_.eval(row, st_);
    pos_ = size_ = 0;
    if (value_.isNull()) return false;
    size_ = value_.isList() ? value_.asList().size() : 1;  // UNWIND of a scalar yields it once
    return size_ > 0;
  }

  bool produce(Row& row) {
    if (pos_ >= size_) return false;
    row[slot_] = value_.isList() ? value_.asList()[pos_] : value_;
    ++pos_;
    return true;
  }

  const CompiledExpr& list_;
  int slot_;
  RValue value_;
  size_t pos_ = 0, size_ = 0;
};

class UnwindNode final : public PlanNode {
 public:
  UnwindNode(ExprProgram list, int slot, std::string text)
      : list_(std::move(list)), slot_(slot), text_(std::move(text)) {}
  std::string describe(const NameTable&) const override { return "Unwind " + text_; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<UnwindOp>(*list_, slot_, st, children[0]->open(st));
  }

 private:
  ExprProgram list_;
  int slot_;
  std::string text_;
};

}  // namespace

PlanPtr makeUnwind(ExprProgram list, int slot, std::string text, PlanPtr input) {
  return withInput(std::make_unique<UnwindNode>(std::move(list), slot, std::move(text)),
                   std::move(input));
}

}  // namespace entente::query
