// Table mode: box-drawn, aligned, shrunk to the terminal width.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "shell/output.h"

namespace entente::shell {
namespace {

// Decodes one UTF-8 code point at s[*i], advancing *i; invalid bytes count as one char.
uint32_t nextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (*i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

int codePointWidth(uint32_t cp) {
  if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F)) return 0;  // combining, ZW
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

// Cells are one line each: newlines and other control characters become visible marks.
std::string sanitize(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n')
      out += "\u21B5";
    else if (c == '\t')
      out += ' ';
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      out += '?';
    else
      out += c;
  }
  return out;
}

// The longest prefix of `text` that fits in `width` columns, ending in "…" if cut.
std::string fit(const std::string& text, int width) {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  std::string out;
  int used = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    int w = codePointWidth(nextCodePoint(text, &i));
    if (used + w > width - 1) break;
    out.append(text, start, i - start);
    used += w;
  }
  return out + "\u2026";
}

void rule(std::ostream& out, const std::vector<int>& widths, const char* left, const char* mid,
          const char* right) {
  out << left;
  for (size_t c = 0; c < widths.size(); ++c) {
    for (int k = 0; k < widths[c] + 2; ++k) out << "\u2500";
    out << (c + 1 < widths.size() ? mid : right);
  }
  out << '\n';
}

void line(std::ostream& out, const std::vector<std::string>& cells, const std::vector<int>& widths,
          const std::vector<bool>& right_align) {
  out << "\u2502";
  for (size_t c = 0; c < cells.size(); ++c) {
    std::string text = fit(cells[c], widths[c]);
    int pad = widths[c] - displayWidth(text);
    out << ' ';
    if (right_align[c])
      out << std::string(pad, ' ') << text;
    else
      out << text << std::string(pad, ' ');
    out << " \u2502";
  }
  out << '\n';
}

}  // namespace

int displayWidth(std::string_view text) {
  int w = 0;
  size_t i = 0;
  while (i < text.size()) w += codePointWidth(nextCodePoint(text, &i));
  return w;
}

void writeTable(std::ostream& out, const QueryResult& result, int width) {
  const auto& columns = result.columns();
  if (columns.empty()) return;  // a write without RETURN: the caller prints the summary
  size_t n = columns.size();
  std::vector<std::string> header;
  for (const auto& c : columns) header.push_back(sanitize(c));
  std::vector<std::vector<std::string>> body;
  body.reserve(result.rows().size());
  std::vector<int> natural(n, 0);
  std::vector<bool> numeric(n, true);
  for (size_t c = 0; c < n; ++c) natural[c] = displayWidth(header[c]);
  for (const auto& row : result.rows()) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < n; ++c) {
      const Value& v = c < row.size() ? row[c] : Value();
      cells.push_back(sanitize(cellText(v)));
      natural[c] = std::max(natural[c], displayWidth(cells.back()));
      if (!v.isNumber() && !v.isNull()) numeric[c] = false;
    }
    body.push_back(std::move(cells));
  }
  if (result.rows().empty()) numeric.assign(n, false);

  // Shrink the widest columns first: find the largest cap that makes the table fit.
  std::vector<int> widths = natural;
  int frame = 3 * static_cast<int>(n) + 1;
  auto total = [&](int cap) {
    long sum = frame;
    for (size_t c = 0; c < n; ++c)
      sum += std::min(natural[c], std::max(cap, std::min(natural[c], 8)));
    return sum;
  };
  int widest = *std::max_element(natural.begin(), natural.end());
  if (width > 0 && total(widest) > width) {
    int lo = 0, hi = widest;  // total(lo) may still exceed: then every column sits at its floor
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      if (total(mid) <= width)
        lo = mid;
      else
        hi = mid - 1;
    }
    for (size_t c = 0; c < n; ++c)
      widths[c] = std::min(natural[c], std::max(lo, std::min(natural[c], 8)));
  }

  rule(out, widths, "\u250C", "\u252C", "\u2510");
  line(out, header, widths, std::vector<bool>(n, false));
  rule(out, widths, "\u251C", "\u253C", "\u2524");
  for (const auto& cells : body) line(out, cells, widths, numeric);
  rule(out, widths, "\u2514", "\u2534", "\u2518");
  size_t count = result.rows().size();
  out << '(' << count << (count == 1 ? " row)" : " rows)") << '\n';
}

}  // namespace entente::shell
