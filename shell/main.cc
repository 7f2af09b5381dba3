// entente — the interactive shell. See shell/shell.h for the session, shell/cli_options.h
// for the command line.
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "entente/json.h"
#include "shell/cli_options.h"
#include "shell/line_reader.h"
#include "shell/shell.h"

using namespace entente;
using namespace entente::shell;

namespace {

bool g_exit_when_idle = false;

// Ctrl-C cancels the running statement. At the interactive prompt libedit takes ^C as a key
// (see line_reader.h); in a script with nothing running it ends the shell.
void onSigint(int) {
  if (Shell::running.load()) {
    Shell::cancel_flag.store(true);
  } else if (g_exit_when_idle) {
    _exit(130);
  }
}

void installSigint() {
  struct sigaction sa {};
  sa.sa_handler = onSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
}

int terminalWidth() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  if (const char* cols = std::getenv("COLUMNS")) return std::atoi(cols);
  return 0;
}

int interactive(Shell& shell, bool scratch, const std::string& path) {
  std::cout << "Entente "
            << "0.1.0"
            << " \u2014 who backs whom. End statements with ';', "
            << ".help for commands, Ctrl-D to leave.\n";
  if (scratch) {
    std::cout << "This is a scratch database preloaded with the bundled Aleppo dataset (CNN, "
                 "2024-12-02);\n"
                 "changes are not saved. Open or create one with: entente PATH\n"
                 "Try: MATCH (s)-[:BACKS]->(\"Free Syrian Army\") RETURN s.name;\n";
  } else {
    std::cout << "Database: " << path << '\n';
  }
  const char* home = std::getenv("HOME");
  std::string history = home && *home ? std::string(home) + "/.entente_history" : "";
  LineReader reader("entente", history, [&](std::string_view before, size_t* start) {
    return shell.complete(before, start);
  });
  StatementSplitter splitter;
  std::string entry;  // the raw lines of the statement being typed, for the history
  std::string line;
  while (!shell.quitRequested()) {
    shell.setWidth(terminalWidth());
    auto r = reader.read(shell.prompt(splitter.pending()), &line);
    if (r == LineReader::Result::kEof) {
      std::cout << '\n';
      break;
    }
    if (r == LineReader::Result::kInterrupted) {
      splitter.clear();
      entry.clear();
      continue;
    }
    if (!entry.empty()) entry += '\n';
    entry += line;
    for (const auto& piece : splitter.feed(line)) {
      shell.run(piece);
      if (shell.quitRequested()) break;
    }
    if (!splitter.pending()) {
      if (!trim(entry).empty()) reader.addHistory(entry);
      entry.clear();
    }
  }
  shell.endSession();  // says so if a transaction was rolled back
  return 0;
}

// Piped stdin: statements run as they complete, so a long script streams its results.
bool runStdin(Shell& shell) {
  StatementSplitter splitter;
  bool ok = true;
  std::string line;
  while (!shell.quitRequested() && std::getline(std::cin, line)) {
    for (const auto& piece : splitter.feedLine(line)) {
      ok = shell.run(piece) && ok;
      if (shell.quitRequested()) break;
    }
  }
  if (!shell.quitRequested())
    for (const auto& piece : splitter.finish()) ok = shell.run(piece) && ok;
  return shell.endSession() && ok;
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = parseCli(argc, argv, &exit_code);
  if (!options) return exit_code;

  bool scratch = options->path.empty();
  OpenOptions open_options;
  open_options.import_directory = options->import_dir;
  open_options.sync_writes = !options->no_sync;
  auto db =
      scratch ? Database::openTemporary(open_options) : Database::open(options->path, open_options);
  if (!db) {
    std::cerr << "Error: " << db.error().codeName() << ": " << db.error().message() << '\n';
    return 1;
  }
  if (scratch) {
    auto loaded = (*db)->loadBundledDataset();
    if (!loaded)
      std::cerr << "Warning: bundled dataset not loaded: " << loaded.error().message() << '\n';
  }

  Shell shell(**db, std::cout, std::cerr);
  shell.setMode(options->mode);
  for (const auto& [name, json] : options->params) {
    auto value = valueFromJson(json);
    if (!value) {
      std::cerr << "Error: " << value.error().codeName() << ": --param " << name << ": "
                << value.error().message() << '\n';
      return 1;
    }
    shell.params()[name] = *value;
  }

  bool script = !options->commands.empty() || !options->read_files.empty();
  bool tty = isatty(STDIN_FILENO);
  g_exit_when_idle = script || !tty;
  installSigint();

  if (script) {
    shell.setWidth(terminalWidth());
    bool ok = true;
    for (const auto& file : options->read_files) ok = shell.runFile(file) && ok;
    for (const auto& command : options->commands) {
      if (shell.quitRequested()) break;
      ok = shell.runText(command) && ok;
    }
    ok = shell.endSession() && ok;
    return ok ? 0 : 1;
  }
  if (!tty) {
    shell.setWidth(terminalWidth());
    return runStdin(shell) ? 0 : 1;
  }
  return interactive(shell, scratch, options->path);
}
