#include "markup/html_allowlists.h"

#include <algorithm>

#include "core/ascii.h"

namespace omvarld::markup {
namespace {

// The tables are feedparser's (sanitizer.py, html.py, urls.py), each sorted
// so lookup is a binary search; the static_asserts below keep them sorted.
constexpr std::string_view kElements[] = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
    "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption",
    "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m",
    "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
    "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp",
    "section", "select", "small", "sound", "source", "spacer", "span", "strike",
    "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead",
    "time", "tr", "tt", "u", "ul", "var", "video",
};
constexpr std::string_view kAttributes[] = {
    "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt",
    "autocomplete", "autofocus", "axis", "background", "balance", "bgcolor",
    "bgproperties", "border", "bordercolor", "bordercolordark", "bordercolorlight",
    "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff",
    "charset", "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan",
    "compact", "contenteditable", "controls", "coords", "data", "datafld",
    "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled",
    "draggable", "dynsrc", "enctype", "end", "face", "for", "form", "frame",
    "galleryimg", "gutter", "headers", "height", "hidden", "hidefocus", "high", "href",
    "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label",
    "lang", "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend",
    "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method", "min",
    "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum", "pattern",
    "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup",
    "readonly", "rel", "repeat-max", "repeat-min", "replace", "required", "rev",
    "rightspacing", "rows", "rowspan", "rules", "scope", "selected", "shape", "size",
    "span", "src", "start", "step", "style", "summary", "suppress", "tabindex",
    "target", "template", "title", "toppadding", "type", "unselectable", "urn",
    "usemap", "valign", "value", "variable", "volume", "vrml", "vspace", "width",
    "wrap", "xml:lang",
};
constexpr std::string_view kMathmlElements[] = {
    "annotation", "annotation-xml", "maction", "maligngroup", "malignmark", "math",
    "menclose", "merror", "mfenced", "mfrac", "mglyph", "mi", "mlabeledtr", "mlongdiv",
    "mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot",
    "mrow", "ms", "mscarries", "mscarry", "msgroup", "msline", "mspace", "msqrt",
    "msrow", "mstack", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext",
    "mtr", "munder", "munderover", "none", "semantics",
};
constexpr std::string_view kMathmlAttributes[] = {
    "accent", "accentunder", "actiontype", "align", "alignmentscope", "altimg",
    "altimg-height", "altimg-valign", "altimg-width", "alttext", "bevelled",
    "charalign", "close", "columnalign", "columnlines", "columnspacing", "columnspan",
    "columnwidth", "crossout", "decimalpoint", "denomalign", "depth", "dir", "display",
    "displaystyle", "edge", "encoding", "equalcolumns", "equalrows", "fence",
    "fontstyle", "fontweight", "form", "frame", "framespacing", "groupalign", "height",
    "href", "id", "indentalign", "indentalignfirst", "indentalignlast", "indentshift",
    "indentshiftfirst", "indentshiftlast", "indenttarget", "infixlinebreakstyle",
    "largeop", "length", "linebreak", "linebreakmultchar", "linebreakstyle",
    "lineleading", "linethickness", "location", "longdivstyle", "lquote", "lspace",
    "mathbackground", "mathcolor", "mathsize", "mathvariant", "maxsize",
    "minlabelspacing", "minsize", "movablelimits", "notation", "numalign", "open",
    "other", "overflow", "position", "rowalign", "rowlines", "rowspacing", "rowspan",
    "rquote", "rspace", "scriptlevel", "scriptminsize", "scriptsizemultiplier",
    "selection", "separator", "separators", "shift", "side", "src", "stackalign",
    "stretchy", "subscriptshift", "superscriptshift", "symmetric", "voffset", "width",
    "xlink:href", "xlink:show", "xlink:type", "xmlns", "xmlns:xlink",
};
constexpr std::string_view kSvgElements[] = {
    "a", "animate", "animateColor", "animateMotion", "animateTransform", "circle",
    "defs", "desc", "ellipse", "font-face", "font-face-name", "font-face-src",
    "foreignObject", "g", "glyph", "hkern", "line", "linearGradient", "marker",
    "metadata", "missing-glyph", "mpath", "path", "polygon", "polyline",
    "radialGradient", "rect", "set", "stop", "svg", "switch", "text", "title", "tspan",
    "use",
};
constexpr std::string_view kSvgAttributes[] = {
    "accent-height", "accumulate", "additive", "alphabetic", "arabic-form", "ascent",
    "attributeName", "attributeType", "baseProfile", "bbox", "begin", "by", "calcMode",
    "cap-height", "class", "color", "color-rendering", "content", "cx", "cy", "d",
    "descent", "display", "dur", "dx", "dy", "end", "fill", "fill-opacity", "fill-rule",
    "font-family", "font-size", "font-stretch", "font-style", "font-variant",
    "font-weight", "from", "fx", "fy", "g1", "g2", "glyph-name", "gradientUnits",
    "hanging", "height", "horiz-adv-x", "horiz-origin-x", "id", "ideographic", "k",
    "keyPoints", "keySplines", "keyTimes", "lang", "marker-end", "marker-mid",
    "marker-start", "markerHeight", "markerUnits", "markerWidth", "mathematical", "max",
    "min", "name", "offset", "opacity", "orient", "origin", "overline-position",
    "overline-thickness", "panose-1", "path", "pathLength", "points",
    "preserveAspectRatio", "r", "refX", "refY", "repeatCount", "repeatDur",
    "requiredExtensions", "requiredFeatures", "restart", "rotate", "rx", "ry", "slope",
    "stemh", "stemv", "stop-color", "stop-opacity", "strikethrough-position",
    "strikethrough-thickness", "stroke", "stroke-dasharray", "stroke-dashoffset",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
    "stroke-width", "systemLanguage", "target", "text-anchor", "to", "transform",
    "type", "u1", "u2", "underline-position", "underline-thickness", "unicode",
    "unicode-range", "units-per-em", "values", "version", "viewBox", "visibility",
    "width", "widths", "x", "x-height", "x1", "x2", "xlink:actuate", "xlink:arcrole",
    "xlink:href", "xlink:role", "xlink:show", "xlink:title", "xlink:type", "xml:base",
    "xml:lang", "xml:space", "xmlns", "xmlns:xlink", "y", "y1", "y2", "zoomAndPan",
};
constexpr std::string_view kCssProperties[] = {
    "azimuth", "background-color", "border-bottom-color", "border-collapse",
    "border-color", "border-left-color", "border-right-color", "border-top-color",
    "clear", "color", "cursor", "direction", "display", "elevation", "float", "font",
    "font-family", "font-size", "font-style", "font-variant", "font-weight", "height",
    "letter-spacing", "line-height", "overflow", "pause", "pause-after", "pause-before",
    "pitch", "pitch-range", "richness", "speak", "speak-header", "speak-numeral",
    "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration",
    "text-indent", "unicode-bidi", "vertical-align", "voice-family", "volume",
    "white-space", "width",
};
constexpr std::string_view kCssKeywords[] = {
    "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom",
    "brown", "center", "collapse", "dashed", "dotted", "fuchsia", "gray", "green",
    "italic", "left", "lime", "maroon", "medium", "navy", "none", "normal", "nowrap",
    "olive", "pointer", "purple", "red", "right", "silver", "solid", "teal", "top",
    "transparent", "underline", "white", "yellow",
};
constexpr std::string_view kSvgProperties[] = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-linecap", "stroke-linejoin",
    "stroke-opacity", "stroke-width",
};
constexpr std::string_view kVoidElements[] = {
    "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img",
    "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
};
constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool less_ignoring_case(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower_ascii(x) < lower_ascii(y); });
}

