// A re-implementation of the parts of Python's sgmllib (and _markupbase)
// that feedparser's _BaseHTMLProcessor runs, with feedparser's overrides:
// its end-bracket search that skips quoted attribute values, its
// declaration-name scanner, its catch-all for malformed declarations. The
// quirks are kept on purpose, because the sanitizer's output must match
// feedparser's byte for byte; each is named where it happens.
//
// Positions are offsets into the rewritten markup. sgmllib parses the
// buffer twice (feed() then close()); a construct it cannot finish stops
// the first pass, and the second pass hands the rest over as text.

#include "markup/sgml_scanner.h"

#include <utility>

#include "core/ascii.h"
#include "markup/markup_stops.h"
#include "markup/sgml_rewrite.h"

namespace omvarld::markup {
namespace {

constexpr std::size_t kIncomplete = std::string_view::npos;  // sgmllib's -1
constexpr std::size_t kMalformed = std::string_view::npos - 1;  // an AssertionError

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= '\x1c' && c <= '\x1f');
}
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(char c) { return is_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

// The first `c` at or after a position. Remembers its last answer, so that
// searching again and again across a long stretch without `c` (many tags
// opening a quote that never closes) costs the stretch once, not each time.
class ByteFinder {
 public:
  ByteFinder(std::string_view text, char c) : text_(text), c_(c) {}

  std::size_t find(std::size_t from) {
    if (known_ && from >= from_ && from <= found_) return found_;
    std::size_t found;
    if (known_ && from < from_) {
      found = text_.substr(0, from_).find(c_, from);
      if (found == std::string_view::npos) found = found_;
    } else {
      found = text_.find(c_, from);
    }
    known_ = true;
    from_ = from;
    found_ = found;
    return found;
  }

 private:
  std::string_view text_;
  char c_;
  bool known_ = false;
  std::size_t from_ = 0;
  std::size_t found_ = 0;  // npos when there is none after from_
};

class Scanner {
 public:
  Scanner(std::string_view raw, bool xhtml, MarkupHandler& handler)
      : raw_(raw), n_(raw.size()), xhtml_(xhtml), handler_(handler) {}

  void run() {
    const std::size_t stop = go_ahead(0, false);
    go_ahead(stop, true);
  }

 private:
  // sgmllib's goahead(): text up to the next '<' or '&', then the construct.
  std::size_t go_ahead(std::size_t start, bool end) {
    buffer_ = start;
    std::size_t i = start;
    while (i < n_) {
      const std::size_t j = stops_.next(i);
      if (i < j) handler_.text(raw_.substr(i, j - i));
      i = j;
      if (i == n_) break;
      std::size_t next = kMalformed;  // "not handled here"
      if (raw_[i] == '<') {
        if (i + 1 < n_ && (is_alpha(raw_[i + 1]) || raw_[i + 1] == '>')) {
          next = parse_start_tag(i);
        } else if (i + 1 < n_ && raw_[i + 1] == '/') {
          next = parse_end_tag(i);
        } else if (i + 1 < n_ && raw_[i + 1] == '!') {
          next = i + 3 < n_ && raw_[i + 2] == '-' && raw_[i + 3] == '-' ? parse_comment(i, true)
                                                                       : parse_declaration(i);
        } else if (i + 1 < n_ && raw_[i + 1] == '?') {
          next = parse_processing_instruction(i);
        }
      } else {
        next = parse_reference(i);
      }
      if (next == kIncomplete) break;
      if (next != kMalformed) {
        i = next;
        continue;
      }
      // sgmllib's `incomplete`: a '<' or '&' that starts nothing is text.
      const std::size_t text_end = incomplete_end(i);
      if (text_end == n_) break;
      handler_.text(raw_.substr(i, text_end - i));
      i = text_end;
    }
    if (end && i < n_) {
      handler_.text(raw_.substr(i));
      i = n_;
    }
    return i;
  }

  std::size_t incomplete_end(std::size_t i) const {
    std::size_t p = i + 1;
    if (raw_[i] == '&') {
      if (p < n_ && is_alpha(raw_[p])) {
        while (p < n_ && is_alnum(raw_[p])) ++p;
      } else if (p < n_ && raw_[p] == '#') {
        ++p;
        while (p < n_ && is_digit(raw_[p])) ++p;
      }
      return p;
    }
    auto to_bracket = [&] {
      while (p < n_ && raw_[p] != '<' && raw_[p] != '>') ++p;
    };
    if (p < n_ && is_alpha(raw_[p])) {
      to_bracket();
    } else if (p < n_ && raw_[p] == '/') {
      ++p;
      if (p < n_ && is_alpha(raw_[p])) to_bracket();
    } else if (p < n_ && raw_[p] == '!') {
      ++p;
      to_bracket();
    }
    return p;
  }

  // &#160; &#x20AC; (the ';' is required) and &name followed by any
  // character that is not a letter or digit (';' is then consumed).
  std::size_t parse_reference(std::size_t i) {
    if (i + 1 < n_ && raw_[i + 1] == '#') {
      std::size_t p = i + 2;
      const bool hex = p < n_ && (raw_[p] == 'x' || raw_[p] == 'X') && !(p < n_ && is_digit(raw_[p]));
      const std::size_t digits = hex ? p + 1 : p;
      std::size_t q = digits;
      while (q < n_ && (hex ? is_hex(raw_[q]) : is_digit(raw_[q]))) ++q;
      if (q > digits && q < n_ && raw_[q] == ';') {
        handler_.char_ref(raw_.substr(i + 2, q - i - 2));
        return q + 1;
      }
      return kMalformed;
    }
    if (i + 1 >= n_ || !is_alpha(raw_[i + 1])) return kMalformed;
    std::size_t p = i + 2;
    while (p < n_ && (is_alnum(raw_[p]) || raw_[p] == '-' || raw_[p] == '.')) ++p;
    if (p == n_) {
      // At the end the regex backtracks: the name ends before its last
      // '-' or '.', which serves as the terminator.
      while (p > i + 2 && raw_[p - 1] != '-' && raw_[p - 1] != '.') --p;
      if (p == i + 2) return kMalformed;
      --p;
    }
    handler_.entity_ref(raw_.substr(i + 1, p - i - 1));
    return raw_[p] == ';' ? p + 1 : p;
  }

  // feedparser's end-bracket search: the next '<' or '>', skipping quoted
  // values that are followed by '>', '/', whitespace or another name=;
  // failing that, the next '<' or '>' on the same line.
  std::size_t end_bracket(std::size_t from) {
    for (std::size_t q = from; q < n_;) {
      const char c = raw_[q];
      if (c == '<' || c == '>') return q;
      if (c == '"' || c == '\'') {
        const std::size_t close = finder(c).find(q + 1);
        if (close == std::string_view::npos || !quote_is_followed_well(close + 1)) break;
        q = close + 1;
        continue;
      }
      ++q;
    }
    for (std::size_t r = from; r < n_; ++r) {
      if (raw_[r] == '\n') return kIncomplete;
      if (raw_[r] == '<' || raw_[r] == '>') return r;
    }
    return kIncomplete;
  }

  bool quote_is_followed_well(std::size_t at) const {
    if (at >= n_) return false;
    const char c = raw_[at];
    if (c == '>' || c == '/' || is_space(c)) return true;
    std::size_t p = at;
    while (p < n_ && is_word(raw_[p])) ++p;
    return p > at && p < n_ && raw_[p] == '=';
  }

  ByteFinder& finder(char quote) { return quote == '"' ? double_quote_ : single_quote_; }

  std::size_t parse_start_tag(std::size_t i) {
    std::vector<MarkupAttribute>& attributes = attributes_;
    attributes.clear();
    if (is_alpha(raw_[i + 1])) {
      // SGML's shorthand <tag/text/ means <tag>text</tag>.
      std::size_t q = i + 2;
      while (q < n_ && (is_alnum(raw_[q]) || raw_[q] == '-' || raw_[q] == '.')) ++q;
      if (q < n_ && raw_[q] == '/') {
        const std::size_t close = slash_.find(q + 1);
        if (close == std::string_view::npos) return kIncomplete;
        const std::string tag = core::lowercase_ascii(raw_.substr(i + 1, q - i - 1));
        handler_.start_tag(tag, attributes);
        handler_.text(raw_.substr(q + 1, close - q - 1));
        handler_.end_tag(tag);
        return close + 1;
      }
    }
    std::size_t j = end_bracket(i + 1);
    if (j == kIncomplete) return kIncomplete;
    std::string tag;
    std::size_t k = j;
    if (raw_[i + 1] == '>') {
      tag = last_tag_;  // SGML's <> repeats the last start tag
    } else {
      k = i + 2;
      while (k < n_ && (is_alnum(raw_[k]) || raw_[k] == '-' || raw_[k] == '_' || raw_[k] == '.' ||
                        raw_[k] == ':')) {
        ++k;
      }
      tag = core::lowercase_ascii(raw_.substr(i + 1, k - i - 1));
      last_tag_ = tag;
    }
    while (k < j) {
      k = parse_attribute(k, attributes);
      if (k == kIncomplete) break;
    }
    if (raw_[j] == '>') ++j;
    handler_.start_tag(tag, attributes);
    if (xhtml_ && j - buffer_ > 2 && raw_[j - 2] == '/' && raw_[j - 1] == '>') {
      handler_.end_tag(last_tag_);
    }
    return j;
  }

  // sgmllib's attrfind from `k`: name, optionally = and a value that is
  // single-quoted, double-quoted or a run of "safe" characters (which may
  // include quotes). Returns where it ended, kIncomplete when no attribute
  // starts at k.
  std::size_t parse_attribute(std::size_t k, std::vector<MarkupAttribute>& attributes) {
    std::size_t p = k;
    while (p < n_ && is_space(raw_[p])) ++p;
    if (p >= n_ || !(is_alpha(raw_[p]) || raw_[p] == '_')) return kIncomplete;
    const std::size_t name_start = p++;
    while (p < n_ && (is_alnum(raw_[p]) || raw_[p] == '-' || raw_[p] == ':' || raw_[p] == '.' ||
                      raw_[p] == '_')) {
      ++p;
    }
    MarkupAttribute attribute{core::lowercase_ascii(raw_.substr(name_start, p - name_start)), {}};
    const std::string_view written_name = raw_.substr(name_start, p - name_start);
    if (p < n_ && raw_[p] == '$') ++p;
    std::size_t q = p;
    while (q < n_ && is_space(raw_[q])) ++q;
    if (q >= n_ || raw_[q] != '=') {
      attribute.value = std::string(written_name);  // <input checked>
      attributes.push_back(std::move(attribute));
      return p;
    }
    ++q;
    while (q < n_ && is_space(raw_[q])) ++q;
    const std::size_t value_start = q;
    std::size_t value_end = kIncomplete;
    if (q < n_ && (raw_[q] == '"' || raw_[q] == '\'')) {
      const std::size_t close = finder(raw_[q]).find(q + 1);
      if (close != std::string_view::npos) value_end = close + 1;
    }
    if (value_end == kIncomplete) {
      value_end = q;
      while (value_end < n_ && is_unquoted_value_char(raw_[value_end])) ++value_end;
    }
    std::string_view value = raw_.substr(value_start, value_end - value_start);
    if (!value.empty() && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.size() >= 2 ? value.substr(1, value.size() - 2) : std::string_view();
    }
    attribute.value = terminate_decimal_refs(value);
    attributes.push_back(std::move(attribute));
    return value_end;
  }

  static bool is_unquoted_value_char(char c) {
    if (is_alnum(c)) return true;
    constexpr std::string_view kOthers = "[]-./,:;+*%?!&$()_#=~'\"@";
    return kOthers.find(c) != std::string_view::npos;
  }

  // sgmllib rewrites references in attribute values through feedparser's
  // convert_charref, which writes "&#N;": only a missing ';' changes.
  static std::string terminate_decimal_refs(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += value[i];
      if (value[i] != '&') continue;
      if (i + 1 < value.size() && is_alpha(value[i + 1])) {
        // An entity name: copied as it is, so a '#' after it starts nothing.
        std::size_t p = i + 1;
        while (p < value.size() && (is_alnum(value[p]) || value[p] == '-' || value[p] == '.')) ++p;
        out.append(value, i + 1, p - i - 1);
        i = p - 1;
        continue;
      }
      if (i + 2 < value.size() && value[i + 1] == '#' && is_digit(value[i + 2])) {
        std::size_t p = i + 2;
        while (p < value.size() && is_digit(value[p])) ++p;
        out.append(value, i + 1, p - i - 1);
        if (p >= value.size() || value[p] != ';') out += ';';
        i = p - 1;
      }
    }
    return out;
  }

  std::size_t parse_end_tag(std::size_t i) {
    std::size_t j = end_bracket(i + 1);
    if (j == kIncomplete) return kIncomplete;
    std::string_view tag = raw_.substr(i + 2, j - i - 2);
    while (!tag.empty() && is_space(tag.front())) tag.remove_prefix(1);
    while (!tag.empty() && is_space(tag.back())) tag.remove_suffix(1);
    if (raw_[j] == '>') ++j;
    handler_.end_tag(core::lowercase_ascii(tag));
    return j;
  }

  // A comment ends at the first "--", optional whitespace, ">".
  std::size_t parse_comment(std::size_t i, bool report) {
    const auto [close_start, close_end] = find_comment_close(i + 4);
    if (close_start != kIncomplete) {
      if (report) handler_.comment(raw_.substr(i + 4, close_start - i - 4));
      return close_end;
    }
    if (!handler_.drops_unterminated_comments()) return kIncomplete;
    // feedparser's sanitizer: skip to "--" ... ">", else drop everything.
    const std::size_t dashes = raw_.find("--", i + 4);
    if (dashes != std::string_view::npos) {
      const std::size_t gt = greater_than_.find(dashes + 2);
      if (gt != std::string_view::npos) return gt + 1;
    }
    return n_;
  }

  std::pair<std::size_t, std::size_t> find_comment_close(std::size_t from) {
    if (comment_close_known_ && from >= comment_close_from_ &&
        (comment_close_.first == kIncomplete || from <= comment_close_.first)) {
      return comment_close_;
    }
    std::pair<std::size_t, std::size_t> found{kIncomplete, kIncomplete};
    for (std::size_t p = from;;) {
      const std::size_t dashes = raw_.find("--", p);
      if (dashes == std::string_view::npos) break;
      std::size_t e = dashes + 2;
      while (e < n_ && is_space(raw_[e])) ++e;
      if (e < n_ && raw_[e] == '>') {
        found = {dashes, e + 1};
        break;
      }
      p = dashes + 1;
    }
    comment_close_known_ = true;
    comment_close_from_ = from;
    comment_close_ = found;
    return found;
  }

  std::size_t parse_processing_instruction(std::size_t i) {
    const std::size_t gt = greater_than_.find(i + 2);
    if (gt == std::string_view::npos) return kIncomplete;
    handler_.processing_instruction(raw_.substr(i + 2, gt - i - 2));
    return gt + 1;
  }

  // feedparser catches what _markupbase raises for a malformed declaration
  // and writes its '<' as "&lt;" instead.
  std::size_t parse_declaration(std::size_t i) {
    const std::size_t next = declaration(i);
    if (next == kMalformed) {
      handler_.text("&lt;");
      return i + 1;
    }
    return next;
  }

  std::size_t declaration(std::size_t i) {
    std::size_t j = i + 2;
    if (j < n_ && raw_[j] == '>') return j + 1;  // "<!>"
    if (j >= n_ || raw_[j] == '-') return kIncomplete;
    if (raw_[j] == '[') return marked_section(i);
    auto [name, next] = scan_name(j);
    if (next == kIncomplete) return kIncomplete;
    const bool is_doctype = name == "doctype";
    if (is_doctype) doctype_seen_ = true;  // _markupbase then forbids '='
    j = next;
    while (j < n_) {
      const char c = raw_[j];
      if (c == '>') {
        if (is_doctype) handler_.doctype(raw_.substr(i + 2, j - i - 2));
        return j + 1;
      }
      if (c == '"' || c == '\'') {
        const std::size_t close = finder(c).find(j + 1);
        if (close == std::string_view::npos) return kIncomplete;
        j = close + 1;
        while (j < n_ && is_space(raw_[j])) ++j;
      } else if (is_alpha(c)) {
        j = scan_name(j).second;
      } else if (c == '=' && !doctype_seen_) {
        ++j;
      } else if (c == '[' && is_doctype) {
        j = doctype_subset(j + 1);
      } else {
        return kMalformed;
      }
      if (j == kIncomplete || j == kMalformed) return j;
    }
    return kIncomplete;
  }

  // feedparser's _scan_name: a name and the whitespace after it. Where no
  // name starts, it hands the whole buffer over as text (sic) and gives up.
  std::pair<std::string, std::size_t> scan_name(std::size_t i) {
    if (i >= n_) return {{}, kIncomplete};
    if (!is_alpha(raw_[i])) {
      handler_.text(raw_.substr(buffer_));
      return {{}, kIncomplete};
    }
    std::size_t k = i + 1;
    while (k < n_ && (is_alnum(raw_[k]) || raw_[k] == '-' || raw_[k] == '_' || raw_[k] == '.' ||
                      raw_[k] == ':')) {
      ++k;
    }
    const std::size_t name_end = k;
    while (k < n_ && is_space(raw_[k])) ++k;
    if (k == n_) return {{}, kIncomplete};
    return {core::lowercase_ascii(raw_.substr(i, name_end - i)), k};
  }

  // <![CDATA[...]]> and friends, passed to nobody (unknown_decl).
  std::size_t marked_section(std::size_t i) {
    auto [name, next] = scan_name(i + 3);
    if (next == kIncomplete) return kIncomplete;
    bool doubled;
    if (name == "temp" || name == "cdata" || name == "ignore" || name == "include" ||
        name == "rcdata") {
      doubled = true;  // ]]>
    } else if (name == "if" || name == "else" || name == "endif") {
      doubled = false;  // ]>
    } else {
      return kMalformed;
    }
    for (std::size_t p = i + 3; (p = raw_.find(']', p)) != std::string_view::npos; ++p) {
      std::size_t e = p + 1;
      while (e < n_ && is_space(raw_[e])) ++e;
      if (doubled) {
        if (e >= n_ || raw_[e] != ']') continue;
        ++e;
        while (e < n_ && is_space(raw_[e])) ++e;
      }
      if (e < n_ && raw_[e] == '>') return e + 1;
    }
    return kIncomplete;
  }

  // _markupbase's internal subset of a doctype: "[" ... "]" before ">".
  // Returns the position of that '>'. Every "<!" but comments, doctypes
  // and marked sections was rewritten to "&lt;!", so no ENTITY or ELEMENT
  // declaration can appear here.
  std::size_t doctype_subset(std::size_t j) {
    while (j < n_) {
      const char c = raw_[j];
      if (c == '<') {
        if (j + 1 >= n_) return kIncomplete;
        if (raw_[j + 1] != '!') return kMalformed;
        if (j + 4 > n_) return kIncomplete;
        if (raw_.compare(j, 4, "<!--") == 0) {
          j = parse_comment(j, false);
          if (j == kIncomplete) return kIncomplete;
          continue;
        }
        if (scan_name(j + 2).second == kIncomplete) return kIncomplete;
        return kMalformed;
      }
      if (c == '%') {
        if (j + 1 == n_) return kIncomplete;
        j = scan_name(j + 1).second;
        if (j == kIncomplete) return kIncomplete;
        if (raw_[j] == ';') ++j;
      } else if (c == ']') {
        ++j;
        while (j < n_ && is_space(raw_[j])) ++j;
        if (j >= n_) return kIncomplete;
        return raw_[j] == '>' ? j : kMalformed;
      } else if (is_space(c)) {
        ++j;
      } else {
        return kMalformed;
      }
    }
    return kIncomplete;
  }

  std::string_view raw_;
  std::size_t n_;
  bool xhtml_;
  MarkupHandler& handler_;
  std::size_t buffer_ = 0;  // where sgmllib's rawdata starts in this pass
  std::string last_tag_ = "???";
  bool doctype_seen_ = false;
  std::vector<MarkupAttribute> attributes_;  // reused from tag to tag
  MarkupStops stops_{raw_};
  ByteFinder double_quote_{raw_, '"'};
  ByteFinder single_quote_{raw_, '\''};
  ByteFinder greater_than_{raw_, '>'};
  ByteFinder slash_{raw_, '/'};
  bool comment_close_known_ = false;
  std::size_t comment_close_from_ = 0;
  std::pair<std::size_t, std::size_t> comment_close_{kIncomplete, kIncomplete};
};

}  // namespace

void scan_markup(std::string_view markup, bool xhtml, bool escape_cdata, MarkupHandler& handler) {
  const std::optional<std::string> rewritten = rewrite_markup(markup, escape_cdata);
  Scanner(rewritten ? std::string_view(*rewritten) : markup, xhtml, handler).run();
}

}  // namespace omvarld::markup
