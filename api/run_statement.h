// api/run_statement.h — running a query stage at the API boundary: the one place that
// catches query::QueryError (and any other exception) and turns it into a QueryResult.
#pragma once

#include <new>
#include <string>

#include "entente/entente.h"
#include "query/engine.h"
#include "query/error.h"

namespace entente::api {

inline QueryResult fromOutput(query::QueryOutput&& out) {
  return QueryResult::success(std::move(out.columns), std::move(out.rows), out.stats,
                              std::move(out.notices));
}

//! Runs `f` (returning a QueryResult), converting every exception into an error result.
template <typename F>
QueryResult catching(F&& f) {
  try {
    return f();
  } catch (const query::QueryError& e) {
    return QueryResult::failure(e.toError());
  } catch (const std::bad_alloc&) {
    return QueryResult::failure(
        Error(ErrorCode::kInternalError, "out of memory while running the statement"));
  } catch (const std::exception& e) {
    return QueryResult::failure(
        Error(ErrorCode::kInternalError, std::string("unexpected error: ") + e.what()));
  } catch (...) {
    return QueryResult::failure(Error(ErrorCode::kInternalError, "unexpected error"));
  }
}

}  // namespace entente::api
