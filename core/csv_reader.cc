// core/csv_reader.cc — see csv_reader.h.
#include "core/csv_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/utf8.h"

namespace entente::csv {

CsvReader::CsvReader(std::string_view data, char delimiter)
    : p_(data.data()), end_(data.data() + data.size()), delim_(delimiter) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") p_ += 3;  // UTF-8 byte order mark
  at_start_ = false;
}

CsvReader::CsvReader(int fd, char delimiter, size_t chunk_bytes, size_t max_record_bytes)
    : p_(nullptr),
      end_(nullptr),
      delim_(delimiter),
      fd_(fd),
      eof_(false),
      chunk_(chunk_bytes),
      max_record_(max_record_bytes) {}

bool CsvReader::next() {
  if (!error_.empty()) return false;
  for (;;) {
    fields_.clear();
    quoted_.clear();
    scratch_.clear();
    switch (parseRecord()) {
      case Step::kRecord: return true;
      case Step::kEnd:
      case Step::kError: return false;
      case Step::kMore:
        // The record (or the empty lines before it) runs past the buffer: read more and
        // parse it again from its start.
        if (!refill(rec_start_)) return false;
        next_line_ = rec_line_;
        p_ = buf_.data();
        break;
    }
  }
}

CsvReader::Step CsvReader::fail(std::string message) {
  error_ = std::move(message);
  line_ = rec_line_;
  return Step::kError;
}

bool CsvReader::refill(const char* keep) {
  size_t kept = keep ? static_cast<size_t>(end_ - keep) : 0;
  if (kept >= max_record_) {
    error_ = "a record longer than " +
             (max_record_ >= (size_t{1} << 20) ? std::to_string(max_record_ >> 20) + " MiB"
                                               : std::to_string(max_record_) + " bytes") +
             " (an unterminated quoted field?)";
    line_ = rec_line_;
    return false;
  }
  if (kept > 0) std::memmove(buf_.data(), keep, kept);
  if (buf_.size() < kept + chunk_) buf_.resize(std::max(buf_.size() * 2, kept + chunk_));
  ssize_t n;
  do {
    n = ::read(fd_, buf_.data() + kept, buf_.size() - kept);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    io_error_ = true;
    error_ = std::string("read error: ") + std::strerror(errno);
    line_ = rec_line_;
    return false;
  }
  if (n == 0) eof_ = true;
  p_ = buf_.data();
  end_ = p_ + kept + static_cast<size_t>(n);
  if (at_start_ && (end_ - p_ >= 3 || eof_)) {
    at_start_ = false;
    if (std::string_view(p_, static_cast<size_t>(end_ - p_)).substr(0, 3) == "\xEF\xBB\xBF") {
      std::memmove(buf_.data(), p_ + 3, static_cast<size_t>(end_ - p_) - 3);
      end_ -= 3;
    }
  }
  return true;
}

CsvReader::Step CsvReader::parseRecord() {
  for (;;) {                                              // empty lines
    if (p_ >= end_ || (*p_ == '\r' && p_ + 1 >= end_)) {  // nothing, or a last lone '\r'
      if (eof_) {
        p_ = end_;
        return Step::kEnd;
      }
      rec_start_ = p_;
      rec_line_ = next_line_;
      return Step::kMore;
    }
    if (*p_ == '\n') {
      ++p_;
      ++next_line_;
      continue;
    }
    if (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n') {
      p_ += 2;
      ++next_line_;
      continue;
    }
    break;
  }
  rec_start_ = p_;
  rec_line_ = line_ = next_line_;
  for (;;) {  // one field per iteration
    if (p_ < end_ && *p_ == '"') {
      const char* start = ++p_;
      bool escaped = false;
      for (;;) {
        if (p_ >= end_) return eof_ ? fail("unterminated quoted field") : Step::kMore;
        if (*p_ == '"') {
          if (p_ + 1 >= end_ && !eof_) return Step::kMore;  // "" split by the buffer end?
          if (p_ + 1 < end_ && p_[1] == '"') {
            escaped = true;
            p_ += 2;
            continue;
          }
          break;
        }
        if (*p_ == '\n') next_line_++;
        ++p_;
      }
      std::string_view raw(start, static_cast<size_t>(p_ - start));
      ++p_;  // closing quote
      if (escaped) {
        std::string& s = scratch_.emplace_back();
        for (size_t i = 0; i < raw.size(); ++i) {
          s.push_back(raw[i]);
          if (raw[i] == '"') ++i;
        }
        fields_.emplace_back(s);
      } else {
        fields_.push_back(raw);
      }
      quoted_.push_back(1);
      if (p_ < end_ && *p_ == '\r') ++p_;
      if (p_ >= end_ && !eof_) return Step::kMore;
      if (p_ < end_ && *p_ != delim_ && *p_ != '\n')
        return fail(
            "unexpected character after a closing quote (a quote inside a quoted "
            "field is written \"\")");
    } else {
      const char* start = p_;
      while (p_ < end_ && *p_ != delim_ && *p_ != '\n') ++p_;
      if (p_ >= end_ && !eof_) return Step::kMore;
      const char* stop = p_;
      if (stop > start && stop[-1] == '\r') --stop;
      fields_.emplace_back(start, static_cast<size_t>(stop - start));
      quoted_.push_back(0);
    }
    if (p_ < end_ && *p_ == delim_) {
      ++p_;
      continue;
    }
    if (p_ < end_) ++p_;  // '\n'
    next_line_++;
    if (validate_utf8_ &&
        !validUtf8(std::string_view(rec_start_, static_cast<size_t>(p_ - rec_start_))))
      return fail("invalid UTF-8");
    return Step::kRecord;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parseU64(std::string_view s, uint64_t* out) {
  if (s.empty() || static_cast<unsigned char>(s.front() - '0') > 9 ||
      static_cast<unsigned char>(s.back() - '0') > 9)
    s = trim(s);
  if (s.empty() || s.size() > 20) return false;
  uint64_t v = 0;
  for (char c : s) {
    unsigned d = static_cast<unsigned char>(c - '0');
    if (d > 9) return false;
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool parseI64(std::string_view s, int64_t* out) {
  s = trim(s);
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t u;
  if (s.empty() || s[0] == ' ' || !parseU64(s, &u)) return false;
  if (neg ? u > uint64_t{1} << 63 : u > static_cast<uint64_t>(INT64_MAX)) return false;
  *out = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
  return true;
}

bool readFile(const std::string& path, std::string* out, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    *error = "not a regular file";
    return false;
  }
  out->resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out->size()) {
    ssize_t n = ::read(fd, out->data() + done, out->size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      *error = n == 0 ? "file shrank while being read"
                      : std::string("read error: ") + std::strerror(errno);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return true;
}

}  // namespace entente::csv
