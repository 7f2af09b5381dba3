// Cell text, mode names, CSV and JSON modes, and the change summary.
#include <vector>

#include "entente/json.h"
#include "shell/output.h"

namespace entente::shell {

std::optional<OutputMode> parseMode(std::string_view name) {
  if (name == "table") return OutputMode::kTable;
  if (name == "json") return OutputMode::kJson;
  if (name == "csv") return OutputMode::kCsv;
  if (name == "dot") return OutputMode::kDot;
  return std::nullopt;
}

const char* modeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kTable: return "table";
    case OutputMode::kJson: return "json";
    case OutputMode::kCsv: return "csv";
    case OutputMode::kDot: return "dot";
  }
  return "table";
}

std::string cellText(const Value& v, bool null_as_empty) {
  switch (v.type()) {
    case Value::Type::kNull: return null_as_empty ? "" : "null";
    case Value::Type::kString: return v.asString();
    case Value::Type::kDate: return v.asDate().toString();
    default: return v.toCypher();
  }
}

std::string csvField(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void writeCsv(std::ostream& out, const QueryResult& result) {
  const auto& columns = result.columns();
  if (columns.empty()) return;
  for (size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << csvField(columns[c]);
  out << '\n';
  for (const auto& row : result.rows()) {
    for (size_t c = 0; c < row.size(); ++c)
      out << (c ? "," : "") << csvField(cellText(row[c], true));
    out << '\n';
  }
}

void writeJson(std::ostream& out, const QueryResult& result) {
  out << resultToJson(result, "null") << '\n';
}

std::string statsSummary(const Stats& s) {
  struct Item {
    int64_t n;
    const char* one;
    const char* many;
  };
  const Item items[] = {
      {s.nodes_created, "node created", "nodes created"},
      {s.nodes_deleted, "node deleted", "nodes deleted"},
      {s.relationships_created, "relationship created", "relationships created"},
      {s.relationships_deleted, "relationship deleted", "relationships deleted"},
      {s.properties_set, "property set", "properties set"},
      {s.properties_removed, "property removed", "properties removed"},
      {s.labels_added, "label added", "labels added"},
      {s.labels_removed, "label removed", "labels removed"},
  };
  std::string out;
  for (const auto& item : items) {
    if (item.n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(item.n) + " " + (item.n == 1 ? item.one : item.many);
  }
  return out;
}

}  // namespace entente::shell
