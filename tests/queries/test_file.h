// tests/queries/test_file.h — the `.test` file format of Entente's data-driven query tests.
//
// A .test file is a list of records separated by blank lines (sqllogictest style, see
// docs/testing.md):
//
//   # dataset: aleppo                  header: start from the bundled dataset (else empty)
//   statement ok                       the statement must succeed
//   CREATE (:State {name: 'X'})
//
//   statement error                    the statement must fail; the optional line after
//   MATCH (a RETURN a                  `----` is a substring of "code: message"
//   ----
//   SyntaxError
//
//   query TT rowsort                   one type letter per column; rowsort | nosort
//   MATCH (s:State) RETURN s.name, s.kind
//   ----
//   Turkey<TAB>state                   expected rows, cells separated by tabs
//
//   param g "Free Syrian Army"         sets $g (a JSON value) for the statements below
//
// This header only parses and renders; query_file_test.cc runs the records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "entente/value.h"

namespace entente::testing {

enum class RecordKind { kStatementOk, kStatementError, kQuery, kParam };
enum class SortMode { kDefault, kRowSort, kNoSort };

struct Record {
  RecordKind kind = RecordKind::kStatementOk;
  int line = 0;       // 1-based line of the record's first line (the directive)
  std::string sql;    // statement text (may span lines)
  std::string types;  // kQuery: type letters, one per column
  SortMode sort = SortMode::kDefault;
  bool has_separator = false;         // a `----` line was present
  int expected_begin = 0;             // 0-based line range of the expected block in the file
  int expected_end = 0;               //   (after `----`), [begin, end)
  std::vector<std::string> expected;  // expected lines (rows, the error substring, or the
                                      // side effects of a `statement ok`: `name: N` lines)
  std::string param_name;             // kParam
  std::string param_json;             // kParam
};

struct TestFile {
  std::string path;
  std::string dataset = "empty";   // "# dataset: NAME"
  std::vector<std::string> lines;  // the file as read (for rewriting)
  std::vector<Record> records;
};

//! Parses a .test file's text. On a malformed file returns nullopt and sets *error
//! ("file:line: why").
std::optional<TestFile> parseTestFile(const std::string& path, const std::string& text,
                                      std::string* error);

//! One result cell in the canonical text form: strings raw (empty string as `(empty)`),
//! null as NULL, ints, floats with a decimal point, booleans true/false, dates ISO, and
//! everything else (lists, maps, nodes, relationships, paths) as Value::toCypher().
std::string renderCell(const Value& v);

//! A JSON text (a `param` line) as a Value: numbers with a fraction or exponent become
//! floats, others ints. False (with *error) if the JSON is malformed.
bool parseJsonValue(const std::string& json, Value* out, std::string* error);

//! Whether rows should be compared in order: kNoSort, or kDefault with ORDER BY in the
//! statement.
bool comparesInOrder(const Record& r);

}  // namespace entente::testing
