// tests/queries/test_file.cc — parsing of .test files and canonical rendering of cells.
#include "tests/queries/test_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

namespace entente::testing {
namespace {

std::string trimRight(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool isBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Value fromJson(const nlohmann::json& j) {
  if (j.is_null()) return Value();
  if (j.is_boolean()) return Value(j.get<bool>());
  if (j.is_number_integer()) return Value(j.get<int64_t>());
  if (j.is_number_float()) return Value(j.get<double>());
  if (j.is_string()) return Value(j.get<std::string>());
  if (j.is_array()) {
    List l;
    for (const auto& x : j) l.push_back(fromJson(x));
    return Value(std::move(l));
  }
  Map m;
  for (auto it = j.begin(); it != j.end(); ++it) m.emplace(it.key(), fromJson(it.value()));
  return Value(std::move(m));
}

}  // namespace

bool parseJsonValue(const std::string& json, Value* out, std::string* error) {
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = "malformed JSON: " + json;
    return false;
  }
  *out = fromJson(j);
  return true;
}

std::optional<TestFile> parseTestFile(const std::string& path, const std::string& text,
                                      std::string* error) {
  TestFile f;
  f.path = path;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) f.lines.push_back(trimRight(l));
  }
  auto fail = [&](int line, const std::string& why) {
    *error = path + ":" + std::to_string(line + 1) + ": " + why;
    return std::nullopt;
  };
  const int n = static_cast<int>(f.lines.size());
  int i = 0;
  while (i < n) {
    const std::string& l = f.lines[i];
    if (isBlank(l)) {
      ++i;
      continue;
    }
    if (l[0] == '#') {
      auto w = words(l.substr(1));
      if (w.size() == 2 && w[0] == "dataset:") f.dataset = w[1];
      ++i;
      continue;
    }
    auto w = words(l);
    Record r;
    r.line = i + 1;
    if (w[0] == "param") {
      if (w.size() < 3) return fail(i, "expected `param NAME JSON`");
      r.kind = RecordKind::kParam;
      r.param_name = w[1];
      size_t pos = l.find(w[1], l.find("param") + 5) + w[1].size();
      r.param_json = l.substr(pos);
      f.records.push_back(std::move(r));
      ++i;
      continue;
    }
    if (w[0] == "statement") {
      if (w.size() != 2 || (w[1] != "ok" && w[1] != "error")) {
        return fail(i, "expected `statement ok` or `statement error`");
      }
      r.kind = w[1] == "ok" ? RecordKind::kStatementOk : RecordKind::kStatementError;
    } else if (w[0] == "query") {
      r.kind = RecordKind::kQuery;
      if (w.size() < 2) return fail(i, "expected `query TYPES [rowsort|nosort]`");
      r.types = w[1];
      for (size_t k = 2; k < w.size(); ++k) {
        if (w[k] == "rowsort")
          r.sort = SortMode::kRowSort;
        else if (w[k] == "nosort")
          r.sort = SortMode::kNoSort;
        else
          return fail(i, "unknown query option `" + w[k] + "`");
      }
    } else {
      return fail(i, "expected `statement`, `query` or `param`, got `" + w[0] + "`");
    }
    ++i;
    // Statement text: until `----` or a blank line.
    while (i < n && !isBlank(f.lines[i]) && f.lines[i] != "----") {
      if (!r.sql.empty()) r.sql += '\n';
      r.sql += f.lines[i];
      ++i;
    }
    if (r.sql.empty()) return fail(i, "missing statement text");
    if (i < n && f.lines[i] == "----") {
      r.has_separator = true;
      ++i;
      r.expected_begin = i;
      while (i < n && !isBlank(f.lines[i])) r.expected.push_back(f.lines[i++]);
      r.expected_end = i;
      if (r.kind == RecordKind::kStatementError && r.expected.size() > 1) {
        return fail(r.expected_begin + 1, "an error expectation is one line");
      }
    } else {
      r.expected_begin = r.expected_end = i;
    }
    f.records.push_back(std::move(r));
  }
  return f;
}

std::string renderCell(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return "NULL";
    case Value::Type::kString: return v.asString().empty() ? "(empty)" : v.asString();
    case Value::Type::kDate: return v.asDate().toString();
    case Value::Type::kFloat: {
      // Shortest round-trip digits, always with a decimal point (1500.0, not 1.5e+03).
      double d = v.asFloat();
      if (std::isnan(d) || std::isinf(d)) return v.toCypher();
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
      std::string s(buf, ec == std::errc() ? end : buf);
      if (s.find_first_of(".e") == std::string::npos) s += ".0";
      return s;
    }
    default: return v.toCypher();
  }
}

bool comparesInOrder(const Record& r) {
  if (r.sort == SortMode::kNoSort) return true;
  if (r.sort == SortMode::kRowSort) return false;
  std::string upper = r.sql;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // Collapse whitespace so "ORDER\n BY" is found too.
  std::string collapsed;
  for (char c : upper) {
    bool space = std::isspace(static_cast<unsigned char>(c));
    if (space && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += space ? ' ' : c;
  }
  return collapsed.find("ORDER BY") != std::string::npos;
}

}  // namespace entente::testing
