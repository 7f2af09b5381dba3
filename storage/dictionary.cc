// storage/dictionary.cc
#include "storage/dictionary.h"

#include <algorithm>
#include <mutex>

namespace entente::storage {

void Dictionary::load(std::vector<Entry> entries) {
  std::unique_lock lock(mu_);
  ids_.clear();
  strings_.clear();
  kinds_.clear();
  present_.clear();
  uint32_t max_id = 0;
  for (const Entry& e : entries) max_id = std::max(max_id, e.id);
  strings_.resize(max_id + 1);
  kinds_.resize(max_id + 1);
  present_.resize(max_id + 1);
  for (Entry& e : entries) {
    ids_[e.text] = e.id;
    kinds_[e.id] = e.kinds;
    present_[e.id] = true;
    strings_[e.id] = std::move(e.text);
  }
  next_id_.store(max_id + 1);
}

std::optional<uint32_t> Dictionary::lookup(std::string_view s) const {
  std::shared_lock lock(mu_);
  auto it = ids_.find(s);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

bool Dictionary::stringOf(uint32_t id, std::string* out) const {
  std::shared_lock lock(mu_);
  if (id >= present_.size() || !present_[id]) return false;
  *out = strings_[id];
  return true;
}

uint8_t Dictionary::kinds(uint32_t id) const {
  std::shared_lock lock(mu_);
  return id < kinds_.size() ? kinds_[id] : 0;
}

std::vector<std::pair<uint32_t, std::string>> Dictionary::withKind(uint8_t kind) const {
  std::shared_lock lock(mu_);
  std::vector<std::pair<uint32_t, std::string>> out;
  for (uint32_t id = 0; id < kinds_.size(); ++id)
    if (present_[id] && (kinds_[id] & kind)) out.emplace_back(id, strings_[id]);
  return out;
}

void Dictionary::publish(const std::vector<Entry>& entries) {
  std::unique_lock lock(mu_);
  for (const Entry& e : entries) {
    if (e.id >= strings_.size()) {
      strings_.resize(e.id + 1);
      kinds_.resize(e.id + 1);
      present_.resize(e.id + 1);
    }
    if (!present_[e.id]) {
      present_[e.id] = true;
      strings_[e.id] = e.text;
      ids_[e.text] = e.id;
    }
    kinds_[e.id] |= e.kinds;
  }
}

}  // namespace entente::storage
