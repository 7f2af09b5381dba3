// analytics-bench — alliance reasoning and graph algorithms on large signed graphs.
//
//   analytics-bench [--bitcoin FILE] [--synthetic-edges N] [--pairs K] [--skip-synthetic]
//
// 1. Bitcoin OTC (SNAP soc-sign-bitcoinotc.csv: src,dst,rating,time; rating > 0 => TRUSTS
//    (positive), else DISTRUSTS (negative)): stance and backing paths between random pairs,
//    blocs (frustration reached by the heuristic; the component is too large for exact).
// 2. A synthetic signed graph (default 1M relations, 100k nodes, skewed out-degree) with two
//    planted camps and 10% noise: the planted split's frustration bounds the optimum from
//    above, so "found / planted" is a quality figure for the heuristic.
// 3. PageRank and components through the projection (RocksDB -> CSR -> algorithm) against
//    Boost.Graph run directly on a CSR built from in-memory arrays: the projection cost.
// Everything is loaded with GraphStore::bulkImport into a temporary directory.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

#include "analytics/algorithms.h"
#include "analytics/alliance.h"
#include "analytics/blocs.h"
#include "storage/graph_store.h"

using namespace entente;
using namespace entente::analytics;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

struct SignedInput {
  uint64_t nodes = 0;  // ids 1..nodes
  std::vector<storage::BulkEdge> edges;
  std::vector<int8_t> signs;
};

struct Loaded {
  std::string path;
  std::unique_ptr<storage::GraphStore> store;
  ~Loaded() {
    store.reset();
    if (!path.empty()) std::filesystem::remove_all(path);
  }
};

bool load(Loaded& db, const std::string& tag, SignedInput& in, storage::TypeId* pos,
          storage::TypeId* neg, bool have_types) {
  if (!db.store) {
    db.path = (std::filesystem::temp_directory_path() /
               ("entente-analytics-bench-" + tag + "-" + std::to_string(getpid())))
                  .string();
    std::filesystem::remove_all(db.path);
    auto r = storage::GraphStore::open(db.path);
    if (!r.ok()) {
      std::fprintf(stderr, "open: %s\n", r.status().message().c_str());
      return false;
    }
    db.store = std::move(r.value());
  }
  auto declare = [&](const char* name, storage::Sign sign) {
    auto t = db.store->beginWrite();
    storage::RelTypeDef def;
    def.name = name;
    def.sign = sign;
    def.declared = true;
    auto id = t->internString(name);
    t->putRelType(def);
    t->commit();
    return *id;
  };
  if (!have_types) {
    *pos = declare("TRUSTS", storage::Sign::kPositive);
    *neg = declare("DISTRUSTS", storage::Sign::kNegative);
    return true;
  }
  auto label = *db.store->intern("Actor");
  std::vector<storage::BulkNode> nodes;
  nodes.reserve(in.nodes);
  for (uint64_t i = 1; i <= in.nodes; ++i) nodes.push_back({i, {label}, {}});
  auto t0 = Clock::now();
  size_t count = in.edges.size();
  auto s = db.store->bulkImport(std::move(nodes), std::move(in.edges));
  if (!s.ok()) {
    std::fprintf(stderr, "bulkImport: %s\n", s.message().c_str());
    return false;
  }
  std::printf("  load: %zu relations, %llu nodes in %.0f ms (bulkImport)\n", count,
              static_cast<unsigned long long>(in.nodes), ms(t0));
  return true;
}

