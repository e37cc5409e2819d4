// web/http_server.cpp — see web/http_server.h.

#include "web/http_server.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "core/ascii.h"
#include "core/safe_text.h"
#include "storage/item_store.h"
#include "web/page.h"
#include "web/post_rate_limit.h"
#include "web/request_target.h"

namespace omvarld::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

// After an answer that ends the connection with the request unread (413,
// 431), what the client still sends is read and dropped this long, so
// that closing does not reset the connection before it reads the answer.
constexpr auto kLingerTime = 1s;
constexpr std::size_t kLingerBytes = 256 * 1024;
// A path in the log is cut here: the log is for people.
constexpr std::size_t kLoggedPathBytes = 200;
// What a kept-alive connection reads at most while it waits for the next
// request's first bytes (the parser then reads the rest).
constexpr std::size_t kFirstReadBytes = 4096;
// Accepting again after an error such as "too many open files".
constexpr auto kAcceptRetry = 100ms;

Response server_error_page(int status) {
  switch (status) {
    case 400: return error_page(400, "Adressen eller formuläret innehåller tecken som inte går att läsa.");
    case 404: return error_page(404, "Det finns ingen sida på den här adressen.");
    case 405: return error_page(405, "Den här sidan kan inte ta emot den sortens begäran.");
    case 413: return error_page(413, "Begäran är större än vad arkivet tar emot.");
    case 431: return error_page(431, "Begärans huvuden är för stora.");
    default: return error_page(500, "Ett fel uppstod när sidan skulle visas. Försök igen om en stund.");
  }
}

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

bool is_html(std::string_view content_type) {
  return core::starts_with_ascii_nocase(content_type, "text/html");
}

bool is_form(std::string_view content_type) {
  return core::starts_with_ascii_nocase(content_type, "application/x-www-form-urlencoded");
}

// Whether `error` is Beast's verdict on what the client sent (400, 413,
// 431), rather than the connection going away or a timeout.
bool is_parse_error(const beast::error_code& error) {
  return error.category() == http::make_error_code(http::error::bad_target).category() &&
         error != http::error::end_of_stream && error != http::error::partial_message;
}

// An accept that failed for the one connection (its client gave up before
// it was accepted), not for the listener: accept the next one at once.
bool is_one_connection_lost(const beast::error_code& error) {
  return error == asio::error::connection_aborted || error == asio::error::connection_reset ||
         error == asio::error::connection_refused;
}

}  // namespace

class HttpConnection;

struct HttpServer::State {
  State(asio::io_context& io_context, std::vector<Route> all_routes, Site& the_site,
        ServerLimits the_limits)
      : io(io_context),
        routes(std::move(all_routes)),
        site(the_site),
        limits(the_limits),
        acceptor(io_context),
        accept_retry(io_context),
        refused_report(io_context),
        address_posts(limits.post_burst * std::max(1, limits.post_address_factor),
                      limits.post_refill / std::max(1, limits.post_address_factor),
                      limits.max_rate_limited_clients),
        sender_posts(limits.post_burst, limits.post_refill, limits.max_rate_limited_clients) {}

  asio::io_context& io;
  std::vector<Route> routes;
  Site& site;
  ServerLimits limits;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry;
  asio::steady_timer refused_report;  // runs while refused connections wait to be logged
  std::size_t refused = 0;            // since the last report
  PostRateLimit address_posts;  // every POST, by client address
  PostRateLimit sender_posts;   // charged by pages, by the sender they verified
  std::map<HttpConnection*, std::weak_ptr<HttpConnection>> sessions;
  std::uint16_t port = 0;
  bool stopped = false;
};

namespace {

using State = HttpServer::State;

}  // namespace

