// Tests of csv::CsvReader (core/csv_reader.h): RFC 4180 records, and streaming from a file
// in chunks giving exactly what reading the whole buffer gives, whatever the chunk size.
#include "core/csv_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <tuple>
#include <vector>

namespace entente::csv {
namespace {

struct Record {
  int64_t line;
  std::vector<std::string> fields;  // quoted fields marked with a leading '"'
  bool operator==(const Record&) const = default;
};

std::vector<Record> drain(CsvReader& r, std::string* error) {
  std::vector<Record> out;
  while (r.next()) {
    Record rec{r.line(), {}};
    for (size_t i = 0; i < r.fields().size(); ++i)
      rec.fields.push_back((r.quoted(i) ? "\"" : "") + std::string(r.fields()[i]));
    out.push_back(std::move(rec));
  }
  *error = r.error().empty() ? "" : r.error() + " @" + std::to_string(r.line());
  return out;
}

//! A temporary file holding `content`, open for reading.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/entente-csv-XXXXXX";
    fd_ = mkstemp(name);
    ::unlink(name);
    EXPECT_EQ(::write(fd_, content.data(), content.size()), static_cast<ssize_t>(content.size()));
    ::lseek(fd_, 0, SEEK_SET);
  }
  ~TempFile() { ::close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

TEST(CsvReader, QuotingEmptyLinesBomAndLineNumbers) {
  std::string data =
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "\n"
      "1,\"x, \"\"y\"\"\",\n"
      "\"multi\nline\",\"\",3\n"
      "last";
  CsvReader r(data);
  std::string err;
  auto recs = drain(r, &err);
  EXPECT_EQ(err, "");
  std::vector<Record> want = {{1, {"a", "b", "c"}},
                              {3, {"1", "\"x, \"y\"", ""}},
                              {4, {"\"multi\nline", "\"", "3"}},
                              {6, {"last"}}};
  EXPECT_EQ(recs, want);
}

TEST(CsvReader, MalformedRecordsNameTheirLine) {
  for (auto [data, message, line] : std::vector<std::tuple<std::string, std::string, int>>{
           {"a\n\"b\"c\n", "unexpected character after a closing quote", 2},
           {"a\nb\n\"open\nquote\n", "unterminated quoted field", 3},
       }) {
    CsvReader r(data);
    std::string err;
    EXPECT_EQ(drain(r, &err).size(), static_cast<size_t>(line - 1));
    EXPECT_EQ(err.rfind(message, 0), 0u) << err;
    EXPECT_EQ(err.substr(err.find('@')), "@" + std::to_string(line)) << err;
  }
  CsvReader r("ok\n\xC3\x28\n");
  r.setValidateUtf8(true);
  std::string err;
  EXPECT_EQ(drain(r, &err).size(), 1u);
  EXPECT_EQ(err, "invalid UTF-8 @2");
}

TEST(CsvReader, StreamingInAnyChunkSizeEqualsTheWholeBuffer) {
  std::string data =
      "\xEF\xBB\xBFid;name;note\r\n"
      "1;\"Al-Nusra; Front\";\"said \"\"no\"\"\"\n"
      "\r\n"
      "2;;\"two\r\nlines\"\n"
      "3;\"\";\n"
      "\"4\";x;y";
  CsvReader whole(data, ';');
  std::string whole_err;
  auto want = drain(whole, &whole_err);
  ASSERT_EQ(want.size(), 5u);
  for (size_t chunk = 1; chunk <= data.size() + 1; ++chunk) {
    TempFile f(data);
    CsvReader streamed(f.fd(), ';', chunk);
    std::string err;
    EXPECT_EQ(drain(streamed, &err), want) << "chunk " << chunk;
    EXPECT_EQ(err, whole_err);
  }
}

TEST(CsvReader, StreamingStopsAtAnOverlongRecord) {
  TempFile f("a,b\n\"never closed," + std::string(5000, 'x'));
  CsvReader r(f.fd(), ',', 64, 1024);
  std::string err;
  EXPECT_EQ(drain(r, &err).size(), 1u);
  EXPECT_NE(err.find("unterminated quoted field?"), std::string::npos) << err;
  EXPECT_NE(err.find("@2"), std::string::npos) << err;
}

}  // namespace
}  // namespace entente::csv
