// server/server.h — entente-server: the query language over TCP, newline-delimited JSON.
//
// One io_context runs on a pool of threads; each connection's handlers run on its own
// strand and execute queries inline, so clients are served in parallel (the Database lets
// reads run concurrently and serialises writes). A single acceptor enforces the connection
// limit; a sweeper closes connections idle past the idle timeout and rolls back transactions
// idle past the transaction timeout. SIGTERM/SIGINT stop the
// acceptor, let every connection answer what it has received, and return from run() once
// the last one has closed: a response is only sent after its write committed.
#pragma once

// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
// clang-format off
#include <utility>
#include <boost/asio.hpp>
// clang-format on

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/request.h"

namespace entente::server {

class Connection;

struct ServerOptions {
  std::string db_path;
  std::string bind = "127.0.0.1";
  int port = 7687;
  std::string token;
  Limits limits;
  size_t max_connections = 256;
  int threads = 0;  // 0: two per core, at least 4
  std::chrono::milliseconds idle_timeout{300000};
  //! An open transaction waiting longer than this for its connection's next request is
  //! rolled back (0: never).
  std::chrono::milliseconds transaction_timeout{60000};
};

class Server {
 public:
  Server(Database& db, const ServerOptions& options);
  ~Server();
  //! Binds and listens; false (and logs why) on failure. port() is then the bound port.
  bool listen();
  int port() const { return port_; }
  //! Serves until SIGTERM/SIGINT (or stop()), then drains and returns.
  void run();
  //! Starts the graceful stop (thread-safe).
  void stop();

  RequestHandler& handler() { return handler_; }
  //! Called by a connection when it closes.
  void forget(Connection* connection, const char* why);

 private:
  void doAccept();
  void sweep();
  void reject(boost::asio::ip::tcp::socket socket);

  ServerOptions options_;
  RequestHandler handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer sweeper_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> next_number_{1};
  std::mutex mu_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
};

}  // namespace entente::server
