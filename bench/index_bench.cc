// bench/index_bench.cc — property index figures: bulk-import N `:Person {id, name}` nodes
// (default 1,000,000), time `CREATE CONSTRAINT ... REQUIRE p.id IS UNIQUE` (the index build),
// then 10,000 random lookups `MATCH (p:Person {id: $id}) RETURN p.name` through a prepared
// statement, and the same by `id()`. Prints µs per lookup. Not part of the test suite.
//
//   index-bench [nodes] [db-dir]     (db-dir is removed and recreated)
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

#include "driver_util.h"
#include "storage/graph_store.h"

int main(int argc, char** argv) {
  using namespace entente;
  const uint64_t n = argc > 1 ? std::stoull(argv[1]) : 1000000;
  const std::string dir =
      argc > 2 ? argv[2]
               : (std::filesystem::temp_directory_path() / "entente-index-bench").string();
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
             name = *store.intern("name");
    std::vector<storage::BulkNode> nodes;
    nodes.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      storage::Properties props{{id, Value(static_cast<int64_t>(i * 7 + 3))},
                                {name, Value("p" + std::to_string(i))}};
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

  std::printf("index-bench: %llu :Person nodes\n", static_cast<unsigned long long>(n));
  std::printf("  bulk import                 %8.3f s\n", import_s);
  std::printf("  unique constraint build     %8.3f s   (bar 2 s)\n", build_s);
  std::printf("  lookup by indexed id        %8.2f us  (bar 10 us; %d prepared executions)\n",
              by_index, lookups);
  std::printf("  lookup by id()              %8.2f us\n", by_id);
  if (plan.ok() && plan.rows().size() > 1)
    std::printf("  plan: %s\n", plan.rows()[1][0].asString().c_str());
  opened.value().reset();
  std::filesystem::remove_all(dir);
  return 0;
}
