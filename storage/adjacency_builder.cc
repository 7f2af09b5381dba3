// storage/adjacency_builder.cc — builds the CSR base of an AdjacencySnapshot.
#include "storage/adjacency_builder.h"

#include <algorithm>
#include <tuple>

namespace entente::storage {

AdjacencyBuilder::AdjacencyBuilder(size_t expected_edges)
    : node_cap_(std::max<uint64_t>(uint64_t{1} << 22, 16 * static_cast<uint64_t>(expected_edges))) {
  base_->side[0].entries.reserve(expected_edges);
}

bool AdjacencyBuilder::add(NodeId src, TypeId type, NodeId dst, EdgeId id, std::string_view props) {
  if (!ok_) return false;
  // Ids must fit the 32-bit entries, and node ids must be dense enough for offset arrays.
  if (src >= node_cap_ || dst >= node_cap_ || src >= kMaxId || dst >= kMaxId || id >= kMaxId ||
      src < last_src_) {
    ok_ = false;
    return false;
  }
  auto& out = base_->side[0];
  while (out.offsets.size() <= src) out.offsets.push_back(out.entries.size());
  out.entries.push_back({type, static_cast<uint32_t>(dst), static_cast<uint32_t>(id)});
  last_src_ = src;
  max_node_ = std::max({max_node_, src, dst});
  if (in_count_.size() <= dst) in_count_.resize(std::max<size_t>(dst + 1, in_count_.size() * 2), 0);
  ++in_count_[dst];
  min_edge_ = std::min(min_edge_, id);
  max_edge_ = std::max(max_edge_, id);
  if (!props.empty()) {
    pending_props_.push_back({static_cast<uint32_t>(id),
                              {base_->prop_bytes.size(), static_cast<uint32_t>(props.size())}});
    base_->prop_bytes.append(props);
  }
  return true;
}

std::shared_ptr<const AdjacencySnapshot> AdjacencyBuilder::finish() {
  if (!ok_) return nullptr;
  using Entry = AdjacencySnapshot::Base::Entry;
  auto& out = base_->side[0];
  auto& in = base_->side[1];
  const uint64_t limit = out.entries.empty() ? 0 : max_node_ + 1;
  base_->node_limit = limit;
  while (out.offsets.size() < limit + 1) out.offsets.push_back(out.entries.size());

  // In side: a counting sort of the out entries by dst. Within a dst the result is in
  // (src, type, edge) order; a row is re-sorted only if it mixes types.
  in_count_.resize(limit, 0);
  in.offsets.assign(limit + 1, 0);
  for (uint64_t n = 0; n < limit; ++n) in.offsets[n + 1] = in.offsets[n] + in_count_[n];
  in_count_.clear();
  in_count_.shrink_to_fit();
  in.entries.resize(out.entries.size());
  std::vector<uint64_t> next(in.offsets.begin(), in.offsets.end() - (limit ? 1 : 0));
  for (uint64_t n = 0; n < limit; ++n)
    for (uint64_t i = out.offsets[n]; i < out.offsets[n + 1]; ++i) {
      const Entry& e = out.entries[i];
      in.entries[next[e.other]++] = {e.type, static_cast<uint32_t>(n), e.edge};
    }
  auto less = [](const Entry& x, const Entry& y) {
    return std::tie(x.type, x.other, x.edge) < std::tie(y.type, y.other, y.edge);
  };
  for (uint64_t n = 0; n < limit; ++n) {
    auto first = in.entries.begin() + in.offsets[n], last = in.entries.begin() + in.offsets[n + 1];
    if (!std::is_sorted(first, last, less)) std::sort(first, last, less);
  }

  if (!pending_props_.empty()) {
    base_->edge_lo = min_edge_;
    base_->props_.assign(max_edge_ - min_edge_ + 1, {0, 0});
    for (const auto& [edge, ref] : pending_props_) base_->props_[edge - min_edge_] = ref;
    pending_props_.clear();
    pending_props_.shrink_to_fit();
  }
  base_->prop_bytes.shrink_to_fit();
  out.entries.shrink_to_fit();
  return AdjacencySnapshot::fromBase(std::move(base_));
}

}  // namespace entente::storage
