#include "core/translate.h"

#include <atomic>
#include <cstddef>

#include "core/embedded_catalog.h"
#include "core/message_catalog.h"

namespace omvarld::core {
namespace {

std::atomic<Language> g_language{Language::swedish};

// Read once, on the first message; an unreadable catalog (which msgfmt at
// build time rules out) leaves every message in English.
const MessageCatalog& swedish() {
  static const MessageCatalog catalog =
      MessageCatalog::parse(embedded_swedish_catalog()).value_or(MessageCatalog());
  return catalog;
}

}  // namespace

void set_language(Language language) { g_language.store(language); }

Language current_language() { return g_language.load(); }

std::string_view tr(std::string_view message) {
  if (current_language() == Language::english) return message;
  return swedish().find(message).value_or(message);
}

std::string trf(std::string_view message, std::initializer_list<std::string_view> values) {
  const std::string_view text = tr(message);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t close = text.find('}', i);
    if (text[i] == '{' && close != std::string_view::npos && close > i + 1 && close - i <= 3) {
      std::size_t index = 0;
      bool digits = true;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (text[k] < '0' || text[k] > '9') {
          digits = false;
          break;
        }
        index = index * 10 + static_cast<std::size_t>(text[k] - '0');
      }
      if (digits && index < values.size()) {
        out += values.begin()[index];
        i = close;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace omvarld::core
