// storage/adjacency_builder.h — the CSR base of an AdjacencySnapshot and its builder
// (internal to storage/).
//
// The builder takes edges in `out` key order — (src, type, dst, edge id), the order of the
// `out` column family, of a bulk import's sorted entries and of a node-by-node merge — so the
// out side is written as it arrives; the in side is a counting sort of it by dst at finish().
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/adjacency.h"

namespace entente::storage {

struct AdjacencySnapshot::Base {
  struct Entry {
    uint32_t type;
    uint32_t other;  // the neighbour: dst on the out side, src on the in side
    uint32_t edge;
  };
  struct Side {
    std::vector<uint64_t> offsets;  // node n's entries are [offsets[n], offsets[n + 1])
    std::vector<Entry> entries;     // per node sorted by (type, other, edge)
  };
  struct PropRef {
    uint64_t offset;
    uint32_t size;
  };

  uint64_t node_limit = 0;  // nodes [0, node_limit) have rows on both sides
  Side side[2];             // 0 = out, 1 = in
  uint64_t edge_lo = 0;     // props_[e - edge_lo] for edge e; empty when no edge has any
  std::vector<PropRef> props_;
  std::string prop_bytes;

  std::string_view props(uint64_t edge) const {
    if (props_.empty() || edge < edge_lo || edge - edge_lo >= props_.size()) return {};
    const PropRef& p = props_[edge - edge_lo];
    return std::string_view(prop_bytes.data() + p.offset, p.size);
  }
  size_t memoryBytes() const {
    size_t b = prop_bytes.capacity() + props_.capacity() * sizeof(PropRef);
    for (const Side& s : side) b += s.offsets.capacity() * 8 + s.entries.capacity() * sizeof(Entry);
    return b;
  }
};

class AdjacencyBuilder {
 public:
  //! `expected_edges` only reserves memory.
  explicit AdjacencyBuilder(size_t expected_edges);
  //! Adds one edge; edges must come in (src, type, dst, id) order. False (and the builder
  //! is unusable) if an id does not fit 32 bits or the order is broken.
  bool add(NodeId src, TypeId type, NodeId dst, EdgeId id, std::string_view props);
  //! The snapshot of every edge added; null if add() failed or node ids are too sparse.
  std::shared_ptr<const AdjacencySnapshot> finish();

 private:
  static constexpr uint64_t kMaxId = std::numeric_limits<uint32_t>::max();

  std::shared_ptr<AdjacencySnapshot::Base> base_ = std::make_shared<AdjacencySnapshot::Base>();
  uint64_t node_cap_;  // node ids at or above this are too sparse for offset arrays
  bool ok_ = true;
  NodeId last_src_ = 0;
  NodeId max_node_ = 0;
  EdgeId min_edge_ = kMaxId, max_edge_ = 0;
  std::vector<uint64_t> in_count_;  // in-degree by node
  // Properties arrive in out order; placed by edge id at finish().
  std::vector<std::pair<uint32_t, AdjacencySnapshot::Base::PropRef>> pending_props_;
};

}  // namespace entente::storage
