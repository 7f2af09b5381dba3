// analytics/stance.cc — stance between two actors, allies and enemies (see alliance.h), from
// the paths of signed_paths.h.
#include <algorithm>
#include <functional>
#include <map>

#include "analytics/alliance.h"
#include "analytics/signed_paths.h"

namespace entente::analytics {

namespace {

//! The stance that a set of paths between two actors supports.
StanceResult decide(std::vector<SignedPath> paths, const StanceOptions& opt, bool truncated) {
  StanceResult r;
  r.truncated = truncated;
  r.path_count = paths.size();
  double best_pos = 0, best_neg = 0, direct_pos = -1, direct_neg = -1;
  // Each length votes once: its paths' weights are averaged, not summed, so fifty paths
  // through fifty governments fighting one group weigh as one piece of evidence.
  std::map<size_t, size_t> per_length;
  for (const auto& path : paths) per_length[path.hops.size()]++;
  for (const auto& path : paths) {
    double share = path.weight / static_cast<double>(per_length[path.hops.size()]);
    (path.sign > 0 ? r.positive : r.negative) += share;
    (path.sign > 0 ? best_pos : best_neg) =
        std::max(path.sign > 0 ? best_pos : best_neg, path.weight);
    if (path.hops.size() == 1)
      (path.sign > 0 ? direct_pos : direct_neg) =
          std::max(path.sign > 0 ? direct_pos : direct_neg, path.weight);
  }
  if (direct_pos >= 0 || direct_neg >= 0) {
    r.direct = true;
    if (direct_pos >= 0 && direct_neg >= 0) {
      r.stance = Stance::kMixed;
      r.confidence = std::min(direct_pos, direct_neg);
    } else {
      r.stance = direct_pos >= 0 ? Stance::kFriendly : Stance::kHostile;
      r.confidence = std::max(direct_pos, direct_neg);
    }
  } else if (r.positive + r.negative > 0) {
    double total = r.positive + r.negative, minority = std::min(r.positive, r.negative);
    if (minority / total >= opt.mixed_share - 1e-9) {
      r.stance = Stance::kMixed;
      r.confidence = std::min(1.0, 2 * minority / total) * std::max(best_pos, best_neg);
    } else {
      bool friendly = r.positive > r.negative;
      r.stance = friendly ? Stance::kFriendly : Stance::kHostile;
      r.confidence = std::max(r.positive, r.negative) / total * (friendly ? best_pos : best_neg);
    }
  }
  std::stable_sort(paths.begin(), paths.end(), [](const SignedPath& x, const SignedPath& y) {
    if ((x.hops.size() == 1) != (y.hops.size() == 1)) return x.hops.size() == 1;
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.hops.size() < y.hops.size();
  });
  if (paths.size() > opt.max_paths) paths.resize(opt.max_paths);
  r.paths = std::move(paths);
  return r;
}

std::vector<TypeId> coBackingTypes(const storage::Transaction& txn, const StanceOptions& opt) {
  std::vector<TypeId> ids;
  for (const auto& name : opt.co_backing_types)
    if (auto id = txn.lookupString(name)) ids.push_back(*id);
  return ids;
}

ProjectionPtr signedProjection(const GraphContext& ctx, const StanceOptions& opt) {
  ProjectionSpec spec;
  spec.types = opt.types;
  spec.as_of = opt.as_of;
  spec.direction = DirectionMode::kUndirected;
  spec.signed_only = true;
  return ctx.project(spec);
}

std::vector<Relative> relatives(const GraphContext& ctx, NodeId a, StanceOptions opt,
                                Stance wanted) {
  std::vector<Relative> out;
  ProjectionPtr p = signedProjection(ctx, opt);
  auto ai = p->indexOf(a);
  if (!ai) return out;
  auto excluded = excludedMask(ctx.txn, *p, opt.excluded_labels, ctx.interrupt);
  std::map<NodeId, std::vector<SignedPath>> by_end;
  PathEnumerator en(*p, excluded, coBackingTypes(ctx.txn, opt), opt.budget, ctx.interrupt);
  std::function<void(SignedPath &&)> emit = [&](SignedPath&& path) {
    by_end[path.nodes.back()].push_back(std::move(path));
  };
  en.run(*ai, std::nullopt, std::min(opt.max_hops, 2), nullptr, emit);
  for (auto& [node, paths] : by_end) {
    StanceResult s = decide(std::move(paths), opt, en.truncated());
    if (s.stance == wanted) out.push_back({node, std::move(s)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Relative& x, const Relative& y) {
    return x.stance.confidence > y.stance.confidence;
  });
  return out;
}

}  // namespace

const char* stanceName(Stance s) {
  switch (s) {
    case Stance::kFriendly: return "friendly";
    case Stance::kHostile: return "hostile";
    case Stance::kMixed: return "mixed";
    case Stance::kUnknown: break;
  }
  return "unknown";
}

std::vector<uint8_t> excludedMask(const storage::Transaction& txn, const Projection& p,
                                  const std::vector<std::string>& labels,
                                  const Interrupt& interrupt) {
  std::vector<uint8_t> mask(p.nodeCount(), 0);
  std::vector<storage::LabelId> ids;
  for (const auto& l : labels)
    if (auto id = txn.lookupString(l)) ids.push_back(*id);
  if (ids.empty()) return mask;
  for (storage::LabelId label : ids) {
    txn.scanLabel(label, [&](NodeId n) {
      if (interrupt.tickExpired()) return false;  // check() below throws
      auto idx = p.indexOf(n);
      if (!idx || mask[*idx]) return true;
      auto rec = txn.getNode(n);
      if (!rec) return true;
      bool all = std::all_of(rec->labels.begin(), rec->labels.end(), [&](storage::LabelId x) {
        return std::find(ids.begin(), ids.end(), x) != ids.end();
      });
      if (all) mask[*idx] = 1;
      return true;
    });
    interrupt.check();
  }
  return mask;
}

StanceResult stance(const GraphContext& ctx, NodeId a, NodeId b, const StanceOptions& opt) {
  ProjectionPtr p = signedProjection(ctx, opt);
  auto ai = p->indexOf(a), bi = p->indexOf(b);
  if (!ai || !bi || a == b || opt.max_hops <= 0) return {};
  auto excluded = excludedMask(ctx.txn, *p, opt.excluded_labels, ctx.interrupt);
  std::vector<int> dist = distancesTo(*p, *bi, opt.max_hops, excluded, ctx.interrupt);
  std::vector<SignedPath> paths;
  PathEnumerator en(*p, excluded, coBackingTypes(ctx.txn, opt), opt.budget, ctx.interrupt);
  std::function<void(SignedPath &&)> emit = [&](SignedPath&& path) {
    paths.push_back(std::move(path));
  };
  if (dist[*ai] != kUnreachable) en.run(*ai, *bi, opt.max_hops, &dist, emit);
  return decide(std::move(paths), opt, en.truncated());
}

std::vector<Relative> allies(const GraphContext& ctx, NodeId a, StanceOptions options) {
  return relatives(ctx, a, std::move(options), Stance::kFriendly);
}

std::vector<Relative> enemies(const GraphContext& ctx, NodeId a, StanceOptions options) {
  return relatives(ctx, a, std::move(options), Stance::kHostile);
}

std::string describePath(const storage::Transaction& txn, const SignedPath& path) {
  if (path.nodes.empty()) return "";
  std::string s = nodeName(txn, path.nodes[0]);
  for (size_t i = 0; i < path.hops.size(); ++i) {
    const Hop& h = path.hops[i];
    std::string type = txn.stringOf(h.type);
    s += h.reversed ? " <-[" + type + "]- " : " -[" + type + "]-> ";
    s += nodeName(txn, path.nodes[i + 1]);
  }
  size_t n = path.hops.size();
  s += std::string(" (") +
       (path.sign > 0   ? "friendly"
        : path.sign < 0 ? "hostile"
                        : "neutral") +
       ", " + std::to_string(n) + (n == 1 ? " hop)" : " hops)");
  return s;
}

}  // namespace entente::analytics
