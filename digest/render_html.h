// digest/render_html.h
//
// The HTML body of a digest: one whole document laid out with tables and
// inline styles for Outlook and Gmail (max 640px wide, readable at 320px),
// no scripts and no remote images. Every feed string is escaped; only http
// and https links become links. Pure.

#pragma once

#include <string>

#include "digest/layout.h"

namespace omvarld::digest {

std::string render_html(const Layout& layout);

}  // namespace omvarld::digest
