// api/csv_reader.cc — see csv_reader.h.
#include "api/csv_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace entente::api {

bool CsvReader::next() {
  fields_.clear();
  scratch_.clear();
  while (p_ < end_) {
    line_ = next_line_;
    // Skip empty lines.
    if (*p_ == '\n' || (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n')) {
      p_ += *p_ == '\n' ? 1 : 2;
      next_line_++;
      continue;
    }
    for (;;) {  // one field per iteration
      if (p_ < end_ && *p_ == '"') {
        const char* start = ++p_;
        bool escaped = false;
        for (;;) {
          if (p_ >= end_) {
            error_ = "unterminated quoted field";
            return false;
          }
          if (*p_ == '"') {
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
        if (p_ < end_ && *p_ == '\r') ++p_;
        if (p_ < end_ && *p_ != ',' && *p_ != '\n') {
          error_ = "unexpected character after a closing quote";
          return false;
        }
      } else {
        const char* start = p_;
        while (p_ < end_ && *p_ != ',' && *p_ != '\n') ++p_;
        const char* stop = p_;
        if (stop > start && stop[-1] == '\r') --stop;
        fields_.emplace_back(start, static_cast<size_t>(stop - start));
      }
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_) ++p_;  // '\n'
      next_line_++;
      return true;
    }
  }
  return false;
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

}  // namespace entente::api
