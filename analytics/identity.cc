// analytics/identity.cc — FORMERLY lineage.
#include "analytics/identity.h"

#include <algorithm>
#include <map>

#include "analytics/projection.h"

namespace entente::analytics {

namespace {

constexpr std::string_view kFormerly = "FORMERLY";

struct LineageReader {
  const storage::Transaction& txn;
  std::optional<Date> as_of;
  std::optional<storage::TypeId> type = txn.lookupString(kFormerly);
  storage::ValidTimeKeys valid_time = storage::ValidTimeKeys::of(txn);

  //! Neighbours over FORMERLY: kOut = former identities, kIn = successors.
  std::vector<storage::NodeId> next(storage::NodeId n, storage::Direction dir) const {
    std::vector<storage::NodeId> out;
    if (!type) return out;
    txn.edges(n, dir, {*type}, [&](const storage::EdgeRef& e) {
      if (!as_of || storage::validAtEncoded(e.raw_props, valid_time, *as_of)) {
        storage::NodeId o = e.other(n);
        if (o != n && std::find(out.begin(), out.end(), o) == out.end()) out.push_back(o);
      }
      return true;
    });
    return out;
  }
};

}  // namespace

std::vector<LineageStep> lineage(const storage::Transaction& txn, storage::NodeId node,
                                 std::optional<Date> as_of) {
  LineageReader r{txn, as_of};
  std::map<storage::NodeId, int> seen = {{node, 0}};
  std::vector<storage::NodeId> queue = {node};
  for (size_t i = 0; i < queue.size() && queue.size() < 10'000; ++i) {
    storage::NodeId n = queue[i];
    int step = seen[n];
    for (auto [dir, delta] :
         {std::pair{storage::Direction::kOut, -1}, std::pair{storage::Direction::kIn, +1}}) {
      for (storage::NodeId o : r.next(n, dir)) {
        if (seen.emplace(o, step + delta).second) queue.push_back(o);
      }
    }
  }
  std::vector<LineageStep> out;
  for (auto [n, s] : seen) out.push_back({n, s});
  std::stable_sort(out.begin(), out.end(),
                   [](const LineageStep& a, const LineageStep& b) { return a.step < b.step; });
  return out;
}

CurrentEntity currentOf(const storage::Transaction& txn, storage::NodeId node,
                        std::optional<Date> as_of) {
  LineageReader r{txn, as_of};
  CurrentEntity c;
  c.named = c.current = node;
  c.chain = {node};
  while (c.chain.size() < 1000) {
    auto succ = r.next(c.current, storage::Direction::kIn);
    if (succ.size() > 1) c.ambiguous_successor = true;
    if (succ.size() != 1 || std::find(c.chain.begin(), c.chain.end(), succ[0]) != c.chain.end())
      break;
    c.current = succ[0];
    c.chain.push_back(c.current);
  }
  return c;
}

std::vector<CurrentEntity> resolveCurrent(const storage::Transaction& txn, std::string_view name,
                                          std::optional<Date> as_of) {
  std::vector<CurrentEntity> out;
  for (storage::NodeId n : txn.findByName(name)) out.push_back(currentOf(txn, n, as_of));
  return out;
}

}  // namespace entente::analytics
