// check_config: load_config's checks, then those that look at the files a
// configuration names and the mistakes that are not errors, for a person at
// the terminal (`omvarld check-config`).

#include <array>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "config/checks.h"
#include "config/config.h"
#include "config/draft.h"
#include "config/password_file.h"
#include "core/ascii.h"
#include "core/translate.h"
#include "filters/query_parser.h"
#include "filters/term.h"

namespace omvarld::config {

namespace {

// A file:// source (or a relative path) whose file is not there fails at
// every poll, named only in the log; here it is named at its line. A
// folder is right only for kind = "imap" (a folder of .eml files).
void check_source_files(Draft& draft) {
  for (const SourceDraft& source : draft.sources) {
    if (!source.file_url_at) continue;
    const auto path = file_path(source.config.url);
    if (!path) continue;  // another host: the url check says what to write
    std::error_code error;
    const auto status = std::filesystem::status(*path, error);
    if (!std::filesystem::exists(status)) {
      draft.error(core::trf("url: there is no file {0}: check the file's name and folder (a relative "
                            "path starts in the folder of this configuration file)",
                            {path->string()}),
                  *source.file_url_at);
    } else if (std::filesystem::is_directory(status) && source.config.kind != SourceKind::kImap) {
      // kind = "imap" reads a folder of .eml files from a file:// URL (the demo).
      draft.error(core::trf("url: {0} is a folder: name the feed file in it", {path->string()}),
                  *source.file_url_at);
    }
  }
}

// The query operators, each with its lower-case spelling: written in lower
// case they are words to search for (docs/reference.md, "Queries").
struct Operator {
  std::string_view lower;
  std::string_view upper;
};
constexpr std::array<Operator, 6> kOperators = {{
    {"och", "OCH"}, {"eller", "ELLER"}, {"inte", "INTE"},
    {"and", "AND"}, {"or", "OR"},       {"not", "NOT"},
}};

// "skola och digitalisering" asks for three words, "och" among them, and so
// finds almost nothing: the coordinator meant OCH.
void warn_lower_case_operators(const Config& config, std::vector<Error>& warnings) {
  for (const NamndConfig& namnd : config.namnder) {
    if (!namnd.query) continue;
    auto query = filters::parse_query(namnd.query->text);
    if (!query) continue;  // an error already
    for (const filters::QueryLeaf& leaf : filters::leaves(*query)) {
      const std::string& word = leaf.term->text;
      for (const Operator& op : kOperators) {
        if (!core::equals_ascii_nocase(word, op.lower)) continue;
        const filters::Problem problem{
            core::trf("\"{0}\" is searched for as a word, not read as an operator: operators are "
                      "written in capitals, so if you meant one, write {1}",
                      {word, op.upper}),
            leaf.term->offset};
        warnings.push_back(filters::locate(problem, "query", *namnd.query));
      }
    }
  }
}

void add(std::vector<Error>& to, std::vector<Error> more) {
  for (Error& entry : more) to.push_back(std::move(entry));
}

}  // namespace

ConfigReport check_config(const std::filesystem::path& main_file) {
  Draft draft = read_configuration(main_file);
  ConfigReport report;
  if (draft.config.files.empty()) {  // no main file
    report.errors = std::move(draft.errors);
    return report;
  }
  check_source_files(draft);
  std::vector<Error> errors = std::move(draft.errors);
  std::vector<Error> warnings = std::move(draft.warnings);
  Config config = take_config(draft);

  // With errors the configuration is incomplete, but what it names is
  // checked all the same: every mistake in one run.
  warn_lower_case_operators(config, warnings);
  PasswordFileFindings passwords = check_password_files(config);
  add(errors, std::move(passwords.errors));
  add(warnings, std::move(passwords.warnings));

  sort_by_position(config.files, errors);
  sort_by_position(config.files, warnings);
  report.errors = std::move(errors);
  report.warnings = std::move(warnings);
  if (report.errors.empty()) report.config = std::move(config);
  return report;
}

}  // namespace omvarld::config
