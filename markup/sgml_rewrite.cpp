// feedparser's BaseHTMLProcessor.feed() rewrites the markup with three
// regular expressions before sgmllib sees it; this is the same rewriting in
// one pass.

#include "markup/sgml_rewrite.h"

#include "core/ascii.h"
#include "markup/html_allowlists.h"
#include "markup/markup_stops.h"

namespace omvarld::markup {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= '\x1c' && c <= '\x1f');
}

class Rewriter {
 public:
  Rewriter(std::string_view in, bool escape_cdata) : in_(in), escape_cdata_(escape_cdata) {}

  std::string run() {
    out_.reserve(in_.size() + in_.size() / 16);
    std::size_t i = 0;
    while (i < in_.size()) {
      if (in_[i] == '<' && !becomes_text(i)) {
        if (std::size_t end = rewrite_short_tag(i); end != 0) {
          i = end;
          continue;
        }
      }
      i = copy_one(i);
    }
    return std::move(out_);
  }

  // Whether run() would change anything: usually it does not, and the
  // copy can be skipped.
  bool changes_anything() {
    for (std::size_t i = stops_.next(0); i < in_.size(); i = stops_.next(i + 1)) {
      if (in_[i] == '&') {
        if (is_quote_reference(i)) return true;
        continue;
      }
      if (becomes_text(i)) return true;
      const ShortTag tag = find_short_tag(i);
      if (tag.match_end == 0) continue;
      const std::string_view name = in_.substr(i + 1, tag.name_end - i - 1);
      const std::string_view written = in_.substr(i, tag.match_end - i);
      const bool same = is_void_element(name) && written.size() == name.size() + 4 &&
                        written.substr(name.size() + 1) == " />";
      if (!same) return true;
    }
    return false;
  }

 private:
  // "<!" that opens no comment, doctype or marked section is text:
  // re.sub(r"<!((?!DOCTYPE|--|\[))", r"&lt;!\1", data, flags=re.I), and
  // the sanitizer's own html_source.replace("<![CDATA[", "&lt;![CDATA[").
  bool becomes_text(std::size_t at) const {
    if (at + 1 >= in_.size() || in_[at + 1] != '!') return false;
    const std::string_view rest = in_.substr(at + 2);
    if (escape_cdata_ && rest.substr(0, 7) == "[CDATA[") return true;
    return !(core::starts_with_ascii_nocase(rest, "doctype") || rest.substr(0, 2) == "--" ||
             rest.substr(0, 1) == "[");
  }

  // Appends the character at `at` rewritten; returns the next position.
  std::size_t copy_one(std::size_t at) {
    const char c = in_[at];
    if (c == '<' && becomes_text(at)) {
      out_ += "&lt;";
      return at + 1;
    }
    if (c == '&' && is_quote_reference(at)) {
      out_ += in_[at + 3] == '9' ? '\'' : '"';
      return at + 5;
    }
    // Plain text up to the next character that may need rewriting.
    const std::size_t end = stops_.next(at + 1);
    out_.append(in_, at, end - at);
    return end;
  }

  // &#39; or &#34;.
  bool is_quote_reference(std::size_t at) const {
    return at + 4 < in_.size() && in_[at + 1] == '#' && in_[at + 2] == '3' &&
           (in_[at + 3] == '9' || in_[at + 3] == '4') && in_[at + 4] == ';';
  }

  struct ShortTag {
    std::size_t name_end = 0;
    std::size_t match_end = 0;  // 0: no match
  };

  // re.sub(r"<([^<>\s]+?)\s*/>", ...) at `at`: where the lazy name ends
  // and where the match ends.
  ShortTag find_short_tag(std::size_t at) const {
    std::size_t run_end = at + 1;
    while (run_end < in_.size()) {
      const char c = in_[run_end];
      if (c == '>' || is_space(c) || (c == '<' && !becomes_text(run_end))) break;
      ++run_end;
    }
    const std::size_t run_size = run_end - at - 1;
    if (run_size >= 2 && in_[run_end - 1] == '/' && run_end < in_.size() && in_[run_end] == '>') {
      return {run_end - 1, run_end + 1};  // the lazy name stops before the slash
    }
    if (run_size == 0) return {};
    std::size_t k = run_end;
    while (k < in_.size() && is_space(in_[k])) ++k;
    if (k + 1 >= in_.size() || in_[k] != '/' || in_[k + 1] != '>') return {};
    return {run_end, k + 2};
  }

  // <br/> → <br />, <p/> → <p></p>. Returns the position after the
  // match, or 0 when there is none here.
  std::size_t rewrite_short_tag(std::size_t at) {
    const ShortTag tag = find_short_tag(at);
    if (tag.match_end == 0) return 0;
    out_ += '<';
    append_name(at + 1, tag.name_end);
    if (is_void_element(in_.substr(at + 1, tag.name_end - at - 1))) {
      out_ += " />";
    } else {
      out_ += "></";
      append_name(at + 1, tag.name_end);
      out_ += '>';
    }
    return tag.match_end;
  }

  void append_name(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to;) {
      const std::size_t next = copy_one(i);
      if (next > to) {  // a plain run may not cross the name's end
        out_.resize(out_.size() - (next - to));
        break;
      }
      i = next;
    }
  }

  std::string_view in_;
  bool escape_cdata_;
  std::string out_;
  MarkupStops stops_{in_};
};

}  // namespace

std::optional<std::string> rewrite_markup(std::string_view markup, bool escape_cdata) {
  Rewriter rewriter(markup, escape_cdata);
  if (!rewriter.changes_anything()) return std::nullopt;
  return rewriter.run();
}

}  // namespace omvarld::markup
