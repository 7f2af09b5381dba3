// api/database.cc — opening databases and running statements of the query language.
//
// Query stages throw query::QueryError; api::catching (api/run_statement.h) turns it, and
// any other exception, into an entente::Error value.
#include <stdlib.h>

#include <filesystem>
#include <new>
#include <system_error>

#include "api/convert.h"
#include "api/database_impl.h"
#include "api/run_statement.h"
#include "query/error.h"
#include "query/status_error.h"

namespace entente {

namespace fs = std::filesystem;

Database::Impl::~Impl() {
  engine.reset();
  store.reset();
  if (temporary && !path.empty()) {
    std::error_code ec;  // best effort: never throw from a destructor
    fs::remove_all(path, ec);
  }
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

const std::string& Database::path() const { return impl_->path; }

namespace {

Expected<std::unique_ptr<Database::Impl>> openImpl(const std::string& path,
                                                   const OpenOptions& options, bool temporary) {
  auto impl = std::make_unique<Database::Impl>();
  impl->path = path;
  impl->temporary = temporary;
  impl->options = options;
  if (options.create_if_missing && !options.read_only) {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return api::ioError("cannot create database directory '" + path + "': " + ec.message());
  } else if (!fs::exists(path)) {
    return api::ioError("database '" + path + "' does not exist");
  }
  storage::StoreOptions so;
  so.create_if_missing = options.create_if_missing;
  so.sync = options.sync_writes;
  so.read_only = options.read_only;
  auto store = storage::GraphStore::open(path, so);
  if (!store.ok()) {
    Error e = query::fromStatus(store.status());
    if (e.message().find(path) != std::string::npos) return e;
    return Error(e.code(), "cannot open '" + path + "': " + e.message(), e.detail());
  }
  impl->store = std::move(store).value();
  std::string import_dir;
  if (!options.import_directory.empty()) {
    // Resolved once (symbolic links and `..` included): LOAD CSV confines reads to this path.
    std::error_code ec;
    fs::path dir = fs::canonical(options.import_directory, ec);
    if (ec || !fs::is_directory(dir, ec))
      return Error(ErrorCode::kInvalidInput, "import directory '" + options.import_directory +
                                                 "' is not an existing directory" +
                                                 (ec ? ": " + ec.message() : ""));
    import_dir = dir.string();
  }
  impl->engine = std::make_unique<query::Engine>(*impl->store, std::move(import_dir));
  return impl;
}

}  // namespace

Expected<std::unique_ptr<Database>> Database::open(const std::string& path,
                                                   const OpenOptions& options) {
  return api::guarded([&]() -> Expected<std::unique_ptr<Database>> {
    auto impl = openImpl(path, options, false);
    if (!impl) return impl.error();
    return std::unique_ptr<Database>(new Database(std::move(impl.value())));
  });
}

Expected<std::unique_ptr<Database>> Database::openTemporary(const OpenOptions& options) {
  return api::guarded([&]() -> Expected<std::unique_ptr<Database>> {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string templ = (base / "entente-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr)
      return api::ioError("cannot create a temporary directory in " + base.string());
    OpenOptions o = options;
    o.create_if_missing = true;
    o.read_only = false;
    auto impl = openImpl(templ, o, true);
    if (!impl) {
      fs::remove_all(templ, ec);
      return impl.error();
    }
    return std::unique_ptr<Database>(new Database(std::move(impl.value())));
  });
}

using api::catching;
using api::fromOutput;

QueryResult Database::query(std::string_view text, const Map& params, const QueryOptions& options) {
  return catching(
      [&] { return fromOutput(impl_->engine->run(text, params, query::QueryOptions(options))); });
}

Expected<std::shared_ptr<const PreparedQuery>> Database::prepare(std::string_view text) {
  std::shared_ptr<const PreparedQuery> prepared;
  QueryResult failed = catching([&] {
    auto p = std::make_shared<PreparedQuery>();
    p->statement = impl_->engine->prepare(text);
    prepared = std::move(p);
    return QueryResult::success({}, {});
  });
  if (!failed.ok()) return failed.error();
  return prepared;
}

QueryResult Database::execute(const PreparedQuery& prepared, const Map& params,
                              const QueryOptions& options) {
  return catching([&] {
    if (!prepared.statement)
      throw query::QueryError(ErrorCode::kArgumentError, "execute: the prepared query is empty");
    return fromOutput(
        impl_->engine->execute(*prepared.statement, params, query::QueryOptions(options)));
  });
}

}  // namespace entente
