// query/exec/id_map.h — a flat open-addressing map from node id to a small value, cleared in
// O(1) (generation stamps), for the visited sets of BFS/DFS traversals. Traversal operators
// take one from a per-thread pool so repeated executions reuse the memory.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace entente::query {

template <typename V>
class IdMap {
 public:
  IdMap() { slots_.resize(1024); }

  void clear() {
    if (++gen_ == 0) {  // wrapped: really clear
      for (auto& s : slots_) s.gen = 0;
      gen_ = 1;
    }
    size_ = 0;
  }
  size_t size() const { return size_; }

  //! Pointer to the value of `key`, or null.
  V* find(uint64_t key) {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.gen != gen_) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  //! Inserts (key, value) if absent; returns true if inserted.
  bool insert(uint64_t key, const V& value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.gen != gen_) {
        s.gen = gen_;
        s.key = key;
        s.value = value;
        ++size_;
        return true;
      }
      if (s.key == key) return false;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t gen = 0;
    V value{};
  };
  static size_t hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.resize(old.size() * 2);
    uint32_t g = gen_;
    gen_ = 1;
    size_ = 0;
    for (const auto& s : old)
      if (s.gen == g) insert(s.key, s.value);
  }

  std::vector<Slot> slots_;
  uint32_t gen_ = 1;
  size_t size_ = 0;
};

//! A per-thread pool of IdMaps, so a plan executed many times reuses warm tables.
template <typename V>
class IdMapPool {
 public:
  static std::unique_ptr<IdMap<V>> acquire() {
    auto& pool = instance();
    if (pool.empty()) return std::make_unique<IdMap<V>>();
    auto m = std::move(pool.back());
    pool.pop_back();
    m->clear();
    return m;
  }
  static void release(std::unique_ptr<IdMap<V>> m) {
    if (m && instance().size() < 8) instance().push_back(std::move(m));
  }

 private:
  static std::vector<std::unique_ptr<IdMap<V>>>& instance() {
    thread_local std::vector<std::unique_ptr<IdMap<V>>> pool;
    return pool;
  }
};

//! RAII holder of a pooled IdMap.
template <typename V>
class PooledIdMap {
 public:
  PooledIdMap() : map_(IdMapPool<V>::acquire()) {}
  ~PooledIdMap() { IdMapPool<V>::release(std::move(map_)); }
  PooledIdMap(const PooledIdMap&) = delete;
  PooledIdMap& operator=(const PooledIdMap&) = delete;
  IdMap<V>* operator->() { return map_.get(); }
  IdMap<V>& operator*() { return *map_; }

 private:
  std::unique_ptr<IdMap<V>> map_;
};

}  // namespace entente::query
