// entente/session.h — a conversation with a Database that may hold an explicit transaction:
// what the shell and each server connection use to run the statements a person or a client
// sends.
//
//   entente::Session session(*db);
//   session.run("BEGIN");
//   session.run("CREATE (:Actor {name: 'SNA'})");   // inside the transaction
//   session.run("COMMIT");                            // or ROLLBACK
//
// `BEGIN`, `COMMIT` and `ROLLBACK` (case-insensitive, optionally `BEGIN TRANSACTION` /
// `COMMIT TRANSACTION` / `ROLLBACK TRANSACTION`, a trailing `;` and blanks allowed) control the
// session's transaction; every other statement runs in it when one is open, else on its own
// (auto-commit). The rules, as in Neo4j and PostgreSQL:
//   - BEGIN while a transaction is open, COMMIT or ROLLBACK with none: TransactionError.
//   - A statement that fails inside the transaction fails the transaction (see
//     entente::Transaction); later statements get TransactionError until COMMIT or ROLLBACK
//     ends it (COMMIT then reports the failure), so a script never half-applies.
//   - COMMIT ends the transaction whether it succeeds or fails (TransactionConflict: nothing
//     was applied; run the transaction again).
// Not thread-safe: one session per thread or connection. REQUIRES: destroyed before its
// Database; destroying it rolls an open transaction back.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "entente/entente.h"

namespace entente {

class Session {
 public:
  explicit Session(Database& db);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  //! Runs one statement (a control statement or any other). BEGIN, COMMIT and ROLLBACK
  //! return an empty success.
  QueryResult run(std::string_view text, const Map& params = {}, const QueryOptions& options = {});
  //! Whether a transaction is open (BEGIN seen, no COMMIT/ROLLBACK yet), failed or not.
  bool inTransaction() const { return tx_ != nullptr; }
  //! Whether the open transaction has failed (statements are refused until it ends).
  bool transactionFailed() const;
  //! Rolls the open transaction back and ends it (disconnect, exit). False if none was open.
  bool rollback();
  //! Rolls the open transaction back because it was idle too long, leaving it failed with
  //! `reason` so the client learns why at its next statement. False if none was open.
  bool expire(const std::string& reason);

  enum class Control { kNone, kBegin, kCommit, kRollback };
  //! What `text` is (kNone for an ordinary statement).
  static Control control(std::string_view text);

 private:
  Database& db_;
  std::unique_ptr<Transaction> tx_;
  std::string expired_;  // why the open transaction was expired ("" if it was not)
};

}  // namespace entente
