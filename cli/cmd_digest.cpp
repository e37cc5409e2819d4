// `omvarld digest send` and `omvarld digest preview`.

#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/coordinator_report.h"
#include "app/digest_run.h"
#include "app/mail_transport.h"
#include "app/runtime.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "digest/transport.h"

namespace omvarld::cli {

namespace {

Result<std::vector<const config::NamndConfig*>, app::ExitCode> select_namnder(
    const config::Config& config, const std::optional<core::NamndId>& only) {
  std::vector<const config::NamndConfig*> selected;
  if (!only) {
    for (const config::NamndConfig& namnd : config.namnder) selected.push_back(&namnd);
    return selected;
  }
  const config::NamndConfig* namnd = config.find_namnd(*only);
  if (!namnd) {
    spdlog::error("no nämnd \"{}\" in the configuration", *only);
    return unexpected<app::ExitCode>(app::kExitUsage);
  }
  selected.push_back(namnd);
  return selected;
}

}  // namespace

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
  app::DigestRun run(config, (*runtime)->store, clock);
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
