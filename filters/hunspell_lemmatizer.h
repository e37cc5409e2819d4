// filters/hunspell_lemmatizer.h
//
// The Lemmatizer of production: hunspell's stemmer with Debian's Swedish
// (hunspell-sv, sv_SE) and English (hunspell-en-us, en_US) dictionaries.
// Results are cached per word, so an item costs a hash look-up per word once
// its vocabulary has been seen; the cache is bounded and starts over when
// full. The dictionaries are read at the first question that the cache
// does not answer, and again at the first after unload().

#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "filters/lemmatizer.h"

namespace omvarld::filters {

inline constexpr const char* kDebianDictionaryDirectory = "/usr/share/hunspell";

// Loads DIRECTORY/<language>.aff and .dic for each of `languages`; knows()
// asks the first, the language whose compounds are found. Fails with
// kNotFound naming the first missing file.
// The files load_hunspell_lemmatizer reads, .aff then .dic per language:
// what a cache of its answers depends on (app/stem_cache.h).
std::vector<std::filesystem::path> dictionary_files(
    const std::filesystem::path& directory = kDebianDictionaryDirectory,
    const std::vector<std::string>& languages = {"sv_SE", "en_US"});

Result<std::shared_ptr<const Lemmatizer>> load_hunspell_lemmatizer(
    const std::filesystem::path& directory = kDebianDictionaryDirectory,
    const std::vector<std::string>& languages = {"sv_SE", "en_US"});

}  // namespace omvarld::filters
