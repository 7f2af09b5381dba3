// Distinct: the first row of each class of equivalent values in the projected slots
// (openCypher equivalence: null ≡ null, 1 ≡ 1.0).
#include <unordered_set>

#include "query/exec/operators.h"
#include "query/exec/row_key.h"

namespace entente::query {
namespace {

class DistinctOp final : public SingleInputOperator {
 public:
  DistinctOp(const std::vector<int>& slots, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), slots_(slots) {}
  void reset() override {
    SingleInputOperator::reset();
    seen_.clear();
  }

 private:
  bool getNext(Row& row) override {
    while (input_->next(row)) {
      key_.clear();
      for (int s : slots_) key_.push_back(row[s]);
      if (seen_.insert(key_).second) return true;
    }
    return false;
  }

  const std::vector<int>& slots_;
  std::vector<RValue> key_;
  std::unordered_set<std::vector<RValue>, RowKeyHash, RowKeyEq> seen_;
};

class DistinctNode final : public PlanNode {
 public:
  explicit DistinctNode(std::vector<int> slots) : slots_(std::move(slots)) {}
  std::string describe(const NameTable&) const override { return "Distinct"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<DistinctOp>(slots_, st, children[0]->open(st));
  }

 private:
  std::vector<int> slots_;
};

}  // namespace

PlanPtr makeDistinct(std::vector<int> slots, PlanPtr input) {
  return withInput(std::make_unique<DistinctNode>(std::move(slots)), std::move(input));
}

}  // namespace entente::query
