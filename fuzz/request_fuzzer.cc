// fuzz/request_fuzzer.cc — libFuzzer target for the server protocol: the input is one
// request line given to server::RequestHandler::handle (no sockets). Every line must get
// one JSON response line; crashes, hangs and leaks are bugs.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/database_impl.h"  // PreparedQuery::statement->read_only
#include "fuzz/fuzz_util.h"
#include "query/prepared.h"
#include "server/request.h"

namespace {

entente::server::Limits fuzzLimits() {
  entente::server::Limits limits;
  limits.query_timeout = std::chrono::milliseconds(50);
  limits.max_rows = 1000;
  limits.slow_query = std::chrono::milliseconds(0);  // no log line per slow query
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<entente::Database> db = entente::fuzz::freshDatabase(false);
  std::string_view line(reinterpret_cast<const char*>(data), size);
  std::string response;
  {
    entente::server::RequestHandler handler(*db, fuzzLimits(), "");
    entente::Session session(*db);
    response = handler.handle(line, "fuzz", session);
  }

  // One line of JSON, ending with '\n', and nothing the engine did not expect.
  if (response.empty() || response.back() != '\n' || response.find('\n') != response.size() - 1) {
    std::fprintf(stderr, "fuzz: response is not one line: %s\n", response.c_str());
    std::abort();
  }
  auto parsed = nlohmann::json::parse(response, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    std::fprintf(stderr, "fuzz: response is not a JSON object: %s\n", response.c_str());
    std::abort();
  }
  if (auto e = parsed.find("error"); e != parsed.end() && e->is_object()) {
    // The protocol spells codes as names: map back to the enum (an unknown name is a bug too).
    auto code = entente::parseErrorCode(e->value("code", ""));
    if (!code) {
      std::fprintf(stderr, "fuzz: unknown error code in %s\n", response.c_str());
      std::abort();
    }
    entente::fuzz::checkError(entente::Error(*code, e->value("message", "")));
  }
  // A statement that writes leaves the database changed: start the next input from an empty one.
  auto request = nlohmann::json::parse(line, nullptr, false);
  if (!request.is_discarded() && request.is_object()) {
    if (auto q = request.find("query"); q != request.end() && q->is_string()) {
      auto prepared = db->prepare(q->get_ref<const std::string&>());
      if (prepared && (!prepared.value()->statement || !prepared.value()->statement->read_only)) {
        db.reset();
        db = entente::fuzz::freshDatabase(false);
      }
    }
  }
  return 0;
}
