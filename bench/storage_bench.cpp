// bench/storage_bench.cpp
//
// What the store costs at scale, through ItemStore as the daemon uses it:
// ingest throughput for the generated feed corpus (bench/corpus/gen_corpus.py,
// 200 feeds × 50 items, parsed and normalized as a poll does, stored one
// poll per feed) and for a million synthetic items of feed-entry size from
// 10,000 sources; the database's size per 1,000 items; the time to select
// one nämnd's digest (undelivered) and to run full-text searches over the
// million. Prints one markdown table; progress goes to stderr.
//
//   storage_bench CORPUS_DIR [ITEMS] [WORK_DIR]
//   storage_bench build/bench/corpus 1000000 /tmp/omvarld-storage-bench

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bench/measure.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "storage/item_store.h"

namespace {

using namespace omvarld;
using omvarld::bench::Clock;
using omvarld::bench::seconds_since;

constexpr int kNamnder = 40;
constexpr int kSources = 10'000;
constexpr int kItemsPerPoll = 50;
const core::TimePoint kStart{std::chrono::seconds{1'735'689'600}};  // 2025-01-01

[[noreturn]] void die(const std::string& what, const Error& error) {
  std::cerr << what << ": " << error.message << "\n";
  std::exit(1);
}

std::string namnd_id(int index) {
  char id[32];
  std::snprintf(id, sizeof id, "kommun/namnd-%02d", index);
  return id;
}

// 60 % of items concern no nämnd, 30 % one, 10 % two: a filter setup where
// each of the 40 nämnder receives about 1.25 % of all items.
std::vector<core::Match> matches_for(std::mt19937& random) {
  std::uniform_int_distribution<int> share(0, 99);
  std::uniform_int_distribution<int> namnd(0, kNamnder - 1);
  const int roll = share(random);
  const int count = roll < 60 ? 0 : roll < 90 ? 1 : 2;
  std::vector<core::Match> matches;
  for (int i = 0; i < count; ++i) {
    const std::string id = namnd_id(namnd(random));
    if (!matches.empty() && matches.front().namnd == id) continue;
    matches.push_back(core::Match{id, {"skola"}, {}, {"skola"}});
  }
  return matches;
}

// A poll as the bench draws it: the items, and by key the matches the
// matcher would find for each, handed to store_poll as its classifier the
// way the daemon hands it the matcher. A key's first item is the one stored.
struct DrawnPoll {
  std::vector<core::Item> items;
  std::unordered_map<std::string, std::vector<core::Match>> matches;

  void add(core::Item item, std::vector<core::Match> drawn) {
    matches.try_emplace(item.key, std::move(drawn));
    items.push_back(std::move(item));
  }

  storage::SourcePolls::Classify classify() const {
    return [this](const core::Item& item) { return matches.at(item.key); };
  }
};

struct Feed {
  core::SourceId source;
  std::vector<core::Item> items;
};

std::vector<Feed> load_corpus(const std::filesystem::path& corpus) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() == ".xml" && entry.path().parent_path().filename() == "feeds") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Feed> feeds;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    auto parsed = feeds::parse_feed(body.str(), feeds::DocumentHints::at("http://127.0.0.1/" + file.filename().string()));
    if (!parsed) continue;
    const std::string source = file.stem().string();
    feeds.push_back({source, feeds::normalize(*parsed, source)});
  }
  return feeds;
}

// The words of the corpus' titles and summaries, for synthetic text with a
// realistic vocabulary (and so a realistic full-text index).
std::vector<std::string> vocabulary(const std::vector<Feed>& feeds) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> words;
  for (const Feed& feed : feeds) {
    for (const core::Item& item : feed.items) {
      std::istringstream text(item.title + " " + item.summary);
      std::string word;
      while (text >> word) {
        std::erase_if(word, [](char c) { return c == ',' || c == '.' || c == ':' || c == '"'; });
        if (word.size() >= 3 && seen.insert(word).second) words.push_back(word);
      }
    }
  }
  return words;
}

std::string words(std::mt19937& random, const std::vector<std::string>& vocabulary,
                  std::size_t bytes) {
  // Zipf-like: a few words are common, most are rare, as in real text.
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::string text;
  while (text.size() < bytes) {
    const double u = unit(random);
    const auto index = static_cast<std::size_t>(u * u * u * static_cast<double>(vocabulary.size()));
    if (!text.empty()) text += ' ';
    text += vocabulary[std::min(index, vocabulary.size() - 1)];
  }
  return text;
}

