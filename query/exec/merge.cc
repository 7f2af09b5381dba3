// Merge: for each input row, the rows of the match sub-plan (with ON MATCH SET applied), or,
// when it finds nothing, the pattern created (with ON CREATE SET applied). The sub-plan
// reads through the statement's transaction, so later rows see what earlier rows created.
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class MergeOp final : public PerInputRowOperator<MergeOp> {
 public:
  MergeOp(const MergeSpec& spec, ExecState& st, OperatorPtr input, OperatorPtr match)
      : PerInputRowOperator(st, std::move(input)), spec_(spec), match_(std::move(match)) {}

 private:
  friend PerInputRowOperator;

  bool beginRow(Row&) {
    match_->reset();
    found_ = done_ = false;
    return true;
  }

  bool produce(Row& row) {
    if (done_) return false;
    if (match_->next(row)) {
      found_ = true;
      applySetOps(st_, spec_.on_match, row);
      return true;
    }
    done_ = true;
    if (found_) return false;
    applyCreate(st_, spec_.create, row, true);
    applySetOps(st_, spec_.on_create, row);
    return true;
  }

  const MergeSpec& spec_;
  OperatorPtr match_;
  bool found_ = false, done_ = false;
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
