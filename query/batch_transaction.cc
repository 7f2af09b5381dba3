#include "query/batch_transaction.h"

#include "query/error.h"

namespace entente::query {

void BatchTransaction::commitBatch() {
  storage::Status s = cur_->commit();
  if (!s.ok()) {
    throw QueryError(s.code() == storage::Status::Code::kReadOnly ? "ReadOnly" : "IOError",
                     "CALL { } IN TRANSACTIONS: committing batch " + std::to_string(batches_ + 1) +
                         " failed (earlier batches stay committed): " + s.message());
  }
  ++batches_;
  cur_.reset();  // releases the single-writer lock before the next transaction takes it
  cur_ = begin_();
}

}  // namespace entente::query
