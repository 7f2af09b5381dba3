#include "server/request.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <iostream>
#include <mutex>

#include "entente/json.h"

namespace entente::server {
namespace {

size_t skipBlanks(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// End (one past) of the JSON string starting at s[i] == '"'.
size_t skipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == '"')
      return i + 1;
  }
  return s.size();
}

// End of the JSON value starting at s[i] (the input is known to be well-formed).
size_t skipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '"') return skipString(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      char c = s[i];
      if (c == '"') {
        i = skipString(s, i);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return i;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
         s[i] != '\r' && s[i] != '\n')
    ++i;
  return i;
}

// `json` (well-formed) without the blanks between its tokens: the echoed id must stay on
// the response's one line, whatever layout the client gave it.
std::string withoutBlanks(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size();) {
    if (json[i] == '"') {
      size_t end = skipString(json, i);
      out.append(json.substr(i, end - i));
      i = end;
    } else {
      if (json[i] != ' ' && json[i] != '\t' && json[i] != '\n' && json[i] != '\r') out += json[i];
      ++i;
    }
  }
  return out;
}

bool sameSecret(std::string_view a, std::string_view b) {
  // Compare in time independent of where they differ.
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::optional<std::string_view> rawMember(std::string_view object, std::string_view key) {
  std::optional<std::string_view> found;
  size_t i = skipBlanks(object, 0);
  if (i >= object.size() || object[i] != '{') return found;
  i = skipBlanks(object, i + 1);
  while (i < object.size() && object[i] == '"') {
    size_t key_end = skipString(object, i);
    std::string_view k = object.substr(i + 1, key_end - i - 2);
    i = skipBlanks(object, key_end);
    if (i >= object.size() || object[i] != ':') break;
    i = skipBlanks(object, i + 1);
    size_t value_end = skipValue(object, i);
    if (k == key) found = object.substr(i, value_end - i);
    i = skipBlanks(object, value_end);
    if (i < object.size() && object[i] == ',') i = skipBlanks(object, i + 1);
  }
  return found;
}

std::string errorLine(std::string_view id_json, const Error& error) {
  return errorToJson(error, id_json) + "\n";
}

void logLine(std::string_view message) {
  static std::mutex mu;
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard<std::mutex> lock(mu);
  std::cerr << stamp << ' ' << message << '\n';
}

std::string RequestHandler::handle(std::string_view line, std::string_view peer, Session& session) {
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    return errorLine(
        "null", Error(ErrorCode::kArgumentError, std::string("malformed request: ") + e.what()));
  }
  if (!request.is_object())
    return errorLine("null",
                     Error(ErrorCode::kArgumentError, "malformed request: expected a JSON object"));

  std::string id = "null";
  if (auto it = request.find("id"); it != request.end()) {
    auto raw = rawMember(line, "id");
    id = raw ? withoutBlanks(*raw) : it->dump();  // dump() only if the key was written with escapes
  }
  if (!token_.empty()) {
    auto t = request.find("token");
    if (t == request.end() || !t->is_string() ||
        !sameSecret(t->get_ref<const std::string&>(), token_))
      return errorLine(id, Error(ErrorCode::kUnauthorized, "missing or wrong token"));
  }
  auto q = request.find("query");
  if (q == request.end() || !q->is_string())
    return errorLine(
        id, Error(ErrorCode::kArgumentError, "malformed request: \"query\" must be a string"));
  Map params;
  if (auto p = request.find("params"); p != request.end() && !p->is_null()) {
    if (!p->is_object())
      return errorLine(
          id, Error(ErrorCode::kArgumentError, "malformed request: \"params\" must be an object"));
    auto raw = rawMember(line, "params");
    auto parsed = paramsFromJson(raw ? *raw : std::string_view(p->dump()));
    if (!parsed) return errorLine(id, parsed.error());
    params = std::move(*parsed);
  }

  QueryOptions options;
  options.timeout = limits_.query_timeout;
  options.max_rows = limits_.max_rows;
  const std::string& text = q->get_ref<const std::string&>();
  auto t0 = std::chrono::steady_clock::now();
  QueryResult result = session.run(text, params, options);
  auto elapsed = std::chrono::steady_clock::now() - t0;
  if (limits_.slow_query.count() > 0 && elapsed >= limits_.slow_query) {
    logLine(std::string(peer) + ": slow query (" +
            std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()) +
            " ms): " + text.substr(0, 300));
  }
  // Compile-time and semantic errors are the client's statement; the rest are worth a log line.
  if (!result.ok() && result.error().code() != ErrorCode::kSyntaxError &&
      result.error().code() != ErrorCode::kSemanticError)
    logLine(std::string(peer) + ": " + std::string(result.error().codeName()) + ": " +
            result.error().message().substr(0, 300));
  return resultToJson(result, id) + "\n";
}

}  // namespace entente::server
