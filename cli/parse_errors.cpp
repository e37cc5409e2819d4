#include "cli/parse_errors.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "core/spelling.h"
#include "core/translate.h"

namespace omvarld::cli {

namespace {

// The command that was being read: the deepest subcommand the parse
// reached, and its words ("omvarld digest preview").
struct FailedCommand {
  const CLI::App* app;
  std::string path;
};

FailedCommand failed_command(const CLI::App& root) {
  FailedCommand failed{&root, root.get_name()};
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : failed.app->get_subcommands([](const CLI::App*) { return true; })) {
      if (sub->parsed()) {
        failed = {sub, failed.path + " " + sub->get_name()};
        deeper = true;
        break;
      }
    }
  }
  return failed;
}

// The options a word may have meant: the command's and, since options fall
// through (--config after the subcommand), its parents'.
std::vector<std::string> option_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (; command != nullptr; command = command->get_parent()) {
    for (const CLI::Option* option : command->get_options()) {
      if (!option->nonpositional()) continue;
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

const CLI::Option* find_option(const CLI::App* command, std::string_view name) {
  for (; command != nullptr; command = command->get_parent()) {
    for (const CLI::Option* option : command->get_options()) {
      if (option->check_name(std::string(name))) return option;
    }
  }
  return nullptr;
}

// The text between `before` and `after` in `text`, when both are there.
std::optional<std::string> between(std::string_view text, std::string_view before,
                                   std::string_view after) {
  const auto start = text.find(before);
  if (start == std::string_view::npos) return std::nullopt;
  const auto from = start + before.size();
  const auto end = text.find(after, from);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(text.substr(from, end - from));
}

std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  for (std::size_t at = 0;;) {
    const auto next = text.find(separator, at);
    parts.emplace_back(text.substr(at, next - at));
    if (next == std::string_view::npos) return parts;
    at = next + separator.size();
  }
}

std::string unexpected_words(const FailedCommand& failed, std::string_view words) {
  std::string message;
  std::vector<std::string> in_order = split(words, " ");
  std::reverse(in_order.begin(), in_order.end());  // CLI11 lists them last first
  for (const std::string& word : in_order) {
    if (!message.empty()) message += "\n";
    if (!word.starts_with("-")) {
      message += core::trf("{0}: unexpected argument \"{1}\"", {failed.path, word});
      continue;
    }
    const std::string name = word.substr(0, word.find('='));
    const std::vector<std::string> names = option_names(failed.app);
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    if (auto close = core::closest_spelling(name, candidates)) {
      message += core::trf("{0}: unknown option {1} (did you mean {2}?)", {failed.path, name, *close});
    } else {
      message += core::trf("{0}: unknown option {1}", {failed.path, name});
    }
  }
  return message;
}

std::string subcommand_list(const CLI::App* command) {
  std::string list;
  for (const CLI::App* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
    if (!list.empty()) list += ", ";
    list += sub->get_name();
  }
  return list;
}

// By type, not get_name(): a subcommand's ExtrasError carries the
// subcommand's name there.
template <typename Kind>
bool is(const CLI::ParseError& error) {
  return dynamic_cast<const Kind*>(&error) != nullptr;
}

std::string describe(const FailedCommand& failed, const CLI::ParseError& error) {
  const std::string_view what = error.what();
  const std::string& path = failed.path;
  if (is<CLI::ExtrasError>(error)) {
    if (auto words = between(std::string(what) + "\n", "expected: ", "\n")) {
      return unexpected_words(failed, *words);
    }
  }
  if (is<CLI::RequiredError>(error)) {
    if (what.starts_with("A subcommand is required") || what.starts_with("Requires at least")) {
      return core::trf("{0}: give one of its commands: {1}", {path, subcommand_list(failed.app)});
    }
    if (what.ends_with(" is required")) {
      return core::trf("{0}: {1} is required", {path, what.substr(0, what.size() - 12)});
    }
  }
  if (is<CLI::ArgumentMismatch>(error)) {
    if (auto name = between(what, "", ": At Most ")) {
      return core::trf("{0}: {1} may be given only once", {path, *name});
    }
    if (auto name = between(what, "", ": ")) {
      return core::trf("{0}: {1} needs a value", {path, *name});
    }
  }
  if (is<CLI::ConversionError>(error)) {
    if (auto name = between(what, "Could not convert: ", " = ")) {
      const std::string value(what.substr(what.find(" = ") + 3));
      return core::trf("{0}: {1} wants a whole number, not \"{2}\"", {path, *name, value});
    }
  }
  if (is<CLI::ValidationError>(error)) {
    const auto name = between(what, "", ": ");
    const auto value = between(what, "Check ", " value in");
    const CLI::Option* option = name ? find_option(failed.app, *name) : nullptr;
    if (option != nullptr && value) {
      std::string choices;
      // "text|html|eml", before CLI11 appends its validator (":value in {…}").
      const std::string type_name = option->get_type_name();
      for (const std::string& choice : split(type_name.substr(0, type_name.find(':')), "|")) {
        choices += (choices.empty() ? "" : ", ") + choice;
      }
      return core::trf("{0}: {1} cannot be \"{2}\"; write one of: {3}", {path, *name, *value, choices});
    }
  }
  if (is<CLI::ExcludesError>(error)) {
    if (auto first = between(what, "", " excludes ")) {
      const std::string second(what.substr(first->size() + 10));
      return core::trf("{0}: {1} cannot be used together with {2}", {path, *first, second});
    }
  }
  if (is<CLI::RequiresError>(error)) {
    if (auto first = between(what, "", " requires ")) {
      const std::string second(what.substr(first->size() + 10));
      return core::trf("{0}: {1} needs {2} as well", {path, *first, second});
    }
  }
  return path + ": " + std::string(what);
}

}  // namespace

std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& error) {
  const FailedCommand failed = failed_command(app);
  return describe(failed, error) + "\n" +
         core::trf("Run '{0} --help' to see what it takes.", {failed.path});
}

}  // namespace omvarld::cli
