#include "service/daemon_loop.h"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <optional>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include "app/exit_code.h"
#include "app/time_format.h"
#include "service/run_tasks.h"
#include "service/service_notifier.h"
#include "service/web_archive.h"

namespace omvarld::service {

namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// The loop wakes at least this often, whatever the plan says.
constexpr std::chrono::seconds kLongestSleep = 1min;
// And waits at least this long after a tick, so a store that keeps failing
// is not asked again in a tight loop.
constexpr std::chrono::seconds kShortestSleep = 1s;
// systemd's default TimeoutStopSec is 90 s; we promise 5 s.
constexpr std::chrono::milliseconds kStopDeadline = 4000ms;

const char* signal_name(int signal_number) {
  switch (signal_number) {
    case SIGHUP: return "SIGHUP";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "a signal";
  }
}

class DaemonLoop {
 public:
  DaemonLoop(const std::filesystem::path& config_path, std::unique_ptr<app::Runtime> runtime,
             const core::Clock& clock)
      : clock_(clock),
        tasks_(config_path, std::move(runtime), clock, [this] { return stop_requested_.load(); }) {}

  int run(const std::string& start_status) {
    // Before the worker starts, the configuration may be read from here.
    web_.apply(std::make_shared<const config::Config>(tasks_.config()));
    std::thread worker([this] { worker_io_.run(); });
    notifier_.ready(start_status);
    wait_for_signal();
    start_watchdog();
    tick_wanted_ = true;
    dispatch();
    loop_.run();
    worker_guard_.reset();
    worker.join();
    return app::kExitOk;
  }

 private:
  // Starts the next job on the worker when it is idle: a pending reload
  // first, then a tick.
  void dispatch() {
    if (busy_ || stopping_) return;
    if (reload_wanted_) {
      reload_wanted_ = false;
      busy_ = true;
      run_on_worker([this] {
        auto [applied, plan] = tasks_.reload();
        // A copy for the web archive, which lives on this loop's thread.
        std::shared_ptr<const config::Config> reloaded;
        if (applied) reloaded = std::make_shared<const config::Config>(tasks_.config());
        asio::post(loop_, [this, applied = applied, plan = std::move(plan),
                           reloaded = std::move(reloaded)] {
          if (reloaded && !stopping_) web_.apply(reloaded);
          on_reloaded(applied, plan);
        });
      });
      return;
    }
    if (tick_wanted_) {
      tick_wanted_ = false;
      busy_ = true;
      run_on_worker([this] {
        RunPlan plan = tasks_.tick();
        asio::post(loop_, [this, plan = std::move(plan)] { on_ticked(plan); });
      });
    }
  }

  // Runs `job` on the worker; an exception out of it (allocation, a
  // library) is logged, and the loop tries again after a while.
  template <class Job>
  void run_on_worker(Job job) {
    asio::post(worker_io_, [this, job = std::move(job)]() mutable {
      try {
        job();
      } catch (const std::exception& e) {
        spdlog::error("run: {}; trying again in {} s", e.what(), kLongestSleep.count());
        asio::post(loop_, [this] { on_job_failed(); });
      }
    });
  }

  void on_ticked(const RunPlan& plan) {
    busy_ = false;
    notifier_.status(plan.status);
    if (stopping_) return;
    schedule_wake(plan);
    dispatch();
  }

  void on_reloaded(bool applied, const RunPlan& plan) {
    busy_ = false;
    notifier_.ready(plan.status);
    if (stopping_) return;
    spdlog::info("reload: {}", applied ? "done" : "failed; the old configuration stays in force");
    // A new source is due at once: tick now rather than at the old plan.
    tick_wanted_ = true;
    dispatch();
  }

  void on_job_failed() {
    busy_ = false;
    if (stopping_) return;
    wake_after(kLongestSleep);
  }

