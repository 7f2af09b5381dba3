// query/batch_transaction.h — the transaction of a statement that commits in batches
// (CALL { } IN TRANSACTIONS).
//
// A storage::Transaction that forwards every call to the write transaction currently open;
// commitBatch() commits it (one atomic WriteBatch) and opens the next one, so operators and
// expressions that hold the statement's transaction by reference carry on unchanged. The
// last batch is committed (or rolled back) through commit() / rollback() / the destructor
// like any statement transaction. Not thread-safe, like every Transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace entente::query {

class BatchTransaction final : public storage::Transaction {
 public:
  using Begin = std::function<std::unique_ptr<storage::Transaction>()>;
  //! `first`: the statement's write transaction; `begin` opens the next one.
  BatchTransaction(std::unique_ptr<storage::Transaction> first, Begin begin)
      : cur_(std::move(first)), begin_(std::move(begin)) {}

  //! Commits the open batch and begins the next. Throws QueryError if the commit fails
  //! (the batches committed before stay committed).
  void commitBatch();
  //! Batches committed so far.
  int64_t batches() const { return batches_; }

  bool writable() const override { return cur_->writable(); }
  std::optional<uint32_t> lookupString(std::string_view s) const override {
    return cur_->lookupString(s);
  }
  std::string stringOf(uint32_t id) const override { return cur_->stringOf(id); }
  std::optional<storage::NodeRecord> getNode(storage::NodeId id) const override {
    return cur_->getNode(id);
  }
  bool nodeExists(storage::NodeId id) const override { return cur_->nodeExists(id); }
  std::optional<Value> nodeProperty(storage::NodeId id, storage::KeyId key) const override {
    return cur_->nodeProperty(id, key);
  }
  bool nodeHasLabel(storage::NodeId id, storage::LabelId label) const override {
    return cur_->nodeHasLabel(id, label);
  }
  void scanNodes(const std::function<bool(storage::NodeId)>& fn) const override {
    cur_->scanNodes(fn);
  }
  void scanLabel(storage::LabelId label,
                 const std::function<bool(storage::NodeId)>& fn) const override {
    cur_->scanLabel(label, fn);
  }
  std::vector<storage::NodeId> findByName(std::string_view name) const override {
    return cur_->findByName(name);
  }
  std::optional<storage::EdgeRecord> getEdge(storage::EdgeId id) const override {
    return cur_->getEdge(id);
  }
  std::optional<Value> edgeProperty(storage::EdgeId id, storage::NodeId src, storage::TypeId type,
                                    storage::NodeId dst, storage::KeyId key) const override {
    return cur_->edgeProperty(id, src, type, dst, key);
  }
  void edges(storage::NodeId node, storage::Direction dir,
             const std::vector<storage::TypeId>& types,
             const std::function<bool(const storage::EdgeRef&)>& fn) const override {
    cur_->edges(node, dir, types, fn);
  }
  size_t degree(storage::NodeId node, storage::Direction dir,
                const std::vector<storage::TypeId>& types) const override {
    return cur_->degree(node, dir, types);
  }
  void scanEdges(const std::function<bool(const storage::EdgeRef&)>& fn) const override {
    cur_->scanEdges(fn);
  }
  storage::RelTypeDef relType(storage::TypeId id) const override { return cur_->relType(id); }
  std::vector<storage::RelTypeDef> relTypes() const override { return cur_->relTypes(); }
  std::vector<std::string> labels() const override { return cur_->labels(); }
  std::vector<std::string> propertyKeys() const override { return cur_->propertyKeys(); }

  storage::Result<uint32_t> internString(std::string_view s) override {
    return cur_->internString(s);
  }
  storage::Result<storage::NodeId> createNode(const std::vector<storage::LabelId>& labels,
                                              const storage::Properties& props) override {
    return cur_->createNode(labels, props);
  }
  storage::Status createNodeWithId(storage::NodeId id, const std::vector<storage::LabelId>& labels,
                                   const storage::Properties& props) override {
    return cur_->createNodeWithId(id, labels, props);
  }
  storage::Status updateNode(const storage::NodeRecord& node) override {
    return cur_->updateNode(node);
  }
  storage::Status deleteNode(storage::NodeId id, bool detach, size_t* edges_deleted) override {
    return cur_->deleteNode(id, detach, edges_deleted);
  }
  storage::Result<storage::EdgeId> createEdge(storage::NodeId src, storage::TypeId type,
                                              storage::NodeId dst,
                                              const storage::Properties& props) override {
    return cur_->createEdge(src, type, dst, props);
  }
  storage::Status updateEdgeProps(storage::EdgeId id, const storage::Properties& props) override {
    return cur_->updateEdgeProps(id, props);
  }
  storage::Status deleteEdge(storage::EdgeId id) override { return cur_->deleteEdge(id); }
  storage::Status putRelType(const storage::RelTypeDef& def) override {
    return cur_->putRelType(def);
  }
  storage::Status commit() override { return cur_->commit(); }
  void rollback() override { cur_->rollback(); }

 private:
  std::unique_ptr<storage::Transaction> cur_;
  Begin begin_;
  int64_t batches_ = 0;
};

}  // namespace entente::query
