// app/source_health.h
//
// Which configured sources need a coordinator's eye: failing ones, silent
// ones among the rest, and ones that moved. The coordinators' report
// (app/coordinator_report.h) and the coordinators' web page (web/) show the
// same lists from these functions. Only configured sources count; the store
// remembers removed ones too. Pure.

#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "digest/report.h"
#include "storage/report_ledger.h"
#include "storage/source_polls.h"

namespace omvarld::app {

// "SKR (skr)", or the id alone for a source without a name.
std::string source_name(const config::Config& config, const core::SourceId& id);

struct SourceHealth {
  std::vector<digest::FailingSource> failing;  // an error streak now
  std::vector<digest::SilentSource> silent;    // no new item for [daemon] silent_after
};

SourceHealth source_health(const config::Config& config,
                           const std::vector<storage::SourceStatus>& statuses,
                           core::TimePoint now);

// A source polled at another address than the configured one, since a
// permanent redirect (storage::SourceFetchState::is_moved).
struct MovedSource {
  core::SourceId source;
  std::string name;
  std::string from;  // as configured
  std::string to;    // where it is fetched now
};

std::vector<MovedSource> moved_sources(const config::Config& config,
                                       const std::vector<storage::SourceFetchState>& states);

}  // namespace omvarld::app
