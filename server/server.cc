#include "server/server.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "server/connection.h"

namespace entente::server {

namespace asio = boost::asio;
using asio::ip::tcp;

Server::Server(Database& db, const ServerOptions& options)
    : options_(options),
      handler_(db, options.limits, options.token),
      acceptor_(io_),
      signals_(io_, SIGINT, SIGTERM),
      sweeper_(io_) {}

Server::~Server() = default;

bool Server::listen() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.bind, ec);
  if (ec) {
    logLine("invalid --bind address " + options_.bind + ": " + ec.message());
    return false;
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    logLine("cannot listen on " + options_.bind + ":" + std::to_string(options_.port) + ": " +
            ec.message());
    return false;
  }
  port_ = acceptor_.local_endpoint().port();
  return true;
}

void Server::run() {
  signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    logLine(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
            ": finishing in-flight requests");
    stop();
  });
  doAccept();
  sweep();
  // Queries run on these threads; more threads than cores keeps small queries flowing while
  // a few long ones run (the default).
  int n = options_.threads > 0
              ? options_.threads
              : static_cast<int>(std::max(4u, 2 * std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int i = 1; i < n; ++i) pool.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : pool) t.join();
}

void Server::stop() {
  asio::post(io_, [this] {
    if (stopping_.exchange(true)) return;
    boost::system::error_code ec;
    acceptor_.close(ec);
    signals_.cancel(ec);
    sweeper_.cancel();
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& [ptr, weak] : connections_)
        if (auto c = weak.lock()) live.push_back(std::move(c));
    }
    for (auto& c : live) c->stop();
  });
}

void Server::doAccept() {
  acceptor_.async_accept(
      asio::make_strand(io_), [this](const boost::system::error_code& ec, tcp::socket socket) {
        if (stopping_) return;
        if (ec) {
          if (ec != asio::error::operation_aborted) logLine("accept failed: " + ec.message());
        } else {
          std::shared_ptr<Connection> connection;
          {
            std::lock_guard<std::mutex> lock(mu_);
            if (connections_.size() < options_.max_connections) {
              connection = std::make_shared<Connection>(*this, std::move(socket), next_number_++);
              connections_[connection.get()] = connection;
            }
          }
          if (connection) {
            logLine(connection->peer() + ": connected");
            connection->start();
          } else {
            reject(std::move(socket));
          }
        }
        if (!stopping_) doAccept();
      });
}

// Over the connection limit: one error line, then close.
void Server::reject(tcp::socket socket) {
  logLine("connection refused: " + std::to_string(options_.max_connections) +
          " connections already open");
  auto s = std::make_shared<tcp::socket>(std::move(socket));
  auto line = std::make_shared<std::string>(errorLine(
      "null",
      Error(ErrorCode::kLimitExceeded, "too many connections (the server allows " +
                                           std::to_string(options_.max_connections) + ")")));
  asio::async_write(*s, asio::buffer(*line), [s, line](const boost::system::error_code&, size_t) {
    boost::system::error_code ec;
    s->shutdown(tcp::socket::shutdown_both, ec);
    s->close(ec);
  });
}

void Server::forget(Connection* connection, const char* why) {
  logLine(connection->peer() + ": disconnected (" + why + ")");
  std::lock_guard<std::mutex> lock(mu_);
  connections_.erase(connection);
}

void Server::sweep() {
  const auto idle = options_.idle_timeout, txn_idle = options_.transaction_timeout;
  if ((idle.count() <= 0 && txn_idle.count() <= 0) || stopping_) return;
  std::chrono::milliseconds every(1000);
  for (auto t : {idle, txn_idle})
    if (t.count() > 0) every = std::min(every, t);
  sweeper_.expires_after(every);
  sweeper_.async_wait([this, idle, txn_idle](const boost::system::error_code& ec) {
    if (ec || stopping_) return;
    auto now = std::chrono::steady_clock::now();
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& [ptr, weak] : connections_)
        if (auto c = weak.lock()) live.push_back(std::move(c));
    }
    for (auto& c : live) {
      if (txn_idle.count() > 0) c->expireIdleTransaction(now, txn_idle);
      if (idle.count() > 0) c->closeIfIdle(now, idle);
    }
    sweep();
  });
}

}  // namespace entente::server
