// Project: evaluates WITH / RETURN items into new slots of each row.
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class ProjectOp final : public SingleInputOperator {
 public:
  ProjectOp(const std::vector<ProjectItem>& items, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), items_(items) {}

 private:
  bool getNext(Row& row) override {
    if (!input_->next(row)) return false;
    for (const auto& item : items_) row[item.slot] = item.expr->eval(row, st_);
    return true;
  }

  const std::vector<ProjectItem>& items_;
};

class ProjectNode final : public PlanNode {
 public:
  explicit ProjectNode(std::vector<ProjectItem> items) : items_(std::move(items)) {}
  std::string describe(const NameTable&) const override {
    std::string s = "Project ";
    for (size_t i = 0; i < items_.size(); ++i) s += (i ? ", " : "") + items_[i].text;
    return s;
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<ProjectOp>(items_, st, children[0]->open(st));
  }

 private:
  std::vector<ProjectItem> items_;
};

}  // namespace

PlanPtr makeProject(std::vector<ProjectItem> items, PlanPtr input) {
  return withInput(std::make_unique<ProjectNode>(std::move(items)), std::move(input));
}

}  // namespace entente::query
