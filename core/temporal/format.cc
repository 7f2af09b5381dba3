// core/temporal/format.cc — temporal values as ISO 8601 text, the form Neo4j's toString()
// gives and the parsers read back: dates with 4-digit years (a sign beyond 0000..9999),
// times as HH:MM[:SS[.fff|.ffffff|.fffffffff]], offsets as Z / ±HH:MM[:SS], named zones in
// brackets, durations as P…Y…M…DT…H…M…S with no carrying between months, days and seconds.
#include <cstdio>
#include <cstdlib>

#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

void appendTime(std::string* out, int64_t nanos_of_day) {
  const int64_t secs = nanos_of_day / kNanosPerSecond;
  const int64_t ns = nanos_of_day % kNanosPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60));
  *out += buf;
  if (secs % 60 == 0 && ns == 0) return;
  std::snprintf(buf, sizeof buf, ":%02d", static_cast<int>(secs % 60));
  *out += buf;
  if (ns == 0) return;
  // java.time's precision steps: milli, micro or nano digits.
  if (ns % 1'000'000 == 0) {
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ns / 1'000'000));
  } else if (ns % 1000 == 0) {
    std::snprintf(buf, sizeof buf, ".%06d", static_cast<int>(ns / 1000));
  } else {
    std::snprintf(buf, sizeof buf, ".%09d", static_cast<int>(ns));
  }
  *out += buf;
}

// Digits of a fraction of a second without trailing zeros (durations: 1.5S, 0.001S).
void appendFraction(std::string* out, int64_t nanos) {
  *out += '.';
  int64_t n = nanos < 0 ? -nanos : nanos;
  for (int64_t mod = kNanosPerSecond / 10; mod > 0 && n > 0; mod /= 10) {
    *out += static_cast<char>('0' + n / mod);
    n %= mod;
  }
}

void appendPart(std::string* out, int64_t v, char unit) {
  if (v == 0) return;
  *out += std::to_string(v);
  *out += unit;
}

}  // namespace

std::string formatDate(int64_t days) {
  CivilDate c = civilFromDays(days);
  char buf[48];
  if (c.year >= 0 && c.year <= 9999) {
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(c.year), c.month,
                  c.day);
  } else {
    std::snprintf(buf, sizeof buf, "%+05lld-%02d-%02d", static_cast<long long>(c.year), c.month,
                  c.day);
  }
  return buf;
}

std::string formatOffset(int32_t offset) {
  if (offset == 0) return "Z";
  const int32_t a = std::abs(offset);
  char buf[24];
  if (a % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
                  a / 60 % 60, a % 60);
  }
  return buf;
}

}  // namespace entente::temporal

namespace entente {

std::string LocalTime::toString() const {
  std::string out;
  temporal::appendTime(&out, nanos_);
  return out;
}

std::string Time::toString() const {
  std::string out = local_.toString();
  out += temporal::formatOffset(offset_);
  return out;
}

std::string LocalDateTime::toString() const {
  std::string out = temporal::formatDate(epochDays());
  out += 'T';
  temporal::appendTime(&out, time().nanosOfDay());
  return out;
}

std::string DateTime::toString() const {
  std::string out = local().toString();
  out += temporal::formatOffset(offset_);
  if (zone_ != 0) {
    out += '[';
    out += zoneName();
    out += ']';
  }
  return out;
}

std::string_view DateTime::zoneName() const { return temporal::zoneName(zone_); }

std::string Duration::toString() const {
  std::string out = "P";
  temporal::appendPart(&out, months_ / 12, 'Y');
  temporal::appendPart(&out, months_ % 12, 'M');
  temporal::appendPart(&out, days_, 'D');
  if (seconds_ != 0 || nanos_ != 0) {
    // Seconds and nanoseconds are one signed quantity: -1.5 s is shown as -1.5, not -2 + 0.5.
    int64_t s = seconds_;
    int64_t n = nanos_;
    if (s < 0 && n != 0) {
      ++s;
      n -= kNanosPerSecond;
    }
    out += 'T';
    temporal::appendPart(&out, s / 3600, 'H');
    s %= 3600;
    temporal::appendPart(&out, s / 60, 'M');
    s %= 60;
    if (s != 0) {
      out += std::to_string(s);
      if (n != 0) temporal::appendFraction(&out, n);
      out += 'S';
    } else if (n != 0) {
      if (n < 0) out += '-';
      out += '0';
      temporal::appendFraction(&out, n);
      out += 'S';
    }
  }
  if (out.size() == 1) out += "T0S";
  return out;
}

}  // namespace entente
