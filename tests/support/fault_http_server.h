// tests/support/fault_http_server.h
//
// An HTTP/1.1 server on 127.0.0.1 (ephemeral port) that misbehaves on
// request, for the fetch engine's fault table: per path it serves a fixed
// answer, answers conditional requests with 304, drips its body a few bytes
// at a time, stalls (accepts and never answers), or answers late. Each
// connection has its own thread and is kept alive between requests, so a
// test can see connection reuse; the server records every request (with its
// connection number) and the most connections it had open at once.
// Anything that does not start like an HTTP request (a TLS ClientHello) gets
// a 400 and a closed connection. The destructor stops every thread.
// Header-only; POSIX.

#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace omvarld::testing {

struct FaultRoute {
  enum class Mode {
    kWhole,           // the answer at once, with Content-Length
    kCloseDelimited,  // no Content-Length: the body ends when the connection closes
    kDrip,            // Content-Length, then drip_bytes every drip_interval
    kStall,           // read the request, never answer
  };
  int status = 200;
  std::string reason = "OK";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Mode mode = Mode::kWhole;
  std::chrono::milliseconds delay{0};  // before answering
  std::size_t drip_bytes = 1;
  std::chrono::milliseconds drip_interval{100};
  // When set, sent with the answer; a request whose If-None-Match equals
  // `etag`, or whose If-Modified-Since equals `last_modified`, gets a 304.
  std::string etag;
  std::string last_modified;
};

struct RecordedRequest {
  int connection = 0;  // 1 for the first connection accepted, and so on
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;

  // The value of header `name` (any case), or "" when it was not sent.
  std::string header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                     [](char a, char b) { return lower(a) == lower(b); })) {
        return value;
      }
    }
    return {};
  }

  static char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
};

