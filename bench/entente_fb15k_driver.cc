// bench/entente_fb15k_driver.cc — Entente's driver for the two knowledge-graph questions of
// bench/compare on FB15k-237 with its relation types (the workload written by
// bench/compare/convert_fb15k.py).
//
// Usage: entente-fb15k-driver DATA_DIR OUT_DIR DB_DIR BATCHES
//   BATCHES: comma list of load, agg, writes. Without `load`, DB_DIR is reopened (the
//   supervisor restarts the driver after a batch it killed).
//   load    DATA_DIR/nodes.csv + kg_edges_named.csv (`src,dst,TYPE`) through the bulk CSV import
//   agg     for each id in q_agg.txt, through the query language (one prepared statement):
//             MATCH (p)-[:T1]->(c), (p)-[:T2]->(j) WHERE id(c) = $id
//             RETURN id(j) AS j, count(DISTINCT p) AS n ORDER BY n DESC, j ASC LIMIT 5
//           (T1, T2 from kg.json: nationality, profession) → agg.txt `c j:n j:n …`
//   writes  for each `a b` of q_writes.txt one statement, its own transaction:
//             MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b CREATE (a)-[:INSERTED]->(b)
//           then (untimed) writes.txt `count sum(src) sum(dst) all_relations`
// Protocol on stdout (one JSON object a line): {"system":…}, then per batch {"start":B} and,
// once its answer file is written, {"done":B,"s":seconds}; every 1,000 writes
// {"progress":"writes","n":…,"of":…,"s":…}.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench/driver_util.h"
#include "entente/entente.h"

namespace {

using bench::Clock;
using bench::fail;
using bench::prepare;
using bench::readInts;

entente::QueryResult run(entente::Database& db, const entente::PreparedQuery& q,
                         const entente::Map& params, const char* what) {
  auto r = db.execute(q, params);
  if (!r.ok()) fail(what, r.error());
  return r;
}

void emit(const std::string& json) {
  std::fputs((json + "\n").c_str(), stdout);
  std::fflush(stdout);
}

struct Driver {
  std::string data, out, db_dir;
  nlohmann::json kg;
  std::unique_ptr<entente::Database> db;

  void open(bool fresh) {
    if (fresh) std::filesystem::remove_all(db_dir);
    auto opened = entente::Database::open(db_dir);
    if (!opened) fail("open", opened.error());
    db = std::move(opened.value());
  }

  void load() {
    auto loaded =
        db->importCsv(data + "/nodes.csv", data + "/kg_edges_named.csv", "N", "RELATED_TO");
    if (!loaded) fail("import", loaded.error());
  }

  void agg() {
    auto q = prepare(
        *db, "MATCH (p)-[:" + kg["t1_name"].get<std::string>() +
                 "]->(c), (p)-[:" + kg["t2_name"].get<std::string>() +
                 "]->(j) WHERE id(c) = $id "
                 "RETURN id(j) AS j, count(DISTINCT p) AS n ORDER BY n DESC, j ASC LIMIT 5");
    std::string text;
    entente::Map params;
    for (int64_t c : readInts(data + "/q_agg.txt")) {
      params["id"] = entente::Value(c);
      auto r = run(*db, *q, params, "agg");
      text += std::to_string(c);
      for (const auto& row : r.rows())
        text += ' ' + std::to_string(row[0].asInt()) + ':' + std::to_string(row[1].asInt());
      text += '\n';
    }
    std::ofstream(out + "/agg.txt") << text;
  }

  // Returns the untimed check, run once the clock stopped.
  std::function<void()> writes() {
    const std::string type = kg["inserted_name"].get<std::string>();
    auto q = prepare(
        *db, "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b CREATE (a)-[:" + type + "]->(b)");
    const auto v = readInts(data + "/q_writes.txt");
    const auto start = Clock::now();
    entente::Map params;
    for (size_t i = 0; i + 1 < v.size(); i += 2) {
      params["a"] = entente::Value(v[i]);
      params["b"] = entente::Value(v[i + 1]);
      auto r = run(*db, *q, params, "write");
      if (r.stats().relationships_created != 1) {
        std::cerr << "write " << v[i] << "->" << v[i + 1] << " created "
                  << r.stats().relationships_created << " relations\n";
        std::exit(1);
      }
      if (const size_t n = i / 2 + 1;
          n % 1000 == 0) {  // so that a batch killed at its cap tells how far it got
        char line[128];
        std::snprintf(line, sizeof line, R"({"progress":"writes","n":%zu,"of":%zu,"s":%.6f})", n,
                      v.size() / 2, std::chrono::duration<double>(Clock::now() - start).count());
        emit(line);
      }
    }
    return [this, type] {
      auto r = db->query("MATCH (a)-[:" + type +
                         "]->(b) RETURN count(*) AS c, sum(id(a)) AS s, sum(id(b)) AS d");
      if (!r.ok()) fail("write check", r.error());
      auto all = db->query("MATCH ()-[r]->() RETURN count(r) AS c");
      if (!all.ok()) fail("write check", all.error());
      const auto& row = r.rows().at(0);
      std::ofstream(out + "/writes.txt")
          << row[0].asInt() << ' ' << row[1].asInt() << ' ' << row[2].asInt() << ' '
          << all.rows().at(0)[0].asInt() << '\n';
    };
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: " << argv[0]
              << " DATA_DIR OUT_DIR DB_DIR BATCHES (comma list of load,agg,writes)\n";
    return 2;
  }
  Driver d{argv[1], argv[2], argv[3], {}, nullptr};
  std::vector<std::string> batches;
  std::stringstream list(argv[4]);
  for (std::string b; std::getline(list, b, ',');) batches.push_back(b);
  std::ifstream kg_in(d.data + "/kg.json");
  d.kg = nlohmann::json::parse(kg_in);
  std::filesystem::create_directories(d.out);
  d.open(std::find(batches.begin(), batches.end(), "load") != batches.end());
  emit(R"({"system":"entente","version":"0.1.0"})");

  for (const auto& b : batches) {
    emit(R"({"start":")" + b + "\"}");
    const auto start = Clock::now();
    std::function<void()> after;
    if (b == "load")
      d.load();
    else if (b == "agg")
      d.agg();
    else if (b == "writes")
      after = d.writes();
    else {
      std::cerr << "unknown batch " << b << "\n";
      return 2;
    }
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    if (after) after();
    char line[96];
    std::snprintf(line, sizeof line, R"({"done":"%s","s":%.6f})", b.c_str(), s);
    emit(line);
  }
  return 0;
}
