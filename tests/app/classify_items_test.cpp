// app/classify_items.h: a source's items classified on several threads
// give each item what one thread gives it, in order, and an exception from
// one item comes out of the call once the threads have stopped.

#include "app/classify_items.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "filters/matcher.h"

namespace omvarld::app {
namespace {

// Knows one inflection, "förskolorna" of "förskola"; throws at "förskolornas".
class SmallLemmatizer final : public filters::Lemmatizer {
 public:
  std::vector<std::string> lemmas(std::string_view word) const override {
    ++asked;
    if (word == "förskolornas") throw std::runtime_error("lemmatizer failed at " + std::string(word));
    if (word == "förskolorna") return {"förskola"};
    return {};
  }
  mutable std::atomic<int> asked{0};
};

filters::Matcher compile(std::shared_ptr<const filters::Lemmatizer> lemmatizer) {
  filters::FilterSpec namnd;
  namnd.namnd = "linkoping/utbildning";
  namnd.any.push_back({"förskola", {"omvarld.toml", 1, 1}});
  auto matcher = filters::Matcher::compile({}, std::vector{namnd}, std::move(lemmatizer));
  EXPECT_TRUE(matcher);
  return std::move(*matcher);
}

// Every third item speaks of förskolorna, the others of something else.
std::vector<core::Item> items_of(int count) {
  std::vector<core::Item> items(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    items[static_cast<std::size_t>(i)].title =
        (i % 3 == 0 ? "Nytt om förskolorna " : "Nytt om vägarna ") + std::to_string(i);
  }
  return items;
}

std::vector<const core::Item*> pointers(const std::vector<core::Item>& items) {
  std::vector<const core::Item*> out;
  for (const core::Item& item : items) out.push_back(&item);
  return out;
}

TEST(ClassifyItems, EachItemGetsItsOwnMatchesInOrderOnAnyNumberOfThreads) {
  const filters::Matcher matcher = compile(std::make_shared<SmallLemmatizer>());
  const std::vector<core::Item> items = items_of(101);
  for (const unsigned threads : {0U, 1U, 2U, 4U, 16U}) {
    SCOPED_TRACE(threads);
    const auto got = classify_items(matcher, pointers(items), threads);
    ASSERT_EQ(got.size(), items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(got[i], matcher.classify(items[i]).namnder) << items[i].title;
      ASSERT_EQ(got[i].size(), i % 3 == 0 ? 1U : 0U) << items[i].title;
    }
  }
  EXPECT_TRUE(classify_items(matcher, {}, 4).empty());
}

TEST(ClassifyItems, AFailingItemFailsTheCallOnceEveryThreadHasStopped) {
  std::vector<core::Item> items = items_of(200);
  items[37].summary = "Förskolornas";
  for (const unsigned threads : {1U, 4U}) {
    SCOPED_TRACE(threads);
    auto lemmatizer = std::make_shared<SmallLemmatizer>();
    const filters::Matcher matcher = compile(lemmatizer);
    lemmatizer->asked = 0;  // the term itself, when compiling
    try {
      (void)classify_items(matcher, pointers(items), threads);
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& error) {
      EXPECT_STREQ(error.what(), "lemmatizer failed at förskolornas");
    }
    const int asked = lemmatizer->asked;
    // Alone, the thread stopped at the failing item: the 13 items before it
    // that speak of förskolorna, and itself.
    if (threads == 1) {
      EXPECT_EQ(asked, 14);
    }
    // And no thread goes on after the call has returned.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(lemmatizer->asked, asked);
  }
}

}  // namespace
}  // namespace omvarld::app
