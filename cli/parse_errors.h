// cli/parse_errors.h
//
// What the command line says when CLI11 cannot read it. CLI11's own texts
// ("The following argument was not expected: --bogus", "--format: Check xml
// value in {eml->2,html->1,text->0} OR {2,1,0} FAILED") are English and
// speak of its internals; a coordinator gets the command, the option and
// what to write instead, in the configured language, with "did you mean"
// for a misspelt option.

#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace omvarld::cli {

// The message for `error`, thrown while `app` parsed a command line, and
// the line that points to the failing command's --help. CLI11's own text
// when the error is of a kind not named here.
std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& error);

}  // namespace omvarld::cli
