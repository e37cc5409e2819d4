// cli/explanation.h
//
// Why an item matched, as the command line prints it after "varför:":
// the terms as configured, those found in the title marked
// ("förskola (i rubriken), Erasmus+"). Pure.

#pragma once

#include <algorithm>
#include <string>

#include "core/item.h"

namespace omvarld::cli {

inline std::string explain(const core::Match& match) {
  std::string out;
  for (const std::string& term : match.terms) {
    if (!out.empty()) out += ", ";
    out += term;
    const bool in_title =
        std::find(match.title_terms.begin(), match.title_terms.end(), term) != match.title_terms.end();
    if (in_title) out += " (i rubriken)";
  }
  return out;
}

}  // namespace omvarld::cli
