// storage/commit_log.cc — see commit_log.h.
#include "storage/commit_log.h"

#include <algorithm>
#include <functional>

namespace entente::storage {

uint64_t writeKeyHash(uint32_t cf_id, std::string_view key) {
  uint64_t h = std::hash<std::string_view>{}(key);
  // Mix the column family in (splitmix64 finaliser), so equal keys of two families differ.
  h ^= (static_cast<uint64_t>(cf_id) + 1) * 0x9E3779B97F4A7C15ull;
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

CommitLog::Ticket CommitLog::open(const std::function<uint64_t()>& take_snapshot) {
  std::lock_guard lock(mu_);
  Ticket t{next_ticket_++, take_snapshot()};
  open_.emplace(t.id, t.seq);
  snapshots_.insert(t.seq);
  return t;
}

void CommitLog::close(const Ticket& ticket) {
  std::lock_guard lock(mu_);
  if (open_.erase(ticket.id) == 0) return;
  snapshots_.erase(snapshots_.find(ticket.seq));
  invalidated_.erase(ticket.id);
  trimLocked();
}

void CommitLog::trimLocked() {
  if (snapshots_.empty()) {
    entries_.clear();
    return;
  }
  const uint64_t oldest = *snapshots_.begin();
  while (!entries_.empty() && entries_.front().seq <= oldest) entries_.pop_front();
}

bool CommitLog::active() const {
  std::lock_guard lock(mu_);
  return !open_.empty();
}

void CommitLog::append(uint64_t seq, std::vector<uint64_t> keys) {
  std::lock_guard lock(mu_);
  if (snapshots_.empty() || seq <= *snapshots_.begin()) return;  // in every open snapshot
  entries_.push_back({seq, std::move(keys)});
}

void CommitLog::invalidateOpen() {
  std::lock_guard lock(mu_);
  for (const auto& [id, seq] : open_) invalidated_.insert(id);
}

bool CommitLog::conflicts(const Ticket& ticket, const std::vector<uint64_t>& keys) const {
  std::lock_guard lock(mu_);
  if (invalidated_.count(ticket.id)) return true;
  const uint64_t seq = ticket.seq;
  // Entries are in sequence order: start at the first one after the snapshot.
  auto it = std::upper_bound(entries_.begin(), entries_.end(), seq,
                             [](uint64_t s, const Entry& e) { return s < e.seq; });
  for (; it != entries_.end(); ++it) {
    const auto& small = it->keys.size() < keys.size() ? it->keys : keys;
    const auto& large = it->keys.size() < keys.size() ? keys : it->keys;
    for (uint64_t k : small)
      if (std::binary_search(large.begin(), large.end(), k)) return true;
  }
  return false;
}

size_t CommitLog::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace entente::storage
