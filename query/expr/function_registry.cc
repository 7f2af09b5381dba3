// query/expr/function_registry.cc — the table of scalar functions and shared helpers.
//
// Every functions_*.cc contributes a span of FunctionDefs; they are merged once into a
// table sorted by lower-case name. Names are resolved at compile time, so the lookup
// cost (a lower-casing and a binary search) is paid once per prepared statement.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "query/expr/expr_internal.h"

namespace entente::query {
namespace expr {
namespace {

struct Entry {
  std::string key;  // lower-case name
  const FunctionDef* def;
};

const std::vector<Entry>& table() {
  static const std::vector<Entry> entries = [] {
    std::vector<Entry> out;
    for (auto part :
         {stringFunctions(), listFunctions(), mathFunctions(), convertFunctions(), graphFunctions(),
          temporalFunctions(), ententeFunctions(), loadCsvFunctions()})
      for (const auto& d : part) out.push_back({lowercase(d.name), &d});
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
    return out;
  }();
  return entries;
}

constexpr const char* kAggregates[] = {
    "count",          "sum",           "avg", "min", "max", "collect", "stdev", "stdevp",
    "percentilecont", "percentiledisc"};

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

void throwTypeError(std::string message, ast::SourcePos pos, ErrorDetail detail) {
  throw QueryError(ErrorCode::kTypeError, std::move(message), pos, detail);
}
void throwArgumentError(std::string message, ast::SourcePos pos, ErrorDetail detail) {
  throw QueryError(ErrorCode::kArgumentError, std::move(message), pos, detail);
}

void FnArgs::typeError(size_t i, const char* expected) const {
  std::string msg = std::string(name) + "() expects " + expected;
  if (n > 1) msg += " as argument " + std::to_string(i + 1);
  msg += std::string(", got ") + args[i].kindName();
  // openCypher (the TCK's toString(), labels(), type() ...) names a function argument of
  // the wrong type at run time an InvalidArgumentValue.
  throwTypeError(std::move(msg), pos, ErrorDetail::kInvalidArgumentValue);
}

void FnArgs::argumentError(const std::string& message, ErrorDetail detail) const {
  throwArgumentError(std::string(name) + "(): " + message, pos, detail);
}

int64_t FnArgs::intArg(size_t i) const {
  if (!args[i].isInt()) typeError(i, "an Integer");
  return args[i].asInt();
}

double FnArgs::numberArg(size_t i) const {
  if (!args[i].isNumber()) typeError(i, "a number");
  return args[i].asNumber();
}

const std::string& FnArgs::stringArg(size_t i) const {
  if (!args[i].isString()) typeError(i, "a String");
  return args[i].asString();
}

const FunctionDef* findFunction(std::string_view name) {
  std::string key = lowercase(name);
  const auto& t = table();
  auto it = std::lower_bound(t.begin(), t.end(), key,
                             [](const Entry& e, const std::string& k) { return e.key < k; });
  return it != t.end() && it->key == key ? it->def : nullptr;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string formatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, end);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

size_t utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t utf8Offset(std::string_view s, size_t cp) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (seen == cp) return i;
    ++seen;
  }
  return s.size();
}

}  // namespace expr

bool isAggregate(std::string_view name) {
  std::string key = expr::lowercase(name);
  for (const char* a : expr::kAggregates)
    if (key == a) return true;
  return false;
}

bool isKnownFunction(std::string_view name) {
  return expr::findFunction(name) != nullptr || isAggregate(name) ||
         expr::lowercase(name) == "exists";
}

std::string suggestFunction(std::string_view name) {
  std::string key = expr::lowercase(name);
  std::string best;
  size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
  auto consider = [&](std::string_view candidate, std::string_view display) {
    size_t d = expr::editDistance(key, expr::lowercase(candidate));
    if (d < best_d) best_d = d, best = std::string(display);
  };
  for (const auto& e : expr::table()) consider(e.key, e.def->name);
  static constexpr const char* kAggDisplay[] = {
      "count",          "sum",           "avg", "min", "max", "collect", "stDev", "stDevP",
      "percentileCont", "percentileDisc"};
  for (const char* a : kAggDisplay) consider(a, a);
  return best;
}

}  // namespace entente::query