  void schedule_wake(const RunPlan& plan) {
    const core::TimePoint now = clock_.now();
    const core::TimePoint at = plan.earliest();
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(at - now);
    wait = std::clamp<std::chrono::seconds>(wait, kShortestSleep, kLongestSleep);
    spdlog::debug("run: next poll {}, next digest {}, next report {}; waking in {} s",
                  app::rfc3339(plan.poll), app::rfc3339(plan.digest), app::rfc3339(plan.report),
                  wait.count());
    wake_after(wait);
  }

  void wake_after(std::chrono::seconds wait) {
    wake_.expires_after(wait);
    wake_.async_wait([this](const boost::system::error_code& error) {
      if (error) return;  // cancelled: stopping
      tick_wanted_ = true;
      dispatch();
    });
  }

  void wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& error, int signal_number) {
      if (error) return;
      if (signal_number == SIGHUP) {
        if (!stopping_) {
          spdlog::info("reload: {} received; reading the configuration again",
                       signal_name(signal_number));
          notifier_.reloading();
          reload_wanted_ = true;
          dispatch();
        }
      } else {
        begin_stop(signal_number);
      }
      wait_for_signal();
    });
  }

  void begin_stop(int signal_number) {
    if (stopping_) return;
    stopping_ = true;
    stop_started_ = std::chrono::steady_clock::now();
    notifier_.stopping();
    spdlog::info("stop: {} received; finishing the current store transaction",
                 signal_name(signal_number));
    stop_requested_ = true;
    wake_.cancel();
    web_.stop();
    // Runs after the job in progress, which ends early (RunTasks).
    asio::post(worker_io_, [this] {
      try {
        tasks_.close();
      } catch (const std::exception& e) {
        spdlog::error("stop: {}", e.what());
      }
      asio::post(loop_, [this] { finish_stop(); });
    });
    stop_deadline_.expires_after(kStopDeadline);
    stop_deadline_.async_wait([](const boost::system::error_code& error) {
      if (error) return;
      // The worker is inside a transfer that has not answered (a stalled
      // server): it starts no store transaction any more, and SQLite rolls
      // back any that did not commit, so leaving now loses nothing.
      spdlog::warn("stop: a transfer did not let go within {} ms; left behind",
                   kStopDeadline.count());
      spdlog::info("stopped");
      spdlog::default_logger()->flush();
      std::_Exit(app::kExitOk);
    });
  }

  void finish_stop() {
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - stop_started_);
    spdlog::info("stopped in {} ms", took.count());
    stop_deadline_.cancel();
    watchdog_.cancel();
    signals_.cancel();
    loop_.stop();
  }

  void start_watchdog() {
    const auto interval = notifier_.watchdog_ping_interval();
    if (!interval) return;
    spdlog::info("watchdog: pinging every {} ms", interval->count() / 1000);
    ping_every(*interval);
  }

  void ping_every(std::chrono::microseconds interval) {
    notifier_.ping_watchdog();
    watchdog_.expires_after(interval);
    watchdog_.async_wait([this, interval](const boost::system::error_code& error) {
      if (!error) ping_every(interval);
    });
  }

  const core::Clock& clock_;
  std::atomic<bool> stop_requested_{false};
  asio::io_context loop_{1};
  asio::io_context worker_io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> worker_guard_{
      worker_io_.get_executor()};
  asio::signal_set signals_{loop_, SIGHUP, SIGTERM, SIGINT};
  asio::steady_timer wake_{loop_};
  asio::steady_timer watchdog_{loop_};
  asio::steady_timer stop_deadline_{loop_};
  ServiceNotifier notifier_;
  RunTasks tasks_;  // used on the worker thread only
  WebArchive web_{loop_, clock_};  // used on this loop's thread only

  // Loop-thread state.
  bool busy_ = false;  // a job runs on the worker
  bool tick_wanted_ = false;
  bool reload_wanted_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point stop_started_;
};

}  // namespace

int run_daemon_loop(const std::filesystem::path& config_path, std::unique_ptr<app::Runtime> runtime,
                    const core::Clock& clock) {
  DaemonLoop loop(config_path, std::move(runtime), clock);
  return loop.run("startar");
}

}  // namespace omvarld::service