static_assert(std::is_sorted(std::begin(kElements), std::end(kElements)));
static_assert(std::is_sorted(std::begin(kAttributes), std::end(kAttributes)));
static_assert(std::is_sorted(std::begin(kMathmlElements), std::end(kMathmlElements)));
static_assert(std::is_sorted(std::begin(kMathmlAttributes), std::end(kMathmlAttributes)));
static_assert(std::is_sorted(std::begin(kSvgElements), std::end(kSvgElements), less_ignoring_case));
static_assert(std::is_sorted(std::begin(kSvgAttributes), std::end(kSvgAttributes), less_ignoring_case));
static_assert(std::is_sorted(std::begin(kCssProperties), std::end(kCssProperties)));
static_assert(std::is_sorted(std::begin(kCssKeywords), std::end(kCssKeywords)));
static_assert(std::is_sorted(std::begin(kSvgProperties), std::end(kSvgProperties)));
static_assert(std::is_sorted(std::begin(kVoidElements), std::end(kVoidElements)));

template <std::size_t N>
bool contains(const std::string_view (&table)[N], std::string_view name) {
  return std::binary_search(std::begin(table), std::end(table), name, core::less_bytes);
}

// SVG names are matched in lower case (the scanner lower-cases tags and
// attributes) and written back in SVG's own camel case.
template <std::size_t N>
std::optional<std::string_view> svg_name(const std::string_view (&table)[N], std::string_view lower) {
  const auto* found = std::lower_bound(std::begin(table), std::end(table), lower, less_ignoring_case);
  if (found == std::end(table) || less_ignoring_case(lower, *found)) return std::nullopt;
  // Equal ignoring case; the caller's name must be the lower-case form.
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (lower[i] != lower_ascii((*found)[i])) return std::nullopt;
  }
  return *found;
}

}  // namespace

