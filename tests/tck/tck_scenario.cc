// tests/tck/tck_scenario.cc — the step semantics of the openCypher TCK, on Entente's API.
#include "tests/tck/tck_scenario.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "entente/entente.h"
#include "tests/tck/cypher_literal.h"
#include "tests/tck/side_effects.h"

namespace entente::tck {
namespace {

bool contains(const std::string& s, const std::string& sub) {
  return s.find(sub) != std::string::npos;
}

// "Unknown function `foo` (line 1, column 8)\n..." => "Unknown function `…`": stable across
// scenarios, so failures group by cause.
std::string normalize(const std::string& message) {
  std::string m = message.substr(0, message.find('\n'));
  size_t p = m.find(" (line ");
  if (p != std::string::npos) m.resize(p);
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    char c = m[i];
    if (quote) {
      if (c == quote) {
        out += "…";
        out += c;
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '`' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (out.empty() || out.back() != 'N') out += 'N';
      continue;
    }
    out += c;
  }
  if (out.size() > 90) out = out.substr(0, 90) + "…";
  return out;
}

Outcome fail(std::string category, std::string detail = "") {
  Outcome o;
  o.status = Outcome::Status::kFail;
  o.category = std::move(category);
  o.detail = std::move(detail);
  return o;
}

std::string errorCategory(const Error& e) {
  std::string s(e.codeName());
  if (e.detail() != ErrorDetail::kNone) s += " (" + std::string(e.detailName()) + ")";
  return s + ": " + normalize(e.message());
}

bool check_error_detail = true;

std::string renderRows(const std::vector<std::string>& cols,
                       const std::vector<std::vector<Value>>& rows) {
  std::string s = "    |";
  for (const auto& c : cols) s += " " + c + " |";
  s += "\n";
  size_t n = 0;
  for (const auto& r : rows) {
    if (++n > 20) {
      s += "    ... (" + std::to_string(rows.size()) + " rows)\n";
      break;
    }
    s += "    |";
    for (const auto& v : r) s += " " + v.toCypher() + " |";
    s += "\n";
  }
  return s;
}

std::string renderTable(const std::vector<std::vector<std::string>>& t) {
  std::string s;
  size_t n = 0;
  for (const auto& r : t) {
    if (++n > 21) {
      s += "    ...\n";
      break;
    }
    s += "    |";
    for (const auto& c : r) s += " " + c + " |";
    s += "\n";
  }
  return s;
}

std::optional<Outcome> checkResult(const Step& step, const QueryResult& res) {
  if (!res.ok())
    return fail("unexpected error " + errorCategory(res.error()), res.error().message());
  const bool ordered = contains(step.text, "in order");
  const bool unordered_lists = contains(step.text, "ignoring element order for lists");
  if (step.table.empty()) return fail("malformed scenario: result table missing");
  const auto& header = step.table[0];
  std::vector<int> index;  // expected column -> actual column
  for (const auto& name : header) {
    auto it = std::find(res.columns().begin(), res.columns().end(), name);
    if (it == res.columns().end()) break;
    index.push_back(static_cast<int>(it - res.columns().begin()));
  }
  const std::string both =
      "expected:\n" + renderTable(step.table) + "actual:\n" + renderRows(res.columns(), res.rows());
  if (index.size() != header.size() || header.size() != res.columns().size()) {
    return fail("wrong column names", both);
  }
  std::vector<std::vector<Value>> expected;
  for (size_t r = 1; r < step.table.size(); ++r) {
    std::vector<Value> row;
    for (const auto& cell : step.table[r]) {
      std::string err;
      auto v = parseLiteral(cell, &err);
      if (!v) return fail("runner: cannot parse expected value", err);
      row.push_back(*v);
    }
    expected.push_back(std::move(row));
  }
  if (expected.size() != res.rows().size()) return fail("wrong result: row count", both);
  auto rowMatches = [&](const std::vector<Value>& e, const std::vector<Value>& a) {
    for (size_t c = 0; c < e.size(); ++c) {
      if (!valuesMatch(e[c], a[index[c]], unordered_lists)) return false;
    }
    return true;
  };
  std::vector<bool> used(res.rows().size(), false);
  for (size_t i = 0; i < expected.size(); ++i) {
    bool found = false;
    if (ordered) {
      found = rowMatches(expected[i], res.rows()[i]);
    } else {
      for (size_t j = 0; j < res.rows().size() && !found; ++j) {
        if (!used[j] && rowMatches(expected[i], res.rows()[j])) used[j] = found = true;
      }
    }
    if (!found)
      return fail(ordered ? "wrong result: values or order" : "wrong result: values", both);
  }
  return std::nullopt;
}

std::optional<Outcome> checkSideEffects(const Step& step, const QueryResult& res,
                                        const std::map<std::string, int64_t>& actual) {
  if (!res.ok()) return std::nullopt;  // a failed statement changes nothing
  std::map<std::string, int64_t> expected = {
      {"+nodes", 0},      {"-nodes", 0},      {"+relationships", 0}, {"-relationships", 0},
      {"+properties", 0}, {"-properties", 0}, {"+labels", 0},        {"-labels", 0}};
  for (const auto& row : step.table) {
    if (row.size() != 2 || !expected.count(row[0]))
      return fail("malformed scenario: side effect row");
    expected[row[0]] = std::stoll(row[1]);
  }
  std::string diff, keys;
  for (const auto& [k, v] : expected) {
    int64_t got = actual.at(k);
    if (got != v) {
      diff += "  " + k + ": expected " + std::to_string(v) + ", got " + std::to_string(got) + "\n";
      keys += (keys.empty() ? "" : " ") + k;
    }
  }
  if (!diff.empty()) return fail("wrong side effects (" + keys + ")", diff);
  return std::nullopt;
}

bool checksSideEffects(const Scenario& s) {
  return std::any_of(s.steps.begin(), s.steps.end(), [](const Step& st) {
    return st.text == "no side effects" || st.text == "the side effects should be:";
  });
}

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<std::string> notApplicable(const Scenario& s) {
  for (const auto& t : s.tags) {
    if (t == "@ignore") return "tagged @ignore";
  }
  static const std::regex temporal(R"(\b(datetime|localdatetime|localtime|time|duration)\s*[.(])",
                                   std::regex::icase);
  static const std::regex point(R"(\bpoint\s*\()", std::regex::icase);
  for (const Step& st : s.steps) {
    if (contains(st.text, "there exists a procedure")) return "procedure defined by the TCK";
    if (std::regex_search(st.doc, temporal)) return "temporal type other than date";
    if (std::regex_search(st.doc, point)) return "spatial point";
  }
  return std::nullopt;
}

bool resetDatabase(Database& db) {
  if (!db.query("MATCH (n) DETACH DELETE n").ok()) return false;
  QueryResult r =
      db.query("MATCH (n) RETURN count(n) AS c UNION ALL MATCH ()-[r]->() RETURN count(r) AS c");
  if (!r.ok() || r.rows().size() != 2) return false;
  for (const auto& row : r.rows()) {
    if (row.size() != 1 || !row[0].isInt() || row[0].asInt() != 0) return false;
  }
  return true;
}

Outcome runScenario(const Scenario& s, Database& db, const std::string& graphs_dir,
                    std::chrono::milliseconds timeout) {
  if (auto why = notApplicable(s)) {
    Outcome o;
    o.status = Outcome::Status::kSkip;
    o.category = *why;
    return o;
  }
  QueryOptions opts;
  opts.timeout = timeout;
  opts.max_rows = 1000000;
  Map params;
  QueryResult main_result = QueryResult::success({}, {}), last = QueryResult::success({}, {});
  bool ran_main = false, expects_error = false;
  const bool measure = checksSideEffects(s);  // capture the graph around the query
  std::map<std::string, int64_t> effects;
  for (const Step& st : s.steps) {
    const std::string& t = st.text;
    if (t == "an empty graph" || t == "any graph") continue;
    if (t.starts_with("the ") && t.ends_with(" graph")) {
      std::string name = t.substr(4, t.size() - 10);
      std::string text = readFile(graphs_dir + "/" + name + "/" + name + ".cypher");
      if (text.empty()) return fail("runner: unknown graph " + name);
      QueryResult r = db.query(text, {}, opts);
      if (!r.ok()) return fail("setup failed: " + errorCategory(r.error()), r.error().message());
      continue;
    }
    if (t == "having executed:") {
      QueryResult r = db.query(st.doc, {}, opts);
      if (!r.ok())
        return fail("setup failed: " + errorCategory(r.error()),
                    st.doc + "\n" + r.error().message());
      continue;
    }
    if (t == "parameters are:") {
      for (const auto& row : st.table) {
        std::string err;
        auto v = row.size() == 2 ? parseLiteral(row[1], &err) : std::nullopt;
        if (!v) return fail("runner: cannot parse parameter", err);
        params[row[0]] = *v;
      }
      continue;
    }
    if (t == "executing query:") {
      std::string err;
      std::optional<GraphState> before;
      if (measure && !(before = captureState(db, &err)))
        return fail("runner: cannot read the graph", err);
      main_result = last = db.query(st.doc, params, opts);
      ran_main = true;
      if (measure) {
        auto after = captureState(db, &err);
        if (!after) return fail("runner: cannot read the graph", err);
        effects = sideEffects(*before, *after);
      }
      continue;
    }
    if (t == "executing control query:") {
      last = db.query(st.doc, params, opts);
      continue;
    }
    if (!ran_main) return fail("malformed scenario: check before the query");
    if (t.starts_with("the result should be empty")) {
      if (!last.ok())
        return fail("unexpected error " + errorCategory(last.error()), last.error().message());
      if (!last.rows().empty())
        return fail("wrong result: expected empty", renderRows(last.columns(), last.rows()));
      continue;
    }
    if (t.starts_with("the result should be")) {
      if (auto o = checkResult(st, last)) return *o;
      continue;
    }
    if (t == "no side effects" || t == "the side effects should be:") {
      if (auto o = checkSideEffects(st, main_result, effects)) return *o;
      continue;
    }
    static const std::regex raised(R"(^an? (\w+) should be raised at ([\w ]+):\s*(.*)$)");
    std::smatch m;
    if (std::regex_match(t, m, raised)) {
      expects_error = true;
      // "a SyntaxError should be raised at compile time: UndefinedVariable": the class and
      // openCypher's detail must both match (detail `*`: any).
      const std::string code = m[1];
      const std::string detail = m[3];
      if (main_result.ok()) return fail("expected " + code + ", but the query succeeded");
      const Error& got = main_result.error();
      if (got.codeName() != code) {
        return fail("expected " + code + ", got " + errorCategory(got),
                    "expected " + code + " (" + detail + ")\n" + got.message());
      }
      if (check_error_detail && detail != "*" && got.detailName() != detail) {
        return fail("expected " + code + " (" + detail + "), got detail " +
                        (got.detail() == ErrorDetail::kNone ? std::string("none")
                                                            : std::string(got.detailName())),
                    got.message());
      }
      continue;
    }
    return fail("runner: unsupported step `" + t + "`");
  }
  Outcome o;
  o.status = Outcome::Status::kPass;
  o.expected_error = expects_error;
  return o;
}

void setCheckErrorDetail(bool check) { check_error_detail = check; }

}  // namespace entente::tck
