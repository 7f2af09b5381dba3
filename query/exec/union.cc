// Union: the parts one after another, their columns copied into shared output slots (UNION
// without ALL adds a Distinct above).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class UnionOp final : public Operator {
 public:
  UnionOp(const std::vector<std::vector<int>>& part_slots, const std::vector<int>& out,
          ExecState& st, std::vector<OperatorPtr> parts)
      : Operator(st), part_slots_(part_slots), out_(out), parts_(std::move(parts)) {}
  void reset() override {
    for (auto& p : parts_) p->reset();
    cur_ = 0;
  }

 private:
  bool getNext(Row& row) override {
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
    return std::make_unique<UnionOp>(part_slots_, out_, st, std::move(parts));
  }

 private:
  bool all_;
  std::vector<std::vector<int>> part_slots_;
  std::vector<int> out_;
};

}  // namespace

PlanPtr makeUnion(bool all, std::vector<std::vector<int>> part_slots, std::vector<int> out_slots,
                  std::vector<PlanPtr> parts) {
  auto node = std::make_unique<UnionNode>(all, std::move(part_slots), std::move(out_slots));
  for (auto& p : parts) node->children.push_back(std::move(p));
  return node;
}

}  // namespace entente::query
