// `omvarld digest send`, `omvarld digest preview` and `omvarld digest show`.

#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/coordinator_report.h"
#include "app/digest_run.h"
#include "app/mail_transport.h"
#include "app/runtime.h"
#include "app/time_format.h"
#include "cli/commands.h"
#include "cli/namnd_option.h"
#include "core/clock.h"
#include "core/translate.h"
#include "digest/transport.h"
#include "web/digest_feedback.h"

namespace omvarld::cli {

namespace {

Result<std::vector<const config::NamndConfig*>, app::ExitCode> select_namnder(
    const config::Config& config, const std::optional<core::NamndId>& only) {
  std::vector<const config::NamndConfig*> selected;
  if (!only) {
    for (const config::NamndConfig& namnd : config.namnder) selected.push_back(&namnd);
    return selected;
  }
  const config::NamndConfig* namnd = configured_namnd(config, *only);
  if (!namnd) return unexpected<app::ExitCode>(app::kExitUsage);
  selected.push_back(namnd);
  return selected;
}

// How many of a nämnd's days with a digest `digest show` lists when the
// asked-for day has none: the latest, which are the ones asked for.
constexpr std::size_t kListedDays = 20;

// The days (local, newest first) on which the nämnd was sent digests,
// each once: "2026-12-06, 2026-11-29, … (and 12 earlier)".
std::string listed_days(const std::vector<storage::SentDigest>& digests,
                        const std::string& timezone) {
  std::vector<std::string> days;
  for (auto digest = digests.rbegin(); digest != digests.rend(); ++digest) {
    std::string day = app::local_day(digest->delivered_at, timezone);
    if (days.empty() || days.back() != day) days.push_back(std::move(day));
  }
  std::string listed;
  for (std::size_t i = 0; i < days.size() && i < kListedDays; ++i) {
    listed += (i ? ", " : "") + days[i];
  }
  if (days.size() > kListedDays) {
    listed += core::trf(" (and {0} earlier)", {std::to_string(days.size() - kListedDays)});
  }
  return listed;
}

}  // namespace

int digest_show(const std::filesystem::path& config_path, const DigestShowOptions& options) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  const config::Config& config = (*runtime)->config;
  if (!configured_namnd(config, options.namnd)) return app::kExitUsage;
  std::optional<core::Date> day;
  if (options.date) {
    day = app::parse_iso_day(*options.date);
    if (!day) {
      std::cerr << core::trf("--date: \"{0}\" is not a date such as 2026-12-06", {*options.date})
                << "\n";
      return app::kExitUsage;
    }
  }
  const std::string& timezone = config.daemon.timezone;
  auto digests = (*runtime)->store.sent_digests(options.namnd);
  if (!digests) {
    spdlog::error("{}: {}", options.namnd, digests.error().message);
    return app::kExitRuntime;
  }
  if (digests->empty()) {
    std::cerr << core::trf("{0}: no digest has been sent to this nämnd yet", {options.namnd})
              << "\n";
    return app::kExitNothing;
  }
  // The latest of the day asked for, or the latest of all.
  const storage::SentDigest* chosen = &digests->back();
  if (day) {
    chosen = nullptr;
    for (const storage::SentDigest& digest : *digests) {
      if (app::local_day(digest.delivered_at, timezone) == app::iso_day(*day)) chosen = &digest;
    }
    if (!chosen) {
      std::cerr << core::trf("{0}: no digest was sent on {1}; digests were sent on: {2}",
                             {options.namnd, app::iso_day(*day), listed_days(*digests, timezone)})
                << "\n";
      return app::kExitNothing;
    }
  }
  auto shown = (*runtime)->store.sent_digest(chosen->id);
  if (!shown || !*shown) {
    spdlog::error("{}: {}", options.namnd,
                  shown ? "the digest went away while it was read" : shown.error().message);
    return app::kExitRuntime;
  }
  const storage::SentDigest& digest = **shown;
  const std::string sent = app::local_minute(digest.delivered_at, timezone);
  const std::optional<std::string>& body =
      options.format == PreviewFormat::kHtml ? digest.html_body : digest.text_body;
  if (!body) {
    std::cerr << core::trf("{0}: the digest sent {1} (\"{2}\") was sent by an earlier version "
                           "of omvarld, which did not keep what digests said; it cannot be shown",
                           {options.namnd, sent, digest.subject})
              << "\n";
    return app::kExitNothing;
  }
  if (options.format == PreviewFormat::kHtml) {
    std::cout << *body;
    return app::kExitOk;
  }
  std::cout << core::trf("Sent {0} to {1}, {2} items", {sent, options.namnd,
                                                        std::to_string(digest.items)})
            << "\n"
            << "Ämne: " << digest.subject << "\n\n"
            << *body;
  return app::kExitOk;
}

