// config/language.h
//
// `[daemon] language`: the language of what the command line prints for
// people, "sv" (the default) or "en". It is not part of Config: it must be
// known before the configuration is read, as the configuration's own errors
// are printed in it (and --help before any reading at all).

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/translate.h"

namespace omvarld::config {

// The language a code stands for: "sv" or "en", exactly.
std::optional<core::Language> language_of_code(std::string_view code);

// Why `code` is not a language code, with the one it probably means:
// `language: expected "sv" or "en", got "svenska" (did you mean "sv"?)`.
// Names of the languages in Swedish or English and region forms such as
// "sv-SE" lead to their code, as does a close spelling.
std::string language_problem(std::string_view code);

// `[daemon] language` as the main file and its conf.d/*.toml set it (a later
// file wins), read cheaply before anything is printed: only that key,
// nothing checked. Nothing when no file sets it, a file cannot be read or
// parsed, or the value is not "sv" or "en" (load_config reports that).
std::optional<core::Language> configured_language(const std::filesystem::path& main_file);

}  // namespace omvarld::config
