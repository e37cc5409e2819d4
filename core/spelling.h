// core/spelling.h
//
// "Did you mean": the closest of a few known words (configuration keys, ids,
// commands, weekday names) to one a person wrote that was not recognised.
// Used by config/ for keys and references, by core's schedules and by cli/
// for commands. Pure; compares bytes, so a letter such as "ö" counts as two.

#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace omvarld::core {

// The closest of `candidates` to `word` by edit distance (ASCII case
// ignored, a swap of two neighbours counting as one edit), if one is close
// enough to be a plausible typo: one edit for a candidate of up to three
// bytes, two up to six, three beyond. Ties go to the earlier candidate.
std::optional<std::string_view> closest_spelling(std::string_view word,
                                                 std::span<const std::string_view> candidates);

}  // namespace omvarld::core
