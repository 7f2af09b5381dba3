// tests/frontends/process_util.h — running the real `entente` and `entente-server` binaries
// from tests: through pipes, through a pseudo-terminal, and as a server on a loopback port.
// Every wait is bounded, so a hung binary fails a test instead of hanging the suite.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace entente::testing {

std::string shellBinary();   // ${ENTENTE_BINARY_DIR}/shell/entente
std::string serverBinary();  // ${ENTENTE_BINARY_DIR}/server/entente-server

//! A fresh directory under /tmp, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;  // -1: killed after the deadline
  std::string out, err;
};

//! Runs argv[0] with `input` on stdin (then closed); env entries "K=V" are added.
RunResult run(const std::vector<std::string>& argv, const std::string& input = "",
              const std::vector<std::string>& env = {},
              std::chrono::milliseconds deadline = std::chrono::seconds(30));

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);

//! A child on a pseudo-terminal (forkpty): what a user at a terminal would see.
class PtyProcess {
 public:
  PtyProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env);
  ~PtyProcess();
  void send(const std::string& keys);
  //! Reads until `text` appears in the output so far; false after the deadline.
  bool waitFor(const std::string& text,
               std::chrono::milliseconds deadline = std::chrono::seconds(10));
  const std::string& output() const { return output_; }
  //! Waits for `prompt`, then lets the line editor put the terminal in raw mode: keys typed
  //! while the terminal is still in cooked mode (type-ahead) may be handled by the kernel's
  //! line discipline instead (a ^D there is lost).
  bool waitForPrompt(const std::string& prompt);
  //! Presses Ctrl-D (after the same settling pause) and waits for the exit code.
  int pressCtrlD();
  //! Waits for exit; the exit code, -1 if killed by a signal, -2 if still running.
  int wait(std::chrono::milliseconds deadline = std::chrono::seconds(10));

 private:
  void pump(int timeout_ms);
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string output_;
};

//! entente-server on an ephemeral loopback port.
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> args);  // args after the binary; --port 0 added
  ~ServerProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  void signal(int sig);
  int wait(std::chrono::milliseconds deadline = std::chrono::seconds(20));
  std::string log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_file_;
  bool exited_ = false;
};

//! A blocking loopback client with a receive deadline.
class Client {
 public:
  explicit Client(int port);
  ~Client();
  bool ok() const { return fd_ >= 0; }
  void send(const std::string& bytes);
  //! One line without '\n'; "" with *eof=true on EOF/deadline.
  std::string readLine(bool* eof = nullptr,
                       std::chrono::milliseconds deadline = std::chrono::seconds(15));
  //! Sends one request line and reads one response line.
  std::string request(const std::string& json_line);
  //! Closes with a reset (SO_LINGER 0) instead of an orderly FIN.
  void abort();
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace entente::testing
