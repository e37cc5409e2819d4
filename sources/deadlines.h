// sources/deadlines.h
//
// Closing dates of calls and consultations, read from an item's text:
// "Deadline: 15 March 2027", "Sista ansökningsdag 2027-03-15", "Sista dag
// att svara: 15 mars". Pure.

#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/item.h"

namespace omvarld::sources {

// The deadline written in `text`, if any; a date without a year is taken
// as the first such date on or after `reference` (the item's date).
std::optional<core::Date> find_deadline(std::string_view text,
                                        std::optional<core::TimePoint> reference);

// Sets Item::deadline from the title, summary and content of each item
// that has none yet.
void add_deadlines(std::vector<core::Item>& items);

}  // namespace omvarld::sources
