// Unwind, Skip/Limit and Eager: simple streaming operators.
#include "query/error.h"
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class UnwindOp final : public Operator {
 public:
  UnwindOp(const CompiledExpr& list, int slot, ExecState& st, OperatorPtr input)
      : list_(list), slot_(slot), st_(st), input_(std::move(input)) {}
  void reset() override {
    input_->reset();
    pos_ = size_ = 0;
  }
  bool next(Row& row) override {
    for (;;) {
      if (pos_ < size_) {
        row[slot_] = value_.asList()[pos_++];
        st_.tick();
        return true;
      }
      if (!input_->next(row)) return false;
      value_ = list_.eval(row, st_);
      pos_ = size_ = 0;
      if (value_.isNull()) continue;
      if (!value_.isList()) {  // UNWIND of a scalar yields it once
        row[slot_] = value_;
        return true;
      }
      size_ = value_.asList().size();
    }
  }

 private:
  const CompiledExpr& list_;
  int slot_;
  ExecState& st_;
  OperatorPtr input_;
  RValue value_;
  size_t pos_ = 0, size_ = 0;
};

class UnwindNode final : public PlanNode {
 public:
  UnwindNode(ExprProgram list, int slot, std::string text) : list_(std::move(list)), slot_(slot), text_(std::move(text)) {}
  std::string describe(const NameTable&) const override { return "Unwind " + text_; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<UnwindOp>(*list_, slot_, st, children[0]->open(st));
  }

 private:
  ExprProgram list_;
  int slot_;
  std::string text_;
};

int64_t countArg(const CompiledExpr* e, ExecState& st, const char* what) {
  if (!e) return -1;
  Row empty(st.row_width);
  return skipLimitCount(e->eval(empty, st), what);
}

}  // namespace

int64_t skipLimitCount(const RValue& v, const char* what) {
  if (v.isInt() && v.asInt() >= 0) return v.asInt();
  // openCypher classifies these as SyntaxErrors, also when a parameter brings the value.
  throw QueryError(ErrorCode::kSyntaxError, std::string("Invalid input for ") + what + ": expected a non-negative integer, got " +
                                      (v.isInt() ? std::to_string(v.asInt()) : v.kindName()),
                   {}, v.isInt() ? ErrorDetail::kNegativeIntegerArgument : ErrorDetail::kInvalidArgumentType);
}

namespace {

class SkipLimitOp final : public Operator {
 public:
  SkipLimitOp(const CompiledExpr* skip, const CompiledExpr* limit, bool drain, ExecState& st, OperatorPtr input)
      : skip_(skip), limit_(limit), drain_(drain), st_(st), input_(std::move(input)) {}
  void reset() override {
    input_->reset();
    started_ = drained_ = false;
  }
  bool next(Row& row) override {
    if (!started_) {
      started_ = true;
      to_skip_ = skip_ ? countArg(skip_, st_, "SKIP") : 0;
      left_ = limit_ ? countArg(limit_, st_, "LIMIT") : -1;
    }
    if (left_ == 0) {
      // Updates upstream happen for every row, also those the limit drops.
      if (drain_ && !drained_) {
        while (input_->next(row)) st_.tick();
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

 private:
  const CompiledExpr* skip_;
  const CompiledExpr* limit_;
  bool drain_;
  ExecState& st_;
  OperatorPtr input_;
  bool started_ = false, drained_ = false;
  int64_t to_skip_ = 0, left_ = -1;
};

class SkipLimitNode final : public PlanNode {
 public:
  SkipLimitNode(ExprProgram skip, ExprProgram limit, bool drain)
      : skip_(std::move(skip)), limit_(std::move(limit)), drain_(drain) {}
  std::string describe(const NameTable&) const override {
    return std::string(skip_ ? "Skip" : "") + (skip_ && limit_ ? "/" : "") + (limit_ ? "Limit" : "");
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<SkipLimitOp>(skip_.get(), limit_.get(), drain_, st, children[0]->open(st));
  }

 private:
  ExprProgram skip_, limit_;
  bool drain_;
};

class EagerOp final : public Operator {
 public:
  EagerOp(ExecState& st, OperatorPtr input) : st_(st), input_(std::move(input)) {}
  void reset() override {
    input_->reset();
    filled_ = false;
    rows_.clear();
  }
  bool next(Row& row) override {
    if (!filled_) {
      filled_ = true;
      pos_ = 0;
      while (input_->next(row)) {
        rows_.push_back(row);
        st_.tick();
      }
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

 private:
  ExecState& st_;
  OperatorPtr input_;
  std::vector<Row> rows_;
  size_t pos_ = 0;
  bool filled_ = false;
};

class EagerNode final : public PlanNode {
 public:
  std::string describe(const NameTable&) const override { return "Eager"; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<EagerOp>(st, children[0]->open(st));
  }
};

}  // namespace

PlanPtr makeUnwind(ExprProgram list, int slot, std::string text, PlanPtr input) {
  return withInput(std::make_unique<UnwindNode>(std::move(list), slot, std::move(text)), std::move(input));
}

PlanPtr makeSkipLimit(ExprProgram skip, ExprProgram limit, bool drain, PlanPtr input) {
  return withInput(std::make_unique<SkipLimitNode>(std::move(skip), std::move(limit), drain), std::move(input));
}

PlanPtr makeEager(PlanPtr input) {
  return withInput(std::make_unique<EagerNode>(), std::move(input));
}

}  // namespace entente::query