void runAlliance(const std::string& name, storage::GraphStore& store, int pairs, int max_hops) {
  auto txn = store.beginRead();
  ProjectionCache cache;
  GraphContext ctx{*txn, &store, &cache};
  auto t0 = Clock::now();
  StanceOptions so;
  so.max_hops = max_hops;
  ProjectionSpec spec;
  spec.direction = DirectionMode::kUndirected;
  spec.signed_only = true;
  auto p = ctx.project(spec);
  std::printf("  signed projection: %u nodes, %zu CSR edges in %.0f ms\n", p->nodeCount(),
              p->edgeCount(), ms(t0));
  std::mt19937_64 rng(11);
  // Pairs at distance <= 3 are the interesting ones: pick a random node and a node 2-3 hops on.
  std::vector<std::pair<NodeId, NodeId>> qs;
  while (static_cast<int>(qs.size()) < pairs) {
    uint32_t a = rng() % p->nodeCount(), v = a;
    for (int k = 0; k < 3; ++k) {
      auto [f, l] = p->outRange(v);
      if (f == l) break;
      v = p->target(f + rng() % (l - f));
    }
    if (v != a) qs.emplace_back(p->nodeAt(a), p->nodeAt(v));
  }
  int counts[4] = {0, 0, 0, 0}, truncated = 0;
  size_t paths = 0;
  t0 = Clock::now();
  for (auto [a, b] : qs) {
    auto s = stance(ctx, a, b, so);
    counts[static_cast<int>(s.stance)]++;
    truncated += s.truncated;
    paths += s.path_count;
  }
  double st = ms(t0);
  std::printf(
      "  stance x%d (<= %d hops): %.1f ms total, %.2f ms/query; friendly %d, hostile %d, mixed %d, "
      "unknown %d;"
      " %zu paths weighed, %d hit the budget\n",
      pairs, max_hops, st, st / pairs, counts[1], counts[2], counts[3], counts[0], paths,
      truncated);
  BackingOptions bo;
  bo.types = {"TRUSTS"};
  bo.forward_only = {"TRUSTS"};
  bo.max_hops = max_hops;
  size_t found = 0, with = 0;
  t0 = Clock::now();
  for (auto [a, b] : qs) {
    auto r = backingPaths(ctx, a, b, bo);
    found += r.paths.size();
    with += !r.paths.empty();
  }
  double bt = ms(t0);
  std::printf(
      "  backingPaths x%d (<= %d hops, <= 20 paths): %.1f ms total, %.2f ms/query; %zu pairs "
      "connected, %zu paths\n",
      pairs, max_hops, bt, bt / pairs, with, found);
  BlocOptions blo;
  blo.restarts = 10;
  t0 = Clock::now();
  auto r = blocs(ctx, blo);
  double blt = ms(t0);
  int64_t negatives = 0;
  for (uint32_t v = 0; v < p->nodeCount(); ++v) {
    auto [f, l] = p->outRange(v);
    for (uint32_t e = f; e < l; ++e) negatives += !p->edge(e).reversed && p->edge(e).sign < 0;
  }
  std::printf(
      "  blocs: %zu actors, %zu relations, %zu components, frustration %lld (%.2f%% of relations; "
      "everyone in one camp would frustrate the %lld negative ones) in %.0f ms, exact=%s\n",
      r.actors, r.relations, r.components.size(), static_cast<long long>(r.frustration),
      100.0 * r.frustration / std::max<size_t>(1, r.relations), static_cast<long long>(negatives),
      blt, r.exact ? "yes" : "no");
  (void)name;
}

void runAlgorithms(storage::GraphStore& store, const SignedInput& raw) {
  auto t0 = Clock::now();
  auto txn = store.beginRead();
  auto p = Projection::build(*txn, {});
  double build = ms(t0);
  t0 = Clock::now();
  auto pr = pageRank(*p, 0.85, 20);
  double pr_ms = ms(t0);
  t0 = Clock::now();
  uint32_t ncomp = 0;
  connectedComponents(*p, &ncomp);
  double cc_ms = ms(t0);
  std::printf(
      "  projection (RocksDB -> CSR, all types): %.0f ms; PageRank x20 on it: %.0f ms; components: "
      "%.0f ms (%u)\n",
      build, pr_ms, cc_ms, ncomp);
  // Boost.Graph directly on a CSR built from in-memory arrays.
  t0 = Clock::now();
  std::vector<std::pair<uint32_t, uint32_t>> es;
  es.reserve(raw.edges.size());
  for (const auto& e : raw.edges)
    es.emplace_back(static_cast<uint32_t>(e.src - 1), static_cast<uint32_t>(e.dst - 1));
  using Bidi = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                  boost::no_property, boost::no_property, uint32_t,
                                                  uint32_t>;
  Bidi g(boost::edges_are_unsorted_multi_pass, es.begin(), es.end(),
         static_cast<uint32_t>(raw.nodes));
  double csr_ms = ms(t0);
  std::vector<double> rank(raw.nodes);
  t0 = Clock::now();
  boost::graph::page_rank(
      g, boost::make_iterator_property_map(rank.begin(), get(boost::vertex_index, g)),
      boost::graph::n_iterations(20), 0.85);
  double bgl_pr = ms(t0);
  t0 = Clock::now();
  std::vector<uint32_t> rnk(raw.nodes), parent(raw.nodes);
  boost::typed_identity_property_map<uint32_t> id;
  auto rank_map = boost::make_iterator_property_map(rnk.begin(), id);
  auto parent_map = boost::make_iterator_property_map(parent.begin(), id);
  boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> ds(rank_map, parent_map);
  for (uint32_t v = 0; v < raw.nodes; ++v) ds.make_set(v);
  for (const auto& [a, b] : es) ds.union_set(a, b);
  size_t roots = 0;
  for (uint32_t v = 0; v < raw.nodes; ++v) roots += ds.find_set(v) == v;
  double bgl_cc = ms(t0);
  std::printf(
      "  Boost.Graph direct: CSR from arrays %.0f ms; page_rank x20 %.0f ms; disjoint_sets "
      "components %.0f ms (%zu)\n",
      csr_ms, bgl_pr, bgl_cc, roots);
  (void)pr;
}

