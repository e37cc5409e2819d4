// service/web_archive.h
//
// The web archive inside `omvarld run`: when the configuration has [web],
// its own connection to the database (used on the event-loop thread only,
// while the worker has the other), the Site the pages read and the HTTP
// server listening on the daemon's io_context (web/http_server.h).
//
// An archive that cannot start (the port is taken, the database does not
// open) is logged as an error and left off: the daemon goes on polling and
// mailing, which matters more, and the next reload or restart tries again.

#pragma once

#include <memory>

#include "config/config.h"
#include "core/clock.h"

namespace boost::asio {
class io_context;
}

namespace omvarld::service {

class WebArchive {
 public:
  WebArchive(boost::asio::io_context& loop, const core::Clock& clock);
  ~WebArchive();
  WebArchive(const WebArchive&) = delete;
  WebArchive& operator=(const WebArchive&) = delete;

  // Brings the archive in line with `config`, at start and after each
  // applied reload: started when [web] appears, stopped when it goes, the
  // listener moved when `listen` changes; otherwise the pages simply see the
  // new configuration from the next request on.
  void apply(std::shared_ptr<const config::Config> config);

  // Stops accepting, closes every connection and the database (SIGTERM).
  void stop();

  // The port listened on; 0 when the archive is off.
  std::uint16_t port() const;

 private:
  struct Running;
  void start(std::shared_ptr<const config::Config> config);

  boost::asio::io_context& loop_;
  const core::Clock& clock_;
  std::unique_ptr<Running> running_;
};

}  // namespace omvarld::service
