// Officials' feedback: the signed token in the "Relevant? Ja / Nej" links
// (forgery, another item, nämnd or recipient, every byte changed,
// truncation, padding, size), the key in the state directory (made once,
// the same for processes racing to make it, refused when damaged or open
// to others), and the pages over a real SQLite file: a GET only asks, a
// POST records, answering again replaces.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "storage/item_store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"
#include "web/coordinator_feedback.h"
#include "web/feedback_key.h"
#include "web/feedback_pages.h"
#include "web/feedback_token.h"
#include "web/post_rate_limit.h"

namespace omvarld::web {
namespace {

using namespace std::chrono_literals;
using omvarld::testing::FixedClock;
using omvarld::testing::TempDir;

const core::NamndId kUtbildning = "linkoping/utbildning";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

FeedbackKey key_of(unsigned char fill) {
  FeedbackKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(fill + i);
  return key;
}

// The test's own base64url, to take a token apart and put it together.
std::vector<unsigned char> decode(const std::string& text) {
  std::vector<unsigned char> out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    buffer = (buffer << 6) | static_cast<unsigned>(std::string_view(kAlphabet).find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string encode(const std::vector<unsigned char>& bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

// --- the token ---------------------------------------------------------

TEST(FeedbackToken, SaysWhichNamndItemAndRecipientItWasMadeFor) {
  const FeedbackKey key = key_of(1);
  const std::string token = make_feedback_token(key, kUtbildning, 42, " Anna.Berg@Linkoping.SE");
  EXPECT_LE(token.size(), 200U);
  EXPECT_EQ(token.find_first_not_of(kAlphabet), std::string::npos) << token;

  auto ticket = verify_feedback_token(key, token);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->namnd, kUtbildning);
  EXPECT_EQ(ticket->item_id, 42);
  EXPECT_EQ(ticket->recipient, recipient_digest(key, "anna.berg@linkoping.se"));
  EXPECT_EQ(ticket->recipient.size(), 32U);
  // The address itself is nowhere in the token.
  const std::vector<unsigned char> bytes = decode(token);
  EXPECT_EQ(std::string(bytes.begin(), bytes.end()).find("anna"), std::string::npos);
}

TEST(FeedbackToken, TheRecipientIsComparedAsANormalizedAddress) {
  const FeedbackKey key = key_of(1);
  EXPECT_EQ(normalize_recipient("  Anna.Berg@Linkoping.SE\t"), "anna.berg@linkoping.se");
  EXPECT_EQ(recipient_digest(key, "ANNA@x.se"), recipient_digest(key, "anna@x.se "));
  EXPECT_NE(recipient_digest(key, "anna@x.se"), recipient_digest(key, "bertil@x.se"));
  // Keyed: another installation cannot tie a digest to an address.
  EXPECT_NE(recipient_digest(key, "anna@x.se"), recipient_digest(key_of(2), "anna@x.se"));
}

TEST(FeedbackToken, OneMadeWithAnotherKeyIsRefused) {
  const std::string token = make_feedback_token(key_of(2), kUtbildning, 42, "anna@x.se");
  EXPECT_FALSE(verify_feedback_token(key_of(1), token));
  EXPECT_TRUE(verify_feedback_token(key_of(2), token));
}

TEST(FeedbackToken, CannotBeMovedToAnotherItemNamndOrRecipient) {
  const FeedbackKey key = key_of(1);
  const std::vector<unsigned char> original =
      decode(make_feedback_token(key, kUtbildning, 42, "anna@x.se"));
  ASSERT_GT(original.size(), 25U + 32U);

  // Item 42 becomes 43 (the last byte of the big-endian id).
  std::vector<unsigned char> item = original;
  item[8] = 43;
  EXPECT_FALSE(verify_feedback_token(key, encode(item)));

  // Bertil's recipient tag in Anna's token.
  const std::vector<unsigned char> bertils =
      decode(make_feedback_token(key, kUtbildning, 42, "bertil@x.se"));
  std::vector<unsigned char> recipient = original;
  std::copy(bertils.begin() + 9, bertils.begin() + 25, recipient.begin() + 9);
  EXPECT_FALSE(verify_feedback_token(key, encode(recipient)));

  // Another nämnd of the same length.
  std::vector<unsigned char> namnd = original;
  const std::string other = "linkoping/utbildnin_";
  std::copy(other.begin(), other.end(), namnd.begin() + 25);
  EXPECT_FALSE(verify_feedback_token(key, encode(namnd)));

  // Another item's signature on this payload.
  const std::vector<unsigned char> item_b =
      decode(make_feedback_token(key, kUtbildning, 43, "anna@x.se"));
  std::vector<unsigned char> spliced = item_b;
  std::copy(original.end() - 32, original.end(), spliced.end() - 32);
  EXPECT_FALSE(verify_feedback_token(key, encode(spliced)));
}

TEST(FeedbackToken, EveryChangedCharacterAndEveryFlippedBitIsRefused) {
  const FeedbackKey key = key_of(1);
  const std::string token = make_feedback_token(key, kUtbildning, 42, "anna@x.se");
  ASSERT_TRUE(verify_feedback_token(key, token));
  int tried = 0;
  for (std::size_t at = 0; at < token.size(); ++at) {
    for (char c : std::string_view(kAlphabet)) {
      if (c == token[at]) continue;
      std::string changed = token;
      changed[at] = c;
      EXPECT_FALSE(verify_feedback_token(key, changed)) << "position " << at << " as " << c;
      ++tried;
    }
  }
  EXPECT_EQ(tried, static_cast<int>(token.size()) * 63);

  const std::vector<unsigned char> bytes = decode(token);
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<unsigned char> flipped = bytes;
      flipped[at] = static_cast<unsigned char>(flipped[at] ^ (1 << bit));
      EXPECT_FALSE(verify_feedback_token(key, encode(flipped))) << "byte " << at << " bit " << bit;
    }
  }
}

TEST(FeedbackToken, TruncatedExtendedPaddedOrForeignTextIsRefused) {
  const FeedbackKey key = key_of(1);
  const std::string token = make_feedback_token(key, kUtbildning, 42, "anna@x.se");
  for (std::size_t length = 0; length < token.size(); ++length) {
    EXPECT_FALSE(verify_feedback_token(key, token.substr(0, length))) << length;
  }
  EXPECT_FALSE(verify_feedback_token(key, token + "A"));
  EXPECT_FALSE(verify_feedback_token(key, token + "AA"));
  EXPECT_FALSE(verify_feedback_token(key, token + "="));
  EXPECT_FALSE(verify_feedback_token(key, token + "=="));
  EXPECT_FALSE(verify_feedback_token(key, " " + token));
  EXPECT_FALSE(verify_feedback_token(key, token + "\n"));
  EXPECT_FALSE(verify_feedback_token(key, std::string(token).append(1, '\0')));
  // Plain base64 instead of base64url.
  std::string plain = token;
  for (char& c : plain) c = c == '-' ? '+' : c == '_' ? '/' : c;
  if (plain != token) {
    EXPECT_FALSE(verify_feedback_token(key, plain));
  }
  EXPECT_FALSE(verify_feedback_token(key, "<script>alert(1)</script>"));
  EXPECT_FALSE(verify_feedback_token(key, "åäö"));
  EXPECT_FALSE(verify_feedback_token(key, ""));
}

TEST(FeedbackToken, AnOversizedTokenIsRefusedBeforeItIsRead) {
  const FeedbackKey key = key_of(1);
  // A valid token for a nämnd id so long that the token passes 512 bytes.
  const std::string token = make_feedback_token(key, std::string(400, 'n'), 42, "anna@x.se");
  ASSERT_GT(token.size(), kMaxFeedbackTokenBytes);
  EXPECT_FALSE(verify_feedback_token(key, token));
  EXPECT_FALSE(verify_feedback_token(key, std::string(1'000'000, 'A')));
  // Just within the bound it is read.
  const std::string within = make_feedback_token(key, std::string(300, 'n'), 42, "anna@x.se");
  ASSERT_LE(within.size(), kMaxFeedbackTokenBytes);
  EXPECT_TRUE(verify_feedback_token(key, within));
}

TEST(FeedbackToken, ShortOrMalformedBytesNeverCrash) {
  const FeedbackKey key = key_of(1);
  std::string text;
  for (int length = 0; length < 120; ++length) {
    EXPECT_FALSE(verify_feedback_token(key, text));
    text += kAlphabet[(length * 7) % 64];
  }
  // Zero item id and an empty nämnd are never made, and never accepted.
  std::vector<unsigned char> bytes = decode(make_feedback_token(key, kUtbildning, 42, "a@x.se"));
  std::vector<unsigned char> zero = bytes;
  std::fill(zero.begin() + 1, zero.begin() + 9, 0);
  EXPECT_FALSE(verify_feedback_token(key, encode(zero)));
}

TEST(FeedbackLinks, GiveTheSameTokenForJaAndNejUnderTheBaseUrl) {
  const FeedbackKey key = key_of(1);
  const FeedbackLinks links =
      feedback_links("https://omvarld.linkoping.se/", key, kUtbildning, 42, "anna@x.se");
  const std::string token = make_feedback_token(key, kUtbildning, 42, "anna@x.se");
  EXPECT_EQ(links.ja, "https://omvarld.linkoping.se/feedback?t=" + token + "&v=ja");
  EXPECT_EQ(links.nej, "https://omvarld.linkoping.se/feedback?t=" + token + "&v=nej");
  EXPECT_EQ(feedback_links("https://x.se/arkiv", key, kUtbildning, 42, "anna@x.se").nej,
            "https://x.se/arkiv/feedback?t=" + token + "&v=nej");
}

TEST(FeedbackVoteParameter, IsExactlyJaOrNej) {
  EXPECT_EQ(parse_vote("ja"), storage::Vote::kJa);
  EXPECT_EQ(parse_vote("nej"), storage::Vote::kNej);
  for (const char* other : {"", "Ja", "NEJ", " nej", "nej ", "yes", "no", "1", "0", "jaa", "ne"}) {
    EXPECT_FALSE(parse_vote(other)) << other;
  }
  EXPECT_FALSE(parse_vote(std::string_view("ja\0", 3)));
}

// --- the key -----------------------------------------------------------

std::string file_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(FeedbackKeyFile, IsMadeOncePrivateAndReadBackThereafter) {
  TempDir dir;
  auto first = load_or_create_feedback_key(dir.path());
  ASSERT_TRUE(first) << first.error().message;
  const std::filesystem::path path = dir.path() / "feedback.key";
  struct stat status {};
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0600U);
  EXPECT_EQ(status.st_size, 32);
  EXPECT_EQ(file_of(path), std::string(first->begin(), first->end()));
  EXPECT_NE(*first, FeedbackKey{});