// The elements nearly every fragment is made of, found before a search.
constexpr std::string_view kCommonElements[] = {"p", "a", "br", "li", "strong", "em", "ul", "b", "i", "img", "div", "span"};
static_assert(std::ranges::all_of(kCommonElements, [](std::string_view tag) {
  return std::binary_search(std::begin(kElements), std::end(kElements), tag);
}));

bool is_acceptable_element(std::string_view tag) {
  for (std::string_view common : kCommonElements) {
    if (core::same_bytes(common, tag)) return true;
  }
  return contains(kElements, tag);
}
bool is_acceptable_attribute(std::string_view name) { return contains(kAttributes, name); }
bool is_mathml_element(std::string_view tag) { return contains(kMathmlElements, tag); }
bool is_mathml_attribute(std::string_view name) { return contains(kMathmlAttributes, name); }

bool is_dropped_with_content(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "applet";
}

bool is_void_element(std::string_view tag) {
  // Asked for every tag written, so most answers come from the length and
  // first letter alone.
  if (tag.size() < 2 || tag.size() > 8) return false;
  switch (tag[0]) {
    case 'a': case 'b': case 'c': case 'e': case 'f': case 'h': case 'i':
    case 'k': case 'l': case 'm': case 'p': case 's': case 't': case 'w':
      return contains(kVoidElements, tag);
    default:
      return false;
  }
}

std::optional<std::string_view> svg_element(std::string_view lower_tag) {
  return svg_name(kSvgElements, lower_tag);
}

std::optional<std::string_view> svg_attribute(std::string_view lower_name) {
  return svg_name(kSvgAttributes, lower_name);
}

bool is_acceptable_css_property(std::string_view lower_name) {
  return contains(kCssProperties, lower_name);
}

bool is_acceptable_css_keyword(std::string_view keyword) { return contains(kCssKeywords, keyword); }

bool is_acceptable_svg_property(std::string_view lower_name) {
  return contains(kSvgProperties, lower_name);
}

bool is_uri_attribute(std::string_view name) {
  constexpr std::string_view kUriAttributes[] = {
      "action", "background", "cite", "codebase", "data", "dynsrc", "href", "longdesc",
      "lowsrc", "poster", "src", "usemap", "xlink:href",
  };
  static_assert(std::is_sorted(std::begin(kUriAttributes), std::end(kUriAttributes)));
  return contains(kUriAttributes, name);
}

bool is_relative_uri_attribute(std::string_view tag, std::string_view name) {
  struct Pair {
    std::string_view tag;
    std::string_view attribute;
  };
  constexpr Pair kPairs[] = {
      {"a", "href"},          {"applet", "codebase"}, {"area", "href"},      {"audio", "src"},
      {"blockquote", "cite"}, {"body", "background"}, {"del", "cite"},       {"form", "action"},
      {"frame", "longdesc"},  {"frame", "src"},       {"head", "profile"},   {"iframe", "longdesc"},
      {"iframe", "src"},      {"img", "longdesc"},    {"img", "src"},        {"img", "usemap"},
      {"input", "src"},       {"input", "usemap"},    {"ins", "cite"},       {"link", "href"},
      {"object", "classid"},  {"object", "codebase"}, {"object", "data"},    {"object", "usemap"},
      {"q", "cite"},          {"script", "src"},      {"source", "src"},     {"video", "poster"},
      {"video", "src"},
  };
  if (!is_uri_attribute(name) && name != "classid" && name != "profile") return false;
  return std::any_of(std::begin(kPairs), std::end(kPairs), [&](const Pair& pair) {
    return pair.tag == tag && pair.attribute == name;
  });
}

}  // namespace omvarld::markup
