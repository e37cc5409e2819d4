// feeds/entity_repair.h
//
// The pre-pass that makes a common kind of broken feed well-formed before
// the XML parser sees it: HTML named entities that XML does not define
// (&nbsp; &eacute; …) and bare '&'. Internal to feeds/. Pure.

#pragma once

#include <string>

namespace omvarld::feeds {

struct RepairedXml {
  std::string text;
  std::string problem;  // "LINE:COL: what was repaired first", empty when nothing was
};

// Rewrites known HTML entities outside CDATA sections, comments, processing
// instructions and the DOCTYPE as numeric references (&eacute; → &#233;),
// and escapes an '&' that does not start a reference (& → &amp;, and
// &unknown; → &amp;unknown;, so its text survives as written). The five XML
// entities and numeric references pass unchanged, except that "&#X41;"
// becomes "&#x41;" and a reference to NUL ("&#0;") is removed, as a NUL
// byte is (both are problems). General entities that the DOCTYPE's
// internal subset declares with a plain-text value are expanded, without
// a problem: the document is well-formed. A document that needs nothing
// of this comes back as it was, without a copy.
RepairedXml repair_entities(std::string document);

}  // namespace omvarld::feeds
