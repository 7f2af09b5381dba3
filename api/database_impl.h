// api/database_impl.h — the state behind entente::Database (the pimpl) and PreparedQuery.
#pragma once

#include <memory>
#include <string>

#include "entente/entente.h"
#include "query/engine.h"
#include "storage/graph_store.h"

namespace entente {

struct Database::Impl {
  std::string path;
  bool temporary = false;  // remove `path` when the Database is destroyed
  OpenOptions options;
  // Declaration order matters: the engine refers to the store and is destroyed first.
  std::unique_ptr<storage::GraphStore> store;
  std::unique_ptr<query::Engine> engine;

  ~Impl();
};

//! A parsed and planned statement (opaque to users of the public API).
class PreparedQuery {
 public:
  std::shared_ptr<const query::PreparedStatement> statement;
};

}  // namespace entente
