// core/safe_text.h
//
// Text from outside (feeds, web pages, APIs, newsletters, servers) made
// safe to show to people: on a terminal, in a log, in a digest. What a
// reader cannot see must not change what they see, so the characters that
// are invisible or that act instead of being shown go: terminal escape
// sequences (whole, so that nothing of one is left to interpret), control
// characters, bidirectional overrides and isolates, zero-width and other
// format characters. Pure functions; no locale, no allocation beyond the
// result.

#pragma once

#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::core {

// `text` with, in one pass:
//  - every ill-formed UTF-8 sequence (stray or truncated bytes, overlong
//    forms, surrogates, values past U+10FFFF) replaced by U+FFFD, one per
//    maximal ill-formed subpart (Unicode 15, §3.9);
//  - ECMA-48 escape sequences removed whole: ESC with its CSI ("ESC [ …
//    final"), its control string (OSC, DCS, SOS, PM, APC up to BEL or ST, or
//    to the end of the line when unterminated) or its intermediates and final
//    byte; the same for their one-character C1 forms (U+009B CSI, U+009D OSC,
//    …); a lone ESC goes alone;
//  - the other C0 controls, DEL and C1 controls removed, except tab, line
//    feed and carriage return + line feed, which stay; a lone carriage
//    return, vertical tab, form feed, U+0085, U+2028 and U+2029 become a
//    line feed (each breaks a line; a lone CR would overwrite it);
//  - format characters (general category Cf: soft hyphen, bidi marks,
//    embeddings, overrides and isolates U+200E/F, U+061C, U+202A–U+202E,
//    U+2066–U+2069, zero width space, (non-)joiner, word joiner, BOM, tags
//    U+E0000–U+E007F, …), the other default-ignorable code points that show
//    nothing (U+034F, Hangul fillers, U+17B4/5, U+FFF0–U+FFF8, …) and
//    noncharacters (U+FDD0–U+FDEF, U+xFFFE/F) removed. Variation selectors
//    stay: they choose a glyph and are part of emoji.
// Everything else, whitespace included, is kept as it is. Idempotent.
std::string safe_text(std::string_view text);

// `text` as safe_text() makes it, on one line: the tabs, line feeds and
// carriage returns it keeps become spaces. For text from outside (a
// visitor's path or form, an error message quoting them) written to the
// log, where a line feed would forge a log line of its own.
std::string safe_log_text(std::string_view text);

// A link (URL or IRI) with the same characters made harmless without
// changing where it leads: each of them, and each ill-formed byte, is
// percent-encoded as the bytes of its UTF-8 form ("%E2%80%AE"), as a
// browser encodes it before following the link. Tab, line feed and carriage
// return are encoded too. Everything else is kept. Idempotent.
std::string safe_link(std::string_view link);

// JSON text with every character that safe_text() would remove or change
// written as a \uXXXX escape instead (a surrogate pair past U+FFFF; an
// ill-formed byte as \uFFFD): the values stay the same for a program that
// reads it, and nothing in it acts on a terminal. `json` must be what a
// JSON serializer wrote, where non-ASCII characters occur only in strings.
std::string escape_hidden_in_json(std::string_view json);

// `item` with safe_text() applied to its title, summary and content and
// safe_link() to its link; the rest (key, source, canonical link, dates) as
// it was, so its identity does not change.
Item safe_item(Item item);

}  // namespace omvarld::core
