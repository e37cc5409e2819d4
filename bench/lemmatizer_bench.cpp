// bench/lemmatizer_bench.cpp
//
// What the hunspell lemmatizer costs every process that classifies: the time
// and resident memory to load each dictionary (sv_SE, en_US, as
// app/runtime.cpp does through filters::load_hunspell_lemmatizer) and the
// time to free them again at exit. Prints one markdown table; bench/run-poll.sh
// adds it under the poll-cycle table.
//
//   lemmatizer_bench [DICTIONARY_DIR]     default /usr/share/hunspell

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/measure.h"
#include "filters/hunspell_lemmatizer.h"

namespace {

using omvarld::bench::Clock;
using omvarld::bench::milliseconds_since;
using omvarld::bench::rss_kib;

}  // namespace

int main(int argc, char** argv) {
  const std::string directory = argc > 1 ? argv[1] : omvarld::filters::kDebianDictionaryDirectory;
  std::printf("| dictionary | load ms | RSS added MiB |\n|---|---:|---:|\n");
  std::vector<std::shared_ptr<const omvarld::filters::Lemmatizer>> loaded;
  const long before_all = rss_kib();
  const Clock::time_point start_all = Clock::now();
  for (const char* language : {"sv_SE", "en_US"}) {
    const long before = rss_kib();
    const Clock::time_point start = Clock::now();
    auto lemmatizer = omvarld::filters::load_hunspell_lemmatizer(directory, {std::string(language)});
    if (!lemmatizer) {
      std::fprintf(stderr, "lemmatizer_bench: %s\n", lemmatizer.error().message.c_str());
      return 1;
    }
    // The files are read at the first question (filters/hunspell_lemmatizer.h).
    (*lemmatizer)->lemmas(language == std::string("sv_SE") ? "förskolorna" : "municipalities");
    const double load_ms = milliseconds_since(start);
    loaded.push_back(std::move(*lemmatizer));
    std::printf("| %s | %.0f | %.1f |\n", language, load_ms, (rss_kib() - before) / 1024.0);
  }
  const double load_all_ms = milliseconds_since(start_all);
  const double added_mib = (rss_kib() - before_all) / 1024.0;
  const Clock::time_point start_free = Clock::now();
  loaded.clear();
  std::printf("| both | %.0f (freeing them: %.0f) | %.1f |\n", load_all_ms, milliseconds_since(start_free),
              added_mib);
  return 0;
}
