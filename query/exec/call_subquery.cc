// CallSubquery: CALL { ... } as an apply. The subquery (an Argument-rooted plan) runs once
// per input row, seeing the row's imported variables in their slots. A returning subquery
// yields the input row extended with each of its rows (none: the input row is dropped); a
// unit subquery (no RETURN) runs to exhaustion for its side effects and the input row goes
// on unchanged, exactly once.
// IN TRANSACTIONS: after every `batch` input rows (whose subquery runs and downstream rows
// are done) the open write transaction is committed and the next one begun
// (ExecState::commit_batch); the planner makes the input eager, so it is read before the
// first commit.
#include "query/error.h"
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class CallSubqueryOp final : public Operator {
 public:
  CallSubqueryOp(bool unit, const CallBatching* batching, ExecState& st, OperatorPtr input,
                 OperatorPtr inner)
      : Operator(st),
        unit_(unit),
        batching_(batching),
        input_(std::move(input)),
        inner_(std::move(inner)) {}
  void reset() override {
    input_->reset();
    active_ = false;
  }

 private:
  bool getNext(Row& row) override {
    if (batching_ && batch_ == 0) batch_ = batchSize(*batching_, st_);
    if (unit_) {
      if (!input_->next(row)) return false;
      Row saved = row;
      inner_->reset();
      while (inner_->next(row)) {
      }
      row = std::move(saved);
      rowDone();
      return true;
    }
    for (;;) {
      if (!active_) {
        if (!input_->next(row)) return false;
        inner_->reset();
        active_ = true;
      }
      if (inner_->next(row)) return true;
      active_ = false;
      rowDone();
    }
  }

  //! An input row is finished: commit when it completes a batch. (For a unit subquery the
  //! row is still to be passed on; it carries no uncommitted state the next batch needs.)
  void rowDone() {
    if (!batching_ || ++in_batch_ < batch_) return;
    in_batch_ = 0;
    if (!st_.commit_batch)
      throw QueryError(ErrorCode::kInternalError,
                       "CALL { } IN TRANSACTIONS without a batch transaction");
    st_.commit_batch();
  }

  static int64_t batchSize(const CallBatching& b, ExecState& st) {
    if (!b.rows) return kDefaultBatchRows;
    Row empty(st.row_width);
    RValue v = b.rows->eval(empty, st);
    if (v.isInt() && v.asInt() > 0) return v.asInt();
    throw QueryError(
        ErrorCode::kSyntaxError,
        std::string("Invalid input for IN TRANSACTIONS OF ... ROWS: expected a positive "
                    "integer, got ") +
            (v.isInt() ? std::to_string(v.asInt()) : v.kindName()),
        {}, v.isInt() ? ErrorDetail::kNegativeIntegerArgument : ErrorDetail::kInvalidArgumentType);
  }

  bool unit_;
  const CallBatching* batching_;
  OperatorPtr input_, inner_;
  bool active_ = false;
  int64_t batch_ = 0, in_batch_ = 0;
};

class CallSubqueryNode final : public PlanNode {
 public:
  CallSubqueryNode(bool unit, std::optional<CallBatching> batching)
      : unit_(unit), batching_(std::move(batching)) {}
  std::string describe(const NameTable&) const override {
    std::string s = unit_ ? "CallSubquery (unit: rows kept)" : "CallSubquery (apply)";
    if (batching_)
      s += " in transactions of " +
           (batching_->rows ? batching_->text : std::to_string(kDefaultBatchRows)) + " rows";
    return s;
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<CallSubqueryOp>(unit_, batching_ ? &*batching_ : nullptr, st,
                                            children[0]->open(st), children[1]->open(st));
  }

 private:
  bool unit_;
  std::optional<CallBatching> batching_;
};

}  // namespace

PlanPtr makeCallSubquery(bool unit, PlanPtr input, PlanPtr inner,
                         std::optional<CallBatching> batching) {
  auto node = std::make_unique<CallSubqueryNode>(unit, std::move(batching));
  node->children.push_back(std::move(input));
  node->children.push_back(std::move(inner));
  return node;
}

}  // namespace entente::query
