// fuzz/json_import_fuzzer.cc — libFuzzer target for the JSON dataset import: the input is a
// dataset document given to Database::importJsonText. Refusals are expected; crashes, hangs,
// leaks and InternalError are bugs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A refused import changes nothing (all or nothing), so the database is reused until an
  // import succeeds; then it is replaced, so every input starts from an empty database.
  static std::unique_ptr<entente::Database> db = entente::fuzz::freshDatabase(false);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto stats = db->importJsonText(text, "<fuzz>");
  if (!stats) {
    entente::fuzz::checkError(stats.error());
    return 0;
  }
  // Read back what was imported: the export must not fail on anything the import accepted.
  auto exported = db->exportJsonText();
  if (!exported) entente::fuzz::checkError(exported.error());
  db.reset();
  db = entente::fuzz::freshDatabase(false);
  return 0;
}
