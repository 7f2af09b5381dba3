// Delete / DETACH DELETE. All rows of the clause are collected first, then relationships
// are deleted before nodes, so `MATCH (n)-[r]-() DELETE n, r` works whatever the row order
// (openCypher checks "node still has relationships" at the end of the clause).
#include "query/error.h"
#include "query/exec/operators.h"
#include "query/exec/write_util.h"
#include "query/status_error.h"

namespace entente::query {
namespace {

class DeleteOp final : public SingleInputOperator {
 public:
  DeleteOp(const DeleteSpec& spec, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), spec_(spec) {}
  void reset() override {
    SingleInputOperator::reset();
    done_ = false;
    rows_.clear();
  }

 private:
  bool getNext(Row& row) override {
    if (!done_) run(row);
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

  void collect(const RValue& v) {
    if (v.isNull()) return;
    if (v.isNode()) {
      nodes_.push_back(v.asNode().id);
    } else if (v.isRel()) {
      rels_.push_back(v.asRel().id);
    } else if (v.isPath()) {
      for (const auto& n : v.asPath().nodes) nodes_.push_back(n.id);
      for (const auto& r : v.asPath().rels) rels_.push_back(r.id);
    } else {
      throw QueryError(
          ErrorCode::kTypeError,
          std::string("DELETE expects a node, relationship or path, got ") + v.kindName(), {},
          ErrorDetail::kInvalidArgumentType);
    }
  }

  void run(Row& row) {
    done_ = true;
    pos_ = 0;
    while (input_->next(row)) {
      for (const auto& t : spec_.targets) collect(t->eval(row, st_));
      rows_.push_back(row);
    }
    for (uint64_t r : rels_) {
      if (!st_.deleted_rels.insert(r).second) continue;
      auto s = st_.tx.deleteEdge(r);
      if (s.code() == storage::Status::Code::kNotFound) continue;  // gone with a detached node
      throwIfFailed(s);
      ++st_.stats.relationships_deleted;
    }
    for (uint64_t n : nodes_) {
      if (st_.deleted_nodes.count(n)) continue;
      size_t edges = 0;
      auto s = st_.tx.deleteNode(n, spec_.detach, &edges);
      if (s.code() == storage::Status::Code::kNotFound) continue;
      if (s.code() == storage::Status::Code::kConstraint)
        throw QueryError(
            ErrorCode::kConstraintVerificationFailed,
            "Cannot delete node<" + std::to_string(n) +
                ">, because it still has relationships. To delete this node, you must first delete "
                "its relationships.",
            {}, ErrorDetail::kDeleteConnectedNode);
      throwIfFailed(s);
      st_.deleted_nodes.insert(n);
      ++st_.stats.nodes_deleted;
      st_.stats.relationships_deleted += static_cast<int64_t>(edges);
    }
  }

  const DeleteSpec& spec_;
  std::vector<Row> rows_;
  std::vector<uint64_t> nodes_, rels_;
  size_t pos_ = 0;
  bool done_ = false;
};

class DeleteNode final : public SpecNode<DeleteSpec, DeleteOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable&) const override {
    return std::string(spec_.detach ? "DetachDelete " : "Delete ") + spec_.text;
  }
};

}  // namespace

PlanPtr makeDelete(DeleteSpec spec, PlanPtr input) {
  return withInput(std::make_unique<DeleteNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
