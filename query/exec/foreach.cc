// Foreach: FOREACH (x IN list | updates). For each input row the list is evaluated and the
// body (an Argument-rooted plan of updating clauses) runs to exhaustion once per element,
// with the element in the variable's slot; then the input row goes on unchanged (nothing
// the body binds is visible after it). A null list runs the body zero times; a non-list
// value once (as in Neo4j; a literal non-list is rejected by the planner).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class ForeachOp final : public SingleInputOperator {
 public:
  ForeachOp(const CompiledExpr& list, int slot, ExecState& st, OperatorPtr input, OperatorPtr body)
      : SingleInputOperator(st, std::move(input)),
        list_(list),
        slot_(slot),
        body_(std::move(body)) {}

 private:
  bool getNext(Row& row) override {
    if (!input_->next(row)) return false;
    RValue value = list_.eval(row, st_);
    if (value.isNull()) return true;
    Row saved = row;
    auto run = [&](const RValue& element) {
      row[slot_] = element;
      body_->reset();
      while (body_->next(row)) {
      }
      row = saved;
    };
    if (!value.isList()) {
      run(value);
      return true;
    }
    for (const auto& element : value.asList()) run(element);
    return true;
  }

  const CompiledExpr& list_;
  int slot_;
  OperatorPtr body_;
};

class ForeachNode final : public PlanNode {
 public:
  ForeachNode(ExprProgram list, int slot, std::string text)
      : list_(std::move(list)), slot_(slot), text_(std::move(text)) {}
  std::string describe(const NameTable&) const override { return "Foreach " + text_; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<ForeachOp>(*list_, slot_, st, children[0]->open(st),
                                       children[1]->open(st));
  }

 private:
  ExprProgram list_;
  int slot_;
  std::string text_;
};

}  // namespace

PlanPtr makeForeach(ExprProgram list, int slot, std::string text, PlanPtr input, PlanPtr body) {
  auto node = std::make_unique<ForeachNode>(std::move(list), slot, std::move(text));
  node->children.push_back(std::move(input));
  node->children.push_back(std::move(body));
  return node;
}

}  // namespace entente::query
