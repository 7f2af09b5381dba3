// Merge: for each input row, the rows of the match sub-plan (with ON MATCH SET applied), or,
// when it finds nothing, the pattern created (with ON CREATE SET applied). The sub-plan
// reads through the statement's transaction, so later rows see what earlier rows created.
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class MergeOp final : public Operator {
 public:
  MergeOp(const MergeSpec& spec, ExecState& st, OperatorPtr input, OperatorPtr match)
      : spec_(spec), st_(st), input_(std::move(input)), match_(std::move(match)) {}
  void reset() override {
    input_->reset();
    active_ = false;
  }
  bool next(Row& row) override {
    for (;;) {
      if (!active_) {
        if (!input_->next(row)) return false;
        match_->reset();
        active_ = true;
        if (!match_->next(row)) {
          active_ = false;
          applyCreate(st_, spec_.create, row, true);
          applySetOps(st_, spec_.on_create, row);
          return true;
        }
        applySetOps(st_, spec_.on_match, row);
        return true;
      }
      if (match_->next(row)) {
        applySetOps(st_, spec_.on_match, row);
        return true;
      }
      active_ = false;
    }
  }

 private:
  const MergeSpec& spec_;
  ExecState& st_;
  OperatorPtr input_, match_;
  bool active_ = false;
};

class MergeNode final : public PlanNode {
 public:
  explicit MergeNode(MergeSpec spec) : spec_(std::move(spec)) {}
  std::string describe(const NameTable&) const override { return "Merge " + spec_.text; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<MergeOp>(spec_, st, children[0]->open(st), children[1]->open(st));
  }

 private:
  MergeSpec spec_;
};

}  // namespace

PlanPtr makeMerge(MergeSpec spec, PlanPtr input, PlanPtr match) {
  auto node = std::make_unique<MergeNode>(std::move(spec));
  node->children.push_back(std::move(input));
  node->children.push_back(std::move(match));
  return node;
}

}  // namespace entente::query
