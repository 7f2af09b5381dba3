// Sort (ORDER BY, stable, openCypher orderability) and Distinct (equivalence of the
// projected slots).
#include <algorithm>
#include <unordered_set>

#include "query/exec/operators.h"
#include "query/exec/row_key.h"

namespace entente::query {
namespace {

class SortOp final : public Operator {
 public:
  SortOp(const std::vector<SortKey>& keys, ExecState& st, OperatorPtr input)
      : keys_(keys), st_(st), input_(std::move(input)) {}
  void reset() override {
    input_->reset();
    filled_ = false;
    items_.clear();
  }
  bool next(Row& row) override {
    if (!filled_) fill(row);
    if (pos_ >= order_.size()) return false;
    row = std::move(items_[order_[pos_++]].row);
    return true;
  }

 private:
  struct Item {
    Row row;
    std::vector<RValue> keys;
  };

  void fill(Row& row) {
    filled_ = true;
    pos_ = 0;
    while (input_->next(row)) {
      st_.tick();
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
  ExecState& st_;
  OperatorPtr input_;
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

class DistinctOp final : public Operator {
 public:
  DistinctOp(const std::vector<int>& slots, ExecState& st, OperatorPtr input)
      : slots_(slots), st_(st), input_(std::move(input)) {}
  void reset() override {
    input_->reset();
    seen_.clear();
  }
  bool next(Row& row) override {
    while (input_->next(row)) {
      st_.tick();
      key_.clear();
      for (int s : slots_) key_.push_back(row[s]);
      if (seen_.insert(key_).second) return true;
    }
    return false;
  }

 private:
  const std::vector<int>& slots_;
  ExecState& st_;
  OperatorPtr input_;
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

PlanPtr makeSort(std::vector<SortKey> keys, PlanPtr input) {
  return withInput(std::make_unique<SortNode>(std::move(keys)), std::move(input));
}

PlanPtr makeDistinct(std::vector<int> slots, PlanPtr input) {
  return withInput(std::make_unique<DistinctNode>(std::move(slots)), std::move(input));
}

}  // namespace entente::query
