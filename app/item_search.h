// app/item_search.h
//
// What `omvarld items --search` searches for: a plain word as a filter term
// would find it (docs/reference.md, "Filter language"), in the form the
// full-text index can look up. The index holds the words as written, so a
// word's inflections and the compounds that begin with it are found by the
// beginnings they share ("förskola" → förskol*: förskolan, förskolornas,
// förskollärare), and the base forms of an inflected word by theirs
// ("förskolornas" → förskol* as well). A word that a filter would not
// inflect (shorter than four letters, with digits) is searched as written
// and through its base forms only. Pure, given the lemmatizer.

#pragma once

#include <memory>

#include "filters/lemmatizer.h"
#include "storage/item_queries.h"

namespace omvarld::app {

// The forms of a plain search word; without dictionaries (nullptr) its
// compounds and regular inflections still, through its beginnings.
storage::SearchForms search_forms(std::shared_ptr<const filters::Lemmatizer> lemmatizer);

}  // namespace omvarld::app
