// tests/tck/tck_runner.cc — `tck-runner`: runs the openCypher TCK against Entente and
// reports passed / failed / skipped per feature directory.
//
// Scenarios run in forked workers (chunks of 100), each reusing one temporary database that
// is emptied after every scenario, so a crash or a hang in the engine costs one scenario
// (counted as failed: "crash" / "killed"), not the run.
// A scenario expecting an error passes only when the statement fails with that error type
// as Error::code; passes that were expected errors are reported separately.
//
//   tck-runner [--features DIR] [--graphs DIR] [--filter TEXT] [--list-failures]
//              [--json] [--baseline FILE] [--jobs N] [--timeout-ms N] [--no-fork]
//              [--class-only]  (an expected error passes on its class alone, not its detail)
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "entente/entente.h"
#include "tests/tck/gherkin.h"
#include "tests/tck/tck_report.h"
#include "tests/tck/tck_scenario.h"

namespace fs = std::filesystem;
using entente::tck::Outcome;
using entente::tck::Scenario;

namespace {

struct Options {
  std::string features = std::string(ENTENTE_SHARED_DIR) + "/data/tck/features";
  std::string graphs = std::string(ENTENTE_SHARED_DIR) + "/data/tck/graphs";
  std::string filter, baseline;
  bool list_failures = false, json = false, fork = true;
  int jobs = 1;
  int timeout_ms = 2000;
};

std::string serialize(const Outcome& o) {
  std::string s;
  s += o.status == Outcome::Status::kPass ? 'P' : o.status == Outcome::Status::kSkip ? 'S' : 'F';
  s += o.expected_error ? '1' : '0';
  s += o.category.substr(0, o.category.find('\n'));
  s += '\n';
  s += o.detail.substr(0, 4000);
  return s;
}

Outcome deserialize(const std::string& s) {
  Outcome o;
  if (s.size() < 2) return o;
  o.status = s[0] == 'P'   ? Outcome::Status::kPass
             : s[0] == 'S' ? Outcome::Status::kSkip
                           : Outcome::Status::kFail;
  o.expected_error = s[1] == '1';
  size_t nl = s.find('\n');
  o.category = s.substr(2, nl == std::string::npos ? std::string::npos : nl - 2);
  if (nl != std::string::npos) o.detail = s.substr(nl + 1);
  return o;
}

// Runs scenarios [begin, end) in this process, one database reused across them (emptied
// after each), calling `report` after each scenario.
template <typename Report>
void runRange(const std::vector<Scenario>& scenarios, size_t begin, size_t end, const Options& opt,
              Report report) {
  const auto timeout = std::chrono::milliseconds(opt.timeout_ms);
  std::unique_ptr<entente::Database> db;
  for (size_t i = begin; i < end; ++i) {
    Outcome o;
    if (auto why = entente::tck::notApplicable(scenarios[i])) {
      o.status = Outcome::Status::kSkip;
      o.category = *why;
    } else {
      if (!db) {
        entente::OpenOptions scratch;
        scratch.sync_writes = false;  // semantics, not durability: no fsync per scenario
        auto opened = entente::Database::openTemporary(scratch);
        if (!opened) {
          o.category = "runner: cannot open a temporary database: " + opened.error().message();
          report(i, o);
          continue;
        }
        db = std::move(opened.value());
      }
      o = entente::tck::runScenario(scenarios[i], *db, opt.graphs, timeout);
      if (!entente::tck::resetDatabase(*db)) db.reset();
    }
    report(i, o);
  }
}

// A forked worker running one chunk of scenarios; it writes "<index> <length>\n<payload>"
// per scenario to its pipe.
struct Worker {
  pid_t pid;
  int fd;
  size_t next;  // first scenario not yet reported
  size_t end;
  std::string buf;
  std::chrono::steady_clock::time_point last;  // last report (or start)
};

void writeAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = write(fd, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

Worker spawn(const std::vector<Scenario>& scenarios, size_t begin, size_t end, const Options& opt) {
  int p[2];
  if (pipe(p) != 0) {
    perror("pipe");
    std::exit(2);
  }
  std::cout.flush();
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    std::exit(2);
  }
  if (pid == 0) {
    close(p[0]);
    runRange(scenarios, begin, end, opt, [&](size_t i, const Outcome& o) {
      std::string payload = serialize(o);
      writeAll(p[1], std::to_string(i) + " " + std::to_string(payload.size()) + "\n" + payload);
    });
    _exit(0);
  }
  close(p[1]);
  return {pid, p[0], begin, end, "", std::chrono::steady_clock::now()};
}

// Runs all scenarios in chunks, `jobs` workers at a time. A worker that crashes or stays
// silent past the hard limit costs the scenario it was on (counted as failed); the rest
// of its chunk goes to a new worker.
std::vector<Outcome> runAll(const std::vector<Scenario>& scenarios, const Options& opt) {
  std::vector<Outcome> out(scenarios.size());
  if (!opt.fork) {
    runRange(scenarios, 0, scenarios.size(), opt, [&](size_t i, const Outcome& o) { out[i] = o; });
    return out;
  }
  // The per-statement budget is cooperative; this is the backstop for a scenario of
  // several statements or an engine that misses its budget.
  const auto hard_limit = std::chrono::milliseconds(std::max(10000, opt.timeout_ms * 5));
  const size_t chunk = 100;
  std::vector<std::pair<size_t, size_t>> pending;
  for (size_t b = 0; b < scenarios.size(); b += chunk)
    pending.push_back({b, std::min(scenarios.size(), b + chunk)});
  std::reverse(pending.begin(), pending.end());
  std::vector<Worker> running;
  while (!pending.empty() || !running.empty()) {
    while (!pending.empty() && static_cast<int>(running.size()) < opt.jobs) {
      auto [b, e] = pending.back();
      pending.pop_back();
      running.push_back(spawn(scenarios, b, e, opt));
    }
    std::vector<pollfd> fds;
    for (const auto& w : running) fds.push_back({w.fd, POLLIN, 0});
    poll(fds.data(), fds.size(), 200);
    for (size_t k = running.size(); k-- > 0;) {
      Worker& w = running[k];
      bool eof = false;
      if (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        char tmp[8192];
        ssize_t n = read(w.fd, tmp, sizeof tmp);
        if (n > 0)
          w.buf.append(tmp, static_cast<size_t>(n));
        else
          eof = true;
      }
      // Complete records.
      for (;;) {
        size_t nl = w.buf.find('\n');
        if (nl == std::string::npos) break;
        size_t index = 0, len = 0;
        if (std::sscanf(w.buf.c_str(), "%zu %zu", &index, &len) != 2) break;
        if (w.buf.size() < nl + 1 + len) break;
        out[index] = deserialize(w.buf.substr(nl + 1, len));
        w.buf.erase(0, nl + 1 + len);
        w.next = index + 1;
        w.last = std::chrono::steady_clock::now();
      }
      bool killed = false;
      if (!eof && std::chrono::steady_clock::now() - w.last > hard_limit) {
        kill(w.pid, SIGKILL);
        killed = eof = true;
      }
      if (!eof) continue;
      int status = 0;
      waitpid(w.pid, &status, 0);
      close(w.fd);
      if (w.next < w.end) {  // died on scenario w.next
        Outcome o;
        if (killed)
          o.category =
              "killed: no answer within " + std::to_string(hard_limit.count() / 1000) + " s";
        else if (WIFSIGNALED(status))
          o.category = std::string("crash: ") + strsignal(WTERMSIG(status));
        else
          o.category = "crash: worker exited early";
        out[w.next] = o;
        if (w.next + 1 < w.end) pending.push_back({w.next + 1, w.end});
      }
      running.erase(running.begin() + static_cast<long>(k));
    }
  }
  return out;
}

int64_t readBaseline(const std::string& path) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    return std::stoll(line);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto arg = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--features")
      opt.features = arg();
    else if (a == "--graphs")
      opt.graphs = arg();
    else if (a == "--filter")
      opt.filter = arg();
    else if (a == "--baseline")
      opt.baseline = arg();
    else if (a == "--jobs" || a == "-j")
      opt.jobs = std::max(1, std::stoi(arg()));
    else if (a == "--timeout-ms")
      opt.timeout_ms = std::stoi(arg());
    else if (a == "--list-failures")
      opt.list_failures = true;
    else if (a == "--json")
      opt.json = true;
    else if (a == "--no-fork")
      opt.fork = false;
    else if (a == "--class-only")
      entente::tck::setCheckErrorDetail(false);
    else {
      std::cerr
          << "usage: tck-runner [--features DIR] [--graphs DIR] [--filter TEXT] [--list-failures]\n"
             "                  [--json] [--baseline FILE] [--jobs N] [--timeout-ms N] "
             "[--no-fork]\n"
             "                  [--class-only]\n";
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }
  std::error_code dir_error;
  if (!fs::is_directory(opt.features, dir_error)) {
    // Exit code 77: ctest reports the guard as skipped (like the data-set tests) when the
    // shared TCK is not next to the checkout, instead of an uncaught filesystem error.
    std::cerr << "tck-runner: no TCK features directory at " << opt.features
              << " (the openCypher TCK from ../shared/data/tck)\n";
    return 77;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(opt.features)) {
    if (e.is_regular_file() && e.path().extension() == ".feature") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Scenario> scenarios;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string err;
    auto parsed =
        entente::tck::parseFeature(fs::relative(f, opt.features).generic_string(), ss.str(), &err);
    if (!parsed) {
      std::cerr << "tck-runner: " << err << "\n";
      return 2;
    }
    for (auto& s : *parsed) {
      if (opt.filter.empty() || (s.file + " " + s.name).find(opt.filter) != std::string::npos)
        scenarios.push_back(std::move(s));
    }
  }
  // Killed workers must not leave temporary databases behind: give them their own TMPDIR.
  // RocksDB syncs its files on open; on tmpfs that costs nothing.
  fs::path base = std::getenv("TMPDIR") ? fs::temp_directory_path() : fs::path("/dev/shm");
  if (!fs::is_directory(base)) base = fs::temp_directory_path();
  fs::path scratch = base / ("tck-runner-" + std::to_string(getpid()));
  fs::create_directories(scratch);
  setenv("TMPDIR", scratch.c_str(), 1);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<Outcome> outcomes = runAll(scenarios, opt);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::error_code ec;
  fs::remove_all(scratch, ec);

  entente::tck::Report report = entente::tck::summarize(scenarios, outcomes);
  if (opt.json) {
    std::cout << entente::tck::toJson(report, scenarios, outcomes, opt.list_failures)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    entente::tck::printReport(std::cout, report, scenarios, outcomes, opt.list_failures);
    std::cout << "time: " << static_cast<int>(secs) << " s\n";
  }
  if (!opt.baseline.empty()) {
    int64_t base = readBaseline(opt.baseline);
    if (base < 0) {
      std::cerr << "tck-runner: no count in " << opt.baseline << "\n";
      return 2;
    }
    if (report.total.passed < base) {
      std::cerr << "tck-runner: REGRESSION: " << report.total.passed
                << " scenarios passed, baseline " << opt.baseline << " records " << base << "\n";
      return 1;
    }
    std::cerr << "tck-runner: " << report.total.passed << " passed >= baseline " << base << "\n";
  }
  return 0;
}
