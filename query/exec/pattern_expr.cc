#include "query/exec/pattern_expr.h"

#include "query/error.h"

namespace entente::query {
namespace {

class PatternExists final : public CompiledExpr {
 public:
  PatternExists(int id, PlanPtr plan) : id_(id), plan_(std::move(plan)) {}
  RValue eval(const Row& row, EvalContext&) const override {
    ExecState* st = ExecState::current();
    if (!st) throw QueryError("InternalError", "pattern predicate evaluated outside an execution");
    if (st->subplans.size() <= static_cast<size_t>(id_)) {
      st->subplans.resize(id_ + 1);
      st->subrows.resize(id_ + 1);
    }
    if (!st->subplans[id_]) st->subplans[id_] = plan_->open(*st);
    Row& scratch = st->subrows[id_];
    scratch = row;
    if (scratch.size() < static_cast<size_t>(st->row_width)) scratch.resize(st->row_width);
    Operator& op = *st->subplans[id_];
    op.reset();
    return RValue(op.next(scratch));
  }

 private:
  int id_;
  PlanPtr plan_;
};

}  // namespace

ExprProgram makePatternExists(int id, PlanPtr plan) { return std::make_unique<PatternExists>(id, std::move(plan)); }

}  // namespace entente::query
