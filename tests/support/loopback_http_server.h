// tests/support/loopback_http_server.h
//
// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for tests that
// must talk to a real socket. It serves canned responses by path (anything
// else is a 404), one connection at a time, on its own thread, and records
// each request's head and body (by its Content-Length). The destructor
// stops the thread and closes the socket.
// Header-only; POSIX.

#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace omvarld::testing {

struct CannedResponse {
  int status = 200;
  std::string reason = "OK";
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Content-Type", "…"}
  std::string body;
  // false: no Content-Length; the body ends when the connection closes.
  bool send_content_length = true;
};

class LoopbackHttpServer {
 public:
  // Routes map a request path ("/feed.xml", query included) to a response.
  // They are fixed at construction, so the serving thread needs no lock.
  explicit LoopbackHttpServer(std::map<std::string, CannedResponse> routes)
      : routes_(std::move(routes)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) throw std::runtime_error("loopback server: socket() failed");
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listener_);
      throw std::runtime_error("loopback server: bind/listen failed");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }

  ~LoopbackHttpServer() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
  }

  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }

  // "http://127.0.0.1:PORT" + path.
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // The request heads received so far (request line and headers).
  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  // The bodies of those requests, in the same order: as many bytes as the
  // request's Content-Length announced ("" for a GET).
  std::vector<std::string> bodies() const {
    std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  static constexpr int kPollMilliseconds = 20;

  void serve() {
    while (!stopping_) {
      pollfd waiting{listener_, POLLIN, 0};
      if (::poll(&waiting, 1, kPollMilliseconds) <= 0) continue;
      const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) continue;
      answer(connection);
      ::close(connection);
    }
  }

  void answer(int connection) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && !stopping_) {
      pollfd readable{connection, POLLIN, 0};
      if (::poll(&readable, 1, 2000) <= 0) return;
      const ssize_t received = ::recv(connection, buffer, sizeof buffer, 0);
      if (received <= 0) return;
      head.append(buffer, static_cast<std::size_t>(received));
    }
    const std::size_t head_end = head.find("\r\n\r\n");
    std::string body = head.substr(head_end + 4);
    const std::size_t length = content_length(head.substr(0, head_end));
    while (body.size() < length && !stopping_) {
      pollfd readable{connection, POLLIN, 0};
      if (::poll(&readable, 1, 2000) <= 0) break;
      const ssize_t received = ::recv(connection, buffer, sizeof buffer, 0);
      if (received <= 0) break;
      body.append(buffer, static_cast<std::size_t>(received));
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(head.substr(0, head_end));
      bodies_.push_back(body.substr(0, length));
    }
    const auto path_start = head.find(' ') + 1;
    const std::string path = head.substr(path_start, head.find(' ', path_start) - path_start);
    const auto route = routes_.find(path);
    const CannedResponse response =
        route != routes_.end() ? route->second : CannedResponse{404, "Not Found", {}, "not found", true};

    std::string message = "HTTP/1.1 " + std::to_string(response.status) + " " + response.reason + "\r\n";
    for (const auto& [name, value] : response.headers) message += name + ": " + value + "\r\n";
    if (response.send_content_length) {
      message += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    }
    message += "Connection: close\r\n\r\n" + response.body;
    std::size_t sent = 0;
    while (sent < message.size()) {
      // MSG_NOSIGNAL: a client that hangs up early must not kill the test with SIGPIPE.
      const ssize_t written = ::send(connection, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
      if (written <= 0) return;
      sent += static_cast<std::size_t>(written);
    }
  }

  // The Content-Length of a request head (any case), 0 when there is none.
  static std::size_t content_length(const std::string& head) {
    std::string lower;
    for (char c : head) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const std::size_t at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return static_cast<std::size_t>(std::strtoul(lower.c_str() + at + 17, nullptr, 10));
  }

  const std::map<std::string, CannedResponse> routes_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

}  // namespace omvarld::testing
