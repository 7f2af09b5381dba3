// api/transaction.cc — entente::Transaction: explicit transactions over an optimistic
// storage transaction (storage::GraphStore::beginOptimistic), statements run by the engine
// inside it (query::Engine::execute with a transaction).
#include <mutex>

#include "api/convert.h"
#include "api/database_impl.h"
#include "api/run_statement.h"
#include "query/status_error.h"

namespace entente {

struct Transaction::Impl {
  Database::Impl* db = nullptr;
  std::unique_ptr<storage::Transaction> txn;  // null once ended
  State state = State::kOpen;
  std::string cause;  // why it failed (kFailed)
  mutable std::mutex mu;

  Error notOpen() const {
    switch (state) {
      case State::kCommitted:
        return Error(ErrorCode::kTransactionError, "The transaction is already committed");
      case State::kRolledBack:
        return Error(ErrorCode::kTransactionError, "The transaction was rolled back");
      case State::kFailed:
        return Error(ErrorCode::kTransactionError, "The transaction failed and was rolled back (" +
                                                       cause + "); nothing of it was applied");
      case State::kOpen: break;
    }
    return Error(ErrorCode::kInternalError, "the transaction is open");
  }

  void fail(const Error& e) {
    txn.reset();  // drops every write
    state = State::kFailed;
    cause = std::string(e.codeName()) + ": " + e.message();
    if (cause.size() > 400) cause = cause.substr(0, 400) + "...";
  }

  // Runs `prepared` (or parses `text` first) in the transaction.
  QueryResult run(const query::PreparedStatement* prepared, std::string_view text,
                  const Map& params, const QueryOptions& options) {
    std::lock_guard lock(mu);
    if (state != State::kOpen) return QueryResult::failure(notOpen());
    std::shared_ptr<const query::PreparedStatement> parsed;
    if (!prepared) {
      // A statement that cannot be parsed or planned has not touched the transaction.
      QueryResult failed = api::catching([&] {
        parsed = db->engine->prepare(text);
        return QueryResult::success({}, {});
      });
      if (!failed.ok()) return failed;
      prepared = parsed.get();
    }
    QueryResult result = api::catching([&] {
      return api::fromOutput(
          db->engine->execute(*prepared, params, query::QueryOptions(options), *txn));
    });
    if (!result.ok()) fail(result.error());  // it may have written part of its changes
    return result;
  }
};

Transaction::Transaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Transaction::~Transaction() { rollback(); }

QueryResult Transaction::query(std::string_view text, const Map& params,
                               const QueryOptions& options) {
  return impl_->run(nullptr, text, params, options);
}

QueryResult Transaction::execute(const PreparedQuery& prepared, const Map& params,
                                 const QueryOptions& options) {
  if (!prepared.statement)
    return QueryResult::failure(
        Error(ErrorCode::kArgumentError, "execute: the prepared query is empty"));
  return impl_->run(prepared.statement.get(), {}, params, options);
}

Expected<void> Transaction::commit() {
  std::lock_guard lock(impl_->mu);
  if (impl_->state != State::kOpen) return impl_->notOpen();
  storage::Status s = impl_->txn->commit();
  if (!s.ok()) {
    Error e = query::fromStatus(s);
    impl_->fail(e);
    return e;
  }
  impl_->txn.reset();
  impl_->state = State::kCommitted;
  return {};
}

void Transaction::rollback() {
  std::lock_guard lock(impl_->mu);
  if (impl_->state != State::kOpen) return;
  impl_->txn.reset();
  impl_->state = State::kRolledBack;
}

Transaction::State Transaction::state() const {
  std::lock_guard lock(impl_->mu);
  return impl_->state;
}

Expected<std::unique_ptr<Transaction>> Database::beginTransaction() {
  return api::guarded([&]() -> Expected<std::unique_ptr<Transaction>> {
    auto impl = std::make_unique<Transaction::Impl>();
    impl->db = impl_.get();
    impl->txn = impl_->store->beginOptimistic();
    return std::unique_ptr<Transaction>(new Transaction(std::move(impl)));
  });
}

}  // namespace entente
