// storage/dictionary.h — the in-memory copy of the string dictionary (column family `dict`).
//
// Labels, relation types and property keys are stored as 4-byte ids. The whole dictionary is
// loaded at open and shared by every transaction (guarded by a shared_mutex). A write
// transaction keeps the strings it interns to itself and publishes them here only after its
// commit succeeded, so readers never see an id whose bytes are not durable. Ids come from an
// atomic counter: an id reserved by a transaction that rolls back is simply never used.
// Id 0 is never assigned (it means "none").
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace entente::storage {

class Dictionary {
 public:
  struct Entry {
    uint32_t id;
    std::string text;
    uint8_t kinds;  // keys::kKind* bits: used as label / relation type / property key
  };

  //! Replaces the contents (called once at open).
  void load(std::vector<Entry> entries);

  std::optional<uint32_t> lookup(std::string_view s) const;
  //! False if the id is unknown.
  bool stringOf(uint32_t id, std::string* out) const;
  uint8_t kinds(uint32_t id) const;
  //! (id, text) of every entry having one of the `kind` bits, in id order.
  std::vector<std::pair<uint32_t, std::string>> withKind(uint8_t kind) const;

  uint32_t reserveId() { return next_id_.fetch_add(1, std::memory_order_relaxed); }
  //! Makes committed entries visible (new strings and/or new kind bits).
  void publish(const std::vector<Entry>& entries);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<std::string> strings_;  // indexed by id
  std::vector<uint8_t> kinds_;        // indexed by id
  std::vector<bool> present_;         // indexed by id
  std::atomic<uint32_t> next_id_{1};
};

}  // namespace entente::storage
