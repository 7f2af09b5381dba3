// storage/adjacency_cache.h — keeps an AdjacencySnapshot in step with what is committed.
//
// The store calls committed() for every commit that changes edges and current() whenever it
// makes a new read view, both under one mutex (the store's view mutex) that also spans the
// commit's RocksDB write: so a read view's RocksDB snapshot and its adjacency snapshot always
// describe the same commits. Changes are applied lazily (when a reader needs them, or every
// few thousand changes) so a burst of writes with no reader costs almost nothing.
//
// A snapshot of a store opened with data is built on a background thread from a RocksDB
// snapshot; until it is ready (or if the graph does not fit the layout) current() is null and
// readers use RocksDB, which gives the same answers more slowly.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/adjacency.h"

namespace entente::storage {

class AdjacencyCache {
 public:
  //! A build job: returns the snapshot of the state at the time it was started, or null if
  //! it cannot be built or `stop` became true.
  using BuildJob =
      std::function<std::shared_ptr<const AdjacencySnapshot>(const std::atomic<bool>& stop)>;

  //! `mu` is the mutex callers hold; `on_ready` runs under it when a background build lands.
  AdjacencyCache(bool enabled, std::mutex* mu, std::function<void()> on_ready);
  ~AdjacencyCache();  // stops background builds and waits for them (call before the store closes)
  AdjacencyCache(const AdjacencyCache&) = delete;
  AdjacencyCache& operator=(const AdjacencyCache&) = delete;

  bool enabled() const { return enabled_; }

  // ---- REQUIRE *mu held ----
  //! The snapshot of everything committed so far; null if there is none yet.
  std::shared_ptr<const AdjacencySnapshot> current();
  //! Records a durable commit's edge changes (each edge once, in its final state).
  void committed(std::vector<AdjChange> changes);
  //! Replaces the contents with `snap` (cancels a running build).
  void reset(std::shared_ptr<const AdjacencySnapshot> snap);
  //! Discards the contents and runs `job` on a background thread; commits recorded from now
  //! on are applied on top of its result. `job` must read the state as of this call.
  void rebuild(BuildJob job);

 private:
  void finishBuild(uint64_t generation, std::shared_ptr<const AdjacencySnapshot> built);

  const bool enabled_;
  std::mutex* mu_;
  std::function<void()> on_ready_;
  std::shared_ptr<const AdjacencySnapshot> snap_;  // null: none (building, failed or disabled)
  std::vector<AdjChange> pending_;                 // committed after snap_ (or the build's start)
  bool building_ = false;
  uint64_t generation_ = 0;  // bumped by reset/rebuild: a stale build's result is dropped
  std::atomic<bool> stop_{false};
  int running_ = 0;  // background builds not yet finished (detached threads)
  std::condition_variable idle_;
};

}  // namespace entente::storage
