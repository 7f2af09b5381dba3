// analytics/projection.cc — building and caching CSR projections.
#include "analytics/projection.h"

#include <algorithm>
#include <tuple>
#include <unordered_set>

namespace entente::analytics {

namespace {

struct RawEdge {
  uint32_t src, dst;
  EdgeData data;
};

std::optional<double> asNumber(const std::optional<Value>& v) {
  if (v && v->isNumber()) return v->asNumber();
  return std::nullopt;
}

}  // namespace

std::string ProjectionSpec::cacheKey() const {
  std::vector<std::string> sorted = types;
  std::sort(sorted.begin(), sorted.end());
  std::string key;
  for (auto& t : sorted) key += t + "|";
  key += as_of ? std::to_string(as_of->days) : "-";
  key += direction == DirectionMode::kDirected ? ":d" : ":u";
  key += signed_only ? ":s:" : ":a:";
  key += weight_property;
  return key;
}

std::string nodeName(const storage::Transaction& txn, NodeId id) {
  if (auto key = txn.lookupString(storage::kName)) {
    if (auto v = txn.nodeProperty(id, *key); v && v->isString()) return v->asString();
  }
  return "#" + std::to_string(id);
}

std::shared_ptr<const Projection> Projection::build(const storage::Transaction& txn,
                                                    const ProjectionSpec& spec,
                                                    const Interrupt& interrupt) {
  auto p = std::make_shared<Projection>();
  p->spec_ = spec;

  // Which types are selected, and their signs/symmetry (from the schema).
  struct TypeInfo {
    int8_t sign;
    bool symmetric;
  };
  std::unordered_map<TypeId, TypeInfo> selected;
  auto consider = [&](const storage::RelTypeDef& def) {
    auto id = txn.lookupString(def.name);
    if (!id) return;
    if (spec.signed_only && def.sign == storage::Sign::kNeutral) return;
    selected[*id] = {static_cast<int8_t>(def.sign), def.symmetric};
    p->type_names_[*id] = def.name;
  };
  if (spec.types.empty()) {
    for (const auto& def : txn.relTypes()) consider(def);
  } else {
    for (const auto& name : spec.types) {
      if (auto id = txn.lookupString(name)) consider(txn.relType(*id));
    }
  }

  auto valid_time = storage::ValidTimeKeys::of(txn);
  auto conf_key = txn.lookupString(storage::kConfidence);
  std::optional<storage::KeyId> weight_key;
  if (!spec.weight_property.empty()) weight_key = txn.lookupString(spec.weight_property);

  // Pass 1: the relations that qualify, with stored node ids.
  struct Stored {
    NodeId src, dst;
    EdgeData data;
    bool symmetric;
  };
  std::vector<Stored> stored;
  std::vector<NodeId> ids;
  txn.scanEdges([&](const storage::EdgeRef& e) {
    if (interrupt.tickExpired()) return false;  // the scan stops; check() below throws
    auto it = selected.find(e.type);
    if (it == selected.end()) return true;
    if (spec.as_of && !storage::validAtEncoded(e.raw_props, valid_time, *spec.as_of)) return true;
    EdgeData d;
    d.id = e.id;
    d.type = e.type;
    d.sign = it->second.sign;
    if (conf_key) {
      if (auto c = asNumber(storage::findProperty(e.raw_props, *conf_key))) d.confidence = *c;
    }
    if (spec.weight_property.empty()) {
      d.weight = d.confidence > 0 ? 1.0 / d.confidence : 1.0;
    } else if (weight_key) {
      auto w = asNumber(storage::findProperty(e.raw_props, *weight_key));
      d.weight = (w && *w >= 0) ? *w : 1.0;
    }
    stored.push_back({e.src, e.dst, d, it->second.symmetric});
    ids.push_back(e.src);
    ids.push_back(e.dst);
    return true;
  });
  // With every type selected, isolated nodes belong to the graph too (components, PageRank).
  if (spec.types.empty() && !spec.signed_only) {
    txn.scanNodes([&](NodeId n) {
      ids.push_back(n);
      return !interrupt.tickExpired();
    });
  }
  interrupt.check();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  p->nodes_ = std::move(ids);

  // Pass 2: dense edges, both directions where asked, sorted by (src, dst, id).
  std::vector<RawEdge> edges;
  edges.reserve(stored.size() * (spec.direction == DirectionMode::kUndirected ? 2 : 1));
  for (const auto& s : stored) {
    interrupt.tick();
    uint32_t a = *p->indexOf(s.src), b = *p->indexOf(s.dst);
    edges.push_back({a, b, s.data});
    bool both = spec.direction == DirectionMode::kUndirected || s.symmetric;
    if (both && a != b) {
      EdgeData r = s.data;
      r.reversed = true;
      edges.push_back({b, a, r});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const RawEdge& x, const RawEdge& y) {
    return std::tie(x.src, x.dst, x.data.id, x.data.reversed) <
           std::tie(y.src, y.dst, y.data.id, y.data.reversed);
  });
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<EdgeData> props;
  pairs.reserve(edges.size());
  props.reserve(edges.size());
  for (const auto& e : edges) {
    pairs.emplace_back(e.src, e.dst);
    props.push_back(e.data);
  }
  p->graph_ = CsrGraph(boost::edges_are_sorted, pairs.begin(), pairs.end(), props.begin(),
                       static_cast<uint32_t>(p->nodes_.size()));
  return p;
}

std::optional<uint32_t> Projection::indexOf(NodeId id) const {
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), id);
  if (it == nodes_.end() || *it != id) return std::nullopt;
  return static_cast<uint32_t>(it - nodes_.begin());
}

const std::string& Projection::typeName(TypeId t) const {
  static const std::string empty;
  auto it = type_names_.find(t);
  return it == type_names_.end() ? empty : it->second;
}

// ---- cache ------------------------------------------------------------------------------

ProjectionPtr ProjectionCache::get(const storage::GraphStore& store, const ProjectionSpec& spec,
                                   const Interrupt& interrupt) {
  std::string key = spec.cacheKey();
  // Read the version before the snapshot: a commit in between only makes the entry look
  // older than it is (it is rebuilt once more), never newer.
  uint64_t version = store.version();
  {
    std::lock_guard lock(mu_);
    if (version_ != version) {
      entries_.clear();
      version_ = version;
    }
    if (auto it = entries_.find(key); it != entries_.end()) {
      ++hits_;
      return it->second;
    }
    ++misses_;
  }
  auto txn = store.beginRead();
  auto built =
      Projection::build(*txn, spec, interrupt);  // outside the lock: builds may run in parallel
  std::lock_guard lock(mu_);
  if (version_ == version) {
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.emplace(key, built);
  }
  return built;
}

ProjectionPtr ProjectionCache::get(const storage::GraphStore& store,
                                   const storage::Transaction& txn, const ProjectionSpec& spec,
                                   const Interrupt& interrupt) {
  if (txn.writable()) return Projection::build(txn, spec, interrupt);
  return get(store, spec, interrupt);
}

size_t ProjectionCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

size_t ProjectionCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}
size_t ProjectionCache::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}
void ProjectionCache::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

}  // namespace entente::analytics
