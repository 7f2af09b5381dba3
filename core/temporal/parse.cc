// core/temporal/parse.cc — ISO 8601 text to temporal values, in every form openCypher (and
// its TCK) uses: extended (2015-07-21T21:40:32.142+01:00) and basic (20150721T214032.142+0100)
// formats, week (2015-W30-2) and ordinal (2015-202) dates, reduced precision (2015-07, 21:40),
// fractional seconds ('.' or ','), offsets, `[Zone/Name]` suffixes, years beyond four digits
// with a sign (+999999999-12-31), and durations (P1Y2M3W4DT5H6M7.5S, P2012-02-02T14:37:21.5).
// Field values are checked by build.cc, so a parse error names the field and its range.
#include <cctype>
#include <cmath>

#include "core/temporal/temporal.h"

namespace entente::temporal {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

size_t countDigits(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && isDigit(s[pos + n])) ++n;
  return n;
}

int64_t number(std::string_view s, size_t pos, size_t n) {
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

template <class T>
Result<T> fail(std::string why, std::string_view text) {
  return Result<T>::failure(std::move(why) + " in '" + std::string(text) + "'");
}

template <class T, class U>
Result<T> relay(const Result<U>& r, std::string_view text) {
  return fail<T>(r.error(), text);
}

// The date fields of `s` (the whole of it) into `f`; an error message otherwise.
std::optional<std::string> dateFields(std::string_view s, Fields* f) {
  size_t pos = 0;
  bool sign = !s.empty() && (s[0] == '+' || s[0] == '-');
  if (sign) pos = 1;
  size_t n = countDigits(s, pos);
  // Without a sign the year is four digits (the rest of a basic-format date follows it).
  size_t year_digits = sign ? n : std::min<size_t>(n, 4);
  if (sign && (n < 4 || n > 9)) {
    // A signed basic-format date (+20150721) is not accepted: the year's length is unknown.
    return std::string("a signed year has 4 to 9 digits");
  }
  if (year_digits != 4 && !sign) return std::string("a year has 4 digits");
  int64_t year = number(s, pos, year_digits);
  f->year = sign && s[0] == '-' ? -year : year;
  pos += year_digits;
  std::string_view rest = s.substr(pos);
  if (rest.empty()) return std::nullopt;
  bool dashed = rest[0] == '-';
  if (dashed) rest.remove_prefix(1);
  auto exact = [](std::string_view r, size_t n) { return r.size() == n && countDigits(r, 0) == n; };
  if (!rest.empty() && rest[0] == 'W') {  // week date
    rest.remove_prefix(1);
    if (rest.size() < 2 || countDigits(rest, 0) < 2) return std::string("a week has 2 digits");
    f->week = number(rest, 0, 2);
    rest.remove_prefix(2);
    if (rest.empty()) return std::nullopt;
    if (dashed) {
      if (rest[0] != '-') return std::string("expected '-' before the day of the week");
      rest.remove_prefix(1);
    }
    if (!exact(rest, 1)) return std::string("a day of the week is 1 digit");
    f->day_of_week = number(rest, 0, 1);
    return std::nullopt;
  }
  if (exact(rest, 3)) {  // ordinal date
    f->ordinal_day = number(rest, 0, 3);
    return std::nullopt;
  }
  if (rest.size() < 2 || countDigits(rest, 0) < 2) return std::string("a month has 2 digits");
  f->month = number(rest, 0, 2);
  rest.remove_prefix(2);
  if (rest.empty()) return std::nullopt;
  if (dashed) {
    if (rest[0] != '-') return std::string("expected '-' before the day");
    rest.remove_prefix(1);
  }
  if (!exact(rest, 2)) return std::string("a day has 2 digits");
  f->day = number(rest, 0, 2);
  return std::nullopt;
}

// The time-of-day fields of `s` (the whole of it: no offset) into `f`.
std::optional<std::string> timeFields(std::string_view s, Fields* f) {
  if (!s.empty() && (s[0] == 'T' || s[0] == 't')) s.remove_prefix(1);
  size_t frac = s.find_first_of(".,");
  std::string_view main = s.substr(0, frac);
  bool colons = main.find(':') != std::string_view::npos;
  int parts[3] = {0, 0, 0};
  int count = 0;
  size_t pos = 0;
  while (pos < main.size()) {
    if (count == 3) return std::string("too many time fields");
    if (main.size() - pos < 2 || countDigits(main, pos) < 2) {
      return std::string("hours, minutes and seconds have 2 digits");
    }
    parts[count++] = static_cast<int>(number(main, pos, 2));
    pos += 2;
    if (colons && count < 3 && pos < main.size()) {
      if (main[pos] != ':') return std::string("expected ':'");
      ++pos;
      if (pos == main.size()) return std::string("expected digits after ':'");
    }
  }
  if (count == 0) return std::string("a time needs an hour");
  f->hour = parts[0];
  if (count > 1) f->minute = parts[1];
  if (count > 2) f->second = parts[2];
  if (frac != std::string_view::npos) {
    if (count < 3) return std::string("a fraction is allowed on seconds only");
    std::string_view digits = s.substr(frac + 1);
    if (digits.empty() || digits.size() > 9 || countDigits(digits, 0) != digits.size()) {
      return std::string("a fraction of a second has 1 to 9 digits");
    }
    int64_t ns = number(digits, 0, digits.size());
    for (size_t i = digits.size(); i < 9; ++i) ns *= 10;
    f->nanosecond = ns;
  }
  return std::nullopt;
}

// Splits "<time><offset>" at the offset (Z, + or -); the offset part may be empty.
std::pair<std::string_view, std::string_view> splitOffset(std::string_view s) {
  size_t p = s.find_first_of("Zz+-", 1);  // never a sign at 0: times start with digits or T
  if (p == std::string_view::npos) return {s, {}};
  return {s.substr(0, p), s.substr(p)};
}

}  // namespace

