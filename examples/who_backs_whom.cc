// examples/who_backs_whom.cc — the README's embedded-API example: open a database, load
// the bundled Aleppo dataset, ask who backs a group (with a parameter), walk the typed
// results, and show an error value.
#include <iostream>

#include <entente/entente.h>

int main(int argc, char** argv) {
  auto db = argc > 1 ? entente::Database::open(argv[1]) : entente::Database::openTemporary();
  if (!db) {
    std::cerr << db.error().codeName() << ": " << db.error().message() << "\n";
    return 1;
  }
  if (auto loaded = (*db)->loadBundledDataset(); !loaded) {
    std::cerr << loaded.error().message() << "\n";
    return 1;
  }

  // Parse and plan once, run with different parameters.
  auto who_backs = (*db)->prepare(
      "MATCH (s)-[r:BACKS]->(g) WHERE g.name = $group "
      "RETURN s.name AS supporter, r.since AS since");
  if (!who_backs) return 1;
  for (const char* group : {"Free Syrian Army", "Syrian government"}) {
    entente::QueryResult r = (*db)->execute(**who_backs, {{"group", entente::Value(group)}});
    for (const auto& row : r.rows()) {
      std::cout << row[0].asString() << " backs " << group;
      if (row[1].isDate()) std::cout << " since " << row[1].asDate().toString();
      std::cout << "\n";
    }
  }

  // Errors are values: code, message (with a caret line), line and column.
  entente::QueryResult bad = (*db)->query("MATCH (a RETURN a");
  if (!bad.ok()) {
    std::cout << bad.error().codeName() << " at line " << bad.error().line() << ", column "
              << bad.error().column() << "\n";
  }
  return 0;
}
