// feeds/text_position.h
//
// Turns a byte offset into a UTF-8 document into "LINE:COLUMN", the form
// bozo reasons use (pugixml reports byte offsets). Internal to feeds/. Pure.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace omvarld::feeds {

// Lines and columns count from 1; a column counts characters, not bytes.
// An offset past the end points just after the last character.
std::string line_column(std::string_view text, std::size_t offset);

}  // namespace omvarld::feeds
