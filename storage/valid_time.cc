// storage/valid_time.cc — the valid-time rule over decoded maps and encoded properties.
#include "storage/valid_time.h"

#include "storage/graph_store.h"

namespace entente::storage {
namespace {

std::optional<Date> bound(const Map& props, std::string_view key) {
  auto it = props.find(key);
  return it == props.end() ? std::nullopt : dateOrIsoString(it->second);
}

std::optional<Date> bound(std::string_view raw_props, std::optional<uint32_t> key) {
  if (!key) return std::nullopt;
  auto v = findProperty(raw_props, *key);
  return v ? dateOrIsoString(*v) : std::nullopt;
}

}  // namespace

bool validAt(const Map& props, Date t) {
  return validAt(bound(props, kSince), bound(props, kUntil), t);
}

bool validAtEncoded(std::string_view raw_props, const ValidTimeKeys& keys, Date t) {
  // The until bound is read only when the since bound lets the relation through.
  constexpr std::optional<Date> kOpen;
  if (!validAt(bound(raw_props, keys.since), kOpen, t)) return false;
  return validAt(kOpen, bound(raw_props, keys.until), t);
}

}  // namespace entente::storage
