// bench/entente_peer_driver.cc — Entente's driver for ../shared/peers/run_all.sh (the ENTENTE_CMD
// contract of ../shared/PEERS.md).
//
// Usage: entente-peer-driver DATA_DIR OUT_DIR [DB_DIR]
// Loads DATA_DIR/{nodes,edges}.csv through the bulk import (sorted SST files) into a fresh
// on-disk database, then answers every workload question through the query language and
// the embedded API, one query at a time, with prepared (parse-once) statements:
//   1-hop  MATCH (a)-[:E]->(b) WHERE id(a) = $id RETURN count(b), sum(id(b))
//   3-hop  MATCH (a)-[:E*1..3]->(b) WHERE id(a) = $id AND b <> a RETURN count(DISTINCT b)
//   SP     MATCH p = shortestPath((a)-[:E*..10]->(b)) WHERE id(a) = $s AND id(b) = $t
//          RETURN length(p)
// Writes OUT_DIR/{hop1,hop3,sp}.txt and prints one JSON line of timings (seconds).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench/driver_util.h"
#include "entente/entente.h"

using bench::Clock;
using bench::fail;
using bench::prepare;
using bench::readInts;
using bench::secondsSince;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " DATA_DIR OUT_DIR [DB_DIR]\n";
    return 2;
  }
  const std::string data = argv[1], out = argv[2];
  const std::string db_dir =
      argc > 3 ? argv[3] : (std::filesystem::temp_directory_path() / "entente-peer-db").string();
  std::filesystem::remove_all(db_dir);
  std::filesystem::create_directories(out);

  auto start = Clock::now();
  auto opened = entente::Database::open(db_dir);
  if (!opened) fail("open", opened.error());
  entente::Database& db = *opened.value();
  auto loaded = db.importCsv(data + "/nodes.csv", data + "/edges.csv", "N", "E");
  if (!loaded) fail("import", loaded.error());
  const double load_s = secondsSince(start);

  const auto hop1_ids = readInts(data + "/q_hop1.txt");
  const auto hop3_ids = readInts(data + "/q_hop3.txt");
  const auto sp_ids = readInts(data + "/q_sp.txt");

  auto hop1 =
      prepare(db, "MATCH (a)-[:E]->(b) WHERE id(a) = $id RETURN count(b) AS c, sum(id(b)) AS s");
  auto hop3 = prepare(
      db, "MATCH (a)-[:E*1..3]->(b) WHERE id(a) = $id AND b <> a RETURN count(DISTINCT b) AS c");
  auto sp = prepare(db,
                    "MATCH p = shortestPath((a)-[:E*..10]->(b)) WHERE id(a) = $s AND id(b) = $t "
                    "RETURN length(p) AS d");

  std::string hop1_out, hop3_out, sp_out;
  entente::Map params;

  start = Clock::now();
  for (int64_t id : hop1_ids) {
    params["id"] = entente::Value(id);
    auto r = db.execute(*hop1, params);
    if (!r.ok()) fail("1-hop", r.error());
    const auto& row = r.rows().at(0);
    hop1_out += std::to_string(id) + ' ' + std::to_string(row[0].asInt()) + ' ' +
                std::to_string(row[1].isNull() ? 0 : row[1].asInt()) + '\n';
  }
  const double hop1_s = secondsSince(start);

  start = Clock::now();
  for (int64_t id : hop3_ids) {
    params["id"] = entente::Value(id);
    auto r = db.execute(*hop3, params);
    if (!r.ok()) fail("3-hop", r.error());
    hop3_out += std::to_string(id) + ' ' + std::to_string(r.rows().at(0)[0].asInt()) + '\n';
  }
  const double hop3_s = secondsSince(start);

  params.clear();
  start = Clock::now();
  for (size_t i = 0; i + 1 < sp_ids.size(); i += 2) {
    params["s"] = entente::Value(sp_ids[i]);
    params["t"] = entente::Value(sp_ids[i + 1]);
    auto r = db.execute(*sp, params);
    if (!r.ok()) fail("shortest path", r.error());
    const int64_t hops = r.rows().empty() ? -1 : r.rows()[0][0].asInt();
    sp_out += std::to_string(sp_ids[i]) + ' ' + std::to_string(sp_ids[i + 1]) + ' ' +
              std::to_string(hops) + '\n';
  }
  const double sp_s = secondsSince(start);

  std::ofstream(out + "/hop1.txt") << hop1_out;
  std::ofstream(out + "/hop3.txt") << hop3_out;
  std::ofstream(out + "/sp.txt") << sp_out;
  std::printf(
      "{\"system\":\"entente\",\"version\":\"0.1.0\",\"load_s\":%.4f,\"hop1_s\":%.6f,\"hop3_s\":%."
      "4f,"
      "\"sp_s\":%.4f}\n",
      load_s, hop1_s, hop3_s, sp_s);
  return 0;
}