// One connection: reads requests one after another (keep-alive), answers
// each, and closes on an error, a timeout or when either side asks.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(std::shared_ptr<State> state, tcp::socket socket, std::string client)
      : state_(std::move(state)), stream_(std::move(socket)), client_(std::move(client)) {}

  ~HttpConnection() { state_->sessions.erase(this); }

  void start() { read_request(state_->limits.request_timeout); }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

 private:
  void read_request(std::chrono::milliseconds timeout) {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_->limits.max_header_bytes));
    parser_->body_limit(state_->limits.max_body_bytes);
    stream_.expires_after(timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_read(error);
                     });
  }

  void on_read(beast::error_code error) {
    started_ = std::chrono::steady_clock::now();
    // A read that completed just before stop(): the Site may be gone.
    if (state_->stopped) return close();
    if (error == beast::error::timeout) {
      // The message-less close a slow or idle client gets.
      spdlog::debug("web: closed a connection from {}: no complete request in time", client_);
      return close();
    }
    if (error == http::error::header_limit) return refuse(431, "-");
    if (error == http::error::body_limit) return refuse(413, view(parser_->get().method_string()));
    if (error && is_parse_error(error)) return refuse(400, "-");
    if (error) {
      // The client closed or reset the connection (between requests or in
      // the middle of one): nothing to answer, nothing wrong here.
      spdlog::debug("web: connection from {} ended: {}", client_, error.message());
      return close();
    }
    handle(parser_->release());
  }

  // Answers a request that could not be read in full and closes.
  void refuse(int status, std::string_view method) {
    method_ = std::string(method);
    path_ = "-";
    send(server_error_page(status), /*keep_alive=*/false, /*head=*/false, /*linger=*/true);
  }

  void handle(http::request<http::string_body> request) {
    method_ = std::string(view(request.method_string()));
    const std::string_view target(request.target().data(), request.target().size());
    path_ = core::safe_log_text(path_of(target).substr(0, kLoggedPathBytes));
    const bool head = request.method() == http::verb::head;
    Response response = respond(request, target);
    send(std::move(response), request.keep_alive(), head, /*linger=*/false);
  }

  Response respond(const http::request<http::string_body>& beast_request, std::string_view target) {
    Request request;
    request.method = method_;
    request.client = client_;
    if (method_ == "POST") {
      if (auto wait = state_->address_posts.take(client_, std::chrono::steady_clock::now())) {
        return too_many_posts(*wait);
      }
      request.charge_post = [state = state_.get()](const std::string& key) {
        return state->sender_posts.take(key, std::chrono::steady_clock::now());
      };
    }
    const auto segments = path_segments(path_of(target));
    auto query = parse_urlencoded(query_of(target));
    if (!segments || !query) return server_error_page(400);
    request.query = std::move(*query);
    request.path = "/";
    for (std::size_t i = 0; i < segments->size(); ++i) {
      request.path += (i > 0 ? "/" : "") + (*segments)[i];
    }
    if (method_ == "POST" && is_form(view(beast_request[http::field::content_type]))) {
      auto form = parse_urlencoded(beast_request.body());
      if (!form) return server_error_page(400);
      request.form = std::move(*form);
    }

    const std::string wanted = method_ == "HEAD" ? "GET" : method_;
    std::set<std::string> allowed;
    for (const Route& route : state_->routes) {
      auto params = match_pattern(route.pattern, *segments);
      if (!params) continue;
      if (route.method == wanted) {
        request.path_params = std::move(*params);
        return call(route, request);
      }
      allowed.insert(route.method);
      if (route.method == "GET") allowed.insert("HEAD");
    }
    if (allowed.empty()) return server_error_page(404);
    Response refused = server_error_page(405);
    std::string allow;
    for (const std::string& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    refused.headers.emplace_back("Allow", allow);
    return refused;
  }

  Response call(const Route& route, const Request& request) {
    storage::ItemStore& store = state_->site.store;
    store.set_deadline(std::chrono::steady_clock::now() + state_->limits.query_budget);
    struct Lift {
      storage::ItemStore& store;
      ~Lift() { store.set_deadline(std::nullopt); }
    } lift{store};
    try {
      return route.handler(request, state_->site);
    } catch (const std::exception& e) {
      // The message may quote what the visitor sent.
      spdlog::error("web: {} {} from {} failed: {}", method_, path_, client_,
                    core::safe_log_text(e.what()));
    } catch (...) {
      spdlog::error("web: {} {} from {} failed", method_, path_, client_);
    }
    return server_error_page(500);
  }

  void send(Response page, bool keep_alive, bool head, bool linger) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(page.status));
    response_.set(http::field::content_type, page.content_type);
    response_.set("Content-Security-Policy", kContentSecurityPolicy);
    response_.set("X-Content-Type-Options", "nosniff");
    response_.set("Referrer-Policy", "same-origin");
    response_.set("X-Frame-Options", "DENY");
    if (is_html(page.content_type)) response_.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : page.headers) response_.set(name, value);
    response_.body() = std::move(page.body);
    response_.keep_alive(keep_alive && !state_->stopped);
    response_.prepare_payload();
    if (head) response_.body().clear();  // Content-Length stays that of GET
    status_ = page.status;
    stream_.expires_after(state_->limits.write_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), linger](beast::error_code error, std::size_t) {
                        self->on_written(error, linger);
                      });
  }

  void on_written(beast::error_code error, bool linger) {
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started_);
    if (error) {
      // The client went away before it had the answer.
      spdlog::debug("web: {} {} {} {} ms {}: not delivered: {}", method_, path_, status_,
                    took.count(), client_, error.message());
      return close();
    }
    spdlog::info("web: {} {} {} {} ms {}", method_, path_, status_, took.count(), client_);
    if (linger) return linger_close();
    if (!response_.keep_alive()) return close();
    await_next_request();
  }

  // A kept-alive connection waits idle_timeout for the first byte of its
  // next request; from that byte on, the request has request_timeout to
  // arrive whole. (One deadline for both would cut a request that began
  // late in the idle wait short.) A pipelined request is there already.
  void await_next_request() {
    if (buffer_.size() > 0) return read_request(state_->limits.request_timeout);
    stream_.expires_after(state_->limits.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(kFirstReadBytes),
        [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
          self->buffer_.commit(bytes);
          if (self->state_->stopped) return self->close();
          if (error == beast::error::timeout) {
            spdlog::debug("web: closed an idle connection from {}", self->client_);
            return self->close();
          }
          if (error) {
            spdlog::debug("web: connection from {} ended: {}", self->client_, error.message());
            return self->close();
          }
          self->read_request(self->state_->limits.request_timeout);
        });
  }

  void linger_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(drained_),
                            [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                              self->lingered_ += bytes;
                              if (error || self->lingered_ > kLingerBytes) return self->close();
                              self->drain();
                            });
  }

  std::shared_ptr<State> state_;
  beast::tcp_stream stream_;
  std::string client_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::chrono::steady_clock::time_point started_;
  std::string method_;
  std::string path_;
  int status_ = 0;
  std::array<char, 4096> drained_{};
  std::size_t lingered_ = 0;
};

