// query/exec/node_candidates.h — the pull loop shared by the operators that bind one node
// slot from candidate ids gathered per input row: scans (by label, id, name) and index
// seeks. They differ only in how the candidates are found.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "query/exec/node_check.h"
#include "query/exec/operator.h"

namespace entente::query {

//! Derived gives `void fill(const Row& row)`, which calls startCandidates() and then puts the
//! row's candidate ids in `ids_`; each candidate passing the node check is bound to `slot`.
template <typename Derived>
class NodeCandidatesOp : public PerInputRowOperator<NodeCandidatesOp<Derived>> {
  using Base = PerInputRowOperator<NodeCandidatesOp<Derived>>;

 public:
  NodeCandidatesOp(ExecState& st, OperatorPtr input, int slot, const NodeCheckSpec& check)
      : Base(st, std::move(input)), slot_(slot), check_(check) {}

 protected:
  //! Empties the candidates; false if the node check already rules every node out.
  bool startCandidates(const Row& row) {
    ids_.clear();
    pos_ = 0;
    return check_.prepare(this->st_, row);
  }

  std::vector<uint64_t> ids_;

 private:
  friend Base;

  bool beginRow(const Row& row) {
    static_cast<Derived&>(*this).fill(row);
    return true;
  }

  [[gnu::always_inline]] bool produce(Row& row) {
    while (pos_ < ids_.size()) {
      uint64_t id = ids_[pos_++];
      this->st_.tick();
      if (!check_.matches(this->st_, id)) continue;
      row[slot_] = NodeRef{id};
      return true;
    }
    return false;
  }

  int slot_;
  NodeCheck check_;
  size_t pos_ = 0;
};

}  // namespace entente::query
