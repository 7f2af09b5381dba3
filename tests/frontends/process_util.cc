#include "process_util.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace entente::testing {

using Clock = std::chrono::steady_clock;

std::string shellBinary() { return std::string(ENTENTE_BINARY_DIR) + "/shell/entente"; }
std::string serverBinary() { return std::string(ENTENTE_BINARY_DIR) + "/server/entente-server"; }

TempDir::TempDir() {
  char tmpl[] = "/tmp/entente-fe-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}
TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
void writeFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

namespace {

[[noreturn]] void execChild(const std::vector<std::string>& argv,
                            const std::vector<std::string>& env) {
  for (const auto& e : env) putenv(strdup(e.c_str()));
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

int waitChild(pid_t pid, Clock::time_point deadline) {
  int status = 0;
  while (true) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    if (Clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const std::string& input,
              const std::vector<std::string>& env, std::chrono::milliseconds deadline_in) {
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0), dup2(out[1], 1), dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    execChild(argv, env);
  }
  close(in[0]), close(out[1]), close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  RunResult result;
  auto deadline = Clock::now() + deadline_in;
  size_t written = 0;
  int in_fd = in[1];
  fcntl(in_fd, F_SETFL, O_NONBLOCK);
  if (input.empty()) close(in_fd), in_fd = -1;
  bool out_open = true, err_open = true;
  while ((out_open || err_open) && Clock::now() < deadline) {
    pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
    fds[0].fd = out_open ? out[0] : -1;
    fds[1].fd = err_open ? err[0] : -1;
    poll(fds, 3, 100);
    char buf[65536];
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0)
        (i == 0 ? out_open : err_open) = false;
      else
        (i == 0 ? result.out : result.err).append(buf, n);
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR))) {
      ssize_t n = write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) written += n;
      if (n < 0 || written == input.size()) close(in_fd), in_fd = -1;
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out[0]), close(err[0]);
  result.exit_code = waitChild(pid, deadline + std::chrono::seconds(1));
  return result;
}

// ---- pseudo-terminal -------------------------------------------------------------------

PtyProcess::PtyProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  winsize ws{};
  ws.ws_row = 40, ws.ws_col = 120;
  pid_ = forkpty(&fd_, nullptr, nullptr, &ws);
  if (pid_ < 0) throw std::runtime_error("forkpty failed");
  if (pid_ == 0) execChild(argv, env);
}

PtyProcess::~PtyProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (fd_ >= 0) close(fd_);
}

void PtyProcess::send(const std::string& keys) {
  size_t done = 0;
  while (done < keys.size()) {
    ssize_t n = write(fd_, keys.data() + done, keys.size() - done);
    if (n <= 0) return;
    done += n;
  }
}

void PtyProcess::pump(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return;
  char buf[4096];
  ssize_t n = read(fd_, buf, sizeof buf);
  if (n > 0) output_.append(buf, n);
}

bool PtyProcess::waitFor(const std::string& text, std::chrono::milliseconds deadline) {
  auto end = Clock::now() + deadline;
  while (output_.find(text) == std::string::npos) {
    if (Clock::now() > end) return false;
    pump(50);
  }
  return true;
}

int PtyProcess::pressCtrlD() {
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  send("\x04");
  int code = wait();
  return code == -2 ? -1 : code;
}

bool PtyProcess::waitForPrompt(const std::string& prompt) {
  if (!waitFor(prompt)) return false;
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  return true;
}

int PtyProcess::wait(std::chrono::milliseconds deadline) {
  auto end = Clock::now() + deadline;
  int status = 0;
  while (Clock::now() < end) {
    pump(20);
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
  }
  return -2;
}

// ---- server ----------------------------------------------------------------------------

ServerProcess::ServerProcess(std::vector<std::string> args) {
  char tmpl[] = "/tmp/entente-fe-log-XXXXXX";
  int log_fd = mkstemp(tmpl);
  log_file_ = tmpl;
  int out[2];
  if (pipe(out)) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv = {serverBinary(), "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1), dup2(log_fd, 2);
    close(out[0]), close(out[1]), close(log_fd);
    execChild(argv, {});
  }
  close(out[1]), close(log_fd);
  // The server prints "listening on ADDR:PORT" once it accepts connections.
  std::string line;
  auto deadline = Clock::now() + std::chrono::seconds(20);
  while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char c[256];
    ssize_t n = read(out[0], c, sizeof c);
    if (n <= 0) break;
    line.append(c, n);
  }
  close(out[0]);
  size_t colon = line.rfind(':');
  if (line.rfind("listening on ", 0) == 0 && colon != std::string::npos)
    port_ = std::atoi(line.c_str() + colon + 1);
}

ServerProcess::~ServerProcess() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  unlink(log_file_.c_str());
}

void ServerProcess::signal(int sig) { kill(pid_, sig); }

int ServerProcess::wait(std::chrono::milliseconds deadline) {
  exited_ = true;
  return waitChild(pid_, Clock::now() + deadline);
}

std::string ServerProcess::log() const { return readFile(log_file_); }

// ---- client ----------------------------------------------------------------------------

Client::Client(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    fd_ = -1;
    return;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Client::~Client() {
  if (fd_ >= 0) close(fd_);
}

void Client::send(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += n;
  }
}

std::string Client::readLine(bool* eof, std::chrono::milliseconds deadline) {
  if (eof) *eof = false;
  auto end = Clock::now() + deadline;
  while (true) {
    size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    pollfd p{fd_, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) break;
    char buf[65536];
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    buffer_.append(buf, n);
  }
  if (eof) *eof = true;
  return "";
}

std::string Client::request(const std::string& json_line) {
  send(json_line + "\n");
  return readLine();
}

void Client::abort() {
  linger l{1, 0};
  setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close(fd_);
  fd_ = -1;
}

}  // namespace entente::testing
