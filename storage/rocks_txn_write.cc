// storage/rocks_txn_write.cc — the write side of RocksTransaction.
//
// Every operation validates everything it needs before its first write to the batch, so an
// operation that fails leaves the transaction exactly as it was.
#include <algorithm>
#include <mutex>
#include <set>

#include "storage/index_key_codec.h"
#include "storage/property_codec.h"
#include "storage/rocks_store.h"
#include "storage/rocks_txn.h"

namespace entente::storage {

Status RocksTransaction::checkWritable() const {
  if (finished_)
    return Status::InvalidArgument("The transaction is already committed or rolled back");
  if (!writable_) return write_error_;
  return Status::OK();
}

void RocksTransaction::put(keys::Cf cf, std::string_view key, std::string_view value) {
  batch_
      ->Put(store_->cf(cf), rocksdb::Slice(key.data(), key.size()),
            rocksdb::Slice(value.data(), value.size()))
      .PermitUncheckedError();  // only fails past max_bytes, which is not set
  ++gen_;
}

void RocksTransaction::del(keys::Cf cf, std::string_view key) {
  batch_->Delete(store_->cf(cf), rocksdb::Slice(key.data(), key.size())).PermitUncheckedError();
  ++gen_;
}

Result<uint32_t> RocksTransaction::internString(std::string_view s) {
  if (Status st = checkWritable(); !st.ok()) return st;
  if (auto id = lookupString(s)) return *id;
  // Two optimistic transactions interning one string in their batches would both write its
  // entry: it is committed at once instead (an entry no data uses is harmless).
  if (optimistic_) return store_->intern(s);
  uint32_t id = store_->dict_.reserveId();
  put(keys::kDict, keys::dictStringKey(s), keys::dictStringValue(id));
  put(keys::kDict, keys::dictIdKey(id), keys::dictIdValue(0, s));
  new_strings_.emplace(std::string(s), id);
  dict_updates_[id] = Dictionary::Entry{id, std::string(s), 0};
  return id;
}

void RocksTransaction::markKind(uint32_t id, uint8_t kind) {
  uint8_t k = kindsOf(id);
  if (k & kind) return;
  auto it = dict_updates_.find(id);
  if (it == dict_updates_.end())
    it = dict_updates_.emplace(id, Dictionary::Entry{id, stringOf(id), k}).first;
  it->second.kinds |= kind;  // written at commit (writeDictionary)
}

Status RocksTransaction::validateProps(const Properties& props) const {
  for (const auto& [key, value] : props) {
    if (!knownString(key))
      return Status::InvalidArgument("Unknown property key id " + std::to_string(key));
    if (!codec::isStorableValue(value))
      return Status::InvalidArgument("Property '" + stringOf(key) + "' cannot store a " +
                                     value.typeName() + " value (or one nested deeper than " +
                                     std::to_string(codec::kMaxDepth) + " levels)");
  }
  return Status::OK();
}

Status RocksTransaction::validate(std::vector<LabelId>* labels, const Properties& props) const {
  std::sort(labels->begin(), labels->end());
  labels->erase(std::unique(labels->begin(), labels->end()), labels->end());
  for (LabelId l : *labels)
    if (!knownString(l)) return Status::InvalidArgument("Unknown label id " + std::to_string(l));
  return validateProps(props);
}

void RocksTransaction::markNodeKinds(const std::vector<LabelId>& labels, const Properties& props) {
  for (LabelId l : labels) markKind(l, keys::kKindLabel);
  for (const auto& kv : props) markKind(kv.first, keys::kKindKey);
}

std::vector<std::string> RocksTransaction::foldedNames(const Properties& props) const {
  std::vector<std::string> out;
  auto name_key = lookupString(kName), aliases_key = lookupString(kAliases);
  for (const auto& [key, value] : props) {
    if (name_key && key == *name_key && value.isString())
      out.push_back(keys::foldCase(value.asString()));
    if (aliases_key && key == *aliases_key && value.isList())
      for (const Value& a : value.asList())
        if (a.isString()) out.push_back(keys::foldCase(a.asString()));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void RocksTransaction::writeNode(NodeId id, const std::vector<LabelId>& labels,
                                 const Properties& props) {
  put(keys::kNodes, keys::nodeKey(id).view(), codec::encodeNode(labels, props));
}

Status RocksTransaction::insertNode(NodeId id, std::vector<LabelId> labels,
                                    const Properties& props) {
  if (Status s = validate(&labels, props); !s.ok()) return s;
  std::vector<IndexOp> iops;
  if (Status s = planIndexOps(IndexEntity::kNode, id, {}, nullptr, labels, &props, &iops); !s.ok())
    return s;
  writeNode(id, labels, props);
  for (LabelId l : labels) {
    put(keys::kLabels, keys::labelKey(l, id).view(), {});
    ++label_delta_[l];
  }
  for (const std::string& n : foldedNames(props)) put(keys::kNames, keys::nameKey(n, id), {});
  markNodeKinds(labels, props);
  applyIndexOps(iops);
  ++node_delta_;
  nodes_created_ = true;
  return Status::OK();
}

Result<NodeId> RocksTransaction::createNode(const std::vector<LabelId>& labels,
                                            const Properties& props) {
  if (Status s = checkWritable(); !s.ok()) return s;
  std::vector<LabelId> ls(labels);
  if (Status s = validate(&ls, props); !s.ok()) return s;
  NodeId id = store_->next_node_.fetch_add(1);
  if (Status s = insertNode(id, std::move(ls), props); !s.ok()) return s;
  return id;
}

Status RocksTransaction::createNodeWithId(NodeId id, const std::vector<LabelId>& labels,
                                          const Properties& props) {
  if (Status s = checkWritable(); !s.ok()) return s;
  if (nodeExists(id))
    return Status::Constraint("Node id " + std::to_string(id) + " is already taken");
  std::vector<LabelId> ls(labels);
  if (Status s = validate(&ls, props); !s.ok()) return s;
  if (id == UINT64_MAX) return Status::InvalidArgument("Node id out of range");
  store_->raiseNextNode(id + 1);
  return insertNode(id, std::move(ls), props);
}

Status RocksTransaction::updateNode(const NodeRecord& node) {
  if (Status s = checkWritable(); !s.ok()) return s;
  std::optional<NodeRecord> old = getNode(node.id);
  if (!old) return Status::NotFound("Node " + std::to_string(node.id) + " does not exist");
  std::vector<LabelId> labels(node.labels);
  if (Status s = validate(&labels, node.props); !s.ok()) return s;
  std::vector<IndexOp> iops;
  if (Status s = planIndexOps(IndexEntity::kNode, node.id, old->labels, &old->props, labels,
                              &node.props, &iops);
      !s.ok())
    return s;
  writeNode(node.id, labels, node.props);
  std::vector<LabelId> removed, added;
  std::set_difference(old->labels.begin(), old->labels.end(), labels.begin(), labels.end(),
                      std::back_inserter(removed));
  std::set_difference(labels.begin(), labels.end(), old->labels.begin(), old->labels.end(),
                      std::back_inserter(added));
  for (LabelId l : removed) {
    del(keys::kLabels, keys::labelKey(l, node.id).view());
    --label_delta_[l];
  }
  for (LabelId l : added) {
    put(keys::kLabels, keys::labelKey(l, node.id).view(), {});
    ++label_delta_[l];
  }
  std::vector<std::string> old_names = foldedNames(old->props), new_names = foldedNames(node.props);
  for (const std::string& n : old_names)
    if (!std::binary_search(new_names.begin(), new_names.end(), n))
      del(keys::kNames, keys::nameKey(n, node.id));
  for (const std::string& n : new_names)
    if (!std::binary_search(old_names.begin(), old_names.end(), n))
      put(keys::kNames, keys::nameKey(n, node.id), {});
  markNodeKinds(labels, node.props);
  applyIndexOps(iops);
  return Status::OK();
}

void RocksTransaction::eraseEdge(EdgeId id, const EdgeKeyParts& e) {
  unindexEdge(id, e.src, e.type, e.dst);
  adj_changes_[id] = AdjChange{id, e.src, e.type, e.dst, false, {}};
  del(keys::kOut, keys::adjKey(e.src, e.type, e.dst, id).view());
  del(keys::kIn, keys::adjKey(e.dst, e.type, e.src, id).view());
  del(keys::kEdges, keys::edgeKey(id).view());
}

Status RocksTransaction::deleteNode(NodeId id, bool detach, size_t* edges_deleted) {
  if (edges_deleted) *edges_deleted = 0;
  if (Status s = checkWritable(); !s.ok()) return s;
  std::optional<NodeRecord> old = getNode(id);
  if (!old) return Status::NotFound("Node " + std::to_string(id) + " does not exist");
  // Collect first: the batch must not change while its iterators are in use.
  std::vector<std::pair<EdgeId, EdgeKeyParts>> incident;
  edges(id, Direction::kBoth, {}, [&](const EdgeRef& e) {
    incident.push_back({e.id, {e.src, e.type, e.dst}});
    return detach;  // without detach, one edge is enough to refuse
  });
  if (!detach && !incident.empty())
    return Status::Constraint(
        "Cannot delete node " + std::to_string(id) +
        " because it still has relationships; delete them first or use DETACH DELETE");
  std::vector<IndexOp> iops;
  if (Status s = planIndexOps(IndexEntity::kNode, id, old->labels, &old->props, {}, nullptr, &iops);
      !s.ok())
    return s;
  for (const auto& [eid, parts] : incident) eraseEdge(eid, parts);
  if (edges_deleted) *edges_deleted = incident.size();
  del(keys::kNodes, keys::nodeKey(id).view());
  for (LabelId l : old->labels) {
    del(keys::kLabels, keys::labelKey(l, id).view());
    --label_delta_[l];
  }
  for (const std::string& n : foldedNames(old->props)) del(keys::kNames, keys::nameKey(n, id));
  applyIndexOps(iops);
  --node_delta_;
  return Status::OK();
}

Result<EdgeId> RocksTransaction::createEdge(NodeId src, TypeId type, NodeId dst,
                                            const Properties& props) {
  if (Status s = checkWritable(); !s.ok()) return s;
  if (!nodeExists(src))
    return Status::NotFound("Start node " + std::to_string(src) + " does not exist");
  if (!nodeExists(dst))
    return Status::NotFound("End node " + std::to_string(dst) + " does not exist");
  if (!knownString(type))
    return Status::InvalidArgument("Unknown relation type id " + std::to_string(type));
  if (Status s = validateProps(props); !s.ok()) return s;
  EdgeId id = store_->next_edge_.fetch_add(1);
  std::vector<IndexOp> iops;
  if (Status s = planIndexOps(IndexEntity::kRelationship, id, {}, nullptr, {type}, &props, &iops);
      !s.ok())
    return s;
  std::string value = encodeProperties(props);
  put(keys::kOut, keys::adjKey(src, type, dst, id).view(), value);
  put(keys::kIn, keys::adjKey(dst, type, src, id).view(), value);
  put(keys::kEdges, keys::edgeKey(id).view(), keys::edgeValue(src, type, dst).view());
  adj_changes_[id] = AdjChange{id, src, type, dst, true, std::move(value)};
  markKind(type, keys::kKindType);
  for (const auto& kv : props) markKind(kv.first, keys::kKindKey);
  applyIndexOps(iops);
  edges_created_ = true;
  return id;
}

Status RocksTransaction::updateEdgeProps(EdgeId id, const Properties& props) {
  if (Status s = checkWritable(); !s.ok()) return s;
  EdgeKeyParts e;
  if (!edgeEnds(id, &e))
    return Status::NotFound("Relationship " + std::to_string(id) + " does not exist");
  if (Status s = validateProps(props); !s.ok()) return s;
  std::vector<IndexOp> iops;
  if (!catalog().on(IndexEntity::kRelationship, e.type).empty()) {
    rocksdb::PinnableSlice old_value;
    Properties old_props;
    if (get(keys::kOut, keys::adjKey(e.src, e.type, e.dst, id).view(), &old_value))
      decodeProperties(old_value.ToStringView(), &old_props);
    Status s =
        planIndexOps(IndexEntity::kRelationship, id, {e.type}, &old_props, {e.type}, &props, &iops);
    if (!s.ok()) return s;
  }
  std::string value = encodeProperties(props);
  put(keys::kOut, keys::adjKey(e.src, e.type, e.dst, id).view(), value);
  put(keys::kIn, keys::adjKey(e.dst, e.type, e.src, id).view(), value);
  adj_changes_[id] = AdjChange{id, e.src, e.type, e.dst, true, std::move(value)};
  for (const auto& kv : props) markKind(kv.first, keys::kKindKey);
  applyIndexOps(iops);
  return Status::OK();
}

Status RocksTransaction::deleteEdge(EdgeId id) {
  if (Status s = checkWritable(); !s.ok()) return s;
  EdgeKeyParts e;
  if (!edgeEnds(id, &e))
    return Status::NotFound("Relationship " + std::to_string(id) + " does not exist");
  eraseEdge(id, e);
  return Status::OK();
}

Status RocksTransaction::putRelType(const RelTypeDef& def) {
  if (Status s = checkWritable(); !s.ok()) return s;
  if (def.name.empty()) return Status::InvalidArgument("A relation type needs a name");
  Result<uint32_t> id = internString(def.name);
  if (!id.ok()) return id.status();
  RelTypeDef stored = def;
  stored.declared = true;
  put(keys::kMeta, keys::metaRelTypeKey(*id), codec::encodeRelType(stored));
  markKind(*id, keys::kKindType);
  reltype_updates_[*id] = std::move(stored);
  return Status::OK();
}

void RocksTransaction::rollback() {
  if (!finished_) finish();
}

}  // namespace entente::storage
