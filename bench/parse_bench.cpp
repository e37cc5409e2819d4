// bench/parse_bench.cpp
//
// Parse throughput of one feed document in process, as a poll pays it:
// parse_items (feeds/feed_items.h: parse_feed + normalize, entry by entry,
// the call sources/source_items.cpp makes) over bytes already in memory,
// best of RUNS. Peak RSS (getrusage) is read after the first of those runs,
// so it is what one poll of the document costs a process, the document
// included (later runs would add what the heap keeps from the run before). Then parse_feed alone, which keeps the
// whole ParsedFeed as `omvarld parse` does, for what normalize adds. Prints
// one JSON line, which bench/run-parse.sh turns into a table.
//
//   omvarld_parse_bench FILE [RUNS]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>

#include "bench/measure.h"
#include "feeds/feed_items.h"
#include "feeds/parser.h"

namespace {

using namespace omvarld;
using omvarld::bench::Clock;
using omvarld::bench::seconds_since;

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: omvarld_parse_bench FILE [RUNS]\n";
    return 2;
  }
  const int runs = argc == 3 ? std::max(1, std::atoi(argv[2])) : 5;
  std::ifstream in(argv[1], std::ios::binary | std::ios::ate);
  if (!in) {
    std::cerr << "omvarld_parse_bench: cannot read " << argv[1] << "\n";
    return 2;
  }
  // Read at its size: a growing string would leave a peak of its own.
  std::string body(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  const long rss_before_kib = peak_rss_kib();
  const auto hints = feeds::DocumentHints::at("http://127.0.0.1/bench/feed.xml");

  double best_full = std::numeric_limits<double>::max();
  double best_parse = std::numeric_limits<double>::max();
  std::size_t items = 0;
  long peak_kib = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto parsed = feeds::parse_items(body, hints, "bench");
    if (!parsed) {
      std::cerr << argv[1] << ": " << parsed.error().message << "\n";
      return 1;
    }
    items = parsed->items.size();
    best_full = std::min(best_full, seconds_since(start));
    if (run == 0) peak_kib = peak_rss_kib();
  }
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto parsed = feeds::parse_feed(body, hints);
    if (!parsed) return 1;
    best_parse = std::min(best_parse, seconds_since(start));
  }
  const double megabytes = static_cast<double>(body.size()) / 1e6;
  std::printf(
      "{\"tool\":\"omvarld\",\"runs\":%d,\"bytes\":%zu,\"items\":%zu,"
      "\"parse_normalize_s\":%.6f,\"parse_only_s\":%.6f,"
      "\"MB_per_s\":%.1f,\"items_per_s\":%.0f,\"parse_only_MB_per_s\":%.1f,"
      "\"peak_rss_kib\":%ld,\"rss_before_parse_kib\":%ld}\n",
      runs, body.size(), items, best_full, best_parse, megabytes / best_full,
      static_cast<double>(items) / best_full, megabytes / best_parse, peak_kib, rss_before_kib);
  return 0;
}
