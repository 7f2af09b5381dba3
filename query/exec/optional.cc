// Optional: the left outer apply of OPTIONAL MATCH. For each input row, the rows of the
// inner sub-plan (run per input row, an Argument at its leaf), or the input row with the
// pattern's new slots set to null when the inner side has none.
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class OptionalOp final : public PerInputRowOperator<OptionalOp> {
 public:
  OptionalOp(const std::vector<int>& nulls, ExecState& st, OperatorPtr input, OperatorPtr inner)
      : PerInputRowOperator(st, std::move(input)), nulls_(nulls), inner_(std::move(inner)) {}

 private:
  friend PerInputRowOperator;

  bool beginRow(Row&) {
    inner_->reset();
    found_ = done_ = false;
    return true;
  }

  bool produce(Row& row) {
    if (done_) return false;
    if (inner_->next(row)) {
      found_ = true;
      return true;
    }
    done_ = true;
    if (found_) return false;
    for (int s : nulls_) row[s] = RValue();
    return true;
  }

  const std::vector<int>& nulls_;
  OperatorPtr inner_;
  bool found_ = false, done_ = false;
};

class OptionalNode final : public PlanNode {
 public:
  explicit OptionalNode(std::vector<int> nulls) : nulls_(std::move(nulls)) {}
  std::string describe(const NameTable&) const override { return "Optional (left outer apply)"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<OptionalOp>(nulls_, st, children[0]->open(st), children[1]->open(st));
  }

 private:
  std::vector<int> nulls_;
};

}  // namespace

PlanPtr makeOptional(std::vector<int> null_slots, PlanPtr input, PlanPtr inner) {
  auto node = std::make_unique<OptionalNode>(std::move(null_slots));
  node->children.push_back(std::move(input));
  node->children.push_back(std::move(inner));
  return node;
}

}  // namespace entente::query
