// query/expr/functions_string.cc — string functions.
//
// Positions and lengths count Unicode code points (UTF-8 decoded), not bytes, so
// substring('Алеппо', 1, 2) cuts between letters. Case mapping is ASCII only.
#include <algorithm>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

RValue mapAscii(const FnArgs& a, bool upper) {
  std::string s = a.stringArg(0);
  for (char& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

RValue toUpper(const FnArgs& a) { return mapAscii(a, true); }
RValue toLower(const FnArgs& a) { return mapAscii(a, false); }

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

RValue trimImpl(const FnArgs& a, bool left, bool right) {
  std::string_view s = a.stringArg(0);
  if (left)
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  if (right)
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

RValue trim(const FnArgs& a) { return trimImpl(a, true, true); }
RValue ltrim(const FnArgs& a) { return trimImpl(a, true, false); }
RValue rtrim(const FnArgs& a) { return trimImpl(a, false, true); }

RValue replace(const FnArgs& a) {
  const std::string& s = a.stringArg(0);
  const std::string& from = a.stringArg(1);
  const std::string& to = a.stringArg(2);
  std::string out;
  if (from.empty()) {
    // Like Java's String.replace: the replacement goes around every character.
    out += to;
    for (size_t i = 0; i < s.size();) {
      size_t next = utf8Offset(std::string_view(s).substr(i), 1) + i;
      out.append(s, i, next - i);
      out += to;
      i = next;
    }
    return out;
  }
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out += to;
  }
  out.append(s, pos);
  return out;
}

int64_t nonNegative(const FnArgs& a, size_t i, const char* what) {
  int64_t v = a.intArg(i);
  if (v < 0) a.argumentError(std::string(what) + " must not be negative, got " + std::to_string(v));
  return v;
}

RValue substring(const FnArgs& a) {
  std::string_view s = a.stringArg(0);
  auto start = static_cast<size_t>(nonNegative(a, 1, "start"));
  size_t b = utf8Offset(s, start);
  if (a.n < 3) return std::string(s.substr(b));
  auto len = static_cast<size_t>(nonNegative(a, 2, "length"));
  size_t e = b + utf8Offset(s.substr(b), len);
  return std::string(s.substr(b, e - b));
}

RValue left(const FnArgs& a) {
  std::string_view s = a.stringArg(0);
  auto n = static_cast<size_t>(nonNegative(a, 1, "length"));
  return std::string(s.substr(0, utf8Offset(s, n)));
}

RValue right(const FnArgs& a) {
  std::string_view s = a.stringArg(0);
  auto n = static_cast<size_t>(nonNegative(a, 1, "length"));
  size_t total = utf8Length(s);
  if (n >= total) return std::string(s);
  return std::string(s.substr(utf8Offset(s, total - n)));
}

RValue split(const FnArgs& a) {
  std::string_view s = a.stringArg(0);
  std::string_view sep = a.stringArg(1);
  RList out;
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      size_t next = i + utf8Offset(s.substr(i), 1);
      out.emplace_back(std::string(s.substr(i, next - i)));
      i = next;
    }
    return out;
  }
  size_t pos = 0;
  for (size_t hit; (hit = s.find(sep, pos)) != std::string_view::npos; pos = hit + sep.size())
    out.emplace_back(std::string(s.substr(pos, hit - pos)));
  out.emplace_back(std::string(s.substr(pos)));
  return out;
}

const FunctionDef kFunctions[] = {
    {"toUpper", 1, 1, toUpper, true, true},     {"toLower", 1, 1, toLower, true, true},
    {"upper", 1, 1, toUpper, true, true},       {"lower", 1, 1, toLower, true, true},
    {"trim", 1, 1, trim, true, true},           {"ltrim", 1, 1, ltrim, true, true},
    {"rtrim", 1, 1, rtrim, true, true},         {"replace", 3, 3, replace, true, true},
    {"substring", 2, 3, substring, true, true}, {"left", 2, 2, left, true, true},
    {"right", 2, 2, right, true, true},         {"split", 2, 2, split, true, true},
};

}  // namespace

std::span<const FunctionDef> stringFunctions() { return kFunctions; }

}  // namespace entente::query::expr