Result<Date> parseDate(std::string_view text) {
  Fields f;
  if (auto why = dateFields(text, &f)) return fail<Date>("invalid date: " + *why, text);
  auto d = buildDate(f);
  if (!d) return relay<Date>(d, text);
  return d;
}

Result<LocalTime> parseLocalTime(std::string_view text) {
  Fields f;
  if (auto why = timeFields(text, &f)) return fail<LocalTime>("invalid time: " + *why, text);
  auto t = buildLocalTime(f);
  if (!t) return relay<LocalTime>(t, text);
  return t;
}

Result<Time> parseTime(std::string_view text, const Zone& default_zone, int64_t now) {
  auto [time, offset] = splitOffset(text);
  Fields f;
  if (auto why = timeFields(time, &f)) return fail<Time>("invalid time: " + *why, text);
  if (!offset.empty()) {
    auto z = parseZone(offset);
    if (!z) return relay<Time>(z, text);
    f.timezone = std::string(offset);
  }
  auto t = buildTime(f, default_zone, now);
  if (!t) return relay<Time>(t, text);
  return t;
}

Result<LocalDateTime> parseLocalDateTime(std::string_view text) {
  size_t t = text.find_first_of("Tt");
  Fields f;
  if (auto why = dateFields(text.substr(0, t), &f)) {
    return fail<LocalDateTime>("invalid date: " + *why, text);
  }
  if (t != std::string_view::npos) {
    if (auto why = timeFields(text.substr(t + 1), &f)) {
      return fail<LocalDateTime>("invalid time: " + *why, text);
    }
  }
  auto r = buildLocalDateTime(f);
  if (!r) return relay<LocalDateTime>(r, text);
  return r;
}

Result<DateTime> parseDateTime(std::string_view text, const Zone& default_zone) {
  std::string_view s = text;
  std::optional<std::string> zone_name;
  if (!s.empty() && s.back() == ']') {
    size_t open = s.rfind('[');
    if (open == std::string_view::npos) return fail<DateTime>("unbalanced ']'", text);
    zone_name = std::string(s.substr(open + 1, s.size() - open - 2));
    s = s.substr(0, open);
  }
  size_t t = s.find_first_of("Tt");
  Fields f;
  if (auto why = dateFields(s.substr(0, t), &f)) {
    return fail<DateTime>("invalid date: " + *why, text);
  }
  std::string_view offset;
  if (t != std::string_view::npos) {
    auto [time, off] = splitOffset(s.substr(t + 1));
    offset = off;
    if (auto why = timeFields(time, &f)) return fail<DateTime>("invalid time: " + *why, text);
  }
  std::optional<int32_t> offset_seconds;
  if (!offset.empty()) {
    auto z = parseZone(offset);
    if (!z) return relay<DateTime>(z, text);
    offset_seconds = z->offset_seconds;
  }
  Zone zone = default_zone;
  if (zone_name) {
    auto z = parseZone(*zone_name);
    if (!z) return relay<DateTime>(z, text);
    zone = *z;
  } else if (offset_seconds) {
    zone = Zone{*offset_seconds, 0};
  }
  Fields local = f;
  auto ldt = buildLocalDateTime(local);
  if (!ldt) return relay<DateTime>(ldt, text);
  return atZone(*ldt, zone, offset_seconds);
}

namespace {

// One number of a duration: sign, integer part, fraction (as nanoseconds-exact digits).
struct DurationNumber {
  bool negative = false;
  int64_t whole = 0;
  int64_t frac_nanos = 0;  // the fraction scaled to 1e9
  bool has_fraction = false;
  double value() const {
    double v = static_cast<double>(whole) + static_cast<double>(frac_nanos) / 1e9;
    return negative ? -v : v;
  }
};

bool readDurationNumber(std::string_view s, size_t* pos, DurationNumber* out) {
  size_t p = *pos;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) out->negative = s[p++] == '-';
  size_t n = countDigits(s, p);
  if (n == 0 || n > 18) return false;
  out->whole = number(s, p, n);
  p += n;
  if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
    ++p;
    size_t m = countDigits(s, p);
    if (m == 0) return false;
    int64_t ns = number(s, p, std::min<size_t>(m, 9));
    for (size_t i = std::min<size_t>(m, 9); i < 9; ++i) ns *= 10;
    out->frac_nanos = ns;
    out->has_fraction = true;
    p += m;
  }
  *pos = p;
  return true;
}

}  // namespace