SignedInput readBitcoin(const std::string& file) {
  SignedInput in;
  std::ifstream f(file);
  std::string line;
  while (std::getline(f, line)) {
    uint64_t s, d;
    long rating;
    if (std::sscanf(line.c_str(), "%lu,%lu,%ld", &s, &d, &rating) != 3) continue;
    in.nodes = std::max({in.nodes, s, d});
    in.edges.push_back({s, 0, d, {}});
    in.signs.push_back(rating > 0 ? 1 : -1);
  }
  return in;
}

SignedInput synthetic(uint64_t nodes, uint64_t edges, int64_t* planted_frustration) {
  SignedInput in;
  in.nodes = nodes;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<uint8_t> camp(nodes + 1);
  for (auto& c : camp) c = rng() & 1;
  *planted_frustration = 0;
  for (uint64_t i = 0; i < edges; ++i) {
    uint64_t s =
        1 + static_cast<uint64_t>(nodes * std::pow(u(rng), 3.0)) % nodes;  // skewed out-degree
    uint64_t d = 1 + rng() % nodes;
    if (d == s) d = 1 + d % nodes;
    bool friendly = camp[s] == camp[d];
    if (u(rng) < 0.10) friendly = !friendly;  // noise
    in.edges.push_back({s, 0, d, {}});
    in.signs.push_back(friendly ? 1 : -1);
    *planted_frustration += (friendly != (camp[s] == camp[d]));
  }
  return in;
}

void typeEdges(SignedInput& in, storage::TypeId pos, storage::TypeId neg) {
  for (size_t i = 0; i < in.edges.size(); ++i) in.edges[i].type = in.signs[i] > 0 ? pos : neg;
}

}  // namespace

int main(int argc, char** argv) {
  // The shared data sits next to the source tree: <root>/../shared/data.
  std::string bitcoin = (std::filesystem::path(__FILE__).parent_path() /
                         "../../shared/data/snap/soc-sign-bitcoinotc.csv")
                            .lexically_normal()
                            .string();
  uint64_t synthetic_edges = 1'000'000;
  int pairs = 100;
  bool skip_synthetic = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--bitcoin" && i + 1 < argc)
      bitcoin = argv[++i];
    else if (a == "--synthetic-edges" && i + 1 < argc)
      synthetic_edges = std::stoull(argv[++i]);
    else if (a == "--pairs" && i + 1 < argc)
      pairs = std::stoi(argv[++i]);
    else if (a == "--skip-synthetic")
      skip_synthetic = true;
    else {
      std::fprintf(stderr,
                   "usage: analytics-bench [--bitcoin FILE] [--synthetic-edges N] [--pairs K] "
                   "[--skip-synthetic]\n");
      return 2;
    }
  }
  {
    std::printf("Bitcoin OTC (%s)\n", bitcoin.c_str());
    SignedInput in = readBitcoin(bitcoin);
    if (in.edges.empty()) {
      std::fprintf(stderr, "cannot read %s\n", bitcoin.c_str());
      return 1;
    }
    SignedInput raw = in;
    Loaded db;
    storage::TypeId pos = 0, neg = 0;
    if (!load(db, "btc", in, &pos, &neg, false)) return 1;
    typeEdges(in, pos, neg);
    if (!load(db, "btc", in, &pos, &neg, true)) return 1;
    runAlliance("bitcoin", *db.store, pairs, 3);
    runAlliance("bitcoin", *db.store, std::max(1, pairs / 5), 4);
    runAlgorithms(*db.store, raw);
  }
  if (!skip_synthetic) {
    uint64_t nodes = std::max<uint64_t>(10, synthetic_edges / 10);
    int64_t planted = 0;
    std::printf(
        "Synthetic signed graph: %llu nodes, %llu relations, two planted camps, 10%% noise\n",
        static_cast<unsigned long long>(nodes), static_cast<unsigned long long>(synthetic_edges));
    SignedInput in = synthetic(nodes, synthetic_edges, &planted);
    SignedInput raw = in;
    Loaded db;
    storage::TypeId pos = 0, neg = 0;
    if (!load(db, "syn", in, &pos, &neg, false)) return 1;
    typeEdges(in, pos, neg);
    if (!load(db, "syn", in, &pos, &neg, true)) return 1;
    std::printf("  planted split frustrates %lld relations (an upper bound on the optimum)\n",
                static_cast<long long>(planted));
    runAlliance("synthetic", *db.store, std::max(1, pairs / 5), 3);
    runAlgorithms(*db.store, raw);
  }
  return 0;
}
