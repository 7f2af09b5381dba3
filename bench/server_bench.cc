// server-bench — closed-loop load on entente-server over loopback: C connections, each
// sending one request and waiting for its answer before the next, for S seconds; prints
// throughput and latency percentiles (one JSON line per run).
//
//   server-bench --port 7687 --connections 16 --seconds 5 --int-param id --range 100000
//       --query 'MATCH (a)-[:RELATED_TO]->(b) WHERE id(a) = $id RETURN count(b) AS c'
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  int connections = 16;
  double seconds = 5;
  std::string query = "RETURN 1 AS x";
  std::string int_param;  // name of an integer parameter drawn uniformly from [0, range)
  int64_t range = 1;
  std::string token;
};

struct Worker {
  std::vector<double> latencies_us;
  uint64_t errors = 0;
  std::string first_error;
};

int connectTo(const Options& o) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(o.port));
  inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void runWorker(const Options& o, int index, std::chrono::steady_clock::time_point end, Worker* w) {
  int fd = connectTo(o);
  if (fd < 0) {
    w->errors++;
    w->first_error = "connect failed";
    return;
  }
  std::mt19937_64 rng(index * 7919 + 1);
  std::string prefix = "{\"query\":" + nlohmann::json(o.query).dump();
  if (!o.token.empty()) prefix += ",\"token\":" + nlohmann::json(o.token).dump();
  std::string buffer;
  char chunk[65536];
  for (uint64_t n = 0; std::chrono::steady_clock::now() < end; ++n) {
    std::string request = prefix + ",\"id\":" + std::to_string(n);
    if (!o.int_param.empty())
      request += ",\"params\":{" + nlohmann::json(o.int_param).dump() + ":" +
                 std::to_string(static_cast<int64_t>(rng() % static_cast<uint64_t>(o.range))) + "}";
    request += "}\n";
    auto t0 = std::chrono::steady_clock::now();
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size()))
      break;
    size_t nl;
    while ((nl = buffer.find('\n')) == std::string::npos) {
      ssize_t got = recv(fd, chunk, sizeof chunk, 0);
      if (got <= 0) {
        close(fd);
        return;
      }
      buffer.append(chunk, got);
    }
    auto t1 = std::chrono::steady_clock::now();
    if (std::string_view(buffer.data(), nl).find("\"error\":{") != std::string_view::npos) {
      if (w->errors++ == 0) w->first_error = buffer.substr(0, nl);
    }
    buffer.erase(0, nl + 1);
    w->latencies_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  close(fd);
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = std::min(v.size() - 1, static_cast<size_t>(p * v.size()));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--host")
      o.host = next();
    else if (a == "--port")
      o.port = std::atoi(next().c_str());
    else if (a == "--connections")
      o.connections = std::atoi(next().c_str());
    else if (a == "--seconds")
      o.seconds = std::atof(next().c_str());
    else if (a == "--query")
      o.query = next();
    else if (a == "--int-param")
      o.int_param = next();
    else if (a == "--range")
      o.range = std::max<int64_t>(1, std::atoll(next().c_str()));
    else if (a == "--token")
      o.token = next();
    else {
      std::fprintf(
          stderr,
          "usage: server-bench --port N [--host H] [--connections C] [--seconds S] [--query Q]\n"
          "                    [--int-param NAME --range N] [--token T]\n");
      return 2;
    }
  }
  if (o.port <= 0) {
    std::fprintf(stderr, "--port is required\n");
    return 2;
  }
  std::vector<Worker> workers(o.connections);
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  auto end = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(o.seconds));
  for (int i = 0; i < o.connections; ++i)
    threads.emplace_back(runWorker, std::cref(o), i, end, &workers[i]);
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  uint64_t errors = 0;
  std::string first_error;
  for (auto& w : workers) {
    all.insert(all.end(), w.latencies_us.begin(), w.latencies_us.end());
    errors += w.errors;
    if (first_error.empty()) first_error = w.first_error;
  }
  double p50 = percentile(all, 0.50), p99 = percentile(all, 0.99);
  std::printf(
      "{\"connections\":%d,\"queries\":%zu,\"seconds\":%.2f,\"qps\":%.0f,\"p50_us\":%.1f,\"p99_"
      "us\":%.1f,\"errors\":%llu}\n",
      o.connections, all.size(), elapsed, all.size() / elapsed, p50, p99,
      static_cast<unsigned long long>(errors));
  if (errors) std::fprintf(stderr, "first error: %s\n", first_error.c_str());
  return errors ? 1 : 0;
}
