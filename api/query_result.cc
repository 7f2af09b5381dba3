// api/query_result.cc — the two ways to build a QueryResult (entente/entente.h).
#include "entente/entente.h"

namespace entente {

QueryResult QueryResult::success(std::vector<std::string> columns,
                                 std::vector<std::vector<Value>> rows, Stats stats,
                                 std::vector<std::string> notices) {
  QueryResult r;
  r.columns_ = std::move(columns);
  r.rows_ = std::move(rows);
  r.stats_ = stats;
  r.notices_ = std::move(notices);
  return r;
}

QueryResult QueryResult::failure(Error error) {
  QueryResult r;
  r.error_ = std::move(error);
  return r;
}

const Error& QueryResult::error() const { return error_ ? *error_ : successHasNoError(); }

}  // namespace entente
