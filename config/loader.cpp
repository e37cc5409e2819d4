// load_config: finds the files, parses each with toml++, hands every table to
// its reader, then runs the checks that need all files at once and sorts the
// errors into reading order. The only place that reads configuration files.

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>

#include "config/checks.h"
#include "config/config.h"
#include "config/language.h"
#include "config/readers.h"
#include "config/table_reader.h"
#include "config/toml_errors.h"
#include "core/ascii.h"
#include "core/spelling.h"
#include "core/translate.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 7> kTables = {"daemon", "mail",  "kommun", "source",
                                                     "topic",  "namnd", "web"};

using Reader = void (*)(TableReader&, Draft&);

// [daemon], [mail] or [web]: one table, which a later file may set again.
void read_section(const toml::node& node, std::string_view key, const FileContext& file,
                  Draft& draft, Reader reader) {
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    draft.error(core::trf("{0}: expected a table [{0}], got {1}", {key, type_phrase(node)}),
                position_of(file, node.source()));
    return;
  }
  TableReader section(*table, "[" + std::string(key) + "]", file, draft);
  reader(section, draft);
}

// [[source]], [[topic]], [[namnd]]: an array of tables, appended.
void read_list(const toml::node& node, std::string_view key, const FileContext& file,
               Draft& draft, Reader reader) {
  const std::string name = "[[" + std::string(key) + "]]";
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    draft.error(core::trf("{0}: expected {1} tables, got {2}", {key, name, type_phrase(node)}),
                position_of(file, node.source()));
    return;
  }
  for (const toml::node& element : *array) {
    const toml::table* table = element.as_table();
    if (table == nullptr) {
      draft.error(core::trf("{0}: expected {1} tables, got {2}", {key, name, type_phrase(element)}),
                  position_of(file, element.source()));
      continue;
    }
    TableReader reader_of_table(*table, name, file, draft);
    reader(reader_of_table, draft);
  }
}

void read_document(const toml::table& root, const FileContext& file, Draft& draft) {
  for (auto&& [key, node] : root) {
    const std::string_view name = key.str();
    if (name == "daemon") {
      read_section(node, name, file, draft, read_daemon);
    } else if (name == "mail") {
      read_section(node, name, file, draft, read_mail);
    } else if (name == "web") {
      read_section(node, name, file, draft, read_web);
    } else if (name == "kommun") {
      read_kommuner(node, file, draft);
    } else if (name == "source") {
      read_list(node, name, file, draft, read_source);
    } else if (name == "topic") {
      read_list(node, name, file, draft, read_topic);
    } else if (name == "namnd") {
      read_list(node, name, file, draft, read_namnd);
    } else {
      const bool is_table = node.is_table() || node.is_array_of_tables();
      std::string message;
      if (auto suggestion = core::closest_spelling(name, kTables)) {
        message = is_table ? core::trf("unknown table \"{0}\" (did you mean \"{1}\"?)", {name, *suggestion})
                           : core::trf("unknown key \"{0}\" (did you mean \"{1}\"?)", {name, *suggestion});
      } else {
        message = is_table ? core::trf("unknown table \"{0}\"", {name})
                           : core::trf("unknown key \"{0}\" outside any table", {name});
      }
      draft.error(std::move(message), position_of(file, key.source()));
    }
  }
}

// The text of 1-based line `number` of `content`, without its line break.
std::string_view line_at(std::string_view content, int number) {
  std::size_t begin = 0;
  for (int line = 1; line < number && begin != std::string_view::npos; ++line) {
    begin = content.find('\n', begin);
    if (begin != std::string_view::npos) ++begin;
  }
  if (begin == std::string_view::npos || begin > content.size()) return {};
  const std::string_view rest = content.substr(begin);
  return rest.substr(0, rest.find('\n'));
}

void read_file(const std::filesystem::path& path, Draft& draft) {
  const FileContext file{path.string(), path.parent_path()};
  draft.config.files.push_back(path);
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    draft.errors.push_back(Error{Errc::kInvalidConfig,
                                 core::trf("{0}: cannot read: {1}", {file.path, std::strerror(errno)}),
                                 std::nullopt});
    draft.every_file_read = false;
    return;
  }
  const std::string content{std::istreambuf_iterator<char>(stream),
                            std::istreambuf_iterator<char>()};
  try {
    const toml::table root = toml::parse(content, std::string_view(file.path));
    read_document(root, file, draft);
  } catch (const toml::parse_error& error) {
    // toml++ stops at the first syntax error of a file; the other files are
    // still read so that their mistakes show up in the same run.
    FilePos where = position_of(file, error.source());
    TomlProblem problem = explain_toml_error(error.description(), line_at(content, where.line), where.column);
    where.column = problem.column;
    draft.error(std::move(problem.message), std::move(where));
    draft.every_file_read = false;
  }
}

