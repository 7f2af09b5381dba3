#include "query/parse/literals.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace entente::query::syntax {
namespace {

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

bool isHex(char c) { return digitValue(c) < 16; }

}  // namespace

std::optional<LiteralError> decodeInteger(std::string_view text, bool negative, int64_t* out) {
  unsigned base = 10;
  std::string_view digits = text;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) {
    base = 8;
    digits.remove_prefix(2);
  }
  // The magnitude may reach 2^63 when negative.
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t value = 0;
  if (digits.empty()) return LiteralError{"invalid integer literal", 0};
  for (char c : digits) {
    int d = digitValue(c);
    if (d >= static_cast<int>(base)) return LiteralError{"invalid integer literal", 0};
    if (value > (limit - static_cast<uint64_t>(d)) / base) {
      return LiteralError{"integer literal out of range (must fit in 64 bits)", 0,
                          ErrorDetail::kIntegerOverflow};
    }
    value = value * base + static_cast<uint64_t>(d);
  }
  if (negative) {
    // Two's complement negation of the magnitude (well defined on unsigned).
    *out = static_cast<int64_t>(~value + 1);
  } else {
    *out = static_cast<int64_t>(value);
  }
  return std::nullopt;
}

std::optional<LiteralError> decodeFloat(std::string_view text, double* out) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // from_chars also reports underflow this way; a tiny literal is simply zero.
    bool underflow = false;
    for (size_t i = 0; i < text.size(); ++i) {
      if ((text[i] == 'e' || text[i] == 'E') && i + 1 < text.size() && text[i + 1] == '-') {
        underflow = true;
      }
    }
    if (underflow) {
      *out = 0.0;
      return std::nullopt;
    }
    return LiteralError{"float literal out of range", 0, ErrorDetail::kFloatingPointOverflow};
  }
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return LiteralError{"invalid float literal", 0};
  }
  *out = value;
  return std::nullopt;
}

void appendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<LiteralError> decodeString(std::string_view text, std::string* out) {
  out->clear();
  if (text.size() < 2)
    return LiteralError{"invalid string literal", 0, ErrorDetail::kUnexpectedSyntax};
  const size_t end = text.size() - 1;  // closing quote
  out->reserve(end);
  // Reads `n` hex digits at text[i..]; false if they are not all there.
  auto readHex = [&](size_t i, size_t n, uint32_t* cp) {
    if (i + n > end) return false;
    uint32_t v = 0;
    for (size_t k = 0; k < n; ++k) {
      if (!isHex(text[i + k])) return false;
      v = v * 16 + static_cast<uint32_t>(digitValue(text[i + k]));
    }
    *cp = v;
    return true;
  };
  for (size_t i = 1; i < end; ++i) {
    char c = text[i];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    const size_t at = i;
    if (i + 1 >= end)
      return LiteralError{"invalid escape sequence at end of string", at,
                          ErrorDetail::kInvalidUnicodeLiteral};
    char e = text[++i];
    switch (e) {
      case '\\': out->push_back('\\'); break;
      case '\'': out->push_back('\''); break;
      case '"': out->push_back('"'); break;
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case 'r': out->push_back('\r'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'u':
      case 'U': {
        const size_t n = e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        if (!readHex(i + 1, n, &cp)) {
          return LiteralError{std::string("invalid Unicode escape (expected \\") + e +
                                  (e == 'u' ? " and 4 hex digits)" : " and 8 hex digits)"),
                              at, ErrorDetail::kInvalidUnicodeLiteral};
        }
        i += n;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate must be followed by an escaped low surrogate.
          uint32_t low = 0;
          if (i + 2 < end && text[i + 1] == '\\' && text[i + 2] == 'u' && readHex(i + 3, 4, &low) &&
              low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          } else {
            return LiteralError{"invalid Unicode escape (unpaired surrogate)", at,
                                ErrorDetail::kInvalidUnicodeLiteral};
          }
        } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp > 0x10FFFF) {
          return LiteralError{"invalid Unicode escape (not a code point)", at,
                              ErrorDetail::kInvalidUnicodeLiteral};
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        return LiteralError{std::string("invalid escape sequence '\\") + e + "'", at,
                            ErrorDetail::kInvalidUnicodeLiteral};
    }
  }
  return std::nullopt;
}

std::string decodeName(std::string_view text) {
  if (text.size() < 2 || text.front() != '`') return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    out.push_back(text[i]);
    if (text[i] == '`') ++i;  // `` => `
  }
  return out;
}

std::optional<size_t> findInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace entente::query::syntax
