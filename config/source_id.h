// config/source_id.h
//
// A source id proposed from a feed's title, for the [[source]] block that
// `omvarld source discover` prints: written as check-config wants an id
// (config/checks.h), so the coordinator can paste it as it is. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::config {

// The words of `title` as a simple id: letters lowered and without their
// marks (å, ä → a, ö → o, as ascii_id), every other run of characters one
// "-", at most kMaxProposedId bytes cut at a word: "EU-kontoret – nyheter"
// → "eu-kontoret-nyheter". When the title gives no id, the host of `url`
// ("www.linkoping.se" → "linkoping-se"), else "feed". Always a valid id.
std::string propose_source_id(std::string_view title, std::string_view url);

inline constexpr std::size_t kMaxProposedId = 40;

}  // namespace omvarld::config
