// config/draft.h
//
// The configuration while it is being read: the typed values so far, plus
// what the checks across files still need (where each id and reference was
// written, whether a value was set at all). Internal to config/; no TOML
// types, so validate.cpp works on plain values.

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"

namespace omvarld::config {

template <class T>
struct Located {
  T value;
  FilePos where;
};

struct SourceDraft {
  SourceConfig config;
  std::optional<FilePos> id_at;
  std::optional<FilePos> file_url_at;  // set when the url is (or resolved to) file://
  bool interval_set = false;
};

struct TopicDraft {
  TopicConfig config;
  std::optional<FilePos> id_at;
};

struct NamndDraft {
  NamndConfig config;
  std::optional<FilePos> id_at;
  std::vector<Located<std::string>> source_refs;  // ids or tags, as written
  std::vector<Located<std::string>> topic_refs;
};

struct KommunDraft {
  KommunConfig config;
  std::optional<FilePos> id_at;  // the header's key, where a wrong or unused id is reported
};

struct Draft {
  Config config;  // daemon and mail are merged here; the lists below replace its vectors
  std::vector<SourceDraft> sources;
  std::vector<TopicDraft> topics;
  std::vector<NamndDraft> namnder;
  std::vector<KommunDraft> kommuner;  // one per id: a later file's [kommun.ID] sets keys in it
  std::optional<FilePos> transport_at;
  std::optional<FilePos> starttls_at;
  bool smtp_url_set = false;
  bool every_file_read = true;  // false after a missing file or a TOML syntax error
  std::vector<Error> errors;
  std::vector<Error> warnings;  // for check-config: nothing is wrong, something looks mistaken

  void error(std::string message, FilePos where, Errc code = Errc::kInvalidConfig) {
    errors.push_back(Error{code, std::move(message), std::move(where)});
  }
};

// Reads `main_file` and every conf.d/*.toml beside it, and runs the checks
// of load_config (validate_merged, check_terms): the Draft holds every
// error and warning found, not yet in reading order. A missing main file
// is its only error.
Draft read_configuration(const std::filesystem::path& main_file);

// The configuration `draft` has read, its lists moved out of it. Only
// complete when `draft` has no errors.
Config take_config(Draft& draft);

// Errors (or warnings) without a position first, then in the order of
// `files`, line, column.
void sort_by_position(const std::vector<std::filesystem::path>& files, std::vector<Error>& errors);

// The checks that need every file: duplicate ids, references to sources,
// tags and topics, file:// URLs against allow_file_urls, the mail transport's
// settings; and the defaults that depend on other files (source intervals,
// nämnd sources as resolved ids). Adds errors to `draft`.
void validate_merged(Draft& draft);

// Compiles the terms and queries of `draft` with filters::Matcher, with only
// the references that resolve, and adds the matcher's errors to `draft`.
void check_terms(Draft& draft);

}  // namespace omvarld::config
