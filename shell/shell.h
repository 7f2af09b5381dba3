// shell/shell.h — the state of one `entente` session and how it runs what the user types.
//
// A Shell owns the output mode, the timer switch, the parameters set by `.param`, the last
// result (for `.export --dot`), the completion vocabulary and the Session (entente/session.h)
// whose BEGIN / COMMIT / ROLLBACK give it explicit transactions. It runs statements through
// the public API only, prints results with the formatters (shell/output.h) and errors to the
// error stream as "Error: <code>: <message>". Dot-commands are in dot_commands.cc.
#pragma once

#include <atomic>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entente/entente.h"
#include "entente/session.h"
#include "shell/completion.h"
#include "shell/output.h"
#include "shell/statement_splitter.h"

namespace entente::shell {

class Shell {
 public:
  Shell(Database& db, std::ostream& out, std::ostream& err);

  //! Runs a statement or a dot-command; false if it failed.
  bool run(const Piece& piece);
  bool runStatement(const std::string& text);
  bool runDotCommand(const std::string& line);
  //! Splits `text` into statements and runs them all (a trailing one may lack its `;`).
  //! False if any failed.
  bool runText(std::string_view text);
  bool runFile(const std::string& path);

  //! Tab completion against the database's current vocabulary (fetched lazily).
  std::vector<std::string> complete(std::string_view before_cursor, size_t* word_start);

  void setMode(OutputMode mode) { mode_ = mode; }
  Map& params() { return params_; }
  bool quitRequested() const { return quit_; }
  //! Terminal width for table mode (0 = do not truncate).
  void setWidth(int width) { width_ = width; }
  //! The prompt: "entente> ", "entente*> " inside a transaction, "entente!> " inside a failed
  //! one; "   ...> " for the following lines of a statement (`continuation`).
  std::string prompt(bool continuation) const;
  //! Leaving the shell: rolls back a transaction still open, saying so on the error stream.
  //! False if there was one (a script that forgot COMMIT fails).
  bool endSession();

  //! Set by the SIGINT handler while a statement runs: cancels it.
  static std::atomic<bool> cancel_flag;
  static std::atomic<bool> running;

  //! Prints "Error: <code>: <message>", or "Error: <code> (<detail>): <message>" when the
  //! error has an openCypher detail ("Error: SyntaxError (UndefinedVariable): ...").
  void printError(const Error& error);

 private:
  friend struct DotCommands;
  void show(const QueryResult& result, double elapsed_ms);
  void refreshVocabulary();
  std::vector<std::string> firstColumn(const std::vector<std::string>& queries);

  Database& db_;
  Session session_;
  std::ostream& out_;
  std::ostream& err_;
  OutputMode mode_ = OutputMode::kTable;
  bool timer_ = false;
  bool quit_ = false;
  int width_ = 0;
  int read_depth_ = 0;
  Map params_;
  std::optional<QueryResult> last_result_;
  Vocabulary vocabulary_;
  bool vocabulary_stale_ = true;
};

//! The table printed by `.help`, one line per dot-command.
std::string dotCommandHelp();
//! Names of all dot-commands (".help", ".schema", ...), for completion.
std::vector<std::string> dotCommandNames();

}  // namespace entente::shell