  auto again = load_or_create_feedback_key(dir.path());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *first);
  // Nothing left beside it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);

  TempDir other;
  auto elsewhere = load_or_create_feedback_key(other.path());
  ASSERT_TRUE(elsewhere);
  EXPECT_NE(*elsewhere, *first);
}

TEST(FeedbackKeyFile, ProcessesRacingToMakeItAllGetTheSameKey) {
  for (int round = 0; round < 5; ++round) {
    TempDir dir;
    constexpr int kProcesses = 6;
    std::vector<std::pair<pid_t, int>> children;
    for (int n = 0; n < kProcesses; ++n) {
      int pipe_ends[2];
      ASSERT_EQ(::pipe(pipe_ends), 0);
      const pid_t pid = ::fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        ::close(pipe_ends[0]);
        auto key = load_or_create_feedback_key(dir.path());
        if (key) (void)!::write(pipe_ends[1], key->data(), key->size());
        ::_exit(key ? 0 : 1);
      }
      ::close(pipe_ends[1]);
      children.emplace_back(pid, pipe_ends[0]);
    }
    std::set<std::string> keys;
    for (auto [pid, fd] : children) {
      std::string got(64, '\0');
      const ssize_t n = ::read(fd, got.data(), got.size());
      ::close(fd);
      int status = 0;
      ::waitpid(pid, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
      EXPECT_EQ(n, 32);
      keys.insert(got.substr(0, n > 0 ? static_cast<std::size_t>(n) : 0));
    }
    EXPECT_EQ(keys.size(), 1U);
    EXPECT_EQ(file_of(dir.path() / "feedback.key"), *keys.begin());
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
  }
}