namespace {

std::string said(std::chrono::milliseconds interval) {
  if (interval == std::chrono::minutes(1)) return "minute";
  if (interval.count() % 1000 == 0) return std::to_string(interval.count() / 1000) + " s";
  return std::to_string(interval.count()) + " ms";
}

// Counts a connection refused over the limit; the first of an interval
// starts the timer that logs them all in one line when it ends.
void count_refused(const std::shared_ptr<State>& state) {
  if (state->refused++ > 0) return;
  state->refused_report.expires_after(state->limits.refused_log_interval);
  state->refused_report.async_wait([state](beast::error_code waited) {
    if (waited || state->stopped) return;
    spdlog::warn("web: refused {} connection{} in the last {}: limit {} open", state->refused,
                 state->refused == 1 ? "" : "s", said(state->limits.refused_log_interval),
                 state->limits.max_connections);
    state->refused = 0;
  });
}

void accept_next(const std::shared_ptr<State>& state) {
  state->acceptor.async_accept([state](beast::error_code error, tcp::socket socket) {
    if (state->stopped) return;
    if (is_one_connection_lost(error)) {
      spdlog::debug("web: a connection ended before it was accepted: {}", error.message());
      return accept_next(state);
    }
    if (error) {
      spdlog::warn("web: accepting a connection failed: {}", error.message());
      state->accept_retry.expires_after(kAcceptRetry);
      state->accept_retry.async_wait([state](beast::error_code waited) {
        if (!waited && !state->stopped) accept_next(state);
      });
      return;
    }
    beast::error_code ignored;
    if (state->sessions.size() >= state->limits.max_connections) {
      count_refused(state);
      socket.close(ignored);
    } else {
      const tcp::endpoint peer = socket.remote_endpoint(ignored);
      const std::string client = peer.address().to_string();
      auto session = std::make_shared<HttpConnection>(state, std::move(socket), client);
      state->sessions.emplace(session.get(), session);
      session->start();
    }
    accept_next(state);
  });
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, std::vector<Route> routes, Site& site,
                       ServerLimits limits)
    : state_(std::make_shared<State>(io, std::move(routes), site, limits)) {}

HttpServer::~HttpServer() { stop(); }

Result<void> HttpServer::listen(const std::string& host, std::uint16_t port) {
  beast::error_code error;
  const asio::ip::address address = asio::ip::make_address(host, error);
  if (error) return fail(Errc::kInvalidConfig, "web: " + host + " is not an IP address");
  const tcp::endpoint endpoint(address, port);
  tcp::acceptor& acceptor = state_->acceptor;
  const std::string where = endpoint.address().is_v6()
                                ? "[" + host + "]:" + std::to_string(port)
                                : host + ":" + std::to_string(port);
  if (acceptor.open(endpoint.protocol(), error) ||
      acceptor.set_option(asio::socket_base::reuse_address(true), error) ||
      acceptor.bind(endpoint, error) || acceptor.listen(asio::socket_base::max_listen_connections, error)) {
    beast::error_code ignored;
    acceptor.close(ignored);
    return fail(Errc::kInvalidConfig, "web: cannot listen on " + where + ": " + error.message());
  }
  state_->port = acceptor.local_endpoint(error).port();
  state_->stopped = false;
  accept_next(state_);
  return {};
}

std::uint16_t HttpServer::port() const { return state_->port; }

void HttpServer::stop() {
  state_->stopped = true;
  beast::error_code ignored;
  state_->acceptor.close(ignored);
  state_->accept_retry.cancel();
  state_->refused_report.cancel();
  state_->refused = 0;  // the cancelled report's count: a later listen starts afresh
  // Closing may end a session (and erase it): walk a copy.
  const auto sessions = state_->sessions;
  for (const auto& [raw, weak] : sessions) {
    if (auto session = weak.lock()) session->close();
  }
}

}  // namespace omvarld::web
