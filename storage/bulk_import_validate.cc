// storage/bulk_import_validate.cc — the validation phases of a bulk import: node ids unique
// and free, labels, relation types and property keys known to the dictionary, property
// values storable, every edge endpoint imported or already stored. Nothing is written
// before everything checks out.
#include <algorithm>
#include <unordered_set>

#include "storage/bulk_importer.h"
#include "storage/property_codec.h"

namespace entente::storage {

bool BulkImporter::inStore(NodeId id) {
  if (store_.node_count_.load() == 0) return false;
  rocksdb::PinnableSlice v;
  return store_.db_->Get(ro_, store_.cf(keys::kNodes), keys::nodeKey(id).view(), &v).ok();
}

bool BulkImporter::known(uint32_t id) { return store_.dict_.stringOf(id, &ignored_); }

Status BulkImporter::checkProps(const Properties& props) {
  for (const auto& [key, value] : props) {
    if (!known(key))
      return Status::InvalidArgument("Bulk import: unknown property key id " + std::to_string(key));
    if (!codec::isStorableValue(value))
      return Status::InvalidArgument(
          "Bulk import: property '" +
          std::string(store_.dict_.stringOf(key, &ignored_) ? ignored_ : "") + "' cannot store a " +
          value.typeName() + " value");
  }
  return Status::OK();
}

Status BulkImporter::validateNodes() {
  auto& nodes = nodes_;
  if (!std::is_sorted(nodes.begin(), nodes.end(),
                      [](const BulkNode& x, const BulkNode& y) { return x.id < y.id; }))
    std::sort(nodes.begin(), nodes.end(),
              [](const BulkNode& x, const BulkNode& y) { return x.id < y.id; });
  for (size_t i = 0; i < nodes.size(); ++i) {
    BulkNode& n = nodes[i];
    if (i > 0 && nodes[i - 1].id == n.id)
      return Status::InvalidArgument("Bulk import: node id " + std::to_string(n.id) +
                                     " appears twice");
    if (n.id == UINT64_MAX) return Status::InvalidArgument("Bulk import: node id out of range");
    std::sort(n.labels.begin(), n.labels.end());
    n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
    for (LabelId l : n.labels)
      if (!known(l))
        return Status::InvalidArgument("Bulk import: unknown label id " + std::to_string(l));
    if (Status s = checkProps(n.props); !s.ok()) return s;
    if (inStore(n.id))
      return Status::Constraint("Bulk import: node id " + std::to_string(n.id) +
                                " is already taken");
  }
  return Status::OK();
}

Status BulkImporter::validateEdges() {
  const auto& nodes = nodes_;
  // Membership in the imported node set: a bitmap when ids are dense, binary search otherwise.
  std::vector<bool> bitmap;
  NodeId lo = nodes.empty() ? 0 : nodes.front().id, hi = nodes.empty() ? 0 : nodes.back().id;
  bool dense = !nodes.empty() && hi - lo < 64 * nodes.size() + 4096;
  if (dense) {
    bitmap.assign(hi - lo + 1, false);
    for (const BulkNode& n : nodes) bitmap[n.id - lo] = true;
  }
  std::unordered_set<NodeId> existing;  // endpoints found in the store
  auto endpointOk = [&](NodeId id) {
    if (dense
            ? (id >= lo && id <= hi && bitmap[id - lo])
            : std::binary_search(nodes.begin(), nodes.end(), id, [](const auto& x, const auto& y) {
                if constexpr (std::is_same_v<std::decay_t<decltype(x)>, BulkNode>)
                  return x.id < y;
                else
                  return x < y.id;
              }))
      return true;
    if (existing.count(id)) return true;
    if (!inStore(id)) return false;
    existing.insert(id);
    return true;
  };
  TypeId last_type = 0;
  bool have_last = false;
  for (const BulkEdge& e : edges_) {
    if (!have_last || e.type != last_type) {
      if (!known(e.type))
        return Status::InvalidArgument("Bulk import: unknown relation type id " +
                                       std::to_string(e.type));
      types_seen_.insert(e.type);
      last_type = e.type;
      have_last = true;
    }
    if (!endpointOk(e.src))
      return Status::NotFound("Bulk import: start node " + std::to_string(e.src) +
                              " does not exist");
    if (!endpointOk(e.dst))
      return Status::NotFound("Bulk import: end node " + std::to_string(e.dst) + " does not exist");
    if (!e.props.empty()) {
      any_props_ = true;
      if (Status s = checkProps(e.props); !s.ok()) return s;
    }
  }
  return Status::OK();
}

}  // namespace entente::storage