std::string megabytes(std::uintmax_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

std::string number(double value, const char* format = "%.0f") {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::vector<std::pair<std::string, std::string>> figures;

void report(const std::string& what, const std::string& value) {
  figures.emplace_back(what, value);
  std::cerr << what << ": " << value << "\n";
}

storage::ItemStore open_fresh(const std::filesystem::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  auto store = storage::ItemStore::open(path.string());
  if (!store) die("open", store.error());
  return std::move(*store);
}

void bench_corpus(const std::vector<Feed>& feeds, const std::filesystem::path& work) {
  const auto path = work / "corpus.db";
  std::size_t total = 0;
  {
    auto store = open_fresh(path);
    std::vector<storage::SourceRecord> sources;
    for (const Feed& feed : feeds) sources.push_back({feed.source, feed.source, "http://127.0.0.1/"});
    if (auto synced = store.sync_sources(sources); !synced) die("sync", synced.error());

    std::mt19937 random(1);
    std::vector<DrawnPoll> polls;
    for (const Feed& feed : feeds) {
      auto& poll = polls.emplace_back();
      for (const core::Item& item : feed.items) poll.add(item, matches_for(random));
      total += feed.items.size();
    }
    storage::PollRecord record{kStart, 200, 0, {}};
    record.first_digest_reach = std::chrono::days(3650);
    const auto started = Clock::now();
    for (std::size_t i = 0; i < feeds.size(); ++i) {
      if (auto stored =
              store.store_poll(feeds[i].source, polls[i].items, record, polls[i].classify());
          !stored) {
        die("store " + feeds[i].source, stored.error());
      }
    }
    const double ingest = seconds_since(started);
    report("corpus: feeds × items", std::to_string(feeds.size()) + " × " +
                                        std::to_string(total / std::max<std::size_t>(feeds.size(), 1)));
    report("corpus: ingest, items/s", number(static_cast<double>(total) / ingest));

    // The usual poll: the feed has nothing new.
    record.at += std::chrono::minutes(30);
    const auto again = Clock::now();
    for (std::size_t i = 0; i < feeds.size(); ++i) {
      if (auto stored =
              store.store_poll(feeds[i].source, polls[i].items, record, polls[i].classify());
          !stored) {
        die("store again " + feeds[i].source, stored.error());
      }
    }
    report("corpus: poll of a feed with nothing new, ms",
           number(seconds_since(again) * 1000 / static_cast<double>(feeds.size()), "%.2f"));
  }
  // Closing the last connection checkpoints the write-ahead log into the file.
  report("corpus: database size per 1,000 items",
         megabytes(std::filesystem::file_size(path) * 1000 / std::max<std::size_t>(total, 1)));
}

template <class Call>
double best_of_three_ms(Call call) {
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    const auto started = Clock::now();
    call();
    best = std::min(best, seconds_since(started) * 1000);
  }
  return best;
}

void bench_million(const std::vector<std::string>& vocabulary, std::size_t item_count,
                   const std::filesystem::path& work) {
  const auto path = work / "million.db";
  auto store = open_fresh(path);
  std::vector<storage::SourceRecord> sources;
  for (int i = 0; i < kSources; ++i) {
    const std::string id = "source-" + std::to_string(i);
    sources.push_back({id, "Källa " + std::to_string(i), "https://example.eu/" + id + "/rss"});
  }
  if (auto synced = store.sync_sources(sources); !synced) die("sync", synced.error());

  // Two years of polls; each item about 1 kB of text: a title, a summary,
  // and for one in five the full content.
  std::mt19937 random(7);
  std::uniform_int_distribution<int> title_size(50, 110);
  std::uniform_int_distribution<int> summary_size(150, 450);
  std::uniform_int_distribution<int> percent(0, 99);
  const std::size_t polls = (item_count + kItemsPerPoll - 1) / kItemsPerPoll;
  const auto poll_gap = std::chrono::seconds(2 * 365 * 86400) / std::max<std::size_t>(polls, 1);
  double ingest_seconds = 0;
  double last_window_seconds = 0;
  std::size_t stored_items = 0;
  for (std::size_t poll = 0; poll < polls; ++poll) {
    const std::string source = "source-" + std::to_string(poll % kSources);
    storage::PollRecord record{kStart + poll_gap * poll, 200, 0, {}};
    DrawnPoll drawn;
    for (int i = 0; i < kItemsPerPoll && stored_items + drawn.items.size() < item_count; ++i) {
      core::Item item;
      item.source = source;
      item.key = "urn:bench:" + std::to_string(poll) + ":" + std::to_string(i);
      item.title = words(random, vocabulary, static_cast<std::size_t>(title_size(random)));
      item.link = "https://example.eu/" + source + "/" + std::to_string(poll) + "-" + std::to_string(i);
      item.summary = words(random, vocabulary, static_cast<std::size_t>(summary_size(random)));
      if (percent(random) < 20) item.content = words(random, vocabulary, 1500);
      item.published = record.at - std::chrono::hours(percent(random));
      drawn.add(std::move(item), matches_for(random));
    }
    const auto started = Clock::now();
    if (auto stored = store.store_poll(source, drawn.items, record, drawn.classify()); !stored) {
      die("store", stored.error());
    }
    const double took = seconds_since(started);
    ingest_seconds += took;
    last_window_seconds += took;
    stored_items += drawn.items.size();
    if (stored_items % 100'000 == 0 || stored_items == item_count) {
      std::cerr << stored_items << " items, last 100,000 at "
                << number(100'000 / last_window_seconds) << " items/s\n";
      last_window_seconds = 0;
    }
  }
  report(std::to_string(item_count) + " items: ingest, items/s",
         number(static_cast<double>(stored_items) / ingest_seconds));

  const core::NamndId namnd = namnd_id(7);
  std::size_t pending_count = 0;
  const double select_all = best_of_three_ms([&] {
    auto pending = store.undelivered(namnd);
    if (!pending) die("undelivered", pending.error());
    pending_count = pending->size();
  });
  report("digest of one nämnd, never delivered (" + std::to_string(pending_count) + " items), ms",
         number(select_all, "%.1f"));

  // The usual case: earlier digests delivered all but the last week's items.
  {
    auto pending = store.undelivered(namnd);
    if (!pending) die("undelivered", pending.error());
    const core::TimePoint last_week = kStart + poll_gap * polls - std::chrono::days(7);
    std::vector<std::int64_t> delivered;
    for (const storage::PendingItem& one : *pending) {
      if (one.stored.first_seen < last_week) delivered.push_back(one.stored.id);
    }
    if (auto recorded = store.record_delivery({namnd, "<bench@omvarld>", "v. 1", last_week}, delivered);
        !recorded) {
      die("record delivery", recorded.error());
    }
  }
  const double select_week = best_of_three_ms([&] {
    auto pending = store.undelivered(namnd);
    if (!pending) die("undelivered", pending.error());
    pending_count = pending->size();
  });
  report("digest of one nämnd, a week since the last (" + std::to_string(pending_count) +
             " items), ms",
         number(select_week, "%.1f"));

  // Lower-case ASCII words, so that none reads as an operator (OR, INTE) and
  // a prefix never splits a letter.
  std::vector<std::string> plain;
  for (const std::string& word : vocabulary) {
    if (word.size() >= 5 && std::all_of(word.begin(), word.end(), [](char c) {
          return c >= 'a' && c <= 'z';
        })) {
      plain.push_back(word);
    }
  }
  if (plain.size() < 10) {
    std::cerr << "too few plain words in the corpus for the searches\n";
    std::exit(1);
  }
  const std::vector<std::pair<std::string, std::optional<core::NamndId>>> searches = {
      {plain[0], std::nullopt},
      {plain[plain.size() / 2], std::nullopt},
      {plain[1] + " " + plain[2], std::nullopt},
      {"\"" + plain[0] + " " + plain[1] + "\"", std::nullopt},
      {plain[3].substr(0, 4) + "*", std::nullopt},
      {plain[0], namnd},
  };
  for (const auto& [text, in_namnd] : searches) {
    std::size_t hits = 0;
    const double took = best_of_three_ms([&] {
      storage::SearchQuery query;
      query.text = text;
      query.namnd = in_namnd;
      auto found = store.search(query);
      if (!found) die("search " + text, found.error());
      hits = found->size();
    });
    report("search `" + text + "`" + (in_namnd ? " in one nämnd" : "") + " (" +
               std::to_string(hits) + " hits, limit 100), ms",
           number(took, "%.1f"));
  }
  store = open_fresh(work / "empty.db");  // closes the million: checkpointed into the file
  report(std::to_string(item_count) + " items: database size per 1,000 items",
         megabytes(std::filesystem::file_size(path) * 1000 / std::max<std::size_t>(item_count, 1)));
  report(std::to_string(item_count) + " items: database size", megabytes(std::filesystem::file_size(path)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: storage_bench CORPUS_DIR [ITEMS] [WORK_DIR]\n";
    return 2;
  }
  const std::size_t items = argc > 2 ? std::stoul(argv[2]) : 1'000'000;
  const std::filesystem::path work = argc > 3 ? argv[3] : "/tmp/omvarld-storage-bench";
  std::filesystem::create_directories(work);

  const std::vector<Feed> feeds = load_corpus(argv[1]);
  if (feeds.empty()) {
    std::cerr << "no feeds under " << argv[1] << " (run bench/corpus/gen_corpus.py)\n";
    return 2;
  }
  bench_corpus(feeds, work);
  bench_million(vocabulary(feeds), items, work);

  std::printf("| measure | value |\n|---|---:|\n");
  for (const auto& [what, value] : figures) std::printf("| %s | %s |\n", what.c_str(), value.c_str());
  return 0;
}
