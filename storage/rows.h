// storage/rows.h
//
// How items and matches map to table rows, shared by the queries that read
// them. Internal to storage/.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// The columns of `items i` that read_stored_item() reads, in its order; a
// query selects them first.
inline constexpr std::string_view kItemColumns =
    "i.id, i.source_id, i.key, i.title, i.link, i.summary, i.content, i.published, i.first_seen,"
    " i.deadline";
inline constexpr int kItemColumnCount = 10;

StoredItem read_stored_item(const sqlite::Statement& row);

// The columns of `matches m` that read_match() reads, in its order.
inline constexpr std::string_view kMatchColumns =
    "m.namnd, m.terms, m.topics, m.title_terms, m.found_words";
inline constexpr int kMatchColumnCount = 5;

// Reads kMatchColumns starting at column `first`. Fails with kStorage when
// terms or topics are not a JSON array of strings. Found words that are not
// a JSON array of one array of strings per term read as none: the digest
// then shows the terms themselves.
Result<core::Match> read_match(const sqlite::Statement& row, int first);

// A deadline as the deadline column holds it: "2027-03-15".
std::string to_day_text(core::Date day);

// The day "YYYY-MM-DD" names; nullopt for anything else (NULL, a corrupt
// value), which reads as no deadline rather than failing a digest.
std::optional<core::Date> from_day_text(std::string_view text);

// Binds `deadline` as to_day_text() writes it, or NULL.
void bind_deadline(sqlite::Statement& statement, int index,
                   const std::optional<core::Date>& deadline);

// A JSON array of strings, as the terms and topics columns hold them.
// Invalid UTF-8 is replaced rather than thrown about.
std::string to_json_list(const std::vector<std::string>& strings);

// Match::found_words as the found_words column holds it: [["Förskolan"], []].
std::string to_json_lists(const std::vector<std::vector<std::string>>& lists);

}  // namespace omvarld::storage
