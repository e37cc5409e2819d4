// [source.html]: the profile of a kind = "html" source as load_config reads
// it, and each mistake a coordinator can make in it, with the whole message
// at its FILE:LINE:COL. XPath is compiled at load time, so a broken
// expression points into the string where libxml2 stopped.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/config/error_messages.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;

constexpr const char* kSourceHead = R"toml([daemon]
allow_file_urls = true

[[source]]
id = "cor-news-page"
url = "https://cor.example.eu/en/news"
kind = "html"
)toml";

TEST(HtmlProfileConfig, ReadsEveryKeyOfTheProfile) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", std::string(kSourceHead) + R"toml(
[source.html]
items = "//section[@class='news']/article"
title = ".//h3"
link = ".//h3/a/@href"
date = ".//time"
date_format = "%d %B %Y"
summary = ".//p[@class='lead']"
deadline = "string(.//*[@class='deadline'])"
)toml").string();
  auto config = load_config(file);
  ASSERT_TRUE(config) << messages_of(config.error(), file)[0];
  ASSERT_EQ(config->sources.size(), 1u);
  const SourceConfig& source = config->sources[0];
  EXPECT_EQ(source.kind, SourceKind::kHtml);
  EXPECT_EQ(source.html.items, "//section[@class='news']/article");
  EXPECT_EQ(source.html.title, ".//h3");
  EXPECT_EQ(source.html.link, ".//h3/a/@href");
  EXPECT_EQ(source.html.date, ".//time");
  EXPECT_EQ(source.html.date_format, "%d %B %Y");
  EXPECT_EQ(source.html.summary, ".//p[@class='lead']");
  EXPECT_EQ(source.html.deadline, "string(.//*[@class='deadline'])");
}

struct ProfileCase {
  const char* name;
  const char* toml;  // after kSourceHead, whose last line is 7
  std::vector<std::string> errors;  // "LINE:COL: message"
};

const ProfileCase kBadProfiles[] = {
    {"html kind without a profile", "",
     {"7:8: kind = \"html\" behöver en tabell [source.html] med items, title och link"}},
    {"profile without its required keys", "\n[source.html]\ndate = \".//time\"\n",
     {"9:1: [source.html] saknar den obligatoriska nyckeln \"items\"",
      "9:1: [source.html] saknar den obligatoriska nyckeln \"title\"",
      "9:1: [source.html] saknar den obligatoriska nyckeln \"link\""}},
    {"unknown key with a close spelling",
     "\n[source.html]\nitems = \"//li\"\ntitle = \"a\"\nlink = \"a\"\nsumary = \"p\"\n",
     {"13:1: okänd nyckel \"sumary\" i [source.html] (menade du \"summary\"?)"}},
    {"unfinished predicate points at where it stops",
     "\n[source.html]\nitems = \"//div[@class='news'\"\ntitle = \"h3\"\nlink = \"a\"\n",
     {"10:29: items: \"//div[@class='news'\" är inget giltigt XPath-uttryck: Invalid predicate"}},
    {"unfinished literal in a relative expression",
     "\n[source.html]\nitems = \"//li\"\ntitle = \"h3[@id='x]\"\nlink = \"a\"\n",
     {"11:20: title: \"h3[@id='x]\" är inget giltigt XPath-uttryck: Unfinished literal"}},
    {"empty expression", "\n[source.html]\nitems = \"//li\"\ntitle = \"\"\nlink = \"a\"\n",
     {"11:9: title: väntade ett XPath-uttryck, fick \"\""}},
    {"expression that is not a string", "\n[source.html]\nitems = \"//li\"\ntitle = 3\nlink = \"a\"\n",
     {"11:9: title: väntade en text, fick ett heltal"}},
    {"unknown conversion in date_format",
     "\n[source.html]\nitems = \"//li\"\ntitle = \"a\"\nlink = \"a\"\ndate = \"time\"\n"
     "date_format = \"%d %Q %Y\"\n",
     {"14:15: date_format: okänd omvandling \"%Q\"; använd %d %m %B %b %Y %y %H %M (och %% för ett "
      "procenttecken)"}},
    {"date_format without a year",
     "\n[source.html]\nitems = \"//li\"\ntitle = \"a\"\nlink = \"a\"\ndate = \"time\"\n"
     "date_format = \"%d %B\"\n",
     {"14:15: date_format: \"%d %B\" behöver en dag (%d), en månad (%m, %B eller %b) och ett år (%Y eller %y)"}},
    {"date_format with nothing to read",
     "\n[source.html]\nitems = \"//li\"\ntitle = \"a\"\nlink = \"a\"\ndate_format = \"%d %B %Y\"\n",
     {"13:15: date_format: det finns inget date- eller deadline-uttryck för den att läsa"}},
};

TEST(HtmlProfileConfig, ReportsEachMistakeInAProfileAtItsPosition) {
  for (const ProfileCase& c : kBadProfiles) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string file = dir.write("omvarld.toml", std::string(kSourceHead) + c.toml).string();
    auto config = load_config(file);
    ASSERT_FALSE(config);
    EXPECT_EQ(messages_of(config.error(), file), c.errors);
  }
}

TEST(HtmlProfileConfig, RejectsAProfileOnAnotherKindOfSource) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", R"toml([[source]]
id = "ec-press"
url = "https://ec.example.eu/rss"

[source.html]
items = "//li"
)toml").string();
  auto config = load_config(file);
  ASSERT_FALSE(config);
  EXPECT_EQ(messages_of(config.error(), file),
            std::vector<std::string>{"5:1: [source.html] läses bara när kind = \"html\": ange kind eller ta bort tabellen"});
}

}  // namespace
}  // namespace omvarld::config
