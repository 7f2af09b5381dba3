// shell/statement_splitter.h — cuts the text a user types or pipes in into statements.
//
// A statement ends at a `;` that is outside string literals ('…', "…"), quoted names
// (`…`) and comments (// to end of line, /* … */), so it may span many lines and one line
// may hold several statements. A line that starts with `.` while no statement is pending is
// a dot-command (the whole line, no `;` needed), as in SQLite's shell.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entente::shell {

struct Piece {
  enum class Kind { kStatement, kDotCommand };
  Kind kind = Kind::kStatement;
  std::string text;  // statement without its `;`, trimmed; dot-command line without '\n'
};

class StatementSplitter {
 public:
  //! Feeds one line (without its newline); returns the pieces it completed.
  std::vector<Piece> feedLine(std::string_view line);
  //! Feeds arbitrary text (may contain many lines).
  std::vector<Piece> feed(std::string_view text);
  //! At end of input: the unterminated statement, if it holds more than blanks and comments.
  std::vector<Piece> finish();
  //! True while a statement has started but not ended (the shell shows a continuation prompt).
  bool pending() const { return !buffer_.empty(); }
  //! Drops the pending statement (Ctrl-C at the prompt).
  void clear();

 private:
  enum class State { kCode, kSingle, kDouble, kBacktick, kLineComment, kBlockComment };
  void emit(std::vector<Piece>* out);

  std::string buffer_;
  State state_ = State::kCode;
  bool escaped_ = false;      // previous char was a backslash inside a string
  bool has_content_ = false;  // something besides blanks and comments since the last `;`
};

//! Removes leading and trailing blanks.
std::string_view trim(std::string_view s);

}  // namespace entente::shell
