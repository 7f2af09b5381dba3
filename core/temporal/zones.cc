// core/temporal/zones.cc — time zones: fixed offsets and named IANA zones, through Howard
// Hinnant's tz library (Debian's libhowardhinnant-date-dev, built with USE_OS_TZDB: it reads
// /usr/share/zoneinfo, Debian's tzdata). Zone names are interned in a process-wide table so
// a DateTime holds a 32-bit id, not a string.
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

struct ZoneTable {
  std::shared_mutex mu;
  std::deque<std::string> names{std::string()};  // id 0: no name (fixed offset)
  std::vector<const date::time_zone*> zones{nullptr};
  std::unordered_map<std::string, uint32_t> ids;
};

ZoneTable& table() {
  static ZoneTable* t = new ZoneTable();  // never destroyed: ids outlive static teardown
  return *t;
}

const date::time_zone* zonePtr(uint32_t id) {
  ZoneTable& t = table();
  std::shared_lock lock(t.mu);
  return id < t.zones.size() ? t.zones[id] : nullptr;
}

// The tz library works with years of 16 bits; instants are clamped to years 0..9999 (the
// rules of the first and last transitions hold beyond, as java.time extrapolates).
constexpr int64_t kMinLookup = -62167219200;  // 0000-01-01T00:00Z
constexpr int64_t kMaxLookup = 253402300799;  // 9999-12-31T23:59:59Z
int64_t clampLookup(int64_t s) { return std::clamp(s, kMinLookup, kMaxLookup); }

using Seconds = std::chrono::seconds;

bool digitsAt(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<uint32_t> zoneId(std::string_view name) {
  ZoneTable& t = table();
  {
    std::shared_lock lock(t.mu);
    auto it = t.ids.find(std::string(name));
    if (it != t.ids.end()) return it->second;
  }
  const date::time_zone* z = nullptr;
  try {
    z = date::locate_zone(name);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::unique_lock lock(t.mu);
  auto [it, inserted] = t.ids.emplace(std::string(name), static_cast<uint32_t>(t.names.size()));
  if (inserted) {
    t.names.emplace_back(name);
    t.zones.push_back(z);
  }
  return it->second;
}

std::string_view zoneName(uint32_t id) {
  ZoneTable& t = table();
  std::shared_lock lock(t.mu);
  return id < t.names.size() ? std::string_view(t.names[id]) : std::string_view();
}

Result<Zone> parseZone(std::string_view text) {
  if (text == "Z" || text == "z") return Zone{};
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    int h = 0, m = 0, s = 0;
    std::string_view rest = text.substr(1);
    bool ok = digitsAt(rest, 0, 2, &h);
    if (ok && rest.size() == 2) {
    } else if (ok && rest.size() == 4) {
      ok = digitsAt(rest, 2, 2, &m);
    } else if (ok && rest.size() == 5 && rest[2] == ':') {
      ok = digitsAt(rest, 3, 2, &m);
    } else if (ok && rest.size() == 8 && rest[2] == ':' && rest[5] == ':') {
      ok = digitsAt(rest, 3, 2, &m) && digitsAt(rest, 6, 2, &s);
    } else {
      ok = false;
    }
    if (!ok) return Result<Zone>::failure("invalid time zone offset '" + std::string(text) + "'");
    if (m > 59 || s > 59) {
      return Result<Zone>::failure("minutes and seconds of an offset must be 0..59 in '" +
                                   std::string(text) + "'");
    }
    int32_t off = h * 3600 + m * 60 + s;
    if (off > kMaxOffsetSeconds) {
      return Result<Zone>::failure("offset " + std::string(text) +
                                   " is out of range -18:00..+18:00");
    }
    return Zone{text[0] == '-' ? -off : off, 0};
  }
  auto id = zoneId(text);
  if (!id) return Result<Zone>::failure("unknown time zone '" + std::string(text) + "'");
  return Zone{0, *id};
}

int32_t offsetAt(const Zone& zone, int64_t utc_seconds) {
  if (!zone.named()) return zone.offset_seconds;
  const date::time_zone* z = zonePtr(zone.id);
  if (!z) return 0;
  date::sys_seconds t{Seconds(clampLookup(utc_seconds))};
  return static_cast<int32_t>(z->get_info(t).offset.count());
}

int32_t currentOffset(const Zone& zone, int64_t now_utc_seconds) {
  return offsetAt(zone, now_utc_seconds);
}

DateTime atZone(const LocalDateTime& local, const Zone& zone,
                std::optional<int32_t> preferred_offset) {
  if (!zone.named()) {
    return DateTime(local.epochSeconds() - zone.offset_seconds, local.nanos(), zone.offset_seconds,
                    0);
  }
  const date::time_zone* z = zonePtr(zone.id);
  int32_t offset = 0;
  if (z) {
    const int64_t s = local.epochSeconds();
    const int64_t clamped = clampLookup(s);
    date::local_seconds lt{Seconds(clamped)};
    date::local_info info = z->get_info(lt);
    offset = static_cast<int32_t>(info.first.offset.count());
    if (info.result == date::local_info::ambiguous && preferred_offset &&
        *preferred_offset == info.second.offset.count()) {
      offset = *preferred_offset;
    }
    // Nonexistent: the offset before the gap moves the time forward by the gap's length;
    // ambiguous: the earlier offset (info.first) — java.time's ZonedDateTime.of. The offset
    // kept is the zone's at the resulting instant.
    if (info.result == date::local_info::nonexistent) {
      const int64_t utc = local.epochSeconds() - offset;
      return DateTime(utc, local.nanos(), offsetAt(zone, utc), zone.id);
    }
  }
  return DateTime(local.epochSeconds() - offset, local.nanos(), offset, zone.id);
}

DateTime inZone(const DateTime& dt, const Zone& zone) {
  return DateTime(dt.epochSeconds(), dt.nanos(), offsetAt(zone, dt.epochSeconds()), zone.id);
}

}  // namespace entente::temporal
