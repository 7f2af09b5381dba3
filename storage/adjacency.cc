// storage/adjacency.cc — AdjacencySnapshot: CSR base, copy-on-write overlay, merging.
#include "storage/adjacency.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "storage/adjacency_builder.h"
#include "storage/type_selection.h"

namespace entente::storage {

namespace {

// Past this many overlay entries (and a quarter of the base) the overlay is merged into a
// new base: deriving a snapshot costs O(touched nodes), merging O(nodes + edges).
constexpr size_t kMinMergeEntries = 1 << 16;

template <typename E>
bool entryLess(const E& x, TypeId type, NodeId other, EdgeId edge) {
  return std::tie(x.type, x.other, x.edge) < std::tie(type, other, edge);
}

// Calls visit(begin, end) for the run of each requested type in a list sorted by type
// (every entry when `types` is empty). False if a visit stopped.
template <typename E, typename Visit>
bool forTypes(const E* begin, const E* end, const std::vector<TypeId>& types, Visit&& visit) {
  if (types.empty()) return visit(begin, end);
  auto runOf = [&](TypeId t) {
    const E* lo = std::lower_bound(begin, end, t, [](const E& x, TypeId v) { return x.type < v; });
    const E* hi = lo;
    while (hi != end && hi->type == t) ++hi;
    return visit(lo, hi);
  };
  return forEachDistinctType(types, runOf);
}

}  // namespace

struct AdjacencySnapshot::NodeList {
  struct Entry {
    TypeId type;
    NodeId other;
    EdgeId edge;
    std::string_view props;                   // into the base or `hold`
    std::shared_ptr<const std::string> hold;  // owner of props that are not in the base
  };
  std::vector<Entry> entries;  // sorted by (type, other, edge)
};

std::shared_ptr<const AdjacencySnapshot> AdjacencySnapshot::empty() {
  auto s = std::make_shared<AdjacencySnapshot>();
  s->base_ = std::make_shared<const Base>();
  return s;
}

std::shared_ptr<const AdjacencySnapshot> AdjacencySnapshot::build(std::vector<AdjInput> edges) {
  auto less = [](const AdjInput& x, const AdjInput& y) {
    return std::tie(x.src, x.type, x.dst, x.id) < std::tie(y.src, y.type, y.dst, y.id);
  };
  if (!std::is_sorted(edges.begin(), edges.end(), less))
    std::sort(edges.begin(), edges.end(), less);
  AdjacencyBuilder builder(edges.size());
  for (const AdjInput& e : edges)
    if (!builder.add(e.src, e.type, e.dst, e.id, e.props)) return nullptr;
  return builder.finish();
}

std::shared_ptr<const AdjacencySnapshot> AdjacencySnapshot::fromBase(
    std::shared_ptr<const Base> base) {
  auto s = std::make_shared<AdjacencySnapshot>();
  s->edge_count_ = base->side[0].entries.size();
  s->base_ = std::move(base);
  return s;
}

bool AdjacencySnapshot::visit(int side, NodeId node, const std::vector<TypeId>& types,
                              bool skip_self_loops,
                              const std::function<bool(const EdgeRef&)>& fn) const {
  auto report = [&](TypeId type, NodeId other, EdgeId edge, std::string_view props) {
    if (skip_self_loops && other == node) return true;
    return side == 0 ? fn(EdgeRef{edge, node, type, other, props})
                     : fn(EdgeRef{edge, other, type, node, props});
  };
  if (!overlay_[side].empty()) {
    auto it = overlay_[side].find(node);
    if (it != overlay_[side].end()) {
      const auto& list = it->second->entries;
      return forTypes(list.data(), list.data() + list.size(), types, [&](auto* b, auto* e) {
        for (; b != e; ++b)
          if (!report(b->type, b->other, b->edge, b->props)) return false;
        return true;
      });
    }
  }
  const Base& base = *base_;
  if (node >= base.node_limit) return true;
  const Base::Side& s = base.side[side];
  const Base::Entry* first = s.entries.data() + s.offsets[node];
  const Base::Entry* last = s.entries.data() + s.offsets[node + 1];
  return forTypes(first, last, types, [&](const Base::Entry* b, const Base::Entry* e) {
    for (; b != e; ++b)
      if (!report(b->type, b->other, b->edge, base.props(b->edge))) return false;
    return true;
  });
}

bool AdjacencySnapshot::edges(NodeId node, Direction dir, const std::vector<TypeId>& types,
                              const std::function<bool(const EdgeRef&)>& fn) const {
  if (dir != Direction::kIn && !visit(0, node, types, false, fn)) return false;
  if (dir != Direction::kOut) return visit(1, node, types, dir == Direction::kBoth, fn);
  return true;
}

size_t AdjacencySnapshot::degree(NodeId node, Direction dir,
                                 const std::vector<TypeId>& types) const {
  size_t n = 0;
  edges(node, dir, types, [&n](const EdgeRef&) {
    ++n;
    return true;
  });
  return n;
}

size_t AdjacencySnapshot::memoryBytes() const {
  size_t bytes = base_->memoryBytes();
  for (const auto& side : overlay_)
    for (const auto& [node, list] : side)
      bytes += 64 + list->entries.capacity() * sizeof(NodeList::Entry);
  return bytes;
}

std::shared_ptr<const AdjacencySnapshot> AdjacencySnapshot::apply(
    const std::vector<AdjChange>& changes) const {
  auto next = std::make_shared<AdjacencySnapshot>(*this);          // shares the base and every list
  std::unordered_map<NodeId, std::shared_ptr<NodeList>> fresh[2];  // lists copied by this apply
  auto listOf = [&](int side, NodeId node) -> NodeList& {
    auto f = fresh[side].find(node);
    if (f != fresh[side].end()) return *f->second;
    auto copy = std::make_shared<NodeList>();
    if (auto o = overlay_[side].find(node); o != overlay_[side].end()) {
      copy->entries = o->second->entries;
      next->overlay_entries_ -= copy->entries.size();
    } else if (node < base_->node_limit) {
      const Base::Side& s = base_->side[side];
      copy->entries.reserve(s.offsets[node + 1] - s.offsets[node] + 1);
      for (uint64_t i = s.offsets[node]; i < s.offsets[node + 1]; ++i) {
        const Base::Entry& b = s.entries[i];
        copy->entries.push_back({b.type, b.other, b.edge, base_->props(b.edge), nullptr});
      }
    }
    return *fresh[side].emplace(node, std::move(copy)).first->second;
  };
  for (const AdjChange& c : changes) {
    std::shared_ptr<const std::string> hold;
    if (c.present && !c.props.empty()) hold = std::make_shared<const std::string>(c.props);
    for (int side = 0; side < 2; ++side) {
      NodeId node = side == 0 ? c.src : c.dst, other = side == 0 ? c.dst : c.src;
      auto& list = listOf(side, node).entries;
      auto at = std::lower_bound(list.begin(), list.end(), 0, [&](const NodeList::Entry& x, int) {
        return entryLess(x, c.type, other, c.id);
      });
      bool existed =
          at != list.end() && at->edge == c.id && at->type == c.type && at->other == other;
      if (existed) at = list.erase(at);
      if (c.present)
        list.insert(
            at, {c.type, other, c.id, hold ? std::string_view(*hold) : std::string_view(), hold});
      if (side == 0)
        next->edge_count_ += static_cast<size_t>(c.present) - static_cast<size_t>(existed);
    }
  }
  for (int side = 0; side < 2; ++side)
    for (auto& [node, list] : fresh[side]) {
      next->overlay_entries_ += list->entries.size();
      next->overlay_[side][node] = std::move(list);
    }
  if (next->overlay_entries_ > std::max(kMinMergeEntries, base_->side[0].entries.size() / 4))
    return next->merged();
  return next;
}

bool AdjacencySnapshot::scanAll(const std::function<bool(const EdgeRef&)>& fn) const {
  // Every node with a row anywhere, in id order.
  NodeId limit = base_->node_limit;
  for (const auto& [node, list] : overlay_[0]) limit = std::max<NodeId>(limit, node + 1);
  for (NodeId n = 0; n < limit; ++n)
    if (!visit(0, n, {}, false, fn)) return false;
  return true;
}

std::shared_ptr<const AdjacencySnapshot> AdjacencySnapshot::merged() const {
  AdjacencyBuilder builder(edge_count_);
  bool ok = scanAll(
      [&](const EdgeRef& e) { return builder.add(e.src, e.type, e.dst, e.id, e.raw_props); });
  return ok ? builder.finish() : nullptr;
}

}  // namespace entente::storage