// A file in conf.d/ that is not read, such as "20-linkoping.toml.txt" (an
// editor added ".txt") or "20-linkoping.TOML": a warning that names it, so
// its nämnder are not missed in silence. Hidden files (an editor's swap
// file) are left alone.
void warn_not_read(const std::filesystem::path& path, Draft& draft) {
  const std::string name = path.filename().string();
  if (name.starts_with(".")) return;
  std::string message;
  const std::string lowered = core::lowercase_ascii(name);
  const size_t toml = lowered.rfind(".toml");
  if (toml != std::string::npos && toml > 0) {
    message = core::trf("{0}: not read: only files whose name ends in .toml are read; rename it \"{1}.toml\"",
                        {path.string(), name.substr(0, toml)});
  } else {
    message = core::trf("{0}: not read: only files whose name ends in .toml are read; if it holds "
                        "configuration, give it a name that ends in .toml",
                        {path.string()});
  }
  draft.warnings.push_back(Error{Errc::kInvalidConfig, std::move(message), std::nullopt});
}

// conf.d/*.toml beside the main file, in name order.
std::vector<std::filesystem::path> drop_ins(const std::filesystem::path& main_file, Draft& draft) {
  std::vector<std::filesystem::path> files;
  const std::filesystem::path dir = main_file.parent_path() / "conf.d";
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return files;
  std::filesystem::directory_iterator entries(dir, error);
  std::vector<std::filesystem::path> not_read;
  for (; !error && entries != std::filesystem::directory_iterator(); entries.increment(error)) {
    const std::filesystem::path& path = entries->path();
    if (!entries->is_regular_file(error)) continue;
    (path.extension() == ".toml" ? files : not_read).push_back(path);
  }
  if (error) {
    draft.errors.push_back(Error{Errc::kInvalidConfig,
                                 core::trf("{0}: cannot list: {1}", {dir.string(), error.message()}),
                                 std::nullopt});
  }
  const auto by_name = [](const auto& a, const auto& b) {
    return a.filename().string() < b.filename().string();
  };
  std::sort(files.begin(), files.end(), by_name);
  std::sort(not_read.begin(), not_read.end(), by_name);
  for (const std::filesystem::path& path : not_read) warn_not_read(path, draft);
  return files;
}

}  // namespace

void sort_by_position(const std::vector<std::filesystem::path>& files, std::vector<Error>& errors) {
  auto rank = [&](const Error& error) {
    if (!error.where) return std::make_tuple(-1, 0, 0);
    int index = static_cast<int>(files.size());
    for (size_t at = 0; at < files.size(); ++at) {
      if (files[at].string() == error.where->file) index = static_cast<int>(at);
    }
    return std::make_tuple(index, error.where->line, error.where->column);
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const Error& a, const Error& b) { return rank(a) < rank(b); });
}

Draft read_configuration(const std::filesystem::path& main_file) {
  Draft draft;
  std::error_code error;
  if (!std::filesystem::is_regular_file(main_file, error)) {
    std::string message = std::filesystem::exists(main_file, error)
                              ? core::trf("{0}: not a regular file", {main_file.string()})
                              : core::trf("{0}: no such file", {main_file.string()});
    draft.errors.push_back(Error{Errc::kInvalidConfig, std::move(message), std::nullopt});
    draft.every_file_read = false;
    return draft;
  }
  read_file(main_file, draft);
  for (const std::filesystem::path& file : drop_ins(main_file, draft)) read_file(file, draft);

  // A file that could not be read may hold the sources and topics that the
  // others refer to: checking references now would only add false alarms.
  // Terms and queries are checked all the same: before validate_merged no
  // nämnd refers to a topic, so their mistakes are the only ones found.
  if (draft.every_file_read) validate_merged(draft);
  check_terms(draft);
  return draft;
}

std::optional<core::Language> configured_language(const std::filesystem::path& main_file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(main_file, error)) return std::nullopt;
  Draft unused;  // drop_ins() reports there what load_config reports properly
  std::vector<std::filesystem::path> files = drop_ins(main_file, unused);
  files.insert(files.begin(), main_file);
  std::optional<core::Language> language;
  for (const std::filesystem::path& file : files) {
    try {
      const toml::table root = toml::parse_file(file.string());
      if (auto code = root["daemon"]["language"].value<std::string>()) {
        if (auto named = language_of_code(*code)) language = named;
      }
    } catch (const toml::parse_error&) {
      // load_config says what is wrong, in Swedish until the file is fixed.
    }
  }
  return language;
}

Config take_config(Draft& draft) {
  for (SourceDraft& source : draft.sources) draft.config.sources.push_back(std::move(source.config));
  for (TopicDraft& topic : draft.topics) draft.config.topics.push_back(std::move(topic.config));
  for (NamndDraft& namnd : draft.namnder) draft.config.namnder.push_back(std::move(namnd.config));
  for (KommunDraft& kommun : draft.kommuner) draft.config.kommuner.push_back(std::move(kommun.config));
  draft.kommuner.clear();
  draft.sources.clear();
  draft.topics.clear();
  draft.namnder.clear();
  return std::move(draft.config);
}

Result<Config, std::vector<Error>> load_config(const std::filesystem::path& main_file) {
  Draft draft = read_configuration(main_file);
  if (!draft.errors.empty()) {
    sort_by_position(draft.config.files, draft.errors);
    return unexpected<std::vector<Error>>(std::move(draft.errors));
  }
  return take_config(draft);
}

}  // namespace omvarld::config
