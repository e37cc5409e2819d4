// bench/web_bench_db.cpp
//
// Fills a database for bench/run-web.sh: ITEMS synthetic items of feed-entry
// size (as storage_bench draws them: Zipf-like words from the generated
// corpus, about 1 kB each) from 200 sources over the last 700 days up to now,
// stored through ItemStore one poll of 50 at a time as the daemon stores them.
// 60 % concern no nämnd, 30 % one and 10 % two of the 40 nämnder
// "alfa/namnd-00" … "alfa/namnd-19" and "beta/namnd-20" … "beta/namnd-39";
// one item in 20 states a deadline within 90 days of when it was first seen;
// nämnd "alfa/namnd-07" was sent a weekly digest for every week but the last.
// Prints a common and a rare word of the items, for the bench's searches.
//
//   web_bench_db CORPUS_DIR ITEMS DATABASE

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "storage/item_store.h"

namespace {

using namespace omvarld;

constexpr int kNamnder = 40;
constexpr int kSources = 200;
constexpr int kItemsPerPoll = 50;
constexpr int kDays = 700;

[[noreturn]] void die(const std::string& what, const Error& error) {
  std::cerr << what << ": " << error.message << "\n";
  std::exit(1);
}

std::string namnd_id(int index) {
  char id[32];
  std::snprintf(id, sizeof id, "%s/namnd-%02d", index < kNamnder / 2 ? "alfa" : "beta", index);
  return id;
}

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

// The words of the corpus' titles and summaries, in order of first use.
std::vector<std::string> corpus_vocabulary(const std::filesystem::path& corpus) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() == ".xml" && entry.path().parent_path().filename() == "feeds") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::unordered_set<std::string> seen;
  std::vector<std::string> words;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    auto parsed = feeds::parse_feed(body.str(), feeds::DocumentHints::at("http://127.0.0.1/" + file.filename().string()));
    if (!parsed) continue;
    for (const core::Item& item : feeds::normalize(*parsed, file.stem().string())) {
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

std::string words(std::mt19937& random, const std::vector<std::string>& vocabulary, std::size_t bytes) {
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

// Weekly digests for one nämnd: everything first seen before each week's end,
// so its page lists 60 digests and its undelivered items are the last week's.
void record_weekly_digests(storage::ItemStore& store, const core::NamndId& namnd, core::TimePoint start,
                           core::TimePoint now) {
  auto pending = store.undelivered(namnd);
  if (!pending) die("undelivered", pending.error());
  std::map<std::int64_t, std::vector<std::int64_t>> by_week;
  for (const storage::PendingItem& one : *pending) {
    const auto week = std::chrono::duration_cast<std::chrono::days>(one.stored.first_seen - start).count() / 7;
    by_week[week].push_back(one.stored.id);
  }
  const auto last_week = std::chrono::duration_cast<std::chrono::days>(now - start).count() / 7;
  for (const auto& [week, ids] : by_week) {
    if (week >= last_week) continue;
    const core::TimePoint sent = start + std::chrono::days(7 * (week + 1));
    const std::string number = std::to_string(week);
    storage::DeliveryRecord delivery{namnd, "<bench-" + number + "@omvarld>", "Omvärldsbevakning v. " + number,
                                     sent};
    delivery.text_body = "Bench digest " + number;
    if (auto recorded = store.record_delivery(delivery, ids); !recorded) die("record delivery", recorded.error());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: web_bench_db CORPUS_DIR ITEMS DATABASE\n";
    return 2;
  }
  const std::size_t item_count = std::stoul(argv[2]);
  const std::filesystem::path path = argv[3];
  const std::vector<std::string> vocabulary = corpus_vocabulary(argv[1]);
  if (vocabulary.size() < 100) {
    std::cerr << "no corpus under " << argv[1] << " (run bench/corpus/gen_corpus.py)\n";
    return 2;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  auto opened = storage::ItemStore::open(path.string());
  if (!opened) die("open", opened.error());
  storage::ItemStore& store = *opened;

  std::vector<storage::SourceRecord> sources;
  for (int i = 0; i < kSources; ++i) {
    const std::string id = "arkiv-" + std::to_string(i);
    sources.push_back({id, "Arkivkälla " + std::to_string(i), "https://example.eu/" + id + "/rss"});
  }
  if (auto synced = store.sync_sources(sources); !synced) die("sync", synced.error());

  const core::TimePoint now = std::chrono::time_point_cast<core::TimePoint::duration>(std::chrono::system_clock::now());
  const core::TimePoint start = now - std::chrono::days(kDays);
  std::mt19937 random(7);
  std::uniform_int_distribution<int> title_size(50, 110);
  std::uniform_int_distribution<int> summary_size(150, 450);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> deadline_days(1, 90);
  const std::size_t polls = (item_count + kItemsPerPoll - 1) / kItemsPerPoll;
  const auto poll_gap = (now - start) / std::max<std::size_t>(polls, 1);
  std::size_t stored_items = 0;
  for (std::size_t poll = 0; poll < polls; ++poll) {
    const std::string source = "arkiv-" + std::to_string(poll % kSources);
    storage::PollRecord record{start + poll_gap * poll, 200, 0, {}};
    record.first_digest_reach = std::chrono::days(3650);  // every item is news, none held back
    std::vector<core::Item> items;
    std::unordered_map<std::string, std::vector<core::Match>> matches;
    for (int i = 0; i < kItemsPerPoll && stored_items + items.size() < item_count; ++i) {
      core::Item item;
      item.source = source;
      item.key = "urn:webbench:" + std::to_string(poll) + ":" + std::to_string(i);
      item.title = words(random, vocabulary, static_cast<std::size_t>(title_size(random)));
      item.link = "https://example.eu/" + source + "/" + std::to_string(poll) + "-" + std::to_string(i);
      item.summary = words(random, vocabulary, static_cast<std::size_t>(summary_size(random)));
      if (percent(random) < 20) item.content = words(random, vocabulary, 1500);
      item.published = record.at - std::chrono::hours(percent(random));
      if (percent(random) < 5) {
        item.deadline = std::chrono::floor<std::chrono::days>(record.at) + std::chrono::days(deadline_days(random));
      }
      matches.try_emplace(item.key, matches_for(random));
      items.push_back(std::move(item));
    }
    const auto classify = [&matches](const core::Item& item) { return matches.at(item.key); };
    if (auto stored = store.store_poll(source, items, record, classify); !stored) die("store", stored.error());
    stored_items += items.size();
    if (stored_items % 100'000 == 0) std::cerr << "web_bench_db: " << stored_items << " items\n";
  }
  record_weekly_digests(store, namnd_id(7), start, now);
  // Lower-case ASCII words, so that none reads as an operator: the first is
  // among the commonest, the one half-way down the list is rare.
  std::vector<std::string> plain;
  for (const std::string& word : vocabulary) {
    if (word.size() >= 5 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      plain.push_back(word);
    }
  }
  if (plain.empty()) return 2;
  std::cout << "common " << plain.front() << "\nrare " << plain[plain.size() / 2] << "\n";
  return 0;
}
