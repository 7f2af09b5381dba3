// ProcedureCall: runs a registered procedure once per input row and yields its rows into
// the YIELD slots.
#include "query/error.h"
#include "query/exec/operators.h"
#include "query/procedures/registry.h"

namespace entente::query {
namespace {

class ProcedureCallOp final : public PerInputRowOperator<ProcedureCallOp> {
 public:
  ProcedureCallOp(const ProcedureCallSpec& spec, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)), spec_(spec) {}
  void reset() override {
    PerInputRowOperator::reset();
    rows_.clear();
    pos_ = 0;
  }

 private:
  friend PerInputRowOperator;

  //! Runs the procedure with the row's arguments; its rows go to rows_.
  bool beginRow(const Row& row) {
    const Procedure& p = *spec_.procedure;
    std::vector<RValue> args;
    for (const auto& a : spec_.args) args.push_back(a->eval(row, st_));
    for (size_t i = args.size(); i < p.params.size(); ++i) args.push_back(*p.params[i].fallback);
    ProcedureContext ctx(st_);
    rows_ = p.run(args, ctx);
    pos_ = 0;
    st_.checkBudget();
    return !rows_.empty();
  }

  bool produce(Row& row) {
    if (pos_ >= rows_.size()) return false;
    Row& out = rows_[pos_++];
    for (const auto& [col, slot] : spec_.yields)
      row[slot] = col < static_cast<int>(out.size()) ? out[col] : RValue();
    return true;
  }

  const ProcedureCallSpec& spec_;
  std::vector<Row> rows_;
  size_t pos_ = 0;
};

class ProcedureCallNode final : public SpecNode<ProcedureCallSpec, ProcedureCallOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable&) const override {
    return "ProcedureCall " + spec_.procedure->name;
  }
};

}  // namespace

PlanPtr makeProcedureCall(ProcedureCallSpec spec, PlanPtr input) {
  return withInput(std::make_unique<ProcedureCallNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
