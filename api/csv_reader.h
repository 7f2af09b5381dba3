// api/csv_reader.h — a fast CSV record reader over an in-memory buffer, for bulk import.
//
// RFC 4180: fields separated by ',', records by '\n' (a trailing '\r' is dropped), fields
// may be quoted ("a, b"; "" is a quote; a quoted field may span lines). Fields are views
// into the buffer, or into per-record scratch space when a quoted field had to be unescaped:
// valid until the next call to next(). No allocation per record on the common path.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace entente::api {

class CsvReader {
 public:
  explicit CsvReader(std::string_view data) : p_(data.data()), end_(data.data() + data.size()) {}

  //! Reads the next non-empty record into fields(). False at the end of the input, or on a
  //! malformed record (then error() is set).
  bool next();
  const std::vector<std::string_view>& fields() const { return fields_; }
  //! 1-based line on which the current record starts.
  int line() const { return line_; }
  const std::string& error() const { return error_; }

 private:
  const char* p_;
  const char* end_;
  int next_line_ = 1;
  int line_ = 0;
  std::vector<std::string_view> fields_;
  std::deque<std::string> scratch_;
  std::string error_;
};

//! Whole-field integer parsers (surrounding spaces allowed); false if not an integer or out
//! of range.
bool parseU64(std::string_view s, uint64_t* out);
bool parseI64(std::string_view s, int64_t* out);
std::string_view trim(std::string_view s);

//! Reads a whole file into memory. False with `error` set on failure.
bool readFile(const std::string& path, std::string* out, std::string* error);

}  // namespace entente::api
