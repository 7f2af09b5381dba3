// bench/storage_bench.cc — the standard peer workload (../shared/PEERS.md) straight through
// the storage API: bulk import, 1,000 1-hop expansions (count + sum of neighbour ids) and
// 100 3-hop distinct counts (excluding the start), each answer checked against an in-memory
// BFS. Prints the figures and peak RSS. Never run by ctest.
//
//   storage-bench [DATA_DIR] [DB_DIR]
//   DATA_DIR defaults to /tmp/entente-peers/data; make one with
//     python3 ../shared/peers/gen_graph.py 100000 1000000 /tmp/entente-peers/data
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "storage/graph_store.h"

using namespace entente::storage;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU seconds used by the whole process (all threads) and by this thread: on a shared
// machine these say what the wall clock would say on an idle one.
double processCpu() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
double threadCpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

bool readFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Every unsigned integer in the text, in order (separators: anything else).
std::vector<uint64_t> numbers(const std::string& text) {
  std::vector<uint64_t> out;
  out.reserve(text.size() / 6);
  uint64_t v = 0;
  bool in_num = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      v = v * 10 + static_cast<uint64_t>(c - '0');
      in_num = true;
    } else if (in_num) {
      out.push_back(v);
      v = 0;
      in_num = false;
    }
  }
  if (in_num) out.push_back(v);
  return out;
}

struct Csr {
  std::vector<uint64_t> start;
  std::vector<NodeId> dst;
};

}  // namespace

