#include "query/batch_transaction.h"

#include "query/error.h"
#include "query/status_error.h"

namespace entente::query {

void BatchTransaction::commitBatch() {
  storage::Status s = cur_->commit();
  if (!s.ok()) {
    throw QueryError(errorCodeOf(s.code()),
                     "CALL { } IN TRANSACTIONS: committing batch " + std::to_string(batches_ + 1) +
                         " failed (earlier batches stay committed): " + s.message());
  }
  ++batches_;
  cur_.reset();  // releases the single-writer lock before the next transaction takes it
  cur_ = begin_();
}

}  // namespace entente::query
