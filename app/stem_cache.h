// app/stem_cache.h
//
// The dictionaries' answers kept between processes. Compiling the filters
// asks hunspell for the base forms of every term word, about 85 µs a word
// it does not know: 100,000 terms take 8 s, a reload in the same process
// (answers cached) under 2. STATE/stems.cache (next to the database) keeps
// the answers for the term words (never the items' or a visitor's), so
// that every start compiles like a reload. It belongs to the dictionary
// files it was made with and to the lemmatizer's rules: when a file
// changes (size or modification time) or the rules do, the cache is not
// used and is made again.
//
// The file is ours, but read as any input: bounded in size, lines and
// bytes per word; a file that breaks a rule is not used (a warning names
// the line) and is replaced at the next compile. Deleting it is always
// safe.
//
//   omvarld stem cache 1
//   dictionaries rules 3 7 /usr/share/hunspell/sv_SE.aff 5523 1674000000 …
//   förskolorna<TAB>förskola
//   qkalomi

#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "filters/lemmatizer.h"
#include "filters/matcher.h"

namespace omvarld::app {

inline constexpr char kStemCacheFile[] = "stems.cache";
inline constexpr std::size_t kMaxStemCacheBytes = 32 * 1024 * 1024;
inline constexpr std::size_t kMaxStemCacheWords = 100'000;  // half the lemmatizer's cache
inline constexpr std::size_t kMaxStemCacheWordBytes = 100;
inline constexpr std::size_t kMaxStemCacheLemmas = 16;  // base forms of one word

// STATE/stems.cache for the database at `database`.
std::filesystem::path stem_cache_path(const std::filesystem::path& database);

// What a cache depends on: the lemmatizer's rules (filters/lemmatizer.h)
// and each file's path, size and modification time, on one line; empty
// when a file cannot be read (then nothing is cached).
std::string dictionary_identity(std::span<const std::filesystem::path> files);

// What compiling `matcher` asked `lemmatizer` (whose cache answers it now).
filters::Lemmatizer::Answers compiled_answers(const filters::Matcher& matcher,
                                              const filters::Lemmatizer& lemmatizer);

// The file's text for `answers` made with the dictionaries `identity`.
// Answers whose words could not be read back are left out, and at most
// kMaxStemCacheWords are written.
std::string format_stem_cache(std::string_view identity, const filters::Lemmatizer::Answers& answers);

// The answers in `text`; nullopt for a file made with other dictionaries.
// Fails (kStorage, "line N: …") on a file of another format or one that
// breaks a limit.
Result<std::optional<filters::Lemmatizer::Answers>> parse_stem_cache(std::string_view text,
                                                                     std::string_view identity);

// Teaches `lemmatizer` what the cache at `path` holds for `identity`
// (Lemmatizer::learn keeps only answers it could have given) and returns
// it; none when there is no usable file (a warning says why, unless there
// is simply none yet or it is stale).
filters::Lemmatizer::Answers load_stem_cache(const filters::Lemmatizer& lemmatizer,
                                             const std::filesystem::path& path, std::string_view identity);

// Writes `answers` to `path` (mode 0600), through a new file renamed into
// place, so a reader sees the old file or the new one.
Result<void> save_stem_cache(const filters::Lemmatizer::Answers& answers, const std::filesystem::path& path,
                             std::string_view identity);

}  // namespace omvarld::app
