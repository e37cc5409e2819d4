// [source.html]: the selector profile of a kind = "html" source. Every
// expression is compiled here, at load time, so a typo in an XPath is a
// config error at its FILE:LINE:COL instead of a failing source at 3 a.m.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "config/readers.h"
#include "core/translate.h"
#include "core/utf8.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 7> kHtmlKeys = {
    "items", "title", "link", "date", "date_format", "summary", "deadline"};

// The last error libxml2 raises on this thread while the object lives; its
// default handler would print to stderr instead. libxml2 keeps error
// handlers per thread, so a reload on another thread is not disturbed.
class XPathErrorCapture {
 public:
  XPathErrorCapture() { xmlSetStructuredErrorFunc(this, &XPathErrorCapture::record); }
  ~XPathErrorCapture() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
  XPathErrorCapture(const XPathErrorCapture&) = delete;
  XPathErrorCapture& operator=(const XPathErrorCapture&) = delete;

  std::string message = "not a valid XPath expression";
  std::optional<int> offset;  // into the expression, where libxml2 stopped

 private:
  static void record(void* self, xmlErrorPtr error) {
    auto& capture = *static_cast<XPathErrorCapture*>(self);
    if (error == nullptr || error->domain != XML_FROM_XPATH) return;
    if (error->message != nullptr) {
      std::string text = error->message;
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
      capture.message = text;
    }
    capture.offset = error->int1;
  }
};

// Where in the file the expression's byte `offset` is. The value's
// position is its opening quote; counting on from there is exact for a
// one-line string without escapes, which is how XPath is written in
// practice; otherwise the value's start is the best we can say.
FilePos position_in(const Located<std::string>& value, std::optional<int> offset) {
  FilePos at = value.where;
  const bool plain = value.value.find_first_of("\\\"\n") == std::string::npos;
  if (plain && offset && *offset >= 0 &&
      static_cast<std::size_t>(*offset) <= value.value.size()) {
    const std::string_view before =
        std::string_view(value.value).substr(0, static_cast<std::size_t>(*offset));
    at.column += 1 + static_cast<int>(core::count_code_points(before));
  }
  return at;
}

// Compiles `value` as XPath 1.0 and reports it at the place it breaks.
void check_xpath(TableReader& table, std::string_view key, const Located<std::string>& value) {
  if (value.value.empty()) {
    table.error(core::trf("{0}: expected an XPath expression, got \"\"", {key}), value.where);
    return;
  }
  xmlInitParser();
  XPathErrorCapture capture;
  xmlXPathCompExprPtr compiled =
      xmlXPathCompile(reinterpret_cast<const xmlChar*>(value.value.c_str()));
  if (compiled != nullptr) {
    xmlXPathFreeCompExpr(compiled);
    return;
  }
  table.error(core::trf("{0}: \"{1}\" is not a valid XPath expression: {2}", {key, value.value, capture.message}),
              position_in(value, capture.offset));
}

// The strptime-like conversions html_items reads (sources/html_items.cpp).
void check_date_format(TableReader& table, const Located<std::string>& format) {
  constexpr std::string_view kConversions = "dmYyBbHM%";
  const std::string& text = format.value;
  bool has_day = false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '%') continue;
    if (at + 1 == text.size() || kConversions.find(text[at + 1]) == std::string_view::npos) {
      const std::string found = at + 1 == text.size() ? "%" : text.substr(at, 2);
      table.error(core::trf("date_format: unknown conversion \"{0}\"; use %d %m %B %b %Y %y %H %M (and %% for a "
                            "percent sign)",
                            {found}),
                  format.where);
      return;
    }
    has_day = has_day || text[at + 1] == 'd';
    ++at;
  }
  if (!has_day || (text.find("%Y") == std::string::npos && text.find("%y") == std::string::npos) ||
      (text.find("%m") == std::string::npos && text.find("%B") == std::string::npos &&
       text.find("%b") == std::string::npos)) {
    table.error(core::trf("date_format: \"{0}\" needs a day (%d), a month (%m, %B or %b) and a year (%Y or %y)",
                          {text}),
                format.where);
  }
}

}  // namespace

void read_html_profile(TableReader& source_table, SourceDraft& source) {
  auto table = kind_table(source_table, source.config.kind == SourceKind::kHtml, "html",
                          core::tr("with items, title and link"), kHtmlKeys);
  if (!table) return;

  HtmlProfile& profile = source.config.html;
  const auto read_xpath = [&table](std::string_view key, bool required, std::string& into) {
    auto value = required ? table->required_string(key) : table->string(key);
    if (!value) return;
    check_xpath(*table, key, *value);
    into = value->value;
  };
  read_xpath("items", true, profile.items);
  read_xpath("title", true, profile.title);
  read_xpath("link", true, profile.link);
  read_xpath("date", false, profile.date);
  read_xpath("summary", false, profile.summary);
  read_xpath("deadline", false, profile.deadline);
  if (auto format = table->string("date_format")) {
    check_date_format(*table, *format);
    profile.date_format = format->value;
    if (!table->has("date") && !table->has("deadline")) {
      table->error(std::string(core::tr("date_format: there is no date or deadline expression for it to read")),
                   format->where);
    }
  }
}

}  // namespace omvarld::config
