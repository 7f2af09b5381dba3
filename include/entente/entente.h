// entente/entente.h — the embedded C++ API of Entente, a knowledge-graph database for
// tracking who backs whom.
//
//   auto db = entente::Database::open("/tmp/conflicts");        // or Database::openTemporary()
//   if (!db) { std::cerr << db.error().message() << "\n"; return 1; }
//   auto r = db->query("MATCH (s)-[:BACKS]->(g) WHERE g.name = $g RETURN s.name",
//                      {{"g", "Free Syrian Army"}});
//   for (const auto& row : r.rows()) std::cout << row[0].asString() << "\n";
//
// Thread safety: a Database may be shared by threads; queries run concurrently, each on its
// own consistent snapshot; auto-commit writes are serialised; explicit transactions
// (Database::beginTransaction) run concurrently and are checked for conflicts at commit. No
// exception crosses this API: every fallible call returns an Error value (Expected<T> or
// QueryResult::error()). This header mentions no RocksDB, ANTLR or other internal type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "entente/error.h"
#include "entente/statement_types.h"
#include "entente/value.h"

namespace entente {

//! A value or an Error, never both (Error is entente/error.h's class; ErrorCode lists every
//! kind of failure the API reports). T need not be default-constructible.
//! REQUIRES for value(), operator-> and operator*: ok(). REQUIRES for error(): !ok().
template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(Error error) : state_(std::in_place_index<1>, std::move(error)) {}
  explicit operator bool() const { return ok(); }
  bool ok() const { return state_.index() == 0; }
  //! REQUIRES: !ok(); on success returns successHasNoError() (entente/error.h), never UB.
  const Error& error() const { return ok() ? successHasNoError() : std::get<1>(state_); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Error> state_;
};

//! Success (no value) or an Error: the result of calls that only do something.
//! REQUIRES for error(): !ok().
template <>
class Expected<void> {
 public:
  Expected() = default;
  Expected(Error error) : error_(std::move(error)) {}
  explicit operator bool() const { return ok(); }
  bool ok() const { return !error_.has_value(); }
  //! REQUIRES: !ok(); on success returns successHasNoError() (entente/error.h), never UB.
  const Error& error() const { return error_ ? *error_ : successHasNoError(); }

 private:
  std::optional<Error> error_;
};

//! The rows of a statement, or its Error. Built by the implementation through success() and
//! failure(); callers only read it.
class QueryResult {
 public:
  //! A statement that ran: its columns, rows, side effects and notices.
  static QueryResult success(std::vector<std::string> columns, std::vector<std::vector<Value>> rows,
                             Stats stats = {}, std::vector<std::string> notices = {});
  //! A statement that failed: no columns, no rows, zero stats.
  static QueryResult failure(Error error);

  bool ok() const { return !error_.has_value(); }
  //! REQUIRES: !ok(). On a successful result it returns an InternalError saying so (never
  //! undefined behaviour), so a caller that forgot to check gets a readable message.
  const Error& error() const;
  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<std::vector<Value>>& rows() const { return rows_; }
  const Stats& stats() const { return stats_; }
  const std::vector<std::string>& notices() const { return notices_; }

 private:
  QueryResult() = default;

  std::optional<Error> error_;
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
  Stats stats_;
  std::vector<std::string> notices_;
};

struct OpenOptions {
  bool create_if_missing = true;
  //! Durable commits: a commit returns once the write-ahead log is fsynced, so it survives a
  //! power loss; concurrent commits share one fsync (group commit). Off: a commit returns
  //! once the OS has it — several times faster for small writes, and still safe against
  //! kill -9 or a crash of the program, but a power loss or kernel crash may lose the last
  //! commits acknowledged (never part of one).
  bool sync_writes = true;
  bool read_only = false;
  //! Largest JSON document (importJson) or JSON line (importJsonLines) accepted; a larger
  //! one is refused with an error before it is parsed, so memory stays bounded.
  size_t max_import_document_bytes = size_t{64} << 20;
  //! The directory LOAD CSV reads from: `file:///a/b.csv` is <import_directory>/a/b.csv, and
  //! nothing outside it (`..`, symbolic links leading out, other schemes) can be read. It must
  //! exist when the database is opened. Empty (the default): LOAD CSV is refused.
  std::string import_directory;
};

//! Relation direction as seen from an entity.
enum class Direction { kOutgoing, kIncoming, kBoth };

class PreparedQuery;
class Transaction;

class Database {
 public:
  //! Opens (or creates) a database directory.
  static Expected<std::unique_ptr<Database>> open(const std::string& path,
                                                  const OpenOptions& options = {});
  //! A database in a fresh temporary directory, removed when the Database is destroyed.
  static Expected<std::unique_ptr<Database>> openTemporary(const OpenOptions& options = {});
  ~Database();

  // ---- the query language --------------------------------------------------------------
  QueryResult query(std::string_view text, const Map& params = {},
                    const QueryOptions& options = {});
  //! Parses and plans once; run it many times with different parameters.
  Expected<std::shared_ptr<const PreparedQuery>> prepare(std::string_view text);
  QueryResult execute(const PreparedQuery& prepared, const Map& params = {},
                      const QueryOptions& options = {});
  //! Begins an explicit transaction (see Transaction). Never blocks. On a read-only database
  //! its statements can read; one that writes fails with ReadOnly.
  Expected<std::unique_ptr<Transaction>> beginTransaction();

