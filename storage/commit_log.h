// storage/commit_log.h — write sets of recent commits, for validating optimistic transactions.
//
// An optimistic (explicit) transaction runs without the writer lock on its begin snapshot.
// At commit it must know whether any commit made after that snapshot wrote a key it also
// wrote or claims (GraphStore::beginOptimistic). This log keeps, for every commit made while
// at least one optimistic transaction is open, the sorted 64-bit hashes of the keys it wrote
// and claimed, tagged with the RocksDB sequence number of its write. Entries no open
// transaction can need (at or before the oldest open snapshot) are dropped as transactions
// end; with none open the log is empty and commits append nothing.
//
// Hash collisions only ever cause a spurious conflict (the transaction is retried), never a
// missed one. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <vector>

namespace entente::storage {

//! The hash of a key of column family `cf_id` as the log stores it.
uint64_t writeKeyHash(uint32_t cf_id, std::string_view key);

class CommitLog {
 public:
  //! An open transaction's registration.
  struct Ticket {
    uint64_t id = 0;   // 0: not registered
    uint64_t seq = 0;  // sequence number of its snapshot
  };

  //! Registers an open transaction: runs `take_snapshot` (which takes the transaction's
  //! snapshot and returns its sequence number) under the log's mutex, so that a commit whose
  //! append found no transaction open is in that snapshot.
  Ticket open(const std::function<uint64_t()>& take_snapshot);
  //! Unregisters a transaction; trims the log.
  void close(const Ticket& ticket);
  //! Whether any transaction is open (a commit must then append its write set).
  bool active() const;
  //! Records a commit (sequence number of its write, sorted unique key hashes). Ignored when
  //! no open transaction's snapshot precedes it.
  void append(uint64_t seq, std::vector<uint64_t> keys);
  //! Makes every transaction open now conflict at commit (a bulk import, which may have
  //! written anything and has no write set).
  void invalidateOpen();
  //! Whether a commit after the ticket's snapshot wrote or claimed one of `keys` (sorted),
  //! or the ticket was invalidated.
  bool conflicts(const Ticket& ticket, const std::vector<uint64_t>& keys) const;
  //! Entries held (tests).
  size_t size() const;

 private:
  struct Entry {
    uint64_t seq;
    std::vector<uint64_t> keys;  // sorted, unique
  };
  void trimLocked();

  mutable std::mutex mu_;
  uint64_t next_ticket_ = 1;
  std::map<uint64_t, uint64_t> open_;  // ticket id -> snapshot sequence
  std::multiset<uint64_t> snapshots_;  // the open snapshots' sequences
  std::set<uint64_t> invalidated_;     // open ticket ids
  std::deque<Entry> entries_;          // in sequence order
};

}  // namespace entente::storage
