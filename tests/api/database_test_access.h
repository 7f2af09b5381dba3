// tests/api/database_test_access.h — test-only access to a Database's internals (its store),
// kept out of the public header as LevelDB keeps its TEST_* hooks out of include/leveldb/.
#pragma once

#include "api/database_impl.h"
#include "entente/entente.h"

namespace entente {

//! Befriended by Database (entente.h); only tests include this header.
struct DatabaseTestAccess {
  static Database::Impl& impl(Database& db) { return *db.impl_; }
};

}  // namespace entente
