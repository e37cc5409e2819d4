// bench/parse_bench.cpp
//
// Parse throughput of one feed document in process, as a poll pays it:
// parse_feed + normalize over bytes already in memory, best of RUNS (and
// parse_feed alone, to show what normalize adds). Prints one JSON line with
// MB/s, items/s and the process's peak RSS (getrusage), which
// bench/run-parse.sh turns into a table.
//
//   omvarld_parse_bench FILE [RUNS]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <string>

#include "feeds/normalize.h"
#include "feeds/parser.h"

namespace {

using namespace omvarld;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

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
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "omvarld_parse_bench: cannot read " << argv[1] << "\n";
    return 2;
  }
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const long rss_before_kib = peak_rss_kib();
  const auto hints = feeds::DocumentHints::at("http://127.0.0.1/bench/feed.xml");

  double best_full = std::numeric_limits<double>::max();
  double best_parse = std::numeric_limits<double>::max();
  std::size_t items = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    auto parsed = feeds::parse_feed(body, hints);
    if (!parsed) {
      std::cerr << argv[1] << ": " << parsed.error().message << "\n";
      return 1;
    }
    best_parse = std::min(best_parse, seconds_since(start));
    items = feeds::normalize(*parsed, "bench").size();
    best_full = std::min(best_full, seconds_since(start));
  }
  const double megabytes = static_cast<double>(body.size()) / 1e6;
  std::printf(
      "{\"tool\":\"omvarld\",\"runs\":%d,\"bytes\":%zu,\"items\":%zu,"
      "\"parse_normalize_s\":%.6f,\"parse_only_s\":%.6f,"
      "\"MB_per_s\":%.1f,\"items_per_s\":%.0f,\"parse_only_MB_per_s\":%.1f,"
      "\"peak_rss_kib\":%ld,\"rss_before_parse_kib\":%ld}\n",
      runs, body.size(), items, best_full, best_parse, megabytes / best_full,
      static_cast<double>(items) / best_full, megabytes / best_parse, peak_rss_kib(), rss_before_kib);
  return 0;
}
