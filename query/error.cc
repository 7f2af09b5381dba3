#include "query/error.h"

#include <algorithm>

namespace entente::query {

std::string withCaret(std::string_view source, const std::string& message, ast::SourcePos pos) {
  std::string out = message;
  if (pos.line <= 0) return out;
  out += " (line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ")";

  // Find the start of line `pos.line` (1-based; lines end with '\n', a '\r' before it is
  // dropped).
  size_t start = 0;
  for (int line = 1; line < pos.line; ++line) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return out;  // position past the text: no caret line
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  std::string_view line = source.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  // Very long lines (minified queries) are cut to a window around the caret.
  constexpr size_t kMaxLine = 200;
  size_t caret_byte = 0;  // byte offset of the caret in `line`
  std::string pad;
  int col = 1;
  for (size_t i = 0; i < line.size() && col < pos.column; ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte: same column
    pad.push_back(c == '\t' ? '\t' : ' ');
    caret_byte = i + 1;
    while (caret_byte < line.size() &&
           (static_cast<unsigned char>(line[caret_byte]) & 0xC0) == 0x80) {
      ++caret_byte;
    }
    ++col;
  }
  if (line.size() > kMaxLine) {
    size_t from = caret_byte > kMaxLine / 2 ? caret_byte - kMaxLine / 2 : 0;
    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
    size_t to = std::min(line.size(), from + kMaxLine);
    while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
    // Recount the padding for the window.
    std::string window_pad = from > 0 ? "..." : "";
    for (size_t i = from; i < caret_byte; ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      if ((c & 0xC0) == 0x80) continue;
      window_pad.push_back(c == '\t' ? '\t' : ' ');
    }
    out += "\n";
    if (from > 0) out += "...";
    out.append(line.substr(from, to - from));
    if (to < line.size()) out += "...";
    out += "\n" + window_pad + "^";
    return out;
  }
  out += "\n";
  out.append(line);
  out += "\n" + pad + "^";
  return out;
}

}  // namespace entente::query
