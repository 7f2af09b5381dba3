// entente/statement_types.h — what a statement runs under (QueryOptions) and what it reports
// having changed (Stats). Defined once: the public API and the query engine share them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace entente {

//! Limits a statement runs under. Default: no limit of any kind.
struct QueryOptions {
  std::chrono::milliseconds timeout{0};       //!< 0 = no time budget; else Timeout error
  const std::atomic<bool>* cancel = nullptr;  //!< set to true from any thread => Cancelled
  uint64_t max_rows = 0;                      //!< 0 = unlimited; else LimitExceeded error
};

//! What a statement changed, counted as the openCypher TCK counts side effects.
struct Stats {
  int64_t nodes_created = 0, nodes_deleted = 0;
  int64_t relationships_created = 0, relationships_deleted = 0;
  int64_t properties_set = 0, properties_removed = 0;
  int64_t labels_added = 0, labels_removed = 0;
  double elapsed_ms = 0;
};

}  // namespace entente
