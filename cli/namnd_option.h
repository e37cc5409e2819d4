// cli/namnd_option.h
//
// A nämnd id given on the command line (--namnd) that no nämnd of the
// configuration has is a usage error, with the id it was probably meant to
// be: every command that takes --namnd asks here first.

#pragma once

#include "config/config.h"
#include "core/item.h"

namespace omvarld::cli {

// The configured nämnd `id`; nullptr, after saying on stderr that there is
// none and which one is closest, when there is none (the caller then exits
// with kExitUsage).
const config::NamndConfig* configured_namnd(const config::Config& config, const core::NamndId& id);

}  // namespace omvarld::cli
