// tests/support/cpu_time.h
//
// Timing for tests that tell linear work from quadratic: this process's CPU
// time, not the wall clock, so that other processes on a busy machine (CI
// runs two builds and their tests at once) do not count. Header-only.

#pragma once

#include <algorithm>
#include <ctime>

namespace omvarld::testing {

// Seconds of this process's CPU time `work` takes.
template <class Work>
double cpu_seconds(Work work) {
  const std::clock_t start = std::clock();
  work();
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

// The least CPU time of `runs` runs of `work`: a run that shared its cache
// or core with another process is slower, never faster.
template <class Work>
double best_cpu_seconds(Work work, int runs = 3) {
  double best = cpu_seconds(work);
  for (int run = 1; run < runs; ++run) best = std::min(best, cpu_seconds(work));
  return best;
}

}  // namespace omvarld::testing
