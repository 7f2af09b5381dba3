#include "server/connection.h"

#include "server/server.h"

namespace entente::server {

namespace asio = boost::asio;

Connection::Connection(Server& server, asio::ip::tcp::socket socket, uint64_t number)
    : server_(server),
      session_(server.handler().database()),
      socket_(std::move(socket)),
      last_activity_(std::chrono::steady_clock::now()) {
  boost::system::error_code ec;
  auto ep = socket_.remote_endpoint(ec);
  peer_ = "#" + std::to_string(number) + " " +
          (ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port()));
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
}

void Connection::start() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->doRead(); });
}

void Connection::stop() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // Waiting for input: nothing is in flight (a partial line is not a request yet).
    if (self->reading_) self->close("server shutting down");
  });
}

void Connection::closeIfIdle(std::chrono::steady_clock::time_point now,
                             std::chrono::milliseconds idle) {
  asio::post(socket_.get_executor(), [self = shared_from_this(), now, idle] {
    if (self->reading_ && now - self->last_activity_ > idle) self->close("idle timeout");
  });
}

void Connection::expireIdleTransaction(std::chrono::steady_clock::time_point now,
                                       std::chrono::milliseconds idle) {
  asio::post(socket_.get_executor(), [self = shared_from_this(), now, idle] {
    if (!self->reading_ || self->closed_ || now - self->last_activity_ <= idle) return;
    if (self->session_.expire("idle for more than " + std::to_string(idle.count()) + " ms"))
      logLine(self->peer_ + ": rolled back its transaction (idle timeout)");
  });
}

void Connection::doRead() {
  if (closed_) return;
  reading_ = true;
  socket_.async_read_some(asio::buffer(read_buf_),
                          [self = shared_from_this()](const boost::system::error_code& ec,
                                                      size_t n) { self->onRead(ec, n); });
}

void Connection::onRead(const boost::system::error_code& ec, size_t n) {
  reading_ = false;
  if (closed_) return;
  if (ec) {
    close(ec == asio::error::eof ? "closed by client" : "read error");
    return;
  }
  last_activity_ = std::chrono::steady_clock::now();
  in_.append(read_buf_, n);
  process();
}

void Connection::process() {
  const Limits& limits = server_.handler().limits();
  size_t start = 0;
  int answered = 0;
  // Answer up to a batch of complete lines, then write them together (pipelining-friendly,
  // and a long pipeline still gets its first answers early).
  while (answered < 64 && out_.size() < (1u << 20)) {
    size_t nl = in_.find('\n', std::max(start, scanned_));
    if (nl == std::string::npos) break;
    scanned_ = 0;
    std::string_view line(in_.data() + start, nl - start);
    start = nl + 1;
    if (line.size() > limits.max_request_bytes) {
      out_ += errorLine("null", Error(ErrorCode::kLimitExceeded,
                                      "request line longer than " +
                                          std::to_string(limits.max_request_bytes) + " bytes"));
      close_after_write_ = true;
      break;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos)
      continue;  // blank line: no request
    out_ += server_.handler().handle(line, peer_, session_);
    ++answered;
  }
  in_.erase(0, start);
  if (!close_after_write_ && in_.find('\n') == std::string::npos) {
    scanned_ = in_.size();
    if (in_.size() > limits.max_request_bytes) {
      out_ += errorLine("null", Error(ErrorCode::kLimitExceeded,
                                      "request line longer than " +
                                          std::to_string(limits.max_request_bytes) + " bytes"));
      close_after_write_ = true;
    }
  }
  if (!out_.empty()) {
    doWrite();
  } else if (stopping_) {
    close("server shutting down");
  } else {
    doRead();
  }
}

void Connection::doWrite() {
  asio::async_write(socket_, asio::buffer(out_),
                    [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                      self->out_.clear();
                      if (self->closed_) return;
                      if (ec) {
                        self->close("write error");
                      } else if (self->close_after_write_) {
                        self->drainAndClose();
                      } else {
                        self->process();
                      }
                    });
}

// Closing with unread input makes the kernel send a reset, which can destroy the error line
// before the client reads it: stop sending, discard input until the client closes (or 2 s).
void Connection::drainAndClose() {
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  auto timer =
      std::make_shared<asio::steady_timer>(socket_.get_executor(), std::chrono::seconds(2));
  timer->async_wait([self = shared_from_this()](const boost::system::error_code&) {
    self->close("request too long");
  });
  drain(std::move(timer));
}

void Connection::drain(std::shared_ptr<asio::steady_timer> timer) {
  socket_.async_read_some(
      asio::buffer(read_buf_),
      [self = shared_from_this(), timer](const boost::system::error_code& ec, size_t) {
        if (self->closed_) return;
        if (ec) {
          timer->cancel();
          self->close("request too long");
        } else {
          self->drain(timer);
        }
      });
}

void Connection::close(const char* why) {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  if (session_.rollback()) logLine(peer_ + ": rolled back its open transaction");
  server_.forget(this, why);
}

}  // namespace entente::server
