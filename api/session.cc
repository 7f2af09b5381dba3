// api/session.cc — entente::Session: BEGIN / COMMIT / ROLLBACK and routing statements into
// the open transaction or auto-commit (entente/session.h).
#include "entente/session.h"

#include <cctype>

namespace entente {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool sameWord(std::string_view a, std::string_view upper) {
  if (a.size() != upper.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != upper[i]) return false;
  return true;
}

QueryResult transactionError(std::string message) {
  return QueryResult::failure(Error(ErrorCode::kTransactionError, std::move(message)));
}

QueryResult done() { return QueryResult::success({}, {}); }

}  // namespace

Session::Session(Database& db) : db_(db) {}

Session::~Session() { rollback(); }

Session::Control Session::control(std::string_view text) {
  // Words of the statement, without blanks and trailing semicolons; at most two.
  std::string_view words[3];
  size_t n = 0, i = 0;
  while (i < text.size()) {
    if (blank(text[i]) || text[i] == ';') {
      if (text[i] == ';') {  // only blanks and semicolons may follow
        for (size_t j = i; j < text.size(); ++j)
          if (!blank(text[j]) && text[j] != ';') return Control::kNone;
        break;
      }
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && !blank(text[i]) && text[i] != ';') ++i;
    if (n == 2) return Control::kNone;
    words[n++] = text.substr(start, i - start);
  }
  if (n == 0 || (n == 2 && !sameWord(words[1], "TRANSACTION"))) return Control::kNone;
  if (sameWord(words[0], "BEGIN")) return Control::kBegin;
  if (sameWord(words[0], "COMMIT")) return Control::kCommit;
  if (sameWord(words[0], "ROLLBACK")) return Control::kRollback;
  return Control::kNone;
}

bool Session::transactionFailed() const {
  return tx_ && (!expired_.empty() || tx_->state() != Transaction::State::kOpen);
}

bool Session::rollback() {
  if (!tx_) return false;
  tx_.reset();  // an open Transaction rolls back when destroyed
  expired_.clear();
  return true;
}

bool Session::expire(const std::string& reason) {
  if (!tx_ || !expired_.empty()) return false;
  tx_->rollback();
  expired_ = reason;
  return true;
}

QueryResult Session::run(std::string_view text, const Map& params, const QueryOptions& options) {
  switch (control(text)) {
    case Control::kBegin: {
      if (tx_)
        return transactionError(
            "A transaction is already open (transactions do not nest); COMMIT or ROLLBACK it "
            "first");
      auto tx = db_.beginTransaction();
      if (!tx) return QueryResult::failure(tx.error());
      tx_ = std::move(tx.value());
      expired_.clear();
      return done();
    }
    case Control::kCommit: {
      if (!tx_)
        return transactionError("There is no open transaction to commit (BEGIN starts one)");
      std::unique_ptr<Transaction> tx = std::move(tx_);
      std::string expired = std::move(expired_);
      expired_.clear();
      if (!expired.empty())
        return transactionError("The transaction was rolled back (" + expired +
                                "); nothing of it was committed");
      auto committed = tx->commit();  // ends it either way
      if (!committed) return QueryResult::failure(committed.error());
      return done();
    }
    case Control::kRollback:
      if (!rollback()) return transactionError("There is no open transaction to roll back");
      return done();
    case Control::kNone: break;
  }
  if (!tx_) return db_.query(text, params, options);
  if (!expired_.empty())
    return transactionError("The transaction was rolled back (" + expired_ +
                            "); ROLLBACK to end it");
  if (tx_->state() != Transaction::State::kOpen) {  // failed earlier: say how to get out
    QueryResult r = tx_->query(text, params, options);
    return transactionError(r.error().message() + "; ROLLBACK to end it");
  }
  return tx_->query(text, params, options);
}

}  // namespace entente
