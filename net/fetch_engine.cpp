// fetch_all: libcurl's multi interface in its socket mode, driven by an Asio
// io_context on the calling thread. curl says which sockets it wants watched
// (on_socket) and when to wake it (on_timer); Asio waits for exactly that and
// hands the event back with curl_multi_socket_action. Nothing polls.
//
// The engine admits transfers itself, under the global and the per-host
// limit, rather than adding every request to curl at once: curl starts a
// transfer's total timeout when the handle is added, so a source queued
// behind slow ones would time out without ever being fetched, and every
// easy handle costs memory. curl's own connection limits stay set as a
// second fence (redirects may lead to another host).

#include "net/fetch_engine.h"

#include <curl/curl.h>

#include <algorithm>
#include <cassert>
#include <deque>
#include <exception>
#include <iterator>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/http_headers.h"
#include "net/transfer.h"

namespace omvarld::net {
namespace {

namespace asio = boost::asio;

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

// A socket curl asked us to watch. The descriptor only borrows curl's fd:
// it is released, never closed, when curl is done with the socket.
struct Watch {
  explicit Watch(asio::io_context& io) : descriptor(io) {}
  asio::posix::stream_descriptor descriptor;
  int wanted = CURL_POLL_NONE;  // what curl asked for last
  bool reading = false;         // a wait_read is pending
  bool writing = false;         // a wait_write is pending
};

class Engine {
 public:
  Engine(std::span<const FetchRequest> requests, const EngineOptions& options,
         const std::function<void(FetchOutcome&&)>& on_done,
         const std::function<bool()>& stop_requested, const std::function<void()>& on_idle)
      : requests_(requests),
        options_(options),
        on_done_(on_done),
        stop_requested_(stop_requested),
        on_idle_(on_idle),
        max_running_(std::max(1, options.max_transfers)),
        max_running_per_host_(std::max(1, options.max_transfers_per_host)),
        remaining_(requests.size()),
        multi_(curl_multi_init()) {}

  ~Engine() {
    for (auto& [easy, running] : running_) curl_multi_remove_handle(multi_.get(), easy);
    running_.clear();
    multi_.reset();  // closes the cached connections, which may call on_socket
    for (auto& [socket, watch] : watches_) watch->descriptor.release();
  }

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  FetchEnd run() {
    for (std::size_t i = 0; i < requests_.size(); ++i) {
      hosts_[host_key(requests_[i].url)].waiting.push_back(i);
    }
    waiting_ = requests_.size();
    if (!multi_ || !configure_multi()) {
      fail_everything_waiting("could not set up libcurl's multi interface");
      return stopped_ ? FetchEnd::kStopped : FetchEnd::kAllDone;
    }
    admit();
    if (remaining_ > 0 && !stopped_) run_loop();
    // A failure inside one of libcurl's callbacks (it cannot throw through
    // them) ends every request left with a failed outcome, never an
    // exception out of fetch_all.
    if (callback_error_) fail_everything_left(describe(callback_error_));
    if (stopped_) return FetchEnd::kStopped;  // the destructor abandons what runs
    // run() returns early only when stopped; while a transfer runs, curl
    // keeps a socket or its timer waiting.
    assert(remaining_ == 0);
    return FetchEnd::kAllDone;
  }

 private:
  struct Host {
    std::deque<std::size_t> waiting;  // indexes into requests_
    int running = 0;
  };
  struct Running {
    std::unique_ptr<Transfer> transfer;
    std::string host;
    std::size_t index;  // into requests_
  };

  // io_.run(), with on_idle_ called whenever nothing is ready and every
  // kIdleInterval while waiting. The loop ends when stopped (deliver(),
  // abandon()) or when nothing is left to wait for.
  void run_loop() {
    if (!on_idle_) {
      io_.run();
      return;
    }
    while (!io_.stopped()) {
      io_.poll();
      if (io_.stopped()) break;
      on_idle_();
      io_.run_one_for(kIdleInterval);
    }
  }