class FaultHttpServer {
 public:
  // Routes map a request target ("/feed.xml") to its behaviour; anything
  // else is a 404. Fixed at construction, so threads read them unlocked.
  explicit FaultHttpServer(std::map<std::string, FaultRoute> routes) : routes_(std::move(routes)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) throw std::runtime_error("fault server: socket() failed");
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listener_);
      throw std::runtime_error("fault server: bind/listen failed");
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_connections(); });
  }

  ~FaultHttpServer() {
    stopping_ = true;
    acceptor_.join();
    for (std::thread& connection : connections_) connection.join();
    ::close(listener_);
  }

  FaultHttpServer(const FaultHttpServer&) = delete;
  FaultHttpServer& operator=(const FaultHttpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int connections_accepted() const { return accepted_; }
  int max_simultaneous_connections() const { return max_open_; }
  // The most requests received and not yet fully answered at one time.
  int max_simultaneous_requests() const { return max_answering_; }

 private:
  static constexpr int kPollMilliseconds = 10;

  void accept_connections() {
    while (!stopping_) {
      pollfd waiting{listener_, POLLIN, 0};
      if (::poll(&waiting, 1, kPollMilliseconds) <= 0) continue;
      const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) continue;
      const int number = ++accepted_;
      raise_peak(max_open_, ++open_);
      connections_.emplace_back([this, connection, number] {
        serve(connection, number);
        ::close(connection);
        --open_;
      });
    }
  }

  static void raise_peak(std::atomic<int>& peak, int now) {
    int seen = peak;
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
  }

  // Waits until `connection` is readable; false when the server stops.
  bool wait_readable(int connection) {
    while (!stopping_) {
      pollfd readable{connection, POLLIN, 0};
      const int ready = ::poll(&readable, 1, kPollMilliseconds);
      if (ready < 0) return false;
      if (ready > 0) return true;
    }
    return false;
  }

  bool send_all(int connection, std::string_view data) {
    while (!data.empty()) {
      // MSG_NOSIGNAL: a client that hangs up early must not kill the test with SIGPIPE.
      const ssize_t written = ::send(connection, data.data(), data.size(), MSG_NOSIGNAL);
      if (written <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
  }

  // Sleeps for `duration` in small steps; false when the server stops.
  bool pause(std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
      if (stopping_) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(kPollMilliseconds, duration.count())));
    }
    return !stopping_;
  }

  void serve(int connection, int number) {
    std::string pending;
    char buffer[4096];
    while (true) {
      while (pending.find("\r\n\r\n") == std::string::npos) {
        if (!pending.empty() && !(pending[0] >= 'A' && pending[0] <= 'Z')) {
          send_all(connection, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
          return;
        }
        if (!wait_readable(connection)) return;
        const ssize_t received = ::recv(connection, buffer, sizeof buffer, 0);
        if (received <= 0) return;  // the client closed the connection
        pending.append(buffer, static_cast<std::size_t>(received));
      }
      const std::size_t head_end = pending.find("\r\n\r\n");
      RecordedRequest request = parse(pending.substr(0, head_end), number);
      pending.erase(0, head_end + 4);
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      raise_peak(max_answering_, ++answering_);
      const bool keep_open = answer(connection, request);
      --answering_;
      if (!keep_open) return;
    }
  }

  static RecordedRequest parse(const std::string& head, int number) {
    RecordedRequest request;
    request.connection = number;
    std::size_t line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    const std::size_t first_space = request_line.find(' ');
    const std::size_t second_space = request_line.find(' ', first_space + 1);
    request.method = request_line.substr(0, first_space);
    request.target = request_line.substr(first_space + 1, second_space - first_space - 1);
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers.emplace_back(line.substr(0, colon), value);
    }
    return request;
  }

  // Answers one request; false when the connection is to be closed.
  bool answer(int connection, const RecordedRequest& request) {
    const auto route = routes_.find(request.target);
    FaultRoute fault;
    if (route != routes_.end()) {
      fault = route->second;
    } else {
      fault.status = 404;
      fault.reason = "Not Found";
      fault.body = "not found";
    }
    if (!pause(fault.delay)) return false;
    if (fault.mode == FaultRoute::Mode::kStall) {
      char discarded[256];
      while (wait_readable(connection)) {
        if (::recv(connection, discarded, sizeof discarded, 0) <= 0) return false;
      }
      return false;
    }
    const bool not_modified =
        (!fault.etag.empty() && request.header("If-None-Match") == fault.etag) ||
        (!fault.last_modified.empty() && request.header("If-Modified-Since") == fault.last_modified);
    std::string head = not_modified ? "HTTP/1.1 304 Not Modified\r\n"
                                    : "HTTP/1.1 " + std::to_string(fault.status) + " " + fault.reason + "\r\n";
    if (!fault.etag.empty()) head += "ETag: " + fault.etag + "\r\n";
    if (!fault.last_modified.empty()) head += "Last-Modified: " + fault.last_modified + "\r\n";
    if (not_modified) return send_all(connection, head + "\r\n");
    for (const auto& [name, value] : fault.headers) head += name + ": " + value + "\r\n";
    if (fault.mode == FaultRoute::Mode::kCloseDelimited) {
      send_all(connection, head + "Connection: close\r\n\r\n" + fault.body);
      return false;
    }
    head += "Content-Length: " + std::to_string(fault.body.size()) + "\r\n\r\n";
    if (fault.mode == FaultRoute::Mode::kWhole) return send_all(connection, head + fault.body);
    if (!send_all(connection, head)) return false;
    for (std::size_t sent = 0; sent < fault.body.size(); sent += fault.drip_bytes) {
      if (!pause(fault.drip_interval)) return false;
      if (!send_all(connection, std::string_view(fault.body).substr(sent, fault.drip_bytes))) return false;
    }
    return true;
  }

  const std::map<std::string, FaultRoute> routes_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> open_{0};
  std::atomic<int> max_open_{0};
  std::atomic<int> answering_{0};
  std::atomic<int> max_answering_{0};
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::thread acceptor_;
  std::vector<std::thread> connections_;  // touched by the acceptor thread, then the destructor
};

}  // namespace omvarld::testing
