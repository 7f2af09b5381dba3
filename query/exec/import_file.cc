// query/exec/import_file.cc — see import_file.h.
#include "query/exec/import_file.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

#include "query/error.h"

namespace entente::query {
namespace {

[[noreturn]] void refuse(const std::string& message) {
  throw QueryError(ErrorCode::kInvalidInput, message);
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

//! The path of a file URL relative to the import directory, normalised ("a/./b/../c" ->
//! "a/c"); refuses other schemes, hosts, and paths that climb out with "..".
std::string relativePath(const std::string& url) {
  size_t colon = url.find(':');
  size_t slash = url.find('/');
  if (colon == std::string::npos || (slash != std::string::npos && slash < colon))
    refuse(
        "LOAD CSV expects a URL such as 'file:///data.csv' (a file in the import directory), "
        "got '" +
        url + "'");
  std::string scheme = url.substr(0, colon);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "file")
    refuse("LOAD CSV from '" + url + "' is refused: only file:/// URLs are read (from the " +
           "import directory); '" + scheme + "' URLs are not");
  std::string_view rest = std::string_view(url).substr(colon + 1);
  if (rest.substr(0, 2) == "//") {  // an authority: empty or localhost
    rest.remove_prefix(2);
    size_t end = rest.find('/');
    std::string_view host = rest.substr(0, end);
    if (!host.empty() && host != "localhost")
      refuse("LOAD CSV from '" + url + "' is refused: a file URL may not name a host ('" +
             std::string(host) + "')");
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  std::string decoded;
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '%') {
      int hi = i + 2 < rest.size() ? hexDigit(rest[i + 1]) : -1;
      int lo = i + 2 < rest.size() ? hexDigit(rest[i + 2]) : -1;
      if (hi < 0 || lo < 0) refuse("LOAD CSV: a bad %-escape in the URL '" + url + "'");
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') refuse("LOAD CSV: the URL '" + url + "' contains a NUL character");
    decoded.push_back(c);
  }
  std::vector<std::string_view> parts;
  std::string_view d = decoded;
  while (!d.empty()) {
    size_t end = d.find('/');
    std::string_view part = d.substr(0, end);
    d = end == std::string_view::npos ? std::string_view() : d.substr(end + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty())
        refuse("LOAD CSV from '" + url + "' is refused: the path leaves the import directory");
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  if (parts.empty()) refuse("LOAD CSV: the URL '" + url + "' names no file");
  std::string rel;
  for (auto p : parts) {
    if (!rel.empty()) rel += '/';
    rel += p;
  }
  return rel;
}

//! openat2(dir, rel, RESOLVE_BENEATH): -1 with errno ENOSYS where the kernel lacks it.
int openBeneath(int dir, const std::string& rel) {
  struct open_how how {};
  how.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(::syscall(SYS_openat2, dir, rel.c_str(), &how, sizeof how));
}

}  // namespace

ImportFile::ImportFile(std::string_view import_directory, const std::string& url) {
  if (import_directory.empty())
    refuse(
        "LOAD CSV is disabled: no import directory is configured. Start the shell or the "
        "server with --import-dir DIR (OpenOptions::import_directory in the C++ API); "
        "file:///x.csv then reads DIR/x.csv");
  const std::string dir(import_directory);
  const std::string rel = relativePath(url);
  const std::string full = dir + "/" + rel;
  char* real = ::realpath(full.c_str(), nullptr);
  if (!real) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR)
      refuse("LOAD CSV: no file '" + url + "' in the import directory (looked for " + full + ")");
    refuse("LOAD CSV: cannot read '" + url + "': " + std::strerror(err));
  }
  path_ = real;
  ::free(real);
  if (path_.compare(0, dir.size() + 1, dir + "/") != 0)
    refuse("LOAD CSV from '" + url + "' is refused: it resolves to " + path_ +
           ", outside the import directory " + dir);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    refuse("LOAD CSV: cannot open the import directory " + dir + ": " + std::strerror(errno));
  fd_ = openBeneath(dfd, rel);
  if (fd_ < 0 && errno == ENOSYS)  // an old kernel: the canonical-path check above stands
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
  int err = errno;
  ::close(dfd);
  if (fd_ < 0) {
    if (err == EXDEV || err == ELOOP)
      refuse("LOAD CSV from '" + url + "' is refused: it leads outside the import directory " +
             dir);
    refuse("LOAD CSV: cannot open '" + url + "': " + std::strerror(err));
  }
  struct stat st;
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    refuse("LOAD CSV: '" + url + "' is not a regular file");
  }
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);  // opened non-blocking: no FIFO stall
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
}

ImportFile::~ImportFile() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace entente::query
