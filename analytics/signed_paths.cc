// analytics/signed_paths.cc — signed links and the path enumeration behind stance (see
// signed_paths.h).
#include "analytics/signed_paths.h"

#include <algorithm>

namespace entente::analytics {

namespace {

//! Keeps the more confident of two relations for one reading of a link.
void keepBest(const Projection& p, uint32_t& slot, uint32_t e) {
  if (slot == Link::kNoEdge || p.edge(e).confidence > p.edge(slot).confidence) slot = e;
}

double confidenceOf(const Projection& p, uint32_t e) {
  return e == Link::kNoEdge ? -1 : p.edge(e).confidence;
}

}  // namespace

std::vector<Link> linksOf(const Projection& p, uint32_t v, const std::vector<TypeId>& co_backing) {
  std::vector<Link> links;
  auto [first, last] = p.outRange(v);
  for (uint32_t e = first; e < last; ++e) {
    uint32_t t = p.target(e);
    const EdgeData& d = p.edge(e);
    if (t == v || d.sign == 0) continue;
    // Edges are sorted by target, so a parallel link is among the last few entries.
    Link* link = nullptr;
    for (auto it = links.rbegin(); it != links.rend() && it->target == t; ++it)
      if (it->sign == d.sign) link = &*it;
    if (!link) link = &links.emplace_back(Link{t, d.sign});
    bool backing = std::find(co_backing.begin(), co_backing.end(), d.type) != co_backing.end();
    keepBest(p, !backing ? link->other : d.reversed ? link->in : link->out, e);
  }
  return links;
}

std::vector<int> distancesTo(const Projection& p, uint32_t b, int max_hops,
                             const std::vector<uint8_t>& excluded, const Interrupt& interrupt) {
  std::vector<int> dist(p.nodeCount(), kUnreachable);
  std::vector<uint32_t> frontier = {b}, next;
  dist[b] = 0;
  for (int d = 1; d <= max_hops && !frontier.empty(); ++d) {
    next.clear();
    for (uint32_t v : frontier) {
      if (v != b && excluded[v]) continue;
      auto [first, last] = p.outRange(v);
      interrupt.tick(1 + last - first);
      for (const Link& l : linksOf(p, v)) {
        if (dist[l.target] != kUnreachable) continue;
        dist[l.target] = d;
        next.push_back(l.target);
      }
    }
    frontier.swap(next);
  }
  return dist;
}

PathEnumerator::PathEnumerator(const Projection& p, const std::vector<uint8_t>& excluded,
                               std::vector<TypeId> co_backing, uint64_t budget,
                               const Interrupt& interrupt)
    : p_(p),
      excluded_(excluded),
      co_backing_(std::move(co_backing)),
      interrupt_(interrupt),
      budget_(budget),
      on_path_(p.nodeCount(), 0) {}

void PathEnumerator::run(uint32_t a, std::optional<uint32_t> target, int max_hops,
                         const std::vector<int>* dist,
                         const std::function<void(SignedPath&&)>& emit) {
  target_ = target;
  max_hops_ = max_hops;
  dist_ = dist;
  emit_ = &emit;
  nodes_ = {a};
  links_.clear();
  reach_ = {Reach{true, false}};
  dfs(a, 0);
}

void PathEnumerator::dfs(uint32_t v, int depth) {
  if (depth > 0) {
    if (target_) {
      if (v == *target_) return record();
    } else if (!excluded_[v]) {
      record();
    }
    if (excluded_[v] || depth == max_hops_) return;
  }
  on_path_[v] = 1;
  const Reach at = reach_.back();
  for (const Link& l : linksOf(p_, v, co_backing_)) {
    if (++steps_ > budget_) {
      truncated_ = true;
      break;
    }
    interrupt_.tick();
    if (on_path_[l.target]) continue;
    if (dist_ && ((*dist_)[l.target] == kUnreachable || depth + 1 + (*dist_)[l.target] > max_hops_))
      continue;
    // Reading the link as "the neighbour backs v" right after "v's predecessor backs v" would
    // turn on a common recipient: only allowed when v was not reached as a backed recipient.
    Reach next;
    next.backed = l.out != Link::kNoEdge;
    next.free = l.other != Link::kNoEdge || (l.in != Link::kNoEdge && at.free);
    if (!next.free && !next.backed) continue;
    nodes_.push_back(l.target);
    links_.push_back(l);
    reach_.push_back(next);
    dfs(l.target, depth + 1);
    nodes_.pop_back();
    links_.pop_back();
    reach_.pop_back();
    if (truncated_) break;
  }
  on_path_[v] = 0;
}

void PathEnumerator::record() {
  // Choose, from the last link back, a reading without a turn on a common recipient (one
  // exists: reach_ says so), taking the most confident relation the constraints allow.
  size_t n = links_.size();
  std::vector<uint32_t> edges(n);
  bool need_free = false;  // the next link was read as "backs this node": arrive free
  for (size_t j = n; j-- > 0;) {
    const Link& l = links_[j];
    const Reach& before = reach_[j];
    uint32_t best = Link::kNoEdge;
    auto consider = [&](uint32_t e, bool allowed) {
      if (allowed && e != Link::kNoEdge && confidenceOf(p_, e) > confidenceOf(p_, best)) best = e;
    };
    consider(l.other, true);
    consider(l.out, !need_free);
    consider(l.in, before.free);
    edges[j] = best;
    need_free = best == l.in;
  }
  SignedPath path;
  path.sign = 1;
  double conf = 1;
  for (size_t j = 0; j < n; ++j) {
    const EdgeData& d = p_.edge(edges[j]);
    NodeId u = p_.nodeAt(nodes_[j]), v = p_.nodeAt(nodes_[j + 1]);
    path.hops.push_back(Hop{d.id, d.type, d.reversed ? v : u, d.reversed ? u : v, d.reversed,
                            d.sign, d.confidence});
    path.sign *= d.sign;
    conf *= d.confidence;
  }
  for (uint32_t node : nodes_) path.nodes.push_back(p_.nodeAt(node));
  path.weight = conf / static_cast<double>(uint64_t{1} << (n - 1));
  (*emit_)(std::move(path));
}

}  // namespace entente::analytics
