// bench/index_bench.cc — property index figures on N `:Person {id, name, age}` nodes (default
// 1,000,000; ids i*7+3, ages 0..99 spread pseudo-randomly, so one age is 1 % of the rows):
//   - bulk import, `CREATE CONSTRAINT ... REQUIRE p.id IS UNIQUE` (an index build) and
//     `CREATE INDEX ... ON (p.age)`;
//   - 10,000 random lookups `MATCH (p:Person {id: $id}) RETURN p.name` through a prepared
//     statement (bar 10 µs), and the same nodes by `id()`;
//   - a 1 %-selective range query `MATCH (p:Person) WHERE p.age >= $lo AND p.age < $hi RETURN
//     p.name` (bar: within 2x the cost of reading its rows), against its baseline: the same
//     rows (the same nodes, in the same order) read by id through one prepared query,
//     `MATCH (p) WHERE id(p) IN $ids RETURN p.name`. Each of 20 ages is asked 3 times; the
//     medians are compared.
// With PEER_DIR, also writes persons.csv, picks.txt (the lookup keys) and ranges.txt for
// bench/index_peers.js (Kùzu and DuckDB on the same rows; bench/index_compare.sh runs both).
// The last line printed is the figures as one JSON object. Not part of the test suite.
//
//   index-bench [nodes] [db-dir] [peer-dir]     (db-dir is removed and recreated)
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "driver_util.h"
#include "storage/graph_store.h"