TEST(FeedbackKeyFile, LoadingOnlyNeverMakesIt) {
  TempDir dir;
  auto missing = load_feedback_key(dir.path());
  ASSERT_TRUE(missing) << missing.error().message;
  EXPECT_FALSE(*missing);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "feedback.key"));
  auto made = load_or_create_feedback_key(dir.path());
  ASSERT_TRUE(made);
  auto loaded = load_feedback_key(dir.path());
  ASSERT_TRUE(loaded && *loaded);
  EXPECT_EQ(**loaded, *made);
}

TEST(FeedbackKeyFile, AFileOfTheWrongSizeIsAnErrorThatSaysWhatToDo) {
  TempDir dir;
  const std::filesystem::path path = dir.write("feedback.key", "too short");
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto key = load_or_create_feedback_key(dir.path());
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Errc::kStorage);
  EXPECT_EQ(key.error().message,
            "nyckeln för svarslänkar " + path.string() +
                " innehåller 9 byte i stället för 32: ta bort filen så skapas en ny (svarslänkar "
                "som redan har skickats slutar då att fungera)");
  EXPECT_EQ(file_of(path), "too short");  // never overwritten
}

TEST(FeedbackKeyFile, AFileOthersCanReadIsAnError) {
  TempDir dir;
  const std::filesystem::path path = dir.write("feedback.key", std::string(32, 'k'));
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto key = load_or_create_feedback_key(dir.path());
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().message, "nyckeln för svarslänkar " + path.string() +
                                     " är åtkomlig för andra användare (rättigheter 0644): gör "
                                     "den privat med chmod 600 " +
                                     path.string());
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  auto fixed = load_or_create_feedback_key(dir.path());
  ASSERT_TRUE(fixed) << fixed.error().message;
  FeedbackKey expected{};
  expected.fill('k');
  EXPECT_EQ(*fixed, expected);
}

