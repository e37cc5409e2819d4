// web/http.h
//
// The contract between the web archive's server (web/http_server.h: Boost.Beast
// on the daemon's io_context, limits, headers, the request log) and its pages:
// a page is a Handler, a pure-ish function from a parsed Request and the Site
// (what pages may read) to a Response. Pages never see Beast; the server never
// sees HTML. Each area of the archive exports its routes as data
// (`std::vector<Route> official_routes()` and so on); the server takes them all.

#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/clock.h"

namespace omvarld::storage {
class ItemStore;
}

namespace omvarld::web {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;                    // "GET", "HEAD" or "POST"
  std::string path;                      // percent-decoded, without the query
  std::vector<std::string> path_params;  // the values of a Route pattern's "{}" segments
  Fields query;                          // percent-decoded, in order
  Fields form;                           // a POST's application/x-www-form-urlencoded body
  std::string client;                    // the peer's address, for the rate limit and the log
  // Charges one POST to the budget of `key` (the server's, ServerLimits):
  // nullopt when it had room, else how long until it has (Retry-After). A
  // page calls it with what identifies the sender once it has verified it
  // (the recipient a feedback token names), since behind the reverse proxy
  // every official shares one address. Unset (a page called directly in a
  // test): always room.
  std::function<std::optional<std::chrono::seconds>(const std::string& key)> charge_post;

  // The first value of `name` in the query, then in the form.
  std::optional<std::string> param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  Fields headers;  // beside those the server sets on every response (CSP, nosniff, ...)
};

// What a page may read and use. Owned by the server for the daemon's
// lifetime and used only on the daemon's event-loop thread.
struct Site {
  std::shared_ptr<const config::Config> config;  // replaced on SIGHUP
  storage::ItemStore& store;                     // the web's own connection to the database
  const core::Clock& clock;
  std::filesystem::path state_directory;         // the database's folder (the feedback key lives here)
};

// How long the web's own connection waits for the poll's write lock: it
// runs on the daemon's event loop, so a vote must not stall the loop for
// seconds; a page that meets the lock longer answers 503 (web/page.h).
inline constexpr std::chrono::milliseconds kArchiveBusyTimeout{200};

using Handler = std::function<Response(const Request&, Site&)>;

// A pattern is a path whose segments are literals or "{}" (one segment,
// percent-decoded, handed to the handler in Request::path_params):
// "/namnd/{}/digest/{}".
struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
};

}  // namespace omvarld::web
