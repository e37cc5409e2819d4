// app/classify_items.cpp

#include "app/classify_items.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <system_error>
#include <thread>

namespace omvarld::app {

unsigned classifying_threads() { return std::clamp(std::thread::hardware_concurrency(), 1U, 4U); }

std::vector<std::vector<core::Match>> classify_items(const filters::Matcher& matcher,
                                                     std::span<const core::Item* const> items,
                                                     unsigned threads) {
  std::vector<std::vector<core::Match>> matches(items.size());
  // Each thread takes the next item not taken; after a failure, none.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  const auto work = [&] {
    try {
      for (std::size_t index = next++; index < items.size() && !failed; index = next++) {
        matches[index] = matcher.classify(*items[index]).namnder;
      }
    } catch (...) {
      failed = true;
      throw;
    }
  };
  const std::size_t helpers =
      std::min<std::size_t>(threads > 0 ? threads - 1 : 0, items.size() / kItemsWorthAThread);
  std::vector<std::future<void>> helping;
  try {
    helping.reserve(helpers);
    for (std::size_t i = 0; i < helpers; ++i) {
      try {
        helping.push_back(std::async(std::launch::async, work));
      } catch (const std::system_error&) {
        break;  // no thread to be had (a limit on processes): fewer do it
      }
    }
  } catch (...) {
    failed = true;  // the helpers started stop, and are waited for as `helping` goes
    throw;
  }
  std::exception_ptr caught;
  try {
    work();
  } catch (...) {
    caught = std::current_exception();
  }
  for (std::future<void>& helper : helping) {
    try {
      helper.get();
    } catch (...) {
      if (!caught) caught = std::current_exception();
    }
  }
  if (caught) std::rethrow_exception(caught);
  return matches;
}

}  // namespace omvarld::app
