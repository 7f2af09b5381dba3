// fuzz/query_fuzzer.cc — libFuzzer target for the query language. The input is statement
// text: it is parsed, then prepared (parse + bind + plan) through the public API, and a
// read-only statement is run against the bundled dataset with a small time and row budget.
// Errors are expected; crashes, hangs, leaks and InternalError are bugs.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/database_impl.h"  // PreparedQuery::statement->read_only
#include "fuzz/fuzz_util.h"
#include "query/error.h"
#include "query/parse/parser.h"
#include "query/prepared.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One database for the whole run: only read-only statements execute, so it never changes.
  static std::unique_ptr<entente::Database> db = entente::fuzz::freshDatabase(true);
  std::string_view text(reinterpret_cast<const char*>(data), size);

  try {
    (void)entente::query::parse(text);
  } catch (const entente::query::QueryError&) {
    // A syntax error is an answer, not a failure.
  }

  auto prepared = db->prepare(text);
  if (!prepared) {
    entente::fuzz::checkError(prepared.error());
    return 0;
  }
  if (!prepared.value()->statement || !prepared.value()->statement->read_only) return 0;
  entente::QueryOptions options;
  options.timeout = std::chrono::milliseconds(50);
  options.max_rows = 1000;
  auto result = db->execute(*prepared.value(), {}, options);
  if (!result.ok()) entente::fuzz::checkError(result.error());
  return 0;
}