int digest_send(const std::filesystem::path& config_path, const DigestSendOptions& options) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  const config::Config& config = (*runtime)->config;
  auto namnder = select_namnder(config, options.namnd);
  if (!namnder) return namnder.error();
  auto transport = app::make_transport(config.mail);
  if (!transport) {
    spdlog::error("{}", transport.error().message);
    return app::kExitRuntime;
  }

  const core::SystemClock clock;
  app::DigestRun run(config, (*runtime)->store, clock, web::digest_feedback_links(config));
  const app::DigestSummary summary = run.send(*namnder, **transport, options.now);
  // The coordinators' report goes with a send of every nämnd, not of one,
  // on its own schedule: a `--now` for the digests is not a report every time.
  bool report_failed = false;
  if (!options.namnd) {
    app::CoordinatorReport report(config, (*runtime)->store, clock);
    if (auto sent = report.send(**transport, options.report_now); !sent) {
      spdlog::error("report: {}", sent.error().message);
      report_failed = true;
    }
  }
  if (auto* directory = dynamic_cast<digest::DirectoryTransport*>(transport->get())) {
    std::cout << "Digests written to: "
              << std::filesystem::absolute(directory->directory()).string() << "\n";
  }
  return summary.failed > 0 || report_failed ? app::kExitRuntime : app::kExitOk;
}

int digest_preview(const std::filesystem::path& config_path, const core::NamndId& namnd_id,
                   PreviewFormat format) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  auto namnder = select_namnder((*runtime)->config, namnd_id);
  if (!namnder) return namnder.error();

  const core::SystemClock clock;
  const app::DigestRun run((*runtime)->config, (*runtime)->store, clock);
  auto prepared = run.prepare(*namnder->front());
  if (!prepared) {
    spdlog::error("{}: {}", namnd_id, prepared.error().message);
    return app::kExitRuntime;
  }
  if (!*prepared) {
    std::cerr << namnd_id << ": nothing new since the last digest\n";
    return app::kExitNothing;
  }
  const digest::Message& message = (*prepared)->message;
  switch (format) {
    case PreviewFormat::kEml: std::cout << message.eml; break;
    case PreviewFormat::kHtml: std::cout << message.html; break;
    case PreviewFormat::kText: {
      // The text part as the reader sees it, without the MIME wrapping.
      std::cout << "Ämne: " << message.subject << "\n\n" << (*prepared)->composed.text;
      break;
    }
  }
  return app::kExitOk;
}

int report_preview(const std::filesystem::path& config_path, PreviewFormat format) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  const core::SystemClock clock;
  const app::CoordinatorReport report((*runtime)->config, (*runtime)->store, clock);
  auto prepared = report.prepare();
  if (!prepared) {
    spdlog::error("report: {}", prepared.error().message);
    return app::kExitRuntime;
  }
  if (!*prepared) {
    std::cerr << "report: no [mail] coordinators to send it to\n";
    return app::kExitNothing;
  }
  const digest::Message& message = (*prepared)->message;
  switch (format) {
    case PreviewFormat::kEml: std::cout << message.eml; break;
    case PreviewFormat::kHtml: std::cout << message.html; break;
    case PreviewFormat::kText:
      std::cout << "Ämne: " << message.subject << "\n\n" << (*prepared)->composed.text;
      break;
  }
  return app::kExitOk;
}

}  // namespace omvarld::cli
