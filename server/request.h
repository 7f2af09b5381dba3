// server/request.h — one protocol exchange: a request line in, a response line out.
//
// Request: {"id": any JSON, "query": "...", "params": {...}, "token": "..."} on one line.
// Response: resultToJson() of the query result with the id echoed token for token (the raw
// text of the request's "id" member less its blanks, so 1.0, "\u00e9" and big numbers come
// back unchanged and a multi-line id cannot break the one-line response).
// Protocol errors are answered with the same error object as query errors: a malformed line
// gets code ArgumentError ("malformed request: ..."), a wrong token Unauthorized.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "entente/entente.h"
#include "entente/session.h"

namespace entente::server {

struct Limits {
  size_t max_request_bytes = 1 << 20;
  std::chrono::milliseconds query_timeout{30000};
  uint64_t max_rows = 1000000;
  std::chrono::milliseconds slow_query{1000};
};

//! The raw JSON text of top-level member `key` of a well-formed JSON object, if present
//! (the last one if repeated, as JSON parsers keep).
std::optional<std::string_view> rawMember(std::string_view object, std::string_view key);

//! An error response line (with '\n'), in the shape of resultToJson's error object.
std::string errorLine(std::string_view id_json, const Error& error);

class RequestHandler {
 public:
  RequestHandler(Database& db, Limits limits, std::string token)
      : db_(db), limits_(limits), token_(std::move(token)) {}

  //! Answers one request line (without its '\n') in the connection's `session`; the response
  //! ends with '\n'. `peer` names the client in log lines.
  std::string handle(std::string_view line, std::string_view peer, Session& session);

  const Limits& limits() const { return limits_; }
  Database& database() { return db_; }

 private:
  Database& db_;
  Limits limits_;
  std::string token_;
};

//! Writes one timestamped line to stderr (thread-safe).
void logLine(std::string_view message);

}  // namespace entente::server