int main(int argc, char** argv) {
  std::string data = argc > 1 ? argv[1] : "/tmp/entente-peers/data";
  std::string db = argc > 2 ? argv[2] : "/tmp/entente-storage-bench-db";
  std::string nodes_txt, edges_txt, hop1_txt, hop3_txt;
  if (!readFile(data + "/nodes.csv", &nodes_txt) || !readFile(data + "/edges.csv", &edges_txt) ||
      !readFile(data + "/q_hop1.txt", &hop1_txt) || !readFile(data + "/q_hop3.txt", &hop3_txt)) {
    std::fprintf(stderr,
                 "storage-bench: cannot read the workload in %s\n(generate it with: python3 "
                 "../shared/peers/gen_graph.py 100000 1000000 %s)\n",
                 data.c_str(), data.c_str());
    return 2;
  }

  // ---- load: parse the CSVs, then bulk import into a fresh store ----
  auto t0 = Clock::now();
  std::vector<uint64_t> node_ids = numbers(nodes_txt), ends = numbers(edges_txt);
  std::vector<BulkNode> nodes;
  nodes.reserve(node_ids.size());
  for (uint64_t id : node_ids) nodes.push_back({id, {}, {}});
  std::vector<BulkEdge> edges;
  edges.reserve(ends.size() / 2);
  double parse_s = secondsSince(t0);
  std::filesystem::remove_all(db);
  auto opened = GraphStore::open(db);
  if (!opened.ok()) {
    std::fprintf(stderr, "storage-bench: %s\n", opened.status().message().c_str());
    return 1;
  }
  GraphStore& store = **opened;
  auto type = store.intern("LINK");
  for (size_t i = 0; i + 1 < ends.size(); i += 2)
    edges.push_back({ends[i], *type, ends[i + 1], {}});
  parse_s = secondsSince(t0);
  size_t n_nodes = nodes.size(), n_edges = edges.size();
  auto t1 = Clock::now();
  double c1 = processCpu();
  Status s = store.bulkImport(std::move(nodes), std::move(edges));
  double import_s = secondsSince(t1), import_cpu = processCpu() - c1;
  if (!s.ok()) {
    std::fprintf(stderr, "storage-bench: import failed: %s\n", s.message().c_str());
    return 1;
  }

  // Reference: an in-memory CSR of the same edges.
  uint64_t max_id = 0;
  for (uint64_t id : node_ids) max_id = std::max(max_id, id);
  Csr csr;
  csr.start.assign(max_id + 2, 0);
  for (size_t i = 0; i + 1 < ends.size(); i += 2) ++csr.start[ends[i] + 1];
  for (size_t i = 1; i < csr.start.size(); ++i) csr.start[i] += csr.start[i - 1];
  csr.dst.resize(ends.size() / 2);
  {
    std::vector<uint64_t> pos(csr.start.begin(), csr.start.end() - 1);
    for (size_t i = 0; i + 1 < ends.size(); i += 2) csr.dst[pos[ends[i]]++] = ends[i + 1];
  }
  std::vector<uint64_t> hop1 = numbers(hop1_txt), hop3 = numbers(hop3_txt);
  int errors = 0;

  // ---- 1-hop: count and sum of out-neighbours ----
  struct Timing {
    double wall = 1e9, cpu = 1e9;
    void keepBest(Timing o) { wall = std::min(wall, o.wall), cpu = std::min(cpu, o.cpu); }
  };
  auto hop1Run = [&](bool txn_per_query, bool check) {
    auto t = Clock::now();
    double c = threadCpu();
    std::unique_ptr<Transaction> shared = txn_per_query ? nullptr : store.beginRead();
    uint64_t total = 0;
    for (uint64_t q : hop1) {
      std::unique_ptr<Transaction> own = txn_per_query ? store.beginRead() : nullptr;
      Transaction& txn = txn_per_query ? *own : *shared;
      uint64_t count = 0, sum = 0;
      txn.edges(q, Direction::kOut, {}, [&](const EdgeRef& e) {
        ++count;
        sum += e.dst;
        return true;
      });
      total += count;
      if (check) {
        uint64_t rc = csr.start[q + 1] - csr.start[q], rs = 0;
        for (uint64_t i = csr.start[q]; i < csr.start[q + 1]; ++i) rs += csr.dst[i];
        if (rc != count || rs != sum) ++errors;
      }
    }
    (void)total;
    return Timing{secondsSince(t), threadCpu() - c};
  };
  hop1Run(true, true);  // warm-up and check
  Timing hop1_shared, hop1_own;
  int runs = 5;  // best of; ENTENTE_BENCH_RUNS=N for more (e.g. under perf)
  if (const char* r = std::getenv("ENTENTE_BENCH_RUNS")) runs = std::max(1, std::atoi(r));
  for (int r = 0; r < runs; ++r) {
    hop1_shared.keepBest(hop1Run(false, false));
    hop1_own.keepBest(hop1Run(true, false));
  }

  // ---- 3-hop: distinct nodes reachable in 1..3 hops, excluding the start ----
  std::vector<uint32_t> seen(max_id + 1, 0);
  uint32_t stamp = 0;
  std::vector<NodeId> frontier, next;
  auto bfs3 = [&](Transaction& txn, NodeId start) {
    ++stamp;
    seen[start] = stamp;
    frontier.assign(1, start);
    uint64_t count = 0;
    for (int hop = 0; hop < 3; ++hop) {
      next.clear();
      for (NodeId u : frontier) {
        txn.edges(u, Direction::kOut, {}, [&](const EdgeRef& e) {
          if (e.dst <= max_id && seen[e.dst] != stamp) {
            seen[e.dst] = stamp;
            next.push_back(e.dst);
          }
          return true;
        });
      }
      count += next.size();
      frontier.swap(next);
      // Expanding in id order makes consecutive seeks land in the same or the next block.
      if (hop < 2) std::sort(frontier.begin(), frontier.end());
    }
    return count;
  };
  auto refBfs3 = [&](NodeId start) {
    std::vector<uint8_t> vis(max_id + 1, 0);
    vis[start] = 1;
    std::vector<NodeId> f{start}, n;
    uint64_t count = 0;
    for (int hop = 0; hop < 3; ++hop) {
      n.clear();
      for (NodeId u : f)
        for (uint64_t i = csr.start[u]; i < csr.start[u + 1]; ++i)
          if (!vis[csr.dst[i]]) vis[csr.dst[i]] = 1, n.push_back(csr.dst[i]);
      count += n.size();
      f.swap(n);
    }
    return count;
  };
  auto hop3Run = [&](bool check) {
    auto t = Clock::now();
    double c = threadCpu();
    for (uint64_t q : hop3) {
      auto txn = store.beginRead();  // one snapshot per query, as an application asks
      uint64_t c = bfs3(*txn, q);
      if (check && c != refBfs3(q)) ++errors;
    }
    return Timing{secondsSince(t), threadCpu() - c};
  };
  hop3Run(true);
  Timing hop3_t;
  for (int r = 0; r < runs; ++r) hop3_t.keepBest(hop3Run(false));

  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  // Wall clock, and CPU time (what the wall clock would read on an idle machine).
  std::printf("storage-bench: %zu nodes, %zu edges from %s\n", n_nodes, n_edges, data.c_str());
  std::printf("                                 wall        cpu\n");
  std::printf("  parse CSV + open          %8.3f s\n", parse_s);
  std::printf("  bulk import               %8.3f s %8.3f s  (cpu: both threads; bar 0.5 s)\n",
              import_s, import_cpu);
  std::printf("  1-hop avg, txn per query  %8.2f us %7.2f us  (bar 2 us; x%zu)\n",
              hop1_own.wall / hop1.size() * 1e6, hop1_own.cpu / hop1.size() * 1e6, hop1.size());
  std::printf("  1-hop avg, one txn        %8.2f us %7.2f us\n",
              hop1_shared.wall / hop1.size() * 1e6, hop1_shared.cpu / hop1.size() * 1e6);
  std::printf("  3-hop distinct x%zu      %8.2f ms %7.2f ms  (txn per query; bar 30 ms)\n",
              hop3.size(), hop3_t.wall * 1e3, hop3_t.cpu * 1e3);
  std::printf("  peak RSS                  %8.1f MiB\n", ru.ru_maxrss / 1024.0);
  std::printf("  answers                   %s\n",
              errors == 0 ? "all equal to the in-memory BFS" : "MISMATCH");
  opened.value().reset();  // close before removing the files
  std::filesystem::remove_all(db);
  return errors == 0 ? 0 : 1;
}
