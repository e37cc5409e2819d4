// [source.imap]: where a kind = "imap" source's newsletters come from. The
// url is the mailbox folder (imap:// or imaps://), or for the demo a
// file:// directory of .eml files; the password lives in a file of its own,
// like [mail] password_file, so the config can be world-readable.

#include <array>
#include <string>
#include <string_view>

#include "config/checks.h"
#include "config/readers.h"
#include "core/ascii.h"
#include "core/translate.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 3> kImapKeys = {"username", "password_file", "split"};
constexpr std::array<std::string_view, 2> kSplits = {"headings", "links"};
constexpr std::string_view kTableName = "[source.imap]";

// "imap://host/Folder": the folder is what a poll reads, so it must be named.
bool names_a_folder(std::string_view url) {
  const std::size_t host = url.find("://") + 3;
  const std::size_t slash = url.find('/', host);
  return slash != std::string_view::npos && slash > host && slash + 1 < url.size();
}

FilePos url_position(TableReader& source_table) {
  return source_table.position("url").value_or(source_table.where());
}

// For an imap(s):// url: the folder, and the login it needs.
void check_mailbox_url(TableReader& source_table, const SourceDraft& source) {
  if (!names_a_folder(source.config.url)) {
    source_table.error(core::trf("url: name the mailbox folder, as in \"imaps://mail.example.se/Nyhetsbrev\", "
                                 "got \"{0}\"",
                                 {source.config.url}),
                       url_position(source_table));
  }
  if (!source_table.has("imap")) {
    source_table.error(core::trf("kind = {0} needs a {1} table {2}",
                                 {"\"imap\"", kTableName, core::tr("with username and password_file")}),
                       source_table.position("kind").value_or(source_table.where()));
  }
}

}  // namespace

bool is_imap_url(std::string_view url) {
  return core::starts_with_ascii_nocase(url, "imap://") || core::starts_with_ascii_nocase(url, "imaps://");
}

void read_imap_settings(TableReader& source_table, SourceDraft& source) {
  const bool is_imap = source.config.kind == SourceKind::kImap;
  const bool mailbox_url = is_imap_url(source.config.url);
  if (!is_imap) {
    if (mailbox_url) {
      source_table.error(std::string(core::tr("url: an imap:// or imaps:// URL needs kind = \"imap\"")),
                         url_position(source_table));
    }
    if (source_table.has("imap")) {
      source_table.error(core::trf("{0} is only read for kind = {1}: set the kind or remove the table",
                                   {kTableName, "\"imap\""}),
                         *source_table.position("imap"));
    }
    return;
  }
  if (!mailbox_url && !source.file_url_at) {
    // An http(s) url was accepted by read_url; an unusable one is reported there.
    if (!source.config.url.empty()) {
      source_table.error(core::trf("url: kind = \"imap\" needs an imap:// or imaps:// URL of the mailbox "
                                   "folder (or file:// to a directory of .eml files), got \"{0}\"",
                                   {source.config.url}),
                         url_position(source_table));
    }
  }
  if (mailbox_url) check_mailbox_url(source_table, source);
  if (!source_table.has("imap")) return;

  auto table = source_table.table("imap", kTableName);
  if (!table) return;
  table->reject_unknown_keys(kImapKeys);
  ImapSettings& settings = source.config.imap;
  auto username = mailbox_url ? table->required_string("username") : table->string("username");
  if (username) {
    if (username->value.find_first_of("\r\n") != std::string::npos || username->value.empty()) {
      table->error(core::trf("username: expected a user name on one line, got \"{0}\"", {username->value}),
                   username->where);
    }
    settings.username = username->value;
  }
  auto password_file =
      mailbox_url ? table->required_string("password_file") : table->string("password_file");
  if (password_file) {
    if (password_file->value.empty()) {
      table->error(core::trf("{0}: expected a path, got \"\"", {"password_file"}), password_file->where);
    } else {
      settings.password_file = resolve_path(table->file().dir, password_file->value).string();
      settings.password_file_at = password_file->where;
    }
  }
  if (auto split = table->choice("split", kSplits)) {
    settings.split = std::string(kSplits[split->value]);
  }
}

}  // namespace omvarld::config
