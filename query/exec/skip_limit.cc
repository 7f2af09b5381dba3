// SkipLimit: SKIP and LIMIT, their counts evaluated once per execution (parameters allowed),
// optionally draining the input past the limit so that updates upstream happen for every row.
#include "query/error.h"
#include "query/exec/operators.h"

namespace entente::query {
namespace {

int64_t countArg(const CompiledExpr* e, ExecState& st, const char* what) {
  if (!e) return -1;
  Row empty(st.row_width);
  return skipLimitCount(e->eval(empty, st), what);
}

}  // namespace

int64_t skipLimitCount(const RValue& v, const char* what) {
  if (v.isInt() && v.asInt() >= 0) return v.asInt();
  // openCypher classifies these as SyntaxErrors, also when a parameter brings the value.
  throw QueryError(
      ErrorCode::kSyntaxError,
      std::string("Invalid input for ") + what + ": expected a non-negative integer, got " +
          (v.isInt() ? std::to_string(v.asInt()) : v.kindName()),
      {}, v.isInt() ? ErrorDetail::kNegativeIntegerArgument : ErrorDetail::kInvalidArgumentType);
}

namespace {

class SkipLimitOp final : public SingleInputOperator {
 public:
  SkipLimitOp(const CompiledExpr* skip, const CompiledExpr* limit, bool drain, ExecState& st,
              OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), skip_(skip), limit_(limit), drain_(drain) {}
  void reset() override {
    SingleInputOperator::reset();
    started_ = drained_ = false;
  }

 private:
  bool getNext(Row& row) override {
    if (!started_) {
      started_ = true;
      to_skip_ = skip_ ? countArg(skip_, st_, "SKIP") : 0;
      left_ = limit_ ? countArg(limit_, st_, "LIMIT") : -1;
    }
    if (left_ == 0) {
      // Updates upstream happen for every row, also those the limit drops.
      if (drain_ && !drained_) {
        while (input_->next(row)) {
        }
        drained_ = true;
      }
      return false;
    }
    while (to_skip_ > 0) {
      if (!input_->next(row)) return false;
      --to_skip_;
    }
    if (!input_->next(row)) return false;
    if (left_ > 0) --left_;
    return true;
  }

  const CompiledExpr* skip_;
  const CompiledExpr* limit_;
  bool drain_;
  bool started_ = false, drained_ = false;
  int64_t to_skip_ = 0, left_ = -1;
};

class SkipLimitNode final : public PlanNode {
 public:
  SkipLimitNode(ExprProgram skip, ExprProgram limit, bool drain)
      : skip_(std::move(skip)), limit_(std::move(limit)), drain_(drain) {}
  std::string describe(const NameTable&) const override {
    return std::string(skip_ ? "Skip" : "") + (skip_ && limit_ ? "/" : "") +
           (limit_ ? "Limit" : "");
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<SkipLimitOp>(skip_.get(), limit_.get(), drain_, st,
                                         children[0]->open(st));
  }

 private:
  ExprProgram skip_, limit_;
  bool drain_;
};

}  // namespace

PlanPtr makeSkipLimit(ExprProgram skip, ExprProgram limit, bool drain, PlanPtr input) {
  return withInput(std::make_unique<SkipLimitNode>(std::move(skip), std::move(limit), drain),
                   std::move(input));
}

}  // namespace entente::query
