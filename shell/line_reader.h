// shell/line_reader.h — line editing, history and Tab completion on a terminal (libedit).
//
// Emacs key bindings (and ~/.editrc), history kept in a file across sessions, Tab asking a
// completion callback. Ctrl-C while editing clears the line instead of killing the shell:
// the terminal's signal keys are off while libedit edits (`setty -d -isig`) and ^C is bound
// to a function that ends the line as "interrupted". Ctrl-D on an empty line is end of input.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct editline;
struct history;

namespace entente::shell {

class LineReader {
 public:
  using CompleteFn =
      std::function<std::vector<std::string>(std::string_view before_cursor, size_t* word_start)>;

  //! `history_file` may be empty (no history kept on disk).
  LineReader(const char* program, std::string history_file, CompleteFn complete);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  enum class Result { kLine, kInterrupted, kEof };
  //! Reads one line (without its newline; it may hold newlines recalled from history).
  Result read(const std::string& prompt, std::string* line);
  //! Appends an entry to the history and saves the history file.
  void addHistory(const std::string& entry);

 private:
  static char* promptFn(editline* el);
  static unsigned char interruptFn(editline* el, int ch);
  static unsigned char completeFn(editline* el, int ch);

  editline* el_ = nullptr;
  history* hist_ = nullptr;
  std::string history_file_;
  std::string prompt_;
  CompleteFn complete_;
  bool interrupted_ = false;
};

}  // namespace entente::shell
