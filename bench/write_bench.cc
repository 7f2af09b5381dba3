// bench/write_bench.cc — batched writes through the query language against the bulk CSV
// import, in the same run: N `:Person {id, name}` nodes (default 100,000) and N `:KNOWS`
// relationships between random persons, written
//   bulk        Database::importCsv (nodes file, then edges file into the existing nodes)
//   unwind      one statement per batch: UNWIND $rows AS r CREATE (:Person {id: r.id, …}),
//               then UNWIND $rows AS r MATCH (a:Person {id: r.a}), (b:Person {id: r.b})
//               CREATE (a)-[:KNOWS]->(b)  (index on :Person(id))
//   load csv    LOAD CSV WITH HEADERS FROM 'file:///…' AS r … the same writes
// Prints rows/s for each and the ratio to bulk. The relationship MATCH without an index scans
// the label for every row, so it is measured on a smaller batch (`noindex_rows`).
// Every database starts empty; each figure is the median of `runs`.
//
//   write-bench [rows] [runs] [noindex_rows]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "driver_util.h"

namespace {

using namespace entente;
namespace fs = std::filesystem;

struct Workload {
  int64_t n;
  std::vector<std::pair<int64_t, int64_t>> knows;  // person ids (= i)
  fs::path dir;                                    // CSV files; also the import directory
};

std::unique_ptr<Database> fresh(const Workload& w) {
  OpenOptions o;
  o.import_directory = w.dir.string();
  auto db = Database::openTemporary(o);
  if (!db) bench::fail("open", db.error());
  return std::move(db.value());
}

void must(Database& db, const std::string& q, const Map& params = {}) {
  auto r = db.query(q, params);
  if (!r.ok()) bench::fail(q, r.error());
}

std::string name(int64_t i) { return "person-" + std::to_string(i); }

void writeFiles(const Workload& w) {
  std::ofstream bn(w.dir / "bulk_nodes.csv"), be(w.dir / "bulk_edges.csv");
  std::ofstream ln(w.dir / "people.csv"), le(w.dir / "knows.csv");
  bn << "id,label,name,uid\n";
  ln << "id,name\n";
  for (int64_t i = 0; i < w.n; ++i) {
    bn << i << ",Person," << name(i) << "," << i << "\n";
    ln << i << "," << name(i) << "\n";
  }
  be << "src,dst,type\n";
  le << "a,b\n";
  for (auto [a, b] : w.knows) {
    be << a << "," << b << ",KNOWS\n";
    le << a << "," << b << "\n";
  }
}

struct Figures {
  double nodes_s, edges_s;
};

Figures bulk(const Workload& w) {
  auto db = fresh(w);
  must(*db, "CREATE INDEX FOR (p:Person) ON (p.uid)");
  auto empty = (w.dir / "empty.csv").string();
  std::ofstream(empty) << "src,dst\n";
  auto t0 = bench::Clock::now();
  auto s = db->importCsv((w.dir / "bulk_nodes.csv").string(), empty);
  if (!s) bench::fail("bulk nodes", s.error());
  double nodes = bench::secondsSince(t0);
  auto t1 = bench::Clock::now();
  s = db->importCsv((w.dir / "empty_nodes.csv").string(), (w.dir / "bulk_edges.csv").string());
  if (!s) bench::fail("bulk edges", s.error());
  return {nodes, bench::secondsSince(t1)};
}

const char* kCreate = "UNWIND $rows AS r CREATE (:Person {id: r.id, name: r.name})";
const char* kConnect =
    "UNWIND $rows AS r MATCH (a:Person {id: r.a}), (b:Person {id: r.b}) CREATE (a)-[:KNOWS]->(b)";

Figures unwind(const Workload& w, bool index, size_t edge_rows) {
  auto db = fresh(w);
  if (index) must(*db, "CREATE INDEX FOR (p:Person) ON (p.id)");
  List people, knows;
  people.reserve(static_cast<size_t>(w.n));
  for (int64_t i = 0; i < w.n; ++i)
    people.push_back(Value(Map{{"id", Value(i)}, {"name", Value(name(i))}}));
  for (size_t i = 0; i < edge_rows; ++i)
    knows.push_back(Value(Map{{"a", Value(w.knows[i].first)}, {"b", Value(w.knows[i].second)}}));
  Map p1{{"rows", Value(std::move(people))}}, p2{{"rows", Value(std::move(knows))}};
  auto t0 = bench::Clock::now();
  must(*db, kCreate, p1);
  double nodes = bench::secondsSince(t0);
  auto t1 = bench::Clock::now();
  must(*db, kConnect, p2);
  return {nodes, bench::secondsSince(t1)};
}

Figures loadCsv(const Workload& w) {
  auto db = fresh(w);
  must(*db, "CREATE INDEX FOR (p:Person) ON (p.id)");
  auto t0 = bench::Clock::now();
  must(*db,
       "LOAD CSV WITH HEADERS FROM 'file:///people.csv' AS r "
       "CREATE (:Person {id: toInteger(r.id), name: r.name})");
  double nodes = bench::secondsSince(t0);
  auto t1 = bench::Clock::now();
  must(*db,
       "LOAD CSV WITH HEADERS FROM 'file:///knows.csv' AS r "
       "MATCH (a:Person {id: toInteger(r.a)}), (b:Person {id: toInteger(r.b)}) "
       "CREATE (a)-[:KNOWS]->(b)");
  return {nodes, bench::secondsSince(t1)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  Workload w;
  w.n = argc > 1 ? std::stoll(argv[1]) : 100000;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 3;
  const size_t noindex_rows = argc > 3 ? std::stoull(argv[3]) : 2000;
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> pick(0, w.n - 1);
  for (int64_t i = 0; i < w.n; ++i) w.knows.emplace_back(pick(rng), pick(rng));
  w.dir = fs::temp_directory_path() / ("entente-write-bench-" + std::to_string(::getpid()));
  fs::create_directories(w.dir);
  writeFiles(w);
  std::ofstream(w.dir / "empty_nodes.csv") << "";

  std::vector<double> bn, be, un, ue, ln, le, nn, ne;
  for (int r = 0; r < runs; ++r) {
    Figures b = bulk(w), u = unwind(w, true, w.knows.size()), l = loadCsv(w),
            x = unwind(w, false, std::min(noindex_rows, w.knows.size()));
    bn.push_back(b.nodes_s), be.push_back(b.edges_s);
    un.push_back(u.nodes_s), ue.push_back(u.edges_s);
    ln.push_back(l.nodes_s), le.push_back(l.edges_s);
    nn.push_back(x.nodes_s), ne.push_back(x.edges_s);
  }
  fs::remove_all(w.dir);

  const double n = static_cast<double>(w.n), e = static_cast<double>(w.knows.size());
  const double small = static_cast<double>(std::min(noindex_rows, w.knows.size()));
  auto line = [&](const char* what, double nodes_s, double edges_s, double edges) {
    std::printf("%-26s %12.0f %8.2f %14.0f %8.2f\n", what, n / nodes_s, nodes_s / median(bn),
                edges / edges_s, (edges_s / edges) / (median(be) / e));
  };
  std::printf("write-bench: %lld nodes, %zu relationships per batch, median of %d runs\n",
              static_cast<long long>(w.n), w.knows.size(), runs);
  std::printf("%-26s %12s %8s %14s %8s\n", "path", "nodes/s", "x bulk", "rels/s", "x bulk");
  std::printf("%-26s %12.0f %8.2f %14.0f %8.2f\n", "bulk import (importCsv)", n / median(bn), 1.0,
              e / median(be), 1.0);
  line("UNWIND $rows (index)", median(un), median(ue), e);
  line("LOAD CSV (index)", median(ln), median(le), e);
  line("UNWIND $rows (no index)", median(nn), median(ne), small);
  std::printf(
      "(x bulk: how many times slower than the bulk import; the no-index relationship "
      "batch has %zu rows)\n",
      static_cast<size_t>(small));
  return 0;
}