TEST(FeedbackKeyFile, ASymlinkOrADirectoryIsNotTheKey) {
  TempDir dir;
  const std::filesystem::path target = dir.write("elsewhere", std::string(32, 'k'));
  ASSERT_EQ(::chmod(target.c_str(), 0600), 0);
  std::filesystem::create_symlink(target, dir.path() / "feedback.key");
  EXPECT_FALSE(load_or_create_feedback_key(dir.path()));

  TempDir other;
  std::filesystem::create_directory(other.path() / "feedback.key");
  auto key = load_or_create_feedback_key(other.path());
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().message.find("är ingen vanlig fil"), std::string::npos)
      << key.error().message;
}

// --- the pages ---------------------------------------------------------

class FeedbackPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::ItemStore::open((dir_.path() / "omvarld.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/"}};
    ASSERT_TRUE(store_->sync_sources(sources));
    core::Item item;
    item.source = "skr";
    item.key = "skolval";
    item.title = "Skolval <2027> & \"mer\"";
    item.link = "https://skr.example.se/skolval?a=1&b=2";
    item.published = clock_.now() - 1h;
    const std::vector<core::Item> items = {item};
    auto stored =
        store_->store_poll("skr", items, {clock_.now(), 200, 0, {}}, [](const core::Item&) {
          return std::vector<core::Match>{{kUtbildning, {"skola"}, {}, {}}};
        });
    ASSERT_TRUE(stored) << stored.error().message;
    auto listed = store_->items(storage::ItemQuery{});
    ASSERT_TRUE(listed && listed->size() == 1U);
    item_id_ = listed->front().id;

    auto config = std::make_shared<config::Config>();
    config::NamndConfig namnd;
    namnd.id = kUtbildning;
    namnd.name = "Utbildningsnämnden";
    config->namnder.push_back(namnd);
    site_ = std::make_unique<Site>(Site{config, *store_, clock_, dir_.path()});
    auto key = load_or_create_feedback_key(dir_.path());
    ASSERT_TRUE(key) << key.error().message;
    key_ = *key;
  }

  std::string token(std::int64_t item = 0, const core::NamndId& namnd = kUtbildning) {
    return make_feedback_token(key_, namnd, item == 0 ? item_id_ : item, "anna@linkoping.se");
  }

  Response call(const std::string& method, Fields params) {
    Request request;
    request.method = method;
    request.path = "/feedback";
    (method == "GET" ? request.query : request.form) = std::move(params);
    for (const Route& route : feedback_routes()) {
      if (route.method == method && route.pattern == "/feedback") {
        return route.handler(request, *site_);
      }
    }
    ADD_FAILURE() << "no route " << method << " /feedback";
    return {};
  }

  storage::NamndFeedback answers() {
    auto read = store_->namnd_feedback(kUtbildning, core::TimePoint{}, clock_.now() + 24h * 365);
    EXPECT_TRUE(read) << read.error().message;
    return read ? *read : storage::NamndFeedback{};
  }

  std::int64_t answer_count() {
    const storage::NamndFeedback read = answers();
    return read.ja + read.nej;
  }

  TempDir dir_;
  FixedClock clock_{core::TimePoint{std::chrono::seconds{1'800'000'000}}};
  std::unique_ptr<storage::ItemStore> store_;
  std::unique_ptr<Site> site_;
  FeedbackKey key_{};
  std::int64_t item_id_ = 0;
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(FeedbackPagesTest, AGetShowsTheQuestionAndAButtonAndRecordsNothing) {
  const std::string t = token();
  const Response page = call("GET", {{"t", t}, {"v", "nej"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  const std::string& html = page.body;
  EXPECT_TRUE(contains(html, "<h1>Var den här nyheten relevant för Utbildningsnämnden?</h1>"));
  EXPECT_TRUE(contains(html,
                       "<a href=\"https://skr.example.se/skolval?a=1&amp;b=2\">"
                       "Skolval &lt;2027&gt; &amp; &quot;mer&quot;</a>"))
      << html;
  EXPECT_FALSE(contains(html, "<2027>"));
  EXPECT_TRUE(contains(html, "<form method=\"post\" action=\"/feedback\">"));
  EXPECT_TRUE(contains(html, "<input type=\"hidden\" name=\"t\" value=\"" + t + "\">"));
  EXPECT_TRUE(contains(html, "<input type=\"hidden\" name=\"v\" value=\"nej\">"));
  EXPECT_TRUE(contains(html, "<button type=\"submit\">Skicka: Inte relevant</button>"));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "style="));

  // A link scanner fetches the Ja link too, and as often as it likes.
  const Response ja = call("GET", {{"t", t}, {"v", "ja"}});
  EXPECT_EQ(ja.status, 200);
  EXPECT_TRUE(contains(ja.body, "<button type=\"submit\">Skicka: Relevant</button>"));
  EXPECT_TRUE(contains(ja.body, "<input type=\"hidden\" name=\"v\" value=\"ja\">"));
  for (int n = 0; n < 3; ++n) call("GET", {{"t", t}, {"v", "nej"}});
  EXPECT_EQ(answer_count(), 0);
}

TEST_F(FeedbackPagesTest, APostRecordsTheAnswerOnceAndAnotherAnswerReplacesIt) {
  const std::string t = token();
  const Response thanks = call("POST", {{"t", t}, {"v", "nej"}});
  EXPECT_EQ(thanks.status, 200);
  EXPECT_TRUE(contains(thanks.body, "<h1>Tack! Ditt svar är sparat.</h1>"));
  EXPECT_TRUE(contains(thanks.body, "inte var relevant för Utbildningsnämnden"));
  EXPECT_EQ(answers().nej, 1);

  EXPECT_EQ(call("POST", {{"t", t}, {"v", "nej"}}).status, 200);
  EXPECT_EQ(answers().nej, 1);
  EXPECT_EQ(answers().ja, 0);

  clock_.advance(1h);
  EXPECT_EQ(call("POST", {{"t", t}, {"v", "ja"}}).status, 200);
  const storage::NamndFeedback changed = answers();
  EXPECT_EQ(changed.ja, 1);
  EXPECT_EQ(changed.nej, 0);
  EXPECT_TRUE(changed.nej_items.empty());

  // Another recipient's link is an answer of its own.
  const std::string bertil = make_feedback_token(key_, kUtbildning, item_id_, "bertil@x.se");
  EXPECT_EQ(call("POST", {{"t", bertil}, {"v", "nej"}}).status, 200);
  const storage::NamndFeedback both = answers();
  EXPECT_EQ(both.ja, 1);
  EXPECT_EQ(both.nej, 1);
  ASSERT_EQ(both.terms.size(), 1U);
  EXPECT_EQ(both.terms[0].term, "skola");
}

// Times are whole seconds: the coordinators' page counts an answer given
// in this very second, not only from the next one.
TEST_F(FeedbackPagesTest, TheCoordinatorsPageShowsAnAnswerAtOnce) {
  EXPECT_TRUE(contains(weekly_feedback_section(*site_), "Inga svar den senaste veckan."));
  EXPECT_EQ(call("POST", {{"t", token()}, {"v", "nej"}}).status, 200);
  const std::string section = weekly_feedback_section(*site_);
  EXPECT_TRUE(contains(section, "0 svar Ja, 1 svar Nej.")) << section;
  EXPECT_FALSE(contains(section, "Inga svar den senaste veckan.")) << section;
}

TEST_F(FeedbackPagesTest, AForgedOrGarbledTokenGets403AndRecordsNothing) {
  std::string tampered = token();
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  const std::string foreign = make_feedback_token(key_of(9), kUtbildning, item_id_, "anna@x.se");
  for (const std::string& bad :
       {tampered, foreign, std::string("garbage"), std::string(), std::string(600, 'A')}) {
    for (const char* method : {"GET", "POST"}) {
      const Response page = call(method, {{"t", bad}, {"v", "nej"}});
      EXPECT_EQ(page.status, 403) << method << " " << bad;
      EXPECT_TRUE(contains(page.body, "Länken gäller inte"));
    }
  }
  // No token at all.
  EXPECT_EQ(call("POST", {{"v", "nej"}}).status, 403);
  EXPECT_EQ(answer_count(), 0);
}

TEST_F(FeedbackPagesTest, AnAnswerOtherThanJaOrNejGets400AndRecordsNothing) {
  for (const char* vote : {"", "Nej", "yes", "nej "}) {
    const Response page = call("POST", {{"t", token()}, {"v", vote}});
    EXPECT_EQ(page.status, 400) << vote;
    EXPECT_TRUE(contains(page.body, "svaret ska vara ja eller nej"));
  }
  EXPECT_EQ(call("GET", {{"t", token()}}).status, 400);
  EXPECT_EQ(answer_count(), 0);
}

TEST_F(FeedbackPagesTest, AnItemOrNamndThatIsGoneGets404) {
  const Response item = call("POST", {{"t", token(item_id_ + 1000)}, {"v", "nej"}});
  EXPECT_EQ(item.status, 404);
  EXPECT_TRUE(contains(item.body, "Nyheten finns inte längre i arkivet."));
  EXPECT_EQ(call("GET", {{"t", token(item_id_ + 1000)}, {"v", "nej"}}).status, 404);

  const Response namnd = call("GET", {{"t", token(0, "norrkoping/miljo")}, {"v", "nej"}});
  EXPECT_EQ(namnd.status, 404);
  EXPECT_TRUE(contains(namnd.body, "Nämnden som nyheten skickades till finns inte längre."));
  EXPECT_EQ(call("POST", {{"t", token(0, "norrkoping/miljo")}, {"v", "nej"}}).status, 404);
  EXPECT_EQ(answer_count(), 0);
}

TEST_F(FeedbackPagesTest, APostIsChargedToTheRecipientsBudgetOnceTheTokenVerifies) {
  PostRateLimit budget(2, std::chrono::seconds(60), 100);
  std::vector<std::string> charged;
  auto post = [&](const std::string& t) {
    Request request;
    request.method = "POST";
    request.path = "/feedback";
    request.form = {{"t", t}, {"v", "nej"}};
    request.charge_post = [&](const std::string& key) {
      charged.push_back(key);
      return budget.take(key, PostRateLimit::Clock::time_point{} + std::chrono::hours(1));
    };
    return feedback_routes().at(1).handler(request, *site_);
  };
  const std::string anna = token();
  const std::string bertil = make_feedback_token(key_, kUtbildning, item_id_, "bertil@x.se");
  EXPECT_EQ(post(anna).status, 200);
  EXPECT_EQ(post(anna).status, 200);
  const Response refused = post(anna);
  EXPECT_EQ(refused.status, 429);
  ASSERT_EQ(refused.headers.size(), 1U);
  EXPECT_EQ(refused.headers[0].first, "Retry-After");
  EXPECT_EQ(post(bertil).status, 200);  // a budget of its own
  // A forged token is refused before anything is charged to a recipient.
  EXPECT_EQ(post("garbage").status, 403);
  ASSERT_EQ(charged.size(), 4U);
  EXPECT_EQ(charged[0], recipient_digest(key_, "anna@linkoping.se"));
  EXPECT_EQ(charged[3], recipient_digest(key_, "bertil@x.se"));
}

TEST_F(FeedbackPagesTest, AVoteWhileThePollHoldsTheWriteLockIs503Quickly) {
  store_->set_busy_timeout(kArchiveBusyTimeout);
  sqlite3* poll = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() / "omvarld.db").c_str(), &poll), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(poll, "BEGIN IMMEDIATE; UPDATE sources SET name = 'SKR!'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  const auto begun = std::chrono::steady_clock::now();
  const Response busy = call("POST", {{"t", token()}, {"v", "nej"}});
  const auto took = std::chrono::steady_clock::now() - begun;
  EXPECT_EQ(busy.status, 503);
  EXPECT_TRUE(contains(busy.body, "Arkivet är upptaget just nu, försök igen om en stund."))
      << busy.body;
  ASSERT_EQ(busy.headers.size(), 1U);
  EXPECT_EQ(busy.headers[0], (std::pair<std::string, std::string>{"Retry-After", "2"}));
  EXPECT_LT(took, std::chrono::milliseconds(700));
  EXPECT_GE(took, std::chrono::milliseconds(150));  // it did wait its short while

  ASSERT_EQ(sqlite3_exec(poll, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(poll);
  EXPECT_EQ(call("POST", {{"t", token()}, {"v", "nej"}}).status, 200);
  EXPECT_EQ(answer_count(), 1);
}

TEST_F(FeedbackPagesTest, WithoutAKeyFileNoLinkIsValidAndNoKeyIsMade) {
  const std::string t = token();
  const std::filesystem::path path = dir_.path() / "feedback.key";
  ASSERT_TRUE(std::filesystem::remove(path));
  for (const char* method : {"GET", "POST"}) {
    const Response page = call(method, {{"t", t}, {"v", "nej"}});
    EXPECT_EQ(page.status, 403) << method;
    EXPECT_TRUE(contains(page.body, "Länken gäller inte")) << method;
    EXPECT_FALSE(std::filesystem::exists(path)) << method;
  }
  EXPECT_EQ(answer_count(), 0);
}

TEST_F(FeedbackPagesTest, ADamagedKeyGivesAPlainErrorPageAndRecordsNothing) {
  ASSERT_EQ(::chmod((dir_.path() / "feedback.key").c_str(), 0644), 0);
  const Response page = call("POST", {{"t", token()}, {"v", "nej"}});
  EXPECT_EQ(page.status, 500);
  EXPECT_TRUE(contains(page.body, "Svaret kan inte tas emot just nu."));
  EXPECT_FALSE(contains(page.body, "feedback.key"));  // no paths to the public
  EXPECT_EQ(answer_count(), 0);
}

}  // namespace
}  // namespace omvarld::web
