// api/database.cc — opening databases and running statements of the query language.
//
// Query stages throw query::QueryError; this is the one place that catches it (and any
// other exception) and turns it into an entente::Error value.
#include <stdlib.h>

#include <filesystem>
#include <new>
#include <system_error>

#include "api/convert.h"
#include "api/database_impl.h"
#include "query/error.h"

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

Expected<std::unique_ptr<Database::Impl>> openImpl(const std::string& path, const OpenOptions& options,
                                                   bool temporary) {
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
    Error e = api::statusError(store.status());
    if (e.message.find(path) == std::string::npos) e.message = "cannot open '" + path + "': " + e.message;
    return e;
  }
  impl->store = std::move(store).value();
  impl->engine = std::make_unique<query::Engine>(*impl->store);
  return impl;
}

}  // namespace

Expected<std::unique_ptr<Database>> Database::open(const std::string& path, const OpenOptions& options) {
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
    if (mkdtemp(templ.data()) == nullptr) return api::ioError("cannot create a temporary directory in " + base.string());
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

namespace {

query::QueryOptions engineOptions(const QueryOptions& o) {
  query::QueryOptions q;
  q.timeout = o.timeout;
  q.cancel = o.cancel;
  q.max_rows = o.max_rows;
  return q;
}

QueryResult fromOutput(query::QueryOutput&& out) {
  QueryResult r;
  r.columns_ = std::move(out.columns);
  r.rows_ = std::move(out.rows);
  r.notices_ = std::move(out.notices);
  const auto& s = out.stats;
  r.stats_ = Stats{s.nodes_created, s.nodes_deleted, s.relationships_created, s.relationships_deleted,
                   s.properties_set, s.properties_removed, s.labels_added, s.labels_removed, s.elapsed_ms};
  return r;
}

QueryResult errorResult(Error e) {
  QueryResult r;
  r.error_ = std::move(e);
  return r;
}

// Runs a query stage, converting every exception into an error result.
template <typename F>
QueryResult catching(F&& f) {
  try {
    return f();
  } catch (const query::QueryError& e) {
    return errorResult(Error{e.code(), e.what(), e.line(), e.column()});
  } catch (const std::bad_alloc&) {
    return errorResult(Error{"InternalError", "out of memory while running the statement"});
  } catch (const std::exception& e) {
    return errorResult(Error{"InternalError", std::string("unexpected error: ") + e.what()});
  } catch (...) {
    return errorResult(Error{"InternalError", "unexpected error"});
  }
}

}  // namespace

QueryResult Database::query(std::string_view text, const Map& params, const QueryOptions& options) {
  return catching([&] { return fromOutput(impl_->engine->run(text, params, engineOptions(options))); });
}

Expected<std::shared_ptr<const PreparedQuery>> Database::prepare(std::string_view text) {
  QueryResult failed;
  std::shared_ptr<const PreparedQuery> prepared;
  failed = catching([&] {
    auto p = std::make_shared<PreparedQuery>();
    p->statement = impl_->engine->prepare(text);
    prepared = std::move(p);
    return QueryResult{};
  });
  if (!failed.ok()) return failed.error();
  return prepared;
}

QueryResult Database::execute(const PreparedQuery& prepared, const Map& params, const QueryOptions& options) {
  return catching([&] {
    if (!prepared.statement) throw query::QueryError("ArgumentError", "execute: the prepared query is empty");
    return fromOutput(impl_->engine->execute(*prepared.statement, params, engineOptions(options)));
  });
}

}  // namespace entente
