// server/connection.h — one client connection of entente-server.
//
// Reads newline-delimited requests asynchronously (a client that stalls mid-line holds no
// thread), answers every complete line in order, and writes the answers back in one batch.
// All of a connection's handlers run on its own strand, so it needs no locks; queries run
// inline on the io_context's thread pool, so different connections run in parallel.
// A line longer than the limit is answered with LimitExceeded and the connection closed (the
// stream cannot be resynchronised). On shutdown, complete requests already received are
// still answered before the connection closes.
#pragma once

// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
// clang-format off
#include <utility>
#include <boost/asio.hpp>
// clang-format on

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "server/request.h"

namespace entente::server {

class Server;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server& server, boost::asio::ip::tcp::socket socket, uint64_t number);
  void start();
  //! Graceful stop (thread-safe): answer what was received, then close.
  void stop();
  //! Closes the connection if it has waited for input longer than `idle` (thread-safe).
  void closeIfIdle(std::chrono::steady_clock::time_point now, std::chrono::milliseconds idle);
  //! Rolls back its open transaction if it has waited for input longer than `idle`
  //! (thread-safe); the client's next statement is told why.
  void expireIdleTransaction(std::chrono::steady_clock::time_point now,
                             std::chrono::milliseconds idle);
  const std::string& peer() const { return peer_; }

 private:
  void doRead();
  void onRead(const boost::system::error_code& ec, size_t n);
  //! Answers buffered complete lines, then writes, reads more, or closes.
  void process();
  void doWrite();
  void drainAndClose();
  void drain(std::shared_ptr<boost::asio::steady_timer> timer);
  void close(const char* why);

  Server& server_;
  Session session_;
  boost::asio::ip::tcp::socket socket_;
  std::string peer_;
  std::string in_;      // received bytes not yet answered
  size_t scanned_ = 0;  // in_[0, scanned_) holds no '\n'
  std::string out_;     // responses being written
  char read_buf_[16384];
  bool reading_ = false;
  bool stopping_ = false;
  bool close_after_write_ = false;
  bool closed_ = false;
  std::chrono::steady_clock::time_point last_activity_;
};

}  // namespace entente::server
