// Sort: ORDER BY, stable, by openCypher orderability; all input rows are kept first.
#include <algorithm>

#include "query/exec/operators.h"

namespace entente::query {
namespace {

class SortOp final : public SingleInputOperator {
 public:
  SortOp(const std::vector<SortKey>& keys, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), keys_(keys) {}
  void reset() override {
    SingleInputOperator::reset();
    filled_ = false;
    items_.clear();
  }

 private:
  bool getNext(Row& row) override {
    if (!filled_) fill(row);
    if (pos_ >= order_.size()) return false;
    row = std::move(items_[order_[pos_++]].row);
    return true;
  }

  struct Item {
    Row row;
    std::vector<RValue> keys;
  };

  void fill(Row& row) {
    filled_ = true;
    pos_ = 0;
    while (input_->next(row)) {
      Item item{row, {}};
      item.keys.reserve(keys_.size());
      for (const auto& k : keys_) item.keys.push_back(k.expr->eval(row, st_));
      items_.push_back(std::move(item));
    }
    order_.resize(items_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(), [this](size_t a, size_t b) {
      for (size_t i = 0; i < keys_.size(); ++i) {
        int c = orderCompare(items_[a].keys[i], items_[b].keys[i]);
        if (c != 0) return keys_[i].descending ? c > 0 : c < 0;
      }
      return false;
    });
  }

  const std::vector<SortKey>& keys_;
  std::vector<Item> items_;
  std::vector<size_t> order_;
  size_t pos_ = 0;
  bool filled_ = false;
};

class SortNode final : public PlanNode {
 public:
  explicit SortNode(std::vector<SortKey> keys) : keys_(std::move(keys)) {}
  std::string describe(const NameTable&) const override {
    std::string s = "Sort ";
    for (size_t i = 0; i < keys_.size(); ++i)
      s += (i ? ", " : "") + keys_[i].text + (keys_[i].descending ? " DESC" : "");
    return s;
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<SortOp>(keys_, st, children[0]->open(st));
  }

 private:
  std::vector<SortKey> keys_;
};

}  // namespace

PlanPtr makeSort(std::vector<SortKey> keys, PlanPtr input) {
  return withInput(std::make_unique<SortNode>(std::move(keys)), std::move(input));
}

}  // namespace entente::query
