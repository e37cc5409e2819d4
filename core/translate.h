// core/translate.h
//
// The words a coordinator or an official reads, in their language. Every
// message the CLI, check-config and the reports print is written in English
// in the code and wrapped in tr() or trf(); the Swedish (the default) comes
// from the gettext catalog po/sv.po, which a translator edits in Poedit.
// xgettext finds the messages by these two names (keywords tr and trf:1).
// Logs for IT stay in English and are not wrapped.

#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace omvarld::core {

enum class Language { swedish, english };

// The language of every later tr() and trf(), process-wide: set once from
// `[daemon] language` before anything is printed. Swedish until then.
void set_language(Language language);
Language current_language();

// `message` in the current language; the English itself when the catalog
// has no translation for it.
std::string_view tr(std::string_view message);

// tr(message) with {0}, {1}, ... replaced by `values` in order; a {N}
// without a value stays as written.
std::string trf(std::string_view message, std::initializer_list<std::string_view> values);

}  // namespace omvarld::core
