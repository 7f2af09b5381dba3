// Optional (left outer apply for OPTIONAL MATCH) and Union (parts one after another, their
// columns copied into shared output slots; UNION without ALL adds a Distinct above).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class OptionalOp final : public Operator {
 public:
  OptionalOp(const std::vector<int>& nulls, OperatorPtr input, OperatorPtr inner)
      : nulls_(nulls), input_(std::move(input)), inner_(std::move(inner)) {}
  void reset() override {
    input_->reset();
    active_ = false;
  }
  bool next(Row& row) override {
    for (;;) {
      if (!active_) {
        if (!input_->next(row)) return false;
        inner_->reset();
        active_ = true;
        found_ = false;
      }
      if (inner_->next(row)) {
        found_ = true;
        return true;
      }
      active_ = false;
      if (!found_) {
        for (int s : nulls_) row[s] = RValue();
        return true;
      }
    }
  }

 private:
  const std::vector<int>& nulls_;
  OperatorPtr input_, inner_;
  bool active_ = false, found_ = false;
};

class OptionalNode final : public PlanNode {
 public:
  explicit OptionalNode(std::vector<int> nulls) : nulls_(std::move(nulls)) {}
  std::string describe(const NameTable&) const override { return "Optional (left outer apply)"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<OptionalOp>(nulls_, children[0]->open(st), children[1]->open(st));
  }

 private:
  std::vector<int> nulls_;
};

class UnionOp final : public Operator {
 public:
  UnionOp(const std::vector<std::vector<int>>& part_slots, const std::vector<int>& out,
          std::vector<OperatorPtr> parts)
      : part_slots_(part_slots), out_(out), parts_(std::move(parts)) {}
  void reset() override {
    for (auto& p : parts_) p->reset();
    cur_ = 0;
  }
  bool next(Row& row) override {
    while (cur_ < parts_.size()) {
      if (parts_[cur_]->next(row)) {
        const auto& slots = part_slots_[cur_];
        for (size_t i = 0; i < out_.size(); ++i) row[out_[i]] = row[slots[i]];
        return true;
      }
      ++cur_;
    }
    return false;
  }

 private:
  const std::vector<std::vector<int>>& part_slots_;
  const std::vector<int>& out_;
  std::vector<OperatorPtr> parts_;
  size_t cur_ = 0;
};

class UnionNode final : public PlanNode {
 public:
  UnionNode(bool all, std::vector<std::vector<int>> part_slots, std::vector<int> out)
      : all_(all), part_slots_(std::move(part_slots)), out_(std::move(out)) {}
  std::string describe(const NameTable&) const override { return all_ ? "UnionAll" : "Union"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    std::vector<OperatorPtr> parts;
    for (const auto& c : children) parts.push_back(c->open(st));
    return std::make_unique<UnionOp>(part_slots_, out_, std::move(parts));
  }

 private:
  bool all_;
  std::vector<std::vector<int>> part_slots_;
  std::vector<int> out_;
};

}  // namespace

PlanPtr makeOptional(std::vector<int> null_slots, PlanPtr input, PlanPtr inner) {
  auto node = std::make_unique<OptionalNode>(std::move(null_slots));
  node->children.push_back(std::move(input));
  node->children.push_back(std::move(inner));
  return node;
}

PlanPtr makeUnion(bool all, std::vector<std::vector<int>> part_slots, std::vector<int> out_slots,
                  std::vector<PlanPtr> parts) {
  auto node = std::make_unique<UnionNode>(all, std::move(part_slots), std::move(out_slots));
  for (auto& p : parts) node->children.push_back(std::move(p));
  return node;
}

}  // namespace entente::query
