// Once (one empty row: the start of every query) and Argument (the outer row, once per
// reset: the leaf of the inner side of an apply).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class OnceOp final : public Operator {
 public:
  explicit OnceOp(ExecState& st) : Operator(st) {}
  void reset() override { done_ = false; }

 private:
  bool getNext(Row&) override {
    if (done_) return false;
    done_ = true;
    return true;
  }

  bool done_ = false;
};

class OnceNode final : public PlanNode {
 public:
  explicit OnceNode(bool argument) : argument_(argument) {}
  std::string describe(const NameTable&) const override { return argument_ ? "Argument" : "Once"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override { return std::make_unique<OnceOp>(st); }

 private:
  bool argument_;
};

}  // namespace

PlanPtr makeOnce() { return std::make_unique<OnceNode>(false); }
PlanPtr makeArgument() { return std::make_unique<OnceNode>(true); }

}  // namespace entente::query
