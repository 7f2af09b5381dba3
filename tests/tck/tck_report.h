// tests/tck/tck_report.h — counts TCK outcomes per feature directory and prints them as a
// table or JSON, with skip reasons and the most common failure categories.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/tck/gherkin.h"
#include "tests/tck/tck_scenario.h"

namespace entente::tck {

struct Counts {
  int64_t passed = 0, expected_errors = 0, failed = 0, skipped = 0;
};

struct Report {
  std::map<std::string, Counts> by_directory;  // "clauses/match" -> counts
  Counts total;
  std::map<std::string, int64_t> skip_reasons;
  std::map<std::string, int64_t> failure_categories;
};

Report summarize(const std::vector<Scenario>& scenarios, const std::vector<Outcome>& outcomes);
void printReport(std::ostream& out, const Report& r, const std::vector<Scenario>& scenarios,
                 const std::vector<Outcome>& outcomes, bool list_failures);
nlohmann::json toJson(const Report& r, const std::vector<Scenario>& scenarios,
                      const std::vector<Outcome>& outcomes, bool list_failures);

}  // namespace entente::tck
