// tests/tck/tck_report.cc — aggregation and output of TCK results.
#include "tests/tck/tck_report.h"

#include <algorithm>
#include <cstdio>

namespace entente::tck {
namespace {

std::string directoryOf(const std::string& file) {
  size_t p = file.rfind('/');
  return p == std::string::npos ? "." : file.substr(0, p);
}

std::vector<std::pair<std::string, int64_t>> byCount(const std::map<std::string, int64_t>& m) {
  std::vector<std::pair<std::string, int64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

std::string indent(const std::string& text, const std::string& pad) {
  std::string out = pad;
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size()) out += pad;
  }
  if (out.empty() || out.back() != '\n') out += '\n';
  return out;
}

std::string row(const std::string& name, const Counts& c) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-36s %6lld (%4lld) %7lld %8lld", name.c_str(),
                static_cast<long long>(c.passed), static_cast<long long>(c.expected_errors),
                static_cast<long long>(c.failed), static_cast<long long>(c.skipped));
  return buf;
}

}  // namespace

Report summarize(const std::vector<Scenario>& scenarios, const std::vector<Outcome>& outcomes) {
  Report r;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    const Outcome& o = outcomes[i];
    for (Counts* c : {&r.by_directory[directoryOf(scenarios[i].file)], &r.total}) {
      switch (o.status) {
        case Outcome::Status::kPass:
          ++c->passed;
          if (o.expected_error) ++c->expected_errors;
          break;
        case Outcome::Status::kFail: ++c->failed; break;
        case Outcome::Status::kSkip: ++c->skipped; break;
      }
    }
    if (o.status == Outcome::Status::kSkip) ++r.skip_reasons[o.category];
    if (o.status == Outcome::Status::kFail) ++r.failure_categories[o.category];
  }
  return r;
}

void printReport(std::ostream& out, const Report& r, const std::vector<Scenario>& scenarios,
                 const std::vector<Outcome>& outcomes, bool list_failures) {
  if (list_failures) {
    for (size_t i = 0; i < scenarios.size(); ++i) {
      const Outcome& o = outcomes[i];
      if (o.status != Outcome::Status::kFail) continue;
      const Scenario& s = scenarios[i];
      out << "FAIL " << s.file << ":" << s.line << " " << s.name << "\n  " << o.category << "\n";
      for (const Step& st : s.steps) {
        if (st.text == "executing query:") out << "  query:\n" << indent(st.doc, "    ");
      }
      if (!o.detail.empty()) out << indent(o.detail, "  ");
    }
    out << "\n";
  }
  out << "directory                            passed (errors)  failed  skipped\n";
  for (const auto& [dir, c] : r.by_directory) out << row(dir, c) << "\n";
  out << row("TOTAL", r.total) << "\n";
  out << "(\"errors\": passes that were expected errors of the right type)\n";
  if (!r.skip_reasons.empty()) {
    out << "\nskipped (not applicable to Entente):\n";
    for (const auto& [why, n] : byCount(r.skip_reasons)) out << "  " << n << "  " << why << "\n";
  }
  if (!r.failure_categories.empty()) {
    out << "\nmost common failure categories:\n";
    size_t k = 0;
    for (const auto& [why, n] : byCount(r.failure_categories)) {
      if (++k > 30) break;
      out << "  " << n << "  " << why << "\n";
    }
  }
}

nlohmann::json toJson(const Report& r, const std::vector<Scenario>& scenarios,
                      const std::vector<Outcome>& outcomes, bool list_failures) {
  auto counts = [](const Counts& c) {
    return nlohmann::json{{"passed", c.passed},
                          {"expected_errors", c.expected_errors},
                          {"failed", c.failed},
                          {"skipped", c.skipped}};
  };
  nlohmann::json j;
  j["directories"] = nlohmann::json::object();
  for (const auto& [dir, c] : r.by_directory) j["directories"][dir] = counts(c);
  j["total"] = counts(r.total);
  j["skip_reasons"] = r.skip_reasons;
  j["failure_categories"] = r.failure_categories;
  if (list_failures) {
    j["failures"] = nlohmann::json::array();
    for (size_t i = 0; i < scenarios.size(); ++i) {
      if (outcomes[i].status != Outcome::Status::kFail) continue;
      j["failures"].push_back({{"file", scenarios[i].file},
                               {"line", scenarios[i].line},
                               {"scenario", scenarios[i].name},
                               {"category", outcomes[i].category},
                               {"detail", outcomes[i].detail}});
    }
  }
  return j;
}

}  // namespace entente::tck
