// storage/adjacency_cache.cc — AdjacencyCache: lazy application of commits, background builds.
#include "storage/adjacency_cache.h"

#include <thread>

namespace entente::storage {

namespace {
// Pending changes are folded in at least this often even with no reader, so the backlog
// (and the next reader's wait) stays small.
constexpr size_t kApplyEvery = 4096;
}  // namespace

AdjacencyCache::AdjacencyCache(bool enabled, std::mutex* mu, std::function<void()> on_ready)
    : enabled_(enabled), mu_(mu), on_ready_(std::move(on_ready)) {
  if (enabled_) snap_ = AdjacencySnapshot::empty();
}

AdjacencyCache::~AdjacencyCache() {
  stop_.store(true);
  std::unique_lock lock(*mu_);
  idle_.wait(lock, [this] { return running_ == 0; });
}

std::shared_ptr<const AdjacencySnapshot> AdjacencyCache::current() {
  if (snap_ && !pending_.empty()) {
    snap_ = snap_->apply(pending_);  // null if an id no longer fits: readers fall back
    pending_.clear();
  }
  return snap_;
}

void AdjacencyCache::committed(std::vector<AdjChange> changes) {
  if (!snap_ && !building_) return;
  if (pending_.empty()) {
    pending_ = std::move(changes);
  } else {
    for (auto& c : changes) pending_.push_back(std::move(c));
  }
  if (snap_ && pending_.size() >= kApplyEvery) current();
}

void AdjacencyCache::reset(std::shared_ptr<const AdjacencySnapshot> snap) {
  if (!enabled_) return;
  ++generation_;
  building_ = false;
  pending_.clear();
  snap_ = std::move(snap);
}

void AdjacencyCache::rebuild(BuildJob job) {
  if (!enabled_) return;
  const uint64_t generation = ++generation_;
  building_ = true;
  pending_.clear();
  snap_.reset();
  ++running_;
  std::thread([this, generation, job = std::move(job)] {
    auto built = job(stop_);
    std::lock_guard lock(*mu_);
    finishBuild(generation, std::move(built));
    if (--running_ == 0) idle_.notify_all();
  }).detach();
}

void AdjacencyCache::finishBuild(uint64_t generation,
                                 std::shared_ptr<const AdjacencySnapshot> built) {
  if (generation != generation_ || stop_.load()) return;  // superseded
  building_ = false;
  if (!built) {
    pending_.clear();
    return;
  }
  snap_ = std::move(built);
  current();
  if (on_ready_) on_ready_();
}

}  // namespace entente::storage
