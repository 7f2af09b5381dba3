// LoadCsv: LOAD CSV [WITH HEADERS] FROM url AS row [FIELDTERMINATOR c]. Per input row it
// opens the file (confined to the import directory: import_file.h) and streams it a chunk
// at a time (core/csv_reader.h), one output row per record: a list of strings, or WITH
// HEADERS a map from the first record's names (missing trailing fields null, extra ones
// dropped). An empty unquoted field is null, an empty quoted one "" (as in Neo4j). While a
// record is current, ExecState's csv_file / csv_line say where it is: linenumber() and
// file() read them, and the engine adds them to any error the statement raises meanwhile.
#include <algorithm>
#include <memory>

#include "core/csv_reader.h"
#include "query/error.h"
#include "query/exec/import_file.h"
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class LoadCsvOp final : public PerInputRowOperator<LoadCsvOp> {
 public:
  LoadCsvOp(const LoadCsvSpec& spec, ExecState& st, OperatorPtr input)
      : PerInputRowOperator(st, std::move(input)), spec_(spec) {}
  ~LoadCsvOp() override { leave(); }
  void reset() override {
    PerInputRowOperator::reset();
    close();
  }

 private:
  friend PerInputRowOperator;

  bool beginRow(const Row& row) {
    close();
    RValue url = spec_.url->eval(row, st_);
    if (!url.isString())
      throw QueryError(ErrorCode::kTypeError,
                       std::string("LOAD CSV FROM expects a String (a URL such as "
                                   "'file:///data.csv'), got ") +
                           url.kindName(),
                       {}, ErrorDetail::kInvalidArgumentType);
    file_ = std::make_unique<ImportFile>(st_.options.import_directory, url.asString());
    reader_ = std::make_unique<csv::CsvReader>(file_->fd(), spec_.delimiter);
    reader_->setValidateUtf8(true);
    columns_.clear();
    if (spec_.headers) {
      if (!read()) return false;  // an empty file: no rows
      const auto& names = reader_->fields();
      for (size_t i = 0; i < names.size(); ++i) columns_.emplace_back(std::string(names[i]), i);
      // Map keys are sorted and unique: the first column of a repeated name wins.
      std::stable_sort(columns_.begin(), columns_.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      columns_.erase(std::unique(columns_.begin(), columns_.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     columns_.end());
    }
    return true;
  }

  bool produce(Row& row) {
    if (!read()) return false;
    const auto& f = reader_->fields();
    auto field = [&](size_t i) -> RValue {
      if (i >= f.size() || (f[i].empty() && !reader_->quoted(i))) return RValue();
      return RValue(std::string(f[i]));
    };
    if (spec_.headers) {
      RMap m;
      m.reserve(columns_.size());
      for (const auto& [name, i] : columns_) m.emplace_back(name, field(i));
      row[spec_.slot] = RValue(std::move(m));
    } else {
      RList l;
      l.reserve(f.size());
      for (size_t i = 0; i < f.size(); ++i) l.push_back(field(i));
      row[spec_.slot] = RValue(std::move(l));
    }
    return true;
  }

  //! The next record; false at the end of the file (then closed). Throws on a bad record.
  bool read() {
    if (reader_->next()) {
      st_.csv_file = &file_->path();
      st_.csv_line = reader_->line();
      return true;
    }
    if (!reader_->error().empty()) {
      std::string msg = "LOAD CSV: " + reader_->error() + " at line " +
                        std::to_string(reader_->line()) + " of " + file_->path();
      ErrorCode code = reader_->ioError() ? ErrorCode::kIOError : ErrorCode::kInvalidInput;
      close();
      throw QueryError(code, msg);
    }
    close();
    return false;
  }

  void close() {
    leave();
    reader_.reset();
    file_.reset();
  }
  //! No record of this file is current any more.
  void leave() {
    if (file_ && st_.csv_file == &file_->path()) {
      st_.csv_file = nullptr;
      st_.csv_line = 0;
    }
  }

  const LoadCsvSpec& spec_;
  std::unique_ptr<ImportFile> file_;
  std::unique_ptr<csv::CsvReader> reader_;
  std::vector<std::pair<std::string, size_t>> columns_;  // header name -> field, by name
};

class LoadCsvNode final : public SpecNode<LoadCsvSpec, LoadCsvOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable&) const override { return "LoadCsv " + spec_.text; }
};

}  // namespace

PlanPtr makeLoadCsv(LoadCsvSpec spec, PlanPtr input) {
  return withInput(std::make_unique<LoadCsvNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
