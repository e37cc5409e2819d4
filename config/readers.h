// config/readers.h
//
// One reader per kind of table: each checks what a single table can show on
// its own (keys, types, required keys, formats) and adds the result to the
// Draft; what needs every file waits for validate_merged(). Internal to
// config/.

#pragma once

#include "config/draft.h"
#include "config/table_reader.h"

namespace omvarld::config {

// [daemon] and [mail]: keys set here override those of earlier files.
void read_daemon(TableReader& table, Draft& draft);
void read_mail(TableReader& table, Draft& draft);

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

}  // namespace omvarld::config
