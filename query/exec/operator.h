// query/exec/operator.h — physical plan nodes and the operators they instantiate.
//
// A plan is a tree of immutable PlanNodes (built once per prepared statement, shared by
// concurrent executions). Each execution instantiates an Operator per node. Operators pull
// rows tuple-at-a-time over one shared, slotted Row: every operator writes only the slots
// it introduces, so a row flows up the tree without copying; pipeline breakers (sort,
// aggregate, eager) keep copies. "Leaf" operators (scans) take an input too: they run once
// per input row, which makes cartesian products and correlated sub-plans plain nested loops.
// reset() restarts an operator (and its inputs) for re-execution under apply operators.
//
// Operator::next() is not virtual: it counts the pull against the statement's time budget
// and cancel flag (ExecState::tick) and calls the operator's getNext(), so every operator
// honours cancellation at this one boundary. Operators that produce rows per input row
// (scans, expansions, applies) derive from PerInputRowOperator, which holds the pull loop.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "query/exec/exec_state.h"
#include "query/runtime/runtime_value.h"

namespace entente::query {

class Operator {
 public:
  explicit Operator(ExecState& st) : st_(st) {}
  virtual ~Operator() = default;
  //! Restarts from the beginning (resets inputs too).
  virtual void reset() = 0;
  //! Produces the next row into `row`; false when exhausted. Throws Timeout / Cancelled
  //! (ExecState::tick: checked every 1024 pulls and scan steps of the statement).
  bool next(Row& row) {
    st_.tick();
    return getNext(row);
  }

 protected:
  //! The operator's step: the next row into `row`; false when exhausted.
  virtual bool getNext(Row& row) = 0;

  ExecState& st_;
};
using OperatorPtr = std::unique_ptr<Operator>;

//! An operator with one input, which it restarts on reset() (derived classes that keep
//! state of their own override reset() and call this one).
class SingleInputOperator : public Operator {
 public:
  SingleInputOperator(ExecState& st, OperatorPtr input) : Operator(st), input_(std::move(input)) {}
  void reset() override { input_->reset(); }

 protected:
  OperatorPtr input_;
};

//! The pull loop of an operator that produces zero or more rows per input row: pull a row
//! from the input, `beginRow` sets up from it, `produce` writes rows until it has no more,
//! then the next input row. Derived (CRTP, so the two steps are not virtual calls) gives
//!   bool beginRow(Row& row);  // set up from the new input row; false = nothing to produce
//!   bool produce(Row& row);   // the next row for it; false when it has no more
//! (private, with `friend PerInputRowOperator;`) and, if it overrides reset(), calls
//! PerInputRowOperator::reset(). produce runs once per row: where the compiler does not
//! inline it on a hot path, say so (ExpandOp marks it [[gnu::always_inline]]).
template <typename Derived>
class PerInputRowOperator : public SingleInputOperator {
 public:
  PerInputRowOperator(ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)) {}
  void reset() override {
    SingleInputOperator::reset();
    active_ = false;
  }

 protected:
  bool getNext(Row& row) final {
    Derived& self = static_cast<Derived&>(*this);
    for (;;) {
      if (!active_) {
        if (!input_->next(row)) return false;
        active_ = self.beginRow(row);
        if (!active_) continue;
      }
      if (self.produce(row)) return true;
      active_ = false;
    }
  }

 private:
  bool active_ = false;
};

class PlanNode;
using PlanPtr = std::unique_ptr<PlanNode>;

class PlanNode {
 public:
  virtual ~PlanNode() = default;
  //! One line for EXPLAIN, e.g. "Expand (a)-[:BACKS]->(b)".
  virtual std::string describe(const NameTable& names) const = 0;
  //! Instantiates the operator (wrapped for PROFILE when st.profiling).
  OperatorPtr open(ExecState& st) const;

  //! children[0] is the input (if any); further children are sub-plans (apply, union).
  std::vector<PlanPtr> children;

 protected:
  virtual OperatorPtr instantiate(ExecState& st) const = 0;
};

//! The common single-input node: its operator is `Op(spec, state, input operator)`, where
//! Op keeps a reference to the spec (the node outlives its operators). Subclasses give
//! describe().
template <typename Spec, typename Op>
class SpecNode : public PlanNode {
 public:
  explicit SpecNode(Spec spec) : spec_(std::move(spec)) {}

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<Op>(spec_, st, children[0]->open(st));
  }
  Spec spec_;
};

//! `node` with `input` as its children[0].
template <typename Node>
PlanPtr withInput(std::unique_ptr<Node> node, PlanPtr input) {
  node->children.push_back(std::move(input));
  return node;
}

//! The plan as indented lines (one per operator, root first).
std::vector<std::string> explainLines(const PlanNode& root, const NameTable& names);
//! Same walk, with the PROFILE counters of an execution.
struct ProfileLine {
  std::string text;
  uint64_t rows;
  double time_ms;
};
std::vector<ProfileLine> profileLines(const PlanNode& root, const ExecState& st);  // uses st.names

}  // namespace entente::query