  bool configure_multi() {
    CURLM* multi = multi_.get();
    return curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Engine::on_socket) == CURLM_OK &&
           curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this) == CURLM_OK &&
           curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Engine::on_timer) == CURLM_OK &&
           curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this) == CURLM_OK &&
           curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(max_running_)) == CURLM_OK &&
           curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(max_running_per_host_)) ==
               CURLM_OK;
  }

  // Starts waiting requests while both limits allow, taking hosts in turn
  // (from where the last call stopped) so that one host with many sources
  // does not hold the others back.
  void admit() {
    auto host = hosts_.lower_bound(next_host_);
    std::size_t passed_over = 0;  // hosts visited in a row that could start nothing
    while (!stopped_ && waiting_ > 0 && running_count_ < max_running_ && passed_over < hosts_.size()) {
      if (host == hosts_.end()) host = hosts_.begin();
      Host& candidate = host->second;
      if (!candidate.waiting.empty() && candidate.running < max_running_per_host_) {
        const std::size_t index = candidate.waiting.front();
        candidate.waiting.pop_front();
        --waiting_;
        start(index, host);
        passed_over = 0;
      } else {
        ++passed_over;
      }
      host = forget_if_idle(host);
    }
    next_host_ = host == hosts_.end() ? std::string() : host->first;
  }

  // The host after `host`, erasing `host` when it has nothing left to do.
  std::map<std::string, Host>::iterator forget_if_idle(std::map<std::string, Host>::iterator host) {
    if (host->second.waiting.empty() && host->second.running == 0) return hosts_.erase(host);
    return std::next(host);
  }

  void start(std::size_t index, std::map<std::string, Host>::iterator host) {
    auto transfer = Transfer::create(requests_[index], options_);
    if (!transfer) return deliver(std::move(transfer.error()));
    CURL* easy = (*transfer)->handle();
    (*transfer)->mark_started();
    if (curl_multi_add_handle(multi_.get(), easy) != CURLM_OK) {
      return deliver(failed(index, "could not start the transfer"));
    }
    running_.emplace(easy, Running{std::move(*transfer), host->first, index});
    ++host->second.running;
    ++running_count_;
  }

  void fail_everything_waiting(const std::string& detail) {
    for (auto& [key, host] : hosts_) {
      for (std::size_t index : host.waiting) deliver(failed(index, detail));
    }
    hosts_.clear();
    waiting_ = 0;
  }

  // Ends the transfers in flight and the waiting requests with `detail`.
  void fail_everything_left(const std::string& detail) {
    std::vector<std::size_t> running;
    for (auto& [easy, transfer] : running_) {
      curl_multi_remove_handle(multi_.get(), easy);
      running.push_back(transfer.index);
    }
    running_.clear();
    running_count_ = 0;
    for (auto& [key, host] : hosts_) host.running = 0;
    for (std::size_t index : running) deliver(failed(index, detail));
    fail_everything_waiting(detail);
  }

  FetchOutcome failed(std::size_t index, const std::string& detail) const {
    FetchOutcome outcome;
    outcome.key = requests_[index].key;
    outcome.url = requests_[index].url;
    outcome.failure = FetchFailure::kOther;
    outcome.error = outcome.url + ": " + detail;
    return outcome;
  }

  static std::string describe(const std::exception_ptr& error) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& caught) {
      return std::string("the fetch engine failed: ") + caught.what();
    } catch (...) {
      return "the fetch engine failed";
    }
  }

  // Hands `outcome` over, unless the caller asked to stop: then nothing
  // more is handed over and the event loop ends.
  void deliver(FetchOutcome&& outcome) {
    if (stopped_) return;
    if (stop_requested_ && stop_requested_()) {
      stopped_ = true;
      io_.stop();
      return;
    }
    --remaining_;
    if (remaining_ == 0) io_.stop();
    on_done_(std::move(outcome));
  }

  // libcurl's callbacks are C frames: nothing may be thrown through them.
  static int on_socket(CURL*, curl_socket_t socket, int what, void* self, void*) {
    auto* engine = static_cast<Engine*>(self);
    try {
      if (what == CURL_POLL_REMOVE) {
        engine->forget(socket);
      } else {
        engine->watch(socket, what);
      }
      return 0;
    } catch (...) {
      engine->abandon(std::current_exception());
      return -1;
    }
  }

  static int on_timer(CURLM*, long timeout_ms, void* self) {
    auto* engine = static_cast<Engine*>(self);
    try {
      if (timeout_ms < 0) {
        engine->timer_.cancel();
        return 0;
      }
      // curl must not be called back from inside its own callback, so even
      // a zero timeout goes through the io_context.
      engine->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
      engine->timer_.async_wait([engine](const boost::system::error_code& error) {
        if (!error) engine->act(CURL_SOCKET_TIMEOUT, 0);
      });
      return 0;
    } catch (...) {
      engine->abandon(std::current_exception());
      return -1;
    }
  }

  void abandon(std::exception_ptr error) {
    if (!callback_error_) callback_error_ = std::move(error);
    io_.stop();
  }

  void watch(curl_socket_t socket, int what) {
    std::shared_ptr<Watch>& entry = watches_[socket];
    if (!entry) {
      auto created = std::make_shared<Watch>(io_);
      boost::system::error_code error;
      created->descriptor.assign(socket, error);
      if (error) throw boost::system::system_error(error, "watching a socket of libcurl");
      entry = std::move(created);
    }
    entry->wanted = what;
    if ((what & CURL_POLL_IN) != 0 && !entry->reading) wait(socket, entry, true);
    if ((what & CURL_POLL_OUT) != 0 && !entry->writing) wait(socket, entry, false);
  }

  void forget(curl_socket_t socket) {
    const auto found = watches_.find(socket);
    if (found == watches_.end()) return;
    found->second->wanted = CURL_POLL_NONE;
    found->second->descriptor.release();  // cancels its waits; curl closes the fd
    watches_.erase(found);
  }

  bool is_current(curl_socket_t socket, const std::shared_ptr<Watch>& watch) const {
    const auto found = watches_.find(socket);
    return found != watches_.end() && found->second == watch;
  }

  void wait(curl_socket_t socket, const std::shared_ptr<Watch>& watch, bool for_reading) {
    (for_reading ? watch->reading : watch->writing) = true;
    const auto direction =
        for_reading ? asio::posix::descriptor_base::wait_read : asio::posix::descriptor_base::wait_write;
    watch->descriptor.async_wait(direction, [this, socket, watch, for_reading](const boost::system::error_code& error) {
      bool& pending = for_reading ? watch->reading : watch->writing;
      pending = false;
      const int wish = for_reading ? CURL_POLL_IN : CURL_POLL_OUT;
      if (error || (watch->wanted & wish) == 0 || !is_current(socket, watch)) return;
      act(socket, for_reading ? CURL_CSELECT_IN : CURL_CSELECT_OUT);
      // curl may have changed its wishes, or closed the socket, meanwhile.
      if (!pending && (watch->wanted & wish) != 0 && is_current(socket, watch)) wait(socket, watch, for_reading);
    });
  }

  void act(curl_socket_t socket, int events) {
    int still_running = 0;
    curl_multi_socket_action(multi_.get(), socket, events, &still_running);
    collect_done();
  }

  // Takes the finished transfers out of curl, admits the next ones (so they
  // connect while the caller looks at the results), then hands the results
  // over.
  void collect_done() {
    std::vector<FetchOutcome> finished;
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      const auto found = running_.find(easy);
      curl_multi_remove_handle(multi_.get(), easy);
      if (found == running_.end()) continue;
      finished.push_back(found->second.transfer->finish(code));
      if (const auto host = hosts_.find(found->second.host); host != hosts_.end()) {
        --host->second.running;
        forget_if_idle(host);
      }
      --running_count_;
      running_.erase(found);
    }
    admit();
    for (FetchOutcome& outcome : finished) deliver(std::move(outcome));
  }

  const std::span<const FetchRequest> requests_;
  const EngineOptions& options_;
  const std::function<void(FetchOutcome&&)>& on_done_;
  const std::function<bool()>& stop_requested_;
  const std::function<void()>& on_idle_;
  bool stopped_ = false;
  const int max_running_;
  const int max_running_per_host_;

  asio::io_context io_{1};
  asio::steady_timer timer_{io_};
  std::unordered_map<curl_socket_t, std::shared_ptr<Watch>> watches_;
  std::map<std::string, Host> hosts_;  // by host_key(); only hosts with work
  std::string next_host_;               // where admit() starts looking
  std::unordered_map<CURL*, Running> running_;
  std::size_t waiting_ = 0;
  int running_count_ = 0;
  std::size_t remaining_ = 0;
  std::exception_ptr callback_error_;
  std::unique_ptr<CURLM, MultiDeleter> multi_;
};

}  // namespace

FetchEnd fetch_all(std::span<const FetchRequest> requests, const EngineOptions& options,
                   const std::function<void(FetchOutcome&&)>& on_done,
                   const std::function<bool()>& stop_requested,
                   const std::function<void()>& on_idle) {
  if (requests.empty()) return FetchEnd::kAllDone;
  Engine engine(requests, options, on_done, stop_requested, on_idle);
  return engine.run();
}

}  // namespace omvarld::net