Result<Duration> parseDuration(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || (s[0] != 'P' && s[0] != 'p')) {
    return fail<Duration>("invalid duration: expected 'P'", text);
  }
  s.remove_prefix(1);
  Duration d;
  if (s.find_first_of("YMWDHSymwdhs") == std::string_view::npos) {
    // The alternative form: P<date>T<time>, e.g. P2012-02-02T14:37:21.545.
    Fields f;
    size_t t = s.find_first_of("Tt");
    std::string_view date = s.substr(0, t);
    int64_t y = 0, mo = 0, dd = 0;
    if (date.size() == 10 && date[4] == '-' && date[7] == '-' && countDigits(date, 0) == 4 &&
        countDigits(date, 5) == 2 && countDigits(date, 8) == 2) {
      y = number(date, 0, 4), mo = number(date, 5, 2), dd = number(date, 8, 2);
    } else if (date.size() == 8 && countDigits(date, 0) == 8) {
      y = number(date, 0, 4), mo = number(date, 4, 2), dd = number(date, 6, 2);
    } else {
      return fail<Duration>("invalid duration", text);
    }
    if (t != std::string_view::npos) {
      if (auto why = timeFields(s.substr(t + 1), &f)) {
        return fail<Duration>("invalid duration: " + *why, text);
      }
    }
    if (mo > 12 || dd > 31 || f.hour.value_or(0) > 23 || f.minute.value_or(0) > 59 ||
        f.second.value_or(0) > 59) {
      return fail<Duration>("invalid duration: a field is out of range", text);
    }
    d = Duration(y * 12 + mo, dd,
                 f.hour.value_or(0) * 3600 + f.minute.value_or(0) * 60 + f.second.value_or(0),
                 f.nanosecond.value_or(0));
  } else {
    // PnYnMnWnD then TnHnMnS, each part optional, in this order.
    static constexpr char kDateUnits[] = {'Y', 'M', 'W', 'D'};
    static constexpr char kTimeUnits[] = {'H', 'M', 'S'};
    double parts[7] = {0, 0, 0, 0, 0, 0, 0};
    int64_t whole[7] = {0, 0, 0, 0, 0, 0, 0};
    int64_t sec_nanos = 0;
    bool fractional = false, any = false, in_time = false;
    int next = 0;  // index of the next allowed unit (0..3 date, 4..6 time)
    size_t pos = 0;
    while (pos < s.size()) {
      if (s[pos] == 'T' || s[pos] == 't') {
        if (in_time) return fail<Duration>("invalid duration: a second 'T'", text);
        in_time = true;
        next = 4;
        ++pos;
        if (pos == s.size()) return fail<Duration>("invalid duration: nothing after 'T'", text);
        continue;
      }
      DurationNumber num;
      if (!readDurationNumber(s, &pos, &num) || pos >= s.size()) {
        return fail<Duration>("invalid duration: expected a number and a unit", text);
      }
      char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s[pos++])));
      int idx = -1;
      for (int i = next; i < (in_time ? 7 : 4); ++i) {
        if ((i < 4 ? kDateUnits[i] : kTimeUnits[i - 4]) == unit) idx = i;
      }
      if (idx < 0) {
        return fail<Duration>(std::string("invalid duration: unexpected unit '") + unit + "'",
                              text);
      }
      next = idx + 1;
      any = true;
      parts[idx] = num.value();
      whole[idx] = num.negative ? -num.whole : num.whole;
      if (idx == 6) {
        sec_nanos = num.negative ? -num.frac_nanos : num.frac_nanos;
      } else if (num.has_fraction) {
        fractional = true;
      }
    }
    if (!any) return fail<Duration>("invalid duration: no parts", text);
    if (fractional) {
      auto r = durationOf(parts[0] * 12 + parts[1], parts[2] * 7 + parts[3],
                          parts[4] * 3600 + parts[5] * 60 + static_cast<double>(whole[6]),
                          static_cast<double>(sec_nanos));
      if (!r) return relay<Duration>(r, text);
      d = *r;
    } else {
      d = Duration(whole[0] * 12 + whole[1], whole[2] * 7 + whole[3],
                   whole[4] * 3600 + whole[5] * 60 + whole[6], sec_nanos);
    }
  }
  if (negative) {
    auto n = negate(d);
    if (!n) return relay<Duration>(n, text);
    return n;
  }
  return d;
}

}  // namespace entente::temporal
