// api/json_util.cc — see json_util.h.
#include "api/json_util.h"

#include <cstdint>
#include <limits>

namespace entente::api {

void fail(const std::string& message, int line, int column) {
  throw ImportError(message, line, column);
}

std::string sanitizeUtf8(std::string_view s) {
  if (validUtf8(s)) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n > 0 && i + n <= s.size() && validUtf8(s.substr(i, n))) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      i += 1;
    }
  }
  return out;
}

const char* jsonKind(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "list";
    case Json::value_t::object: return "object";
    default: return "value";
  }
}

std::string formatBytes(size_t n) {
  if (n >= (size_t{1} << 20) && n % (size_t{1} << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n >= (size_t{1} << 20)) return std::to_string((n + (size_t{1} << 19)) >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

Json parseJson(std::string_view text, int first_line) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // Position where the parser stopped (e.byte is 1-based, one past the last byte read).
    size_t stop = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    int line = first_line, column = 1;
    for (size_t i = 0; i < stop; ++i) {
      if (text[i] == '\n')
        line++, column = 1;
      else
        column++;
    }
    std::string what = sanitizeUtf8(e.what());
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    if (auto p = what.find("parse error"); p != std::string::npos)
      if (auto q = what.find(": ", p); q != std::string::npos) what = what.substr(q + 2);
    if (what.find("unexpected end of input") != std::string::npos)
      what += " (is the file truncated?)";
    fail("line " + std::to_string(line) + ", column " + std::to_string(column) +
             ": invalid JSON: " + what,
         line, column);
  } catch (const Json::out_of_range& e) {
    // A number beyond a double's range (1E999): nlohmann throws this, not a parse_error, and
    // gives no position.
    std::string what = sanitizeUtf8(e.what());
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    fail("invalid JSON: " + what);
  }
}

std::string jsonString(const Json& j, const std::string& path) {
  if (!j.is_string()) fail(path + ": expected a string, got " + jsonKind(j));
  const auto& s = j.get_ref<const std::string&>();
  if (!validUtf8(s)) fail(path + ": invalid UTF-8 in string");
  return s;
}

Value jsonToValue(const Json& j, const std::string& path, int depth) {
  if (depth > kMaxJsonDepth)
    fail(path + ": nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  switch (j.type()) {
    case Json::value_t::null: return Value();
    case Json::value_t::boolean: return Value(j.get<bool>());
    case Json::value_t::number_integer: return Value(j.get<int64_t>());
    case Json::value_t::number_unsigned: {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail(path + ": integer " + std::to_string(u) + " does not fit in 64 bits (signed)");
      return Value(static_cast<int64_t>(u));
    }
    case Json::value_t::number_float: return Value(j.get<double>());
    case Json::value_t::string: return Value(jsonString(j, path));
    case Json::value_t::array: {
      List list;
      list.reserve(j.size());
      size_t i = 0;
      for (const auto& item : j)
        list.push_back(jsonToValue(item, path + "[" + std::to_string(i++) + "]", depth + 1));
      return Value(std::move(list));
    }
    case Json::value_t::object: {
      if (j.size() == 1 && j.contains("$date")) {
        std::string s = jsonString(j["$date"], path + ".$date");
        Date d;
        if (!Date::parse(s, &d)) fail(path + ": '" + s + "' is not a valid date (YYYY-MM-DD)");
        return Value(d);
      }
      Map map;
      for (const auto& [k, v] : j.items()) {
        if (!validUtf8(k)) fail(path + ": invalid UTF-8 in a key");
        map.emplace(k, jsonToValue(v, path + "." + k, depth + 1));
      }
      return Value(std::move(map));
    }
    default: fail(path + ": unsupported JSON value");
  }
}

}  // namespace entente::api
