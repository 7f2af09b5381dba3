#include "query/exec/pattern_expr.h"

#include "query/error.h"

namespace entente::query {
namespace {

//! Runs sub-plan `id` for `row`: instantiated once per execution, then reset and fed a copy
//! of the row (wide enough for the sub-plan's slots). Rows come out in *scratch.
Operator& start(int id, const PlanNode& plan, const Row& row, Row** scratch) {
  ExecState* st = ExecState::current();
  if (!st)
    throw QueryError(ErrorCode::kInternalError,
                     "pattern expression evaluated outside an execution");
  if (st->subplans.size() <= static_cast<size_t>(id)) {
    st->subplans.resize(id + 1);
    st->subrows.resize(id + 1);
  }
  if (!st->subplans[id]) st->subplans[id] = plan.open(*st);
  Row& r = st->subrows[id];
  r = row;
  if (r.size() < static_cast<size_t>(st->row_width)) r.resize(st->row_width);
  *scratch = &r;
  Operator& op = *st->subplans[id];
  op.reset();
  return op;
}

class PatternExists final : public CompiledExpr {
 public:
  PatternExists(int id, PlanPtr plan) : id_(id), plan_(std::move(plan)) {}
  RValue eval(const Row& row, EvalContext&) const override {
    Row* scratch = nullptr;
    Operator& op = start(id_, *plan_, row, &scratch);
    return RValue(op.next(*scratch));
  }

 private:
  int id_;
  PlanPtr plan_;
};

class PatternCount final : public CompiledExpr {
 public:
  PatternCount(int id, PlanPtr plan) : id_(id), plan_(std::move(plan)) {}
  RValue eval(const Row& row, EvalContext&) const override {
    Row* scratch = nullptr;
    Operator& op = start(id_, *plan_, row, &scratch);
    int64_t n = 0;
    while (op.next(*scratch)) ++n;
    return RValue(n);
  }

 private:
  int id_;
  PlanPtr plan_;
};

class PatternComprehension final : public CompiledExpr {
 public:
  PatternComprehension(int id, PlanPtr plan, ExprProgram project, std::vector<int> bound)
      : id_(id), plan_(std::move(plan)), project_(std::move(project)), bound_(std::move(bound)) {}
  RValue eval(const Row& row, EvalContext& ctx) const override {
    for (int s : bound_)
      if (static_cast<size_t>(s) < row.size() && row[s].isNull()) return RValue();
    Row* scratch = nullptr;
    Operator& op = start(id_, *plan_, row, &scratch);
    RList out;
    while (op.next(*scratch)) out.push_back(project_->eval(*scratch, ctx));
    return out;
  }

 private:
  int id_;
  PlanPtr plan_;
  ExprProgram project_;
  std::vector<int> bound_;
};

}  // namespace

ExprProgram makePatternExists(int id, PlanPtr plan) {
  return std::make_unique<PatternExists>(id, std::move(plan));
}

ExprProgram makePatternCount(int id, PlanPtr plan) {
  return std::make_unique<PatternCount>(id, std::move(plan));
}

ExprProgram makePatternComprehension(int id, PlanPtr plan, ExprProgram project,
                                     std::vector<int> bound) {
  return std::make_unique<PatternComprehension>(id, std::move(plan), std::move(project),
                                                std::move(bound));
}

}  // namespace entente::query