namespace {

int64_t ageOf(uint64_t i) {  // a fixed pseudo-random age in 0..99 (splitmix64 finaliser)
  uint64_t z = i + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return static_cast<int64_t>((z ^ (z >> 31)) % 100);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace entente;
  const uint64_t n = argc > 1 ? std::stoull(argv[1]) : 1000000;
  const std::string dir =
      argc > 2 ? argv[2]
               : (std::filesystem::temp_directory_path() / "entente-index-bench").string();
  const std::string peer_dir = argc > 3 ? argv[3] : "";
  std::filesystem::remove_all(dir);

  auto t0 = bench::Clock::now();
  {
    auto opened = storage::GraphStore::open(dir);
    if (!opened.ok()) {
      std::fprintf(stderr, "index-bench: %s\n", opened.status().message().c_str());
      return 1;
    }
    storage::GraphStore& store = **opened;
    uint32_t person = *store.intern("Person"), id = *store.intern("id"),
             name = *store.intern("name"), age = *store.intern("age");
    std::vector<storage::BulkNode> nodes;
    nodes.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      storage::Properties props{{id, Value(static_cast<int64_t>(i * 7 + 3))},
                                {name, Value("p" + std::to_string(i))},
                                {age, Value(ageOf(i))}};
      std::sort(props.begin(), props.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      nodes.push_back({i, {person}, std::move(props)});
    }
    storage::Status s = store.bulkImport(std::move(nodes), {});
    if (!s.ok()) {
      std::fprintf(stderr, "index-bench: import: %s\n", s.message().c_str());
      return 1;
    }
  }
  double import_s = bench::secondsSince(t0);

  auto opened = Database::open(dir);
  if (!opened) bench::fail("open", opened.error());
  Database& db = **opened;
  auto t1 = bench::Clock::now();
  auto c = db.query("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE");
  if (!c.ok()) bench::fail("create constraint", c.error());
  double build_s = bench::secondsSince(t1);
  const int lookups = 10000;
  std::mt19937_64 rng(42);
  std::vector<int64_t> picks(lookups);
  for (auto& p : picks) p = static_cast<int64_t>(rng() % n);

  auto run = [&](const char* text, bool by_key) {
    auto ps = bench::prepare(db, text);
    auto t = bench::Clock::now();
    for (int64_t i : picks) {
      auto r = db.execute(*ps, {{"id", Value(by_key ? i * 7 + 3 : i)}});
      if (!r.ok()) bench::fail(text, r.error());
      if (r.rows().size() != 1 || r.rows()[0][0].asString() != "p" + std::to_string(i)) {
        std::fprintf(stderr, "index-bench: wrong result for %lld\n", static_cast<long long>(i));
        std::exit(1);
      }
    }
    return bench::secondsSince(t) * 1e6 / lookups;
  };
  double by_index = run("MATCH (p:Person {id: $id}) RETURN p.name", true);
  double by_id = run("MATCH (p) WHERE id(p) = $id RETURN p.name", false);
  auto plan = db.query("EXPLAIN MATCH (p:Person {id: $id}) RETURN p.name");

  // The age index only now: with it, the two indexes and the node records no longer fit the
  // 64 MB block cache together and the key lookups above would measure cache misses.
  t1 = bench::Clock::now();
  c = db.query("CREATE INDEX person_age FOR (p:Person) ON (p.age)");
  if (!c.ok()) bench::fail("create index", c.error());
  double age_build_s = bench::secondsSince(t1);

  // The range query and its baseline, alternated so both see the same machine load.
  std::vector<std::vector<Value>> ids_by_age(100);
  for (uint64_t i = 0; i < n; ++i)
    ids_by_age[ageOf(i)].push_back(Value(static_cast<int64_t>(i)));  // node id i, id order
  auto range_ps =
      bench::prepare(db, "MATCH (p:Person) WHERE p.age >= $lo AND p.age < $hi RETURN p.name");
  auto byid_ps = bench::prepare(db, "MATCH (p) WHERE id(p) IN $ids RETURN p.name");
  std::vector<double> range_ms, byid_ms;
  size_t range_rows = 0;
  for (int rep = 0; rep < 3; ++rep) {
    for (int64_t a = 0; a < 100; a += 5) {
      auto t = bench::Clock::now();
      auto r = db.execute(*range_ps, {{"lo", Value(a)}, {"hi", Value(a + 1)}});
      range_ms.push_back(bench::secondsSince(t) * 1e3);
      if (!r.ok()) bench::fail("range query", r.error());
      Map params{{"ids", Value(List(ids_by_age[a]))}};
      t = bench::Clock::now();
      auto b = db.execute(*byid_ps, params);
      byid_ms.push_back(bench::secondsSince(t) * 1e3);
      if (!b.ok()) bench::fail("rows by id", b.error());
      if (r.rows() != b.rows() || r.rows().size() != ids_by_age[a].size()) {
        std::fprintf(stderr, "index-bench: range %lld: %zu rows, by id %zu\n",
                     static_cast<long long>(a), r.rows().size(), b.rows().size());
        std::exit(1);
      }
      range_rows += r.rows().size();
    }
  }
  auto range_plan =
      db.query("EXPLAIN MATCH (p:Person) WHERE p.age >= $lo AND p.age < $hi RETURN p.name");
  const double range_med = median(range_ms), byid_med = median(byid_ms);

  if (!peer_dir.empty()) {
    std::filesystem::create_directories(peer_dir);
    std::ofstream csv(peer_dir + "/persons.csv"), pk(peer_dir + "/picks.txt"),
        rg(peer_dir + "/ranges.txt");
    csv << "id,name,age\n";
    for (uint64_t i = 0; i < n; ++i) csv << i * 7 + 3 << ",p" << i << "," << ageOf(i) << "\n";
    for (int64_t i : picks) pk << i * 7 + 3 << " p" << i << "\n";
    for (int64_t a = 0; a < 100; a += 5)
      rg << a << " " << a + 1 << " " << ids_by_age[a].size() << "\n";
  }

  std::printf("index-bench: %llu :Person nodes\n", static_cast<unsigned long long>(n));
  std::printf("  bulk import                 %8.3f s\n", import_s);
  std::printf("  unique constraint build     %8.3f s   (bar 2 s)\n", build_s);
  std::printf("  index build on age          %8.3f s\n", age_build_s);
  std::printf("  lookup by indexed id        %8.2f us  (bar 10 us; %d prepared executions)\n",
              by_index, lookups);
  std::printf("  lookup by id()              %8.2f us\n", by_id);
  if (plan.ok() && plan.rows().size() > 1)
    std::printf("  plan: %s\n", plan.rows()[1][0].asString().c_str());
  std::printf("  1%% range query               %8.2f ms  (median; %.0f rows a query)\n", range_med,
              static_cast<double>(range_rows) / static_cast<double>(range_ms.size()));
  std::printf("  the same rows by id          %8.2f ms  (median)\n", byid_med);
  std::printf("  range / rows by id          %8.2f x   (bar 2)\n", range_med / byid_med);
  if (range_plan.ok())
    for (const auto& row : range_plan.rows())
      std::printf("  plan: %s\n", row[0].asString().c_str());
  std::printf(
      "{\"system\":\"entente\",\"nodes\":%llu,\"import_s\":%.3f,\"unique_build_s\":%.3f,"
      "\"age_build_s\":%.3f,\"lookup_us\":%.3f,\"lookup_by_id_us\":%.3f,\"range_ms\":%.3f,"
      "\"range_by_id_ms\":%.3f}\n",
      static_cast<unsigned long long>(n), import_s, build_s, age_build_s, by_index, by_id,
      range_med, byid_med);
  opened.value().reset();
  std::filesystem::remove_all(dir);
  return 0;
}
