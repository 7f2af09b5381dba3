// tests/tck/tck_scenario.h — runs one openCypher TCK scenario against a fresh Entente
// database and says whether it passed, failed (with a failure category for the report) or
// does not apply to Entente (skipped, with the reason).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "entente/entente.h"
#include "tests/tck/gherkin.h"

namespace entente::tck {

struct Outcome {
  enum class Status { kPass, kFail, kSkip };
  Status status = Status::kFail;
  bool expected_error = false;  // the scenario expects an error (counted among passes)
  std::string category;         // kFail: a short, grouped reason; kSkip: the reason
  std::string detail;           // kFail: what exactly differed
};

//! The reason a scenario is not applicable to Entente (procedures defined by the TCK,
//! temporal types other than date, spatial points, @ignore), or nullopt.
std::optional<std::string> notApplicable(const Scenario& s);

//! Runs the scenario's steps on `db`, which must be empty. `graphs_dir` holds the TCK's
//! named graphs (<dir>/<name>/<name>.cypher). Each statement gets `timeout`.
Outcome runScenario(const Scenario& s, Database& db, const std::string& graphs_dir,
                    std::chrono::milliseconds timeout);

//! Whether an expected error passes only when its class AND openCypher's detail match
//! (default, "SyntaxError ... : UndefinedVariable"), or on the class alone (--class-only).
void setCheckErrorDetail(bool check);

//! Empties `db` after a scenario (DETACH DELETE of every node) so the next scenario can
//! reuse it: opening a RocksDB database per scenario would dominate the run. False if the
//! database could not be emptied (the caller then opens a new one).
bool resetDatabase(Database& db);

}  // namespace entente::tck
