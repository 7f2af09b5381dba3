// Aggregate: groups input rows by the key items (equivalence: null ≡ null, 1 ≡ 1.0) and
// feeds each aggregate's argument to its accumulator. Without keys there is exactly one
// output row, even for no input (count(*) = 0).
#include <unordered_map>

#include "query/exec/operators.h"
#include "query/exec/row_key.h"

namespace entente::query {
namespace {

using Accumulators = std::vector<std::unique_ptr<Aggregator>>;

class AggregateOp final : public SingleInputOperator {
 public:
  AggregateOp(const std::vector<ProjectItem>& keys, const std::vector<AggregateItem>& aggs,
              ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), keys_(keys), aggs_(aggs) {}

  void reset() override {
    SingleInputOperator::reset();
    filled_ = false;
    groups_.clear();
    index_.clear();
  }

 private:
  bool getNext(Row& row) override {
    if (!filled_) fill(row);
    if (pos_ >= groups_.size()) return false;
    Group& g = groups_[pos_++];
    for (size_t i = 0; i < keys_.size(); ++i) row[keys_[i].slot] = std::move(g.key[i]);
    for (size_t i = 0; i < aggs_.size(); ++i) row[aggs_[i].slot] = g.acc[i]->result();
    return true;
  }

  struct Group {
    std::vector<RValue> key;
    Accumulators acc;
  };

  //! Accumulators for a new group. Extra arguments (the percentile) are evaluated on the
  //! group's first row: openCypher allows a variable there, not only a constant.
  Accumulators fresh(const Row& first) {
    Accumulators acc;
    acc.reserve(aggs_.size());
    std::vector<RValue> extra;
    for (const auto& a : aggs_) {
      extra.clear();
      for (const auto& e : a.extra) extra.push_back(e->eval(first, st_));
      acc.push_back(makeAggregator(a.function, a.distinct, extra));
    }
    return acc;
  }

  void feed(Accumulators& acc, const Row& row) {
    for (size_t i = 0; i < aggs_.size(); ++i) {
      if (aggs_[i].arg) {
        acc[i]->add(aggs_[i].arg->eval(row, st_));
      } else {
        acc[i]->add(RValue(true));  // count(*): every row
      }
    }
  }

  void fill(Row& row) {
    filled_ = true;
    pos_ = 0;
    if (keys_.empty()) {
      while (input_->next(row)) {
        if (groups_.empty()) groups_.push_back(Group{{}, fresh(row)});
        feed(groups_.back().acc, row);
      }
      if (groups_.empty()) groups_.push_back(Group{{}, fresh(Row(st_.row_width))});
      return;
    }
    std::vector<RValue> key;
    while (input_->next(row)) {
      key.clear();
      for (const auto& k : keys_) key.push_back(k.expr->eval(row, st_));
      auto it = index_.find(key);
      size_t g;
      if (it == index_.end()) {
        g = groups_.size();
        index_.emplace(key, g);
        groups_.push_back(Group{key, fresh(row)});
      } else {
        g = it->second;
      }
      feed(groups_[g].acc, row);
    }
  }

  const std::vector<ProjectItem>& keys_;
  const std::vector<AggregateItem>& aggs_;
  std::vector<Group> groups_;
  std::unordered_map<std::vector<RValue>, size_t, RowKeyHash, RowKeyEq> index_;
  size_t pos_ = 0;
  bool filled_ = false;
};

class AggregateNode final : public PlanNode {
 public:
  AggregateNode(std::vector<ProjectItem> keys, std::vector<AggregateItem> aggs)
      : keys_(std::move(keys)), aggs_(std::move(aggs)) {}
  std::string describe(const NameTable&) const override {
    std::string s = "Aggregate";
    if (!keys_.empty()) {
      s += " keys ";
      for (size_t i = 0; i < keys_.size(); ++i) s += (i ? ", " : "") + keys_[i].text;
    }
    s += " aggregates ";
    for (size_t i = 0; i < aggs_.size(); ++i) s += (i ? ", " : "") + aggs_[i].text;
    return s;
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<AggregateOp>(keys_, aggs_, st, children[0]->open(st));
  }

 private:
  std::vector<ProjectItem> keys_;
  std::vector<AggregateItem> aggs_;
};

}  // namespace

PlanPtr makeAggregate(std::vector<ProjectItem> keys, std::vector<AggregateItem> aggs,
                      PlanPtr input) {
  return withInput(std::make_unique<AggregateNode>(std::move(keys), std::move(aggs)),
                   std::move(input));
}

}  // namespace entente::query
