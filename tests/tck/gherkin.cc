// tests/tck/gherkin.cc — line-based Gherkin parser with Scenario Outline expansion.
#include "tests/tck/gherkin.h"

#include <sstream>

namespace entente::tck {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool startsWith(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

// A table row "| a | b\|c |" => {"a", "b|c"}; Gherkin escapes \| \\ \n in cells.
std::vector<std::string> splitRow(const std::string& row) {
  std::vector<std::string> cells;
  std::string cur;
  size_t i = row.find('|') + 1;
  for (; i < row.size(); ++i) {
    char c = row[i];
    if (c == '\\' && i + 1 < row.size()) {
      char n = row[i + 1];
      if (n == '|' || n == '\\') {
        cur += n;
        ++i;
        continue;
      }
      if (n == 'n') {
        cur += '\n';
        ++i;
        continue;
      }
      cur += c;
      continue;
    }
    if (c == '|') {
      cells.push_back(trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  return cells;
}

std::string substitute(std::string s, const std::vector<std::string>& names,
                       const std::vector<std::string>& values) {
  for (size_t k = 0; k < names.size() && k < values.size(); ++k) {
    const std::string key = "<" + names[k] + ">";
    for (size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + values[k].size())) {
      s.replace(p, key.size(), values[k]);
    }
  }
  return s;
}

struct Block {
  std::string name;
  int line = 0;
  bool outline = false;
  std::vector<std::string> tags;
  std::vector<Step> steps;
  std::vector<std::vector<std::vector<std::string>>> examples;  // blocks of rows (row 0 = header)
};

const char* kStepKeywords[] = {"Given ", "When ", "Then ", "And ", "But "};

}  // namespace

std::optional<std::vector<Scenario>> parseFeature(const std::string& file, const std::string& text,
                                                  std::string* error) {
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  std::string feature;
  Block background;
  std::vector<Block> blocks;
  Block* cur = nullptr;
  bool in_examples = false;
  std::vector<std::string> tags;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string t = trim(lines[i]);
    const int lineno = static_cast<int>(i) + 1;
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '@') {
      std::istringstream in(t);
      for (std::string tag; in >> tag;) tags.push_back(tag);
      continue;
    }
    if (startsWith(t, "Feature:")) {
      feature = trim(t.substr(8));
      tags.clear();
      continue;
    }
    if (startsWith(t, "Background:")) {
      cur = &background;
      in_examples = false;
      continue;
    }
    if (startsWith(t, "Scenario Outline:") || startsWith(t, "Scenario Template:") ||
        startsWith(t, "Scenario:")) {
      Block b;
      b.outline = !startsWith(t, "Scenario:");
      b.name = trim(t.substr(t.find(':') + 1));
      b.line = lineno;
      b.tags = std::move(tags);
      tags.clear();
      blocks.push_back(std::move(b));
      cur = &blocks.back();
      in_examples = false;
      continue;
    }
    if (startsWith(t, "Examples:") || startsWith(t, "Scenarios:")) {
      if (!cur || !cur->outline) {
        *error = file + ":" + std::to_string(lineno) + ": Examples outside a Scenario Outline";
        return std::nullopt;
      }
      cur->examples.emplace_back();
      in_examples = true;
      tags.clear();
      continue;
    }
    if (!cur) {
      *error = file + ":" + std::to_string(lineno) + ": text before any Scenario: " + t;
      return std::nullopt;
    }
    if (t[0] == '|') {
      if (in_examples) {
        cur->examples.back().push_back(splitRow(t));
      } else if (!cur->steps.empty()) {
        cur->steps.back().table.push_back(splitRow(t));
      } else {
        *error = file + ":" + std::to_string(lineno) + ": table without a step";
        return std::nullopt;
      }
      continue;
    }
    if (startsWith(t, "\"\"\"")) {
      if (cur->steps.empty()) {
        *error = file + ":" + std::to_string(lineno) + ": doc string without a step";
        return std::nullopt;
      }
      size_t indent = lines[i].find("\"\"\"");
      std::string doc;
      size_t j = i + 1;
      for (; j < lines.size() && trim(lines[j]) != "\"\"\""; ++j) {
        std::string l = lines[j];
        size_t strip = 0;
        while (strip < indent && strip < l.size() && l[strip] == ' ') ++strip;
        if (!doc.empty() || j > i + 1) doc += '\n';
        doc += l.substr(strip);
      }
      if (j >= lines.size()) {
        *error = file + ":" + std::to_string(lineno) + ": unterminated doc string";
        return std::nullopt;
      }
      while (!doc.empty() && (doc.back() == '\n' || doc.back() == '\r' || doc.back() == ' '))
        doc.pop_back();
      cur->steps.back().doc = doc;
      i = j;
      continue;
    }
    bool matched = false;
    for (const char* kw : kStepKeywords) {
      if (startsWith(t, kw)) {
        Step s;
        s.keyword = trim(kw);
        s.text = trim(t.substr(std::string(kw).size()));
        s.line = lineno;
        cur->steps.push_back(std::move(s));
        matched = true;
        break;
      }
    }
    if (!matched) {
      *error = file + ":" + std::to_string(lineno) + ": unrecognised line: " + t;
      return std::nullopt;
    }
  }

  std::vector<Scenario> out;
  for (const Block& b : blocks) {
    Scenario base;
    base.file = file;
    base.feature = feature;
    base.name = b.name;
    base.line = b.line;
    base.tags = b.tags;
    base.steps = background.steps;
    base.steps.insert(base.steps.end(), b.steps.begin(), b.steps.end());
    if (!b.outline) {
      out.push_back(std::move(base));
      continue;
    }
    int n = 0;
    for (const auto& ex : b.examples) {
      if (ex.empty()) continue;
      const auto& header = ex[0];
      for (size_t r = 1; r < ex.size(); ++r) {
        Scenario s = base;
        s.name = b.name + " (example " + std::to_string(++n) + ")";
        for (Step& st : s.steps) {
          st.text = substitute(st.text, header, ex[r]);
          st.doc = substitute(st.doc, header, ex[r]);
          for (auto& row : st.table) {
            for (auto& cell : row) cell = substitute(cell, header, ex[r]);
          }
        }
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

}  // namespace entente::tck
