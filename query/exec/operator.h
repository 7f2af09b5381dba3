// query/exec/operator.h — physical plan nodes and the operators they instantiate.
//
// A plan is a tree of immutable PlanNodes (built once per prepared statement, shared by
// concurrent executions). Each execution instantiates an Operator per node. Operators pull
// rows tuple-at-a-time over one shared, slotted Row: every operator writes only the slots
// it introduces, so a row flows up the tree without copying; pipeline breakers (sort,
// aggregate, eager) keep copies. "Leaf" operators (scans) take an input too: they run once
// per input row, which makes cartesian products and correlated sub-plans plain nested loops.
// reset() restarts an operator (and its inputs) for re-execution under apply operators.
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
  virtual ~Operator() = default;
  //! Restarts from the beginning (resets inputs too).
  virtual void reset() = 0;
  //! Produces the next row into `row`; false when exhausted.
  virtual bool next(Row& row) = 0;
};
using OperatorPtr = std::unique_ptr<Operator>;

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
