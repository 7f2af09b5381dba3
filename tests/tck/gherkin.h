// tests/tck/gherkin.h — a small parser for the Gherkin subset the openCypher TCK uses.
//
// Feature files hold a Feature, an optional Background, Scenarios and Scenario Outlines
// with Examples tables; steps (Given/When/Then/And/But) may carry a """ doc string or a
// | table |. Outlines are expanded here, one Scenario per Examples row, with <name>
// placeholders substituted in step text, doc strings and table cells.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace entente::tck {

struct Step {
  std::string keyword;  // Given / When / Then / And / But
  std::string text;     // after the keyword, e.g. "executing query:"
  int line = 0;
  std::string doc;  // the """ doc string, indentation removed ("" if none)
  std::vector<std::vector<std::string>> table;  // rows of cells, unescaped and trimmed
};

struct Scenario {
  std::string file;     // path relative to the features directory
  std::string feature;  // Feature: title
  std::string name;     // Scenario title (outlines: plus " (example N)")
  int line = 0;         // line of the Scenario keyword (outlines: of the Examples row)
  std::vector<std::string> tags;
  std::vector<Step> steps;  // Background steps first
};

//! Parses one .feature file's text into scenarios (outlines expanded). On malformed input,
//! returns nullopt and sets *error to "file:line: why".
std::optional<std::vector<Scenario>> parseFeature(const std::string& file, const std::string& text,
                                                  std::string* error);

}  // namespace entente::tck
