// api/json_util.h — reading JSON input (nlohmann) into Values, for the importers and for
// parameters. Internal to api/: nlohmann types never reach include/entente/.
//
// Errors are thrown as ImportError (caught by the api/ entry points, never crossing the
// public API) with a message naming the path of the offending item, e.g.
// "relations[3].properties.confidence: expected a number in 0..1, got string".
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "entente/value.h"
#include "query/error.h"

namespace entente::api {

using Json = nlohmann::json;

//! The query stages' QueryError raised while reading import input or JSON parameters:
//! InvalidInput unless told otherwise, positioned at a line and column of the input (not of
//! a statement). toError() gives the API's value.
class ImportError : public query::QueryError {
 public:
  explicit ImportError(const std::string& message, int line = 0, int column = 0,
                       ErrorCode code = ErrorCode::kInvalidInput)
      : QueryError(code, message, query::ast::SourcePos{line, column}) {}
};

[[noreturn]] void fail(const std::string& message, int line = 0, int column = 0);

//! Nesting deeper than this is refused (the conversion and Value's destructor recurse).
inline constexpr int kMaxJsonDepth = 64;

using entente::validUtf8;  // core/utf8.h
//! `s` with every invalid UTF-8 byte replaced by U+FFFD (for messages quoting input).
std::string sanitizeUtf8(std::string_view s);
//! "string", "number", "boolean", "null", "list", "object".
const char* jsonKind(const Json& j);
//! "64 MiB" / "1000 bytes".
std::string formatBytes(size_t n);

//! Parses one JSON text; on a syntax error throws ImportError with the 1-based line and
//! column (counted in bytes) where the parser stopped.
//! `first_line` is the number of the text's first line in its file (JSON Lines).
Json parseJson(std::string_view text, int first_line = 1);

//! JSON -> Value: integers stay Int, numbers with a fraction or exponent become Float,
//! {"$date":"YYYY-MM-DD"} is a Date. Strings must be valid UTF-8. `path` names the item.
Value jsonToValue(const Json& j, const std::string& path, int depth = 0);
//! A JSON string (validated UTF-8) or fail.
std::string jsonString(const Json& j, const std::string& path);

}  // namespace entente::api
