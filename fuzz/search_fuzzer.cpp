// fuzz/search_fuzzer.cpp
//
// libFuzzer target for `items --search`: what a person types, through
// to_fts5_query (storage/search_query.h) and then ItemStore::search
// against a store in memory that holds a few items, so that FTS5 itself
// reads each translation. Properties: no crash, leak or hang; a
// translation FTS5 rejects (a syntax error, "unknown special query") is a
// finding; a refused query is kInvalidQuery with a "search: " message.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "storage/item_store.h"
#include "storage/search_query.h"

namespace {

using omvarld::fuzz::fail;
constexpr const char* kTarget = "search_fuzzer";

// Opened once: each input only reads it.
omvarld::storage::ItemStore& store() {
  static std::unique_ptr<omvarld::storage::ItemStore> opened = [] {
    auto made = omvarld::storage::ItemStore::open(":memory:");
    if (!made) fail(kTarget, "cannot open a store in memory", made.error().message);
    auto store = std::make_unique<omvarld::storage::ItemStore>(std::move(*made));
    const std::vector<omvarld::storage::SourceRecord> sources = {{"fuzz", "Fuzz", "https://example.se/rss"}};
    if (!store->sync_sources(sources)) fail(kTarget, "cannot add the source");
    std::vector<omvarld::core::Item> items;
    const char* texts[][2] = {{"Förskolan får nya lokaler", "Social ekonomi och EU:s fonder"},
                              {"Erasmus+ 2027: ny utlysning", "Sista ansökningsdag 15 mars 2027"},
                              {"Klimatanpassning i Östergötland", "\"Citat\" och NEAR(a b) och kolon: x"}};
    for (int i = 0; i < 3; ++i) {
      omvarld::core::Item item;
      item.source = "fuzz";
      item.key = "k" + std::to_string(i);
      item.link = "https://example.se/" + std::to_string(i);
      item.title = texts[i][0];
      item.summary = texts[i][1];
      items.push_back(item);
    }
    omvarld::storage::PollRecord poll{omvarld::core::TimePoint{std::chrono::seconds{1000}}, 200, 0, {}};
    auto concerns_nobody = [](const omvarld::core::Item&) {
      return std::vector<omvarld::core::Match>{};
    };
    if (!store->store_poll("fuzz", items, poll, concerns_nobody)) {
      fail(kTarget, "cannot store the items");
    }
    return store;
  }();
  return *opened;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto translated = omvarld::storage::to_fts5_query(text);
  omvarld::storage::SearchQuery query;
  query.text = text;
  auto hits = store().search(query);
  if (!translated) {
    if (translated.error().code != omvarld::Errc::kInvalidQuery) fail(kTarget, "a refusal of another code");
    if (!translated.error().message.starts_with("search: ")) fail(kTarget, "a refusal without \"search: \"", translated.error().message);
    if (hits) fail(kTarget, "search succeeded where the translation failed", text);
    return 0;
  }
  if (!hits) fail(kTarget, "FTS5 rejected a translation", *translated + "\n  " + hits.error().message);
  return 0;
}