  // ---- entities and relations without the query language -------------------------------
  Expected<Node> addEntity(const std::vector<std::string>& labels, const Map& properties);
  Expected<Node> getEntity(uint64_t id);
  //! Replaces the entity's properties (labels too when `labels` is given).
  Expected<Node> updateEntity(uint64_t id, const Map& properties,
                              const std::optional<std::vector<std::string>>& labels = std::nullopt);
  //! Fails if the entity has relations, unless `detach`.
  Expected<void> deleteEntity(uint64_t id, bool detach = false);
  //! Entities whose name or alias equals `name`, case-insensitively.
  Expected<std::vector<Node>> findByName(std::string_view name);
  Expected<Relationship> addRelation(uint64_t start, std::string_view type, uint64_t end,
                                     const Map& properties);
  Expected<Relationship> updateRelation(uint64_t id, const Map& properties);
  Expected<void> deleteRelation(uint64_t id);
  //! Relations of an entity, optionally of some types and only those valid at `as_of`.
  Expected<std::vector<Relationship>> relations(uint64_t entity, Direction direction,
                                                const std::vector<std::string>& types = {},
                                                std::optional<Date> as_of = std::nullopt);

  // ---- import and export ---------------------------------------------------------------
  //! The JSON dataset format (README "Dataset format"): {"relation_types":[…],
  //! "entities":[…], "relations":[…]}. All or nothing; errors name the file and record.
  Expected<Stats> importJson(const std::string& file);
  Expected<Stats> importJsonText(std::string_view json, std::string_view origin = "<input>");
  //! JSON Lines: one {"entity":…} / {"relation":…} / {"relation_type":…} object per line.
  Expected<Stats> importJsonLines(const std::string& file);
  //! Bulk CSV import through sorted SST files: nodes `id,label,name,…` and edges
  //! `src,dst[,type]` (see README). All or nothing.
  Expected<Stats> importCsv(const std::string& nodes_file, const std::string& edges_file,
                            std::string_view default_label = "Entity",
                            std::string_view default_type = "RELATED_TO");
  Expected<void> exportJson(const std::string& file);
  Expected<std::string> exportJsonText();

  //! The bundled Aleppo dataset (data/aleppo.json), found next to the executable or in the
  //! source tree; imported into this database.
  Expected<Stats> loadBundledDataset();

  const std::string& path() const;

  struct Impl;  // internal

 private:
  friend class Transaction;
  friend struct DatabaseTestAccess;  // tests/api/database_test_access.h: tests reach the store
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

//! An explicit transaction: statements that commit or roll back together.
//!
//!   auto tx = db->beginTransaction();                       // Expected<unique_ptr<Transaction>>
//!   (*tx)->query("MATCH (a:Account {id: 1}) SET a.balance = a.balance - 10");
//!   (*tx)->query("MATCH (a:Account {id: 2}) SET a.balance = a.balance + 10");
//!   auto done = (*tx)->commit();   // TransactionConflict: retry the whole transaction
//!
//! Isolation: snapshot isolation. Its statements read the database as of beginTransaction()
//! plus the transaction's own writes; nothing of it is visible to others before commit().
//! It does not block other writers: commit() fails with TransactionConflict, applying
//! nothing, if a transaction or statement that committed after this one began wrote the same
//! node or relationship, added the same value under a UNIQUE constraint, or created or deleted
//! a relationship of a node the other deleted (or the reverse); also if an index or
//! constraint was created or dropped, or a bulk CSV import ran, meanwhile. A commit is
//! durable when it returns (unless the database was opened with sync_writes off).
//!
//! A statement that fails once it has started (a constraint, a type error, a timeout...)
//! rolls the whole transaction back, as in Neo4j: state() becomes kFailed and every later
//! call fails with TransactionError naming the cause. A statement that cannot be parsed or
//! planned changes nothing and leaves the transaction open. Refused inside a transaction
//! (TransactionError, which fails it): CREATE/DROP INDEX and CONSTRAINT, and
//! CALL { } IN TRANSACTIONS.
//!
//! Destroying an open transaction rolls it back. Calls on one transaction are serialised
//! (it may be handed between threads). REQUIRES: destroyed before its Database.
class Transaction {
 public:
  enum class State {
    kOpen,        //!< statements may run
    kCommitted,   //!< commit() succeeded
    kRolledBack,  //!< rollback() was called
    kFailed,      //!< a statement or the commit failed: rolled back, nothing applied
  };

  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  //! Runs a statement in this transaction (TransactionError unless state() is kOpen).
  QueryResult query(std::string_view text, const Map& params = {},
                    const QueryOptions& options = {});
  QueryResult execute(const PreparedQuery& prepared, const Map& params = {},
                      const QueryOptions& options = {});
  //! Applies every write at once. TransactionConflict (state kFailed, nothing applied) if a
  //! concurrent commit got there first; TransactionError if the transaction is not open.
  Expected<void> commit();
  //! Drops every write; no-op unless open.
  void rollback();
  State state() const;
  bool isOpen() const { return state() == State::kOpen; }

  struct Impl;  // internal

 private:
  friend class Database;
  explicit Transaction(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace entente
