// service/web_archive.cpp — see service/web_archive.h.

#include "service/web_archive.h"

#include <filesystem>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "storage/item_store.h"
#include "web/http_server.h"
#include "web/routes.h"

namespace omvarld::service {

namespace {

std::string address_of(const config::WebSection& web) {
  const bool v6 = web.host.find(':') != std::string::npos;
  return (v6 ? "[" + web.host + "]" : web.host) + ":" + std::to_string(web.port);
}

}  // namespace

// Declared in this order so that the server goes first, then the Site and
// the store it reads.
struct WebArchive::Running {
  Running(storage::ItemStore opened, std::shared_ptr<const config::Config> config,
          const core::Clock& clock, boost::asio::io_context& loop)
      : store(std::move(opened)),
        site{config, store, clock,
             std::filesystem::path(config->daemon.database).parent_path()},
        listening(config->web.value()),
        server(loop, web::all_routes(), site) {}

  storage::ItemStore store;
  web::Site site;
  config::WebSection listening;
  web::HttpServer server;
};

WebArchive::WebArchive(boost::asio::io_context& loop, const core::Clock& clock)
    : loop_(loop), clock_(clock) {}

WebArchive::~WebArchive() { stop(); }

void WebArchive::apply(std::shared_ptr<const config::Config> config) {
  if (!config->web) {
    if (running_) spdlog::info("web: [web] removed; the archive is off");
    stop();
    return;
  }
  if (running_ && running_->listening.host == config->web->host &&
      running_->listening.port == config->web->port) {
    running_->site.config = std::move(config);
    return;
  }
  if (running_) spdlog::info("web: listen changed to {}", address_of(*config->web));
  stop();
  start(std::move(config));
}

void WebArchive::start(std::shared_ptr<const config::Config> config) {
  const std::string address = address_of(*config->web);
  auto store = storage::ItemStore::open(config->daemon.database);
  if (!store) {
    spdlog::error("web: the archive is off: {}", store.error().message);
    return;
  }
  store->set_busy_timeout(web::kArchiveBusyTimeout);
  auto running = std::make_unique<Running>(std::move(*store), config, clock_, loop_);
  if (auto listening = running->server.listen(config->web->host, config->web->port); !listening) {
    spdlog::error("{}; the archive is off until the next reload or restart, polling and mail go on",
                  listening.error().message);
    return;
  }
  spdlog::info("web: the archive listens on http://{}/", address);
  running_ = std::move(running);
}

void WebArchive::stop() {
  if (!running_) return;
  running_->server.stop();
  running_.reset();
}

std::uint16_t WebArchive::port() const { return running_ ? running_->server.port() : 0; }

}  // namespace omvarld::service
