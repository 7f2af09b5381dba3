// query/exec/import_file.h — opening the file a LOAD CSV URL names, confined to the import
// directory.
//
// `file:///a/b.csv` (also `file:/a/b.csv`, `file://localhost/a/b.csv`; %XX escapes decoded)
// is <import directory>/a/b.csv. Refused, with an InvalidInput error saying why: no import
// directory configured, another scheme (http, ftp, …), a path leaving the directory through
// `..` or a symbolic link, anything but a regular file. The check is done twice: on the
// canonical path (for the message) and by the kernel when opening (openat2 with
// RESOLVE_BENEATH), so a link swapped in between cannot lead out.
#pragma once

#include <string>
#include <string_view>

namespace entente::query {

class ImportFile {
 public:
  //! Opens `url` for reading. Throws QueryError.
  ImportFile(std::string_view import_directory, const std::string& url);
  ~ImportFile();
  ImportFile(const ImportFile&) = delete;
  ImportFile& operator=(const ImportFile&) = delete;

  int fd() const { return fd_; }
  //! The absolute path of the file (what file() returns).
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace entente::query
