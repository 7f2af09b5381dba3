// Eager: materialises all input rows before producing any (write statements read their own
// writes only between clauses).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class EagerOp final : public SingleInputOperator {
 public:
  EagerOp(ExecState& st, OperatorPtr input) : SingleInputOperator(st, std::move(input)) {}
  void reset() override {
    SingleInputOperator::reset();
    filled_ = false;
    rows_.clear();
  }

 private:
  bool getNext(Row& row) override {
    if (!filled_) {
      filled_ = true;
      pos_ = 0;
      while (input_->next(row)) rows_.push_back(row);
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

  std::vector<Row> rows_;
  size_t pos_ = 0;
  bool filled_ = false;
};

class EagerNode final : public PlanNode {
 public:
  std::string describe(const NameTable&) const override { return "Eager"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<EagerOp>(st, children[0]->open(st));
  }
};

}  // namespace

PlanPtr makeEager(PlanPtr input) {
  return withInput(std::make_unique<EagerNode>(), std::move(input));
}

}  // namespace entente::query
