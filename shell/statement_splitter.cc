#include "shell/statement_splitter.h"

namespace entente::shell {

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

void StatementSplitter::clear() {
  buffer_.clear();
  state_ = State::kCode;
  escaped_ = false;
  has_content_ = false;
}

void StatementSplitter::emit(std::vector<Piece>* out) {
  if (has_content_) out->push_back({Piece::Kind::kStatement, std::string(trim(buffer_))});
  buffer_.clear();
  has_content_ = false;
}

std::vector<Piece> StatementSplitter::feedLine(std::string_view line) {
  std::vector<Piece> out;
  // Dot-commands only at the start of a statement, like SQLite.
  if (buffer_.empty() && state_ == State::kCode) {
    std::string_view t = trim(line);
    if (!t.empty() && t[0] == '.') {
      out.push_back({Piece::Kind::kDotCommand, std::string(t)});
      return out;
    }
  }
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    char next = i + 1 < line.size() ? line[i + 1] : '\0';
    switch (state_) {
      case State::kCode:
        if (c == ';') {
          emit(&out);
          continue;  // the `;` itself is not part of the statement
        }
        if (c == '/' && next == '/') {
          state_ = State::kLineComment;
        } else if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          buffer_ += "/*";
          ++i;
          continue;
        } else if (c == '\'') {
          state_ = State::kSingle, has_content_ = true;
        } else if (c == '"') {
          state_ = State::kDouble, has_content_ = true;
        } else if (c == '`') {
          state_ = State::kBacktick, has_content_ = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          has_content_ = true;
        }
        break;
      case State::kSingle:
      case State::kDouble: {
        char quote = state_ == State::kSingle ? '\'' : '"';
        if (escaped_) {
          escaped_ = false;
        } else if (c == '\\') {
          escaped_ = true;
        } else if (c == quote) {
          state_ = State::kCode;
        }
        break;
      }
      case State::kBacktick:
        if (c == '`') state_ = State::kCode;  // `` inside is two adjacent names: fine for splitting
        break;
      case State::kLineComment: break;
      case State::kBlockComment:
        if (c == '*' && next == '/') {
          state_ = State::kCode;
          buffer_ += "*/";
          ++i;
          continue;
        }
        break;
    }
    // Leading blanks between statements are not kept, so `pending()` stays false.
    if (buffer_.empty() && state_ == State::kCode && (c == ' ' || c == '\t' || c == '\r')) continue;
    buffer_ += c;
  }
  if (state_ == State::kLineComment) state_ = State::kCode;
  if (!buffer_.empty()) {
    if (!has_content_ && state_ == State::kCode) {
      buffer_.clear();  // only comments so far: nothing pending
    } else {
      buffer_ += '\n';
    }
  }
  return out;
}

std::vector<Piece> StatementSplitter::feed(std::string_view text) {
  std::vector<Piece> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    for (auto& p : feedLine(line)) out.push_back(std::move(p));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::vector<Piece> StatementSplitter::finish() {
  std::vector<Piece> out;
  emit(&out);
  clear();
  return out;
}

}  // namespace entente::shell
