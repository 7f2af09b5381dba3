#include "shell/completion.h"

#include <algorithm>
#include <cctype>

namespace entente::shell {
namespace {

const char* const kKeywords[] = {
    "MATCH",        "OPTIONAL", "WHERE",     "WITH",       "UNWIND",     "RETURN",      "DISTINCT",
    "AS",           "ORDER",    "BY",        "ASC",        "DESC",       "SKIP",        "LIMIT",
    "UNION",        "ALL",      "CREATE",    "MERGE",      "ON",         "SET",         "REMOVE",
    "DELETE",       "DETACH",   "CALL",      "YIELD",      "AND",        "OR",          "XOR",
    "NOT",          "IN",       "STARTS",    "ENDS",       "CONTAINS",   "IS",          "NULL",
    "TRUE",         "FALSE",    "CASE",      "WHEN",       "THEN",       "ELSE",        "END",
    "EXPLAIN",      "PROFILE",  "SHOW",      "SCHEMA",     "OF",         "RELATION",    "TYPE",
    "POSITIVE",     "NEGATIVE", "SYMMETRIC", "TRANSITIVE", "INVERSE",    "COMMENT",     "FOREACH",
    "TRANSACTIONS", "ROWS",     "INDEX",     "INDEXES",    "CONSTRAINT", "CONSTRAINTS", "FOR",
    "REQUIRE",      "DROP",     "IF",        "EXISTS",     "UNIQUE"};

const char* const kFunctions[] = {"id",        "labels",       "type",
                                  "reduce",    "properties",   "keys",
                                  "length",    "nodes",        "relationships",
                                  "startNode", "endNode",      "size",
                                  "coalesce",  "toUpper",      "toLower",
                                  "toString",  "toInteger",    "toFloat",
                                  "date",      "count",        "sum",
                                  "avg",       "min",          "max",
                                  "collect",   "shortestPath", "allShortestPaths",
                                  "range",     "exists"};

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

void addMatches(const std::vector<std::string>& pool, std::string_view word,
                std::vector<std::string>* out) {
  for (const auto& s : pool)
    if (startsWithNoCase(s, word)) out->push_back(s);
}

}  // namespace

std::string commonPrefix(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  std::string prefix = candidates.front();
  for (const auto& c : candidates) {
    size_t n = 0;
    while (n < prefix.size() && n < c.size() && prefix[n] == c[n]) ++n;
    prefix.resize(n);
  }
  return prefix;
}

std::vector<std::string> completeAt(std::string_view text, const Vocabulary& vocabulary,
                                    size_t* word_start) {
  std::vector<std::string> out;
  // Dot-command names at the start of the line.
  size_t first = text.find_first_not_of(" \t");
  if (first != std::string_view::npos && text[first] == '.' &&
      text.find_first_of(" \t", first) == std::string_view::npos) {
    *word_start = first;
    addMatches(vocabulary.dot_commands, text.substr(first), &out);
    std::sort(out.begin(), out.end());
    return out;
  }

  // Walk the text to learn whether the cursor sits in a string, and which brackets are open.
  char quote = 0;
  size_t quote_start = 0;
  std::vector<char> brackets;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos) return out;  // in a comment: nothing to offer
      i = nl;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c, quote_start = i;
    } else if (c == '(' || c == '[' || c == '{') {
      brackets.push_back(c);
    } else if ((c == ')' || c == ']' || c == '}') && !brackets.empty()) {
      brackets.pop_back();
    }
  }

  if (quote == '"' || quote == '\'') {
    *word_start = quote_start;
    std::string_view typed = text.substr(quote_start + 1);
    for (const auto& name : vocabulary.entity_names)
      if (startsWithNoCase(name, typed)) out.push_back(std::string(1, quote) + name + quote);
  } else if (quote == '`') {
    return out;
  } else {
    size_t start = text.size();
    while (start > 0 && isWordChar(text[start - 1])) --start;
    *word_start = start;
    std::string_view word = text.substr(start);
    size_t p = start;
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
    char before = p > 0 ? text[p - 1] : '\0';
    char open = brackets.empty() ? '\0' : brackets.back();
    if (before == ':' || (before == '|' && open == '[')) {
      if (open != '(') addMatches(vocabulary.relation_types, word, &out);
      if (open != '[') addMatches(vocabulary.labels, word, &out);
    } else if ((before == '.' && start == p) || (open == '{' && (before == '{' || before == ','))) {
      addMatches(vocabulary.property_keys, word, &out);
    } else if (!word.empty()) {
      // Keywords in the case the user types them.
      bool lower = std::none_of(word.begin(), word.end(),
                                [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
      for (const char* k : kKeywords) {
        if (!startsWithNoCase(k, word)) continue;
        std::string s = k;
        if (lower)
          std::transform(s.begin(), s.end(), s.begin(),
                         [](unsigned char c) { return std::tolower(c); });
        out.push_back(s);
      }
      for (const char* f : kFunctions)
        if (startsWithNoCase(f, word)) out.push_back(f);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace entente::shell
