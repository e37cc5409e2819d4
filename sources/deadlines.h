// sources/deadlines.h
//
// Closing dates of calls and consultations, read from an item's text:
// "Deadline: 15 March 2027", "Sista ansökningsdag 2027-03-15", "Sista dag
// att svara: 15 mars". Pure, but for add_deadlines reading the clock for
// undated items.

#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/item.h"

namespace omvarld::sources {

// The deadline written in `text`, if any: a date that follows a cue phrase
// closely ("Deadline:", "closing date", "apply by", "open until", "sista
// ansökningsdag", "sista dag att svara", "senast den", "remisstid",
// "stänger"…), written 2027-03-15, 15/3/2027, 15.3.2027, "15 mars 2027",
// "15 March 2027" or "March 15, 2027", perhaps after a weekday or a time.
// A date without a year is the first such date on or after `reference` (the
// item's date), this year or the next; without a reference it is not read.
// A plain date with no cue, or an impossible one (31 April), is none. Of a
// period ("1 februari – 15 mars") the end.
std::optional<core::Date> find_deadline(std::string_view text,
                                        std::optional<core::TimePoint> reference);

// Sets Item::deadline from the title, else the summary, else the content of
// each item that has none yet, with its published date as the reference
// (now for an undated item).
void add_deadlines(std::vector<core::Item>& items);

}  // namespace omvarld::sources
