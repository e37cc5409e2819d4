// digest/render_text.h
//
// The plain-text body of a digest: lines end in "\n", excerpts wrapped at 72
// columns, links written out in full. Pure.

#pragma once

#include <string>

#include "digest/layout.h"

namespace omvarld::digest {

std::string render_text(const Layout& layout);

}  // namespace omvarld::digest
