// core/csv_reader.h — a fast CSV record reader, over a buffer in memory (bulk import) or
// streamed from a file in chunks (LOAD CSV), so a file of any size is read in bounded memory.
//
// RFC 4180 with a configurable delimiter: fields separated by ',' (or the delimiter),
// records by '\n' (a trailing '\r' is dropped), fields may be quoted ("a, b"; "" is a
// quote; a quoted field may span lines). Empty lines are skipped; a UTF-8 byte order mark
// at the start is dropped. Fields are views into the buffer, or into per-record scratch
// space when a quoted field had to be unescaped: valid until the next call to next(). No
// allocation per record on the common path.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace entente::csv {

class CsvReader {
 public:
  //! Reads `data`, which stays owned by the caller and must outlive the reader.
  explicit CsvReader(std::string_view data, char delimiter = ',');
  //! Streams the open file descriptor `fd` (not owned; read from its current offset) in
  //! chunks of `chunk_bytes`; the buffer grows only for a record longer than a chunk, up to
  //! `max_record_bytes` (a longer record is an error: an unterminated quote, usually).
  CsvReader(int fd, char delimiter, size_t chunk_bytes = size_t{1} << 20,
            size_t max_record_bytes = size_t{64} << 20);

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  //! Also checks that each record is well-formed UTF-8 (an error otherwise).
  void setValidateUtf8(bool on) { validate_utf8_ = on; }

  //! Reads the next non-empty record into fields(). False at the end of the input, or on a
  //! malformed record or a read error (then error() is set).
  bool next();
  const std::vector<std::string_view>& fields() const { return fields_; }
  //! Whether field i was quoted (an empty quoted field is "", an empty unquoted one absent).
  bool quoted(size_t i) const { return quoted_[i] != 0; }
  //! 1-based line on which the current (or the malformed) record starts.
  int64_t line() const { return line_; }
  //! Empty unless next() failed.
  const std::string& error() const { return error_; }
  //! next() failed because reading the file failed (not because of its content).
  bool ioError() const { return io_error_; }

 private:
  enum class Step { kRecord, kEnd, kMore, kError };
  Step parseRecord();
  //! Keeps the unparsed tail from `keep` and reads more; false at the end of the file.
  bool refill(const char* keep);
  Step fail(std::string message);

  const char* p_;
  const char* end_;
  char delim_;
  bool validate_utf8_ = false;
  // Streaming only (fd_ < 0 for an in-memory input, which is always at its end).
  int fd_ = -1;
  bool eof_ = true;
  bool io_error_ = false;
  bool at_start_ = true;  // the BOM check is still to be done
  size_t chunk_ = 0, max_record_ = 0;
  std::string buf_;
  const char* rec_start_ = nullptr;  // where the record being parsed starts
  int64_t rec_line_ = 1;
  int64_t next_line_ = 1;
  int64_t line_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<uint8_t> quoted_;
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

}  // namespace entente::csv
