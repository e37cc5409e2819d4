// config/readers.h
//
// One reader per kind of table: each checks what a single table can show on
// its own (keys, types, required keys, formats) and adds the result to the
// Draft; what needs every file waits for validate_merged(). Internal to
// config/.

#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "config/draft.h"
#include "config/table_reader.h"

namespace omvarld::config {

// [daemon], [mail] and [web]: keys set here override those of earlier files.
void read_daemon(TableReader& table, Draft& draft);
void read_mail(TableReader& table, Draft& draft);
// [web]: like [daemon]; its presence turns the archive on.
void read_web(TableReader& table, Draft& draft);

// [kommun.ID] tables, under the document's key `kommun` (`node`): each
// kommun's keys set here override those of earlier files, as [mail]'s do.
void read_kommuner(const toml::node& node, const FileContext& file, Draft& draft);

// [[source]], [[topic]], [[namnd]]: each table is appended.
void read_source(TableReader& table, Draft& draft);
void read_topic(TableReader& table, Draft& draft);
void read_namnd(TableReader& table, Draft& draft);

// The kind-specific table of one [[source]] ([source.html], [source.json],
// [source.imap]), called by read_source for every source once its kind is
// known: each checks that its table is there when the kind needs it (and not
// there when it does not), and reads it into `source.config`.
void read_html_profile(TableReader& source_table, SourceDraft& source);
void read_json_profile(TableReader& source_table, SourceDraft& source);
void read_imap_settings(TableReader& source_table, SourceDraft& source);

// The [source.KIND] table of a source, for the readers above. When the
// source is of that kind but has no table, says what the table `needs`;
// when the table is there on another kind, says it is not read. Either way,
// and when the table is not a table, gives nothing; else the table, its
// keys checked against `keys`.
std::optional<TableReader> kind_table(TableReader& source_table, bool source_is_kind,
                                      std::string_view kind, std::string_view needs,
                                      std::span<const std::string_view> keys);

// Reports `value` at its place when it is no email address (address_problem).
void check_address(TableReader& table, std::string_view key, const Located<std::string>& value);

// imap:// or imaps:// (any case): a mailbox folder, the url of a kind =
// "imap" source; read_url keeps it for read_imap_settings to check.
bool is_imap_url(std::string_view url);

}  // namespace omvarld::config
