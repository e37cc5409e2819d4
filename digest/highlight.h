// digest/highlight.h
//
// Marks the matched terms inside an entry's excerpt and title for the HTML
// body. Pure.
//
// This is display only: filters/ decided that the item matched (with
// hunspell for inflections); here the terms, as written in the config, are
// found again in the shown text as well as a cheap reading of the filter
// language (docs/reference.md, "Filter language") allows, without including filters/.
//
//   förskola    the word, and — the display heuristic — any word that starts
//               with the term minus its last letter and goes on for at most
//               5 more letters: förskolan, förskolorna, förskolornas;
//               municipality → municipalities. Only for terms of at least
//               4 letters and no digits ("EU" and "2027" are never
//               inflected), so false friends are possible ("barn" → "bara").
//               A word term (not a phrase's word) also marks any longer
//               word that starts so: the compounds that begin with it
//               (förskoleklass, förskollärare).
//   =EU         the word only, never inflected
//   skol*       a word starting with skol
//   *skola      a word ending with skola; an inflected compound is missed
//               ("grundskolan"), since that needs the base form
//   *klimat*    a word containing klimat
//   "a phrase"  its words in order, each inflected as above, marked as one
//               run together with the spaces and punctuation between them
//   title:T     T, in the title only
//
// Words are runs of letters and digits, case-folded by fold_case(); a '+'
// run directly after a word belongs to it ("Erasmus+"), and a hyphenated
// compound is a word as well as its parts ("EU-kommissionen": `=EU` marks
// "EU", `*kommission*` the whole compound). Terms the filter language would
// reject ("<script>", "a b") are ignored.

#pragma once

#include <span>
#include <string>
#include <string_view>

namespace omvarld::digest {

// Which part of an entry is highlighted: title: terms count only in kTitle.
enum class ShownText { kExcerpt, kTitle };

// Returns `text` HTML-escaped, with every run that matches one of `terms` as
// described above wrapped in <strong>; overlapping or touching runs become
// one. Matching happens on the raw text and each piece is escaped on its
// own, so the markup added here is the only markup in the result.
std::string highlight_terms(std::string_view text, std::span<const std::string> terms,
                            ShownText part = ShownText::kExcerpt);

}  // namespace omvarld::digest
