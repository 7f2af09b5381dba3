// shell/output.h — renders query results in the shell's output modes.
//
// table: aligned box drawing, columns shrunk to the terminal width, "(N rows)" footer;
// json: one line per statement, exactly the server's response object (entente/json.h);
// csv: a header line and rows, quoted as RFC 4180 says; dot: the nodes and relationships in
// the returned values as a Graphviz digraph. Formatters write to any std::ostream, so they
// are tested without a terminal.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "entente/entente.h"

namespace entente::shell {

enum class OutputMode { kTable, kJson, kCsv, kDot };

//! "table" -> kTable, ...; nullopt for an unknown name.
std::optional<OutputMode> parseMode(std::string_view name);
const char* modeName(OutputMode mode);

//! A value as one cell of text: strings raw, null as `null` (table) or empty (csv), the rest
//! in Cypher-literal form (`[1, 2.0]`, `(:Actor {name: 'Turkey'})`, dates as YYYY-MM-DD).
std::string cellText(const Value& v, bool null_as_empty = false);

//! `width` = terminal columns to fit in (0 = no limit).
void writeTable(std::ostream& out, const QueryResult& result, int width);
void writeCsv(std::ostream& out, const QueryResult& result);
//! One line: resultToJson(result, "null").
void writeJson(std::ostream& out, const QueryResult& result);
void writeDot(std::ostream& out, const QueryResult& result);

//! A one-line summary of what a statement changed ("2 nodes created, 3 properties set"),
//! empty if it changed nothing.
std::string statsSummary(const Stats& stats);

//! A CSV field quoted if it needs to be (comma, quote, CR, LF, or leading/trailing blanks).
std::string csvField(std::string_view text);

//! Display width of UTF-8 text in terminal columns.
int displayWidth(std::string_view text);

}  // namespace entente::shell
