// [source.json]: the request and the paths of a kind = "json" source as
// load_config reads them — headers and form in file order, defaults — each
// mistake a coordinator can make, with the whole message at its
// FILE:LINE:COL, and the commented Funding & Tenders example
// (examples/api/funding-tenders.toml) as it ships.

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/config/error_messages.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;
using Pairs = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kSourceHead = R"toml([daemon]
allow_file_urls = true

[[source]]
id = "vinnova"
url = "https://data.vinnova.se/api/utlysningar/{since}"
kind = "json"
)toml";

TEST(JsonProfileConfig, ReadsEveryKeyOfAGetProfile) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", std::string(kSourceHead) + R"toml(
[source.json]
method = "GET"
items = "data.utlysningar"
id = "Diarienummer"
title = "Titel"
link = "Url"
link_template = "https://www.vinnova.se/sok/?q={id}&typ={Typ[0]}"
summary = "Beskrivning"
date = "Publiceringsdatum"
deadline = "Stangningsdatum"
since_param = "andradEfter"
since_format = "%Y-%m-%d"

[source.json.headers]
X-Api-Key = "abc"
Accept = "application/json"
)toml").string();
  auto config = load_config(file);
  ASSERT_TRUE(config) << messages_of(config.error(), file)[0];
  ASSERT_EQ(config->sources.size(), 1u);
  const JsonProfile& json = config->sources[0].json;
  EXPECT_EQ(config->sources[0].kind, SourceKind::kJson);
  EXPECT_EQ(json.method, "GET");
  EXPECT_EQ(json.items, "data.utlysningar");
  EXPECT_EQ(json.id, "Diarienummer");
  EXPECT_EQ(json.title, "Titel");
  EXPECT_EQ(json.link, "Url");
  EXPECT_EQ(json.link_template, "https://www.vinnova.se/sok/?q={id}&typ={Typ[0]}");
  EXPECT_EQ(json.summary, "Beskrivning");
  EXPECT_EQ(json.date, "Publiceringsdatum");
  EXPECT_EQ(json.deadline, "Stangningsdatum");
  EXPECT_EQ(json.since_param, "andradEfter");
  EXPECT_EQ(json.since_format, "%Y-%m-%d");
  EXPECT_EQ(json.headers, (Pairs{{"X-Api-Key", "abc"}, {"Accept", "application/json"}}));
  EXPECT_TRUE(json.form.empty());
  EXPECT_EQ(json.body, "");
}

TEST(JsonProfileConfig, ReadsAPostWithABodyAndDefaultsItsContentType) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", std::string(kSourceHead) + R"toml(
[source.json]
method = "POST"
body = '{"since":"{since}"}'
title = "name"
)toml").string();
  auto config = load_config(file);
  ASSERT_TRUE(config) << messages_of(config.error(), file)[0];
  const JsonProfile& json = config->sources[0].json;
  EXPECT_EQ(json.method, "POST");
  EXPECT_EQ(json.body, R"({"since":"{since}"})");
  EXPECT_EQ(json.content_type, "application/json");
  EXPECT_EQ(json.items, "");
  EXPECT_EQ(json.since_format, "%Y-%m-%dT%H:%M:%SZ");
}

TEST(JsonProfileConfig, LoadsTheFundingAndTendersExampleAsItShips) {
  const std::string file = std::string(OMVARLD_SOURCE_DIR) + "/examples/api/funding-tenders.toml";
  auto config = load_config(file);
  ASSERT_TRUE(config) << messages_of(config.error(), file)[0];
  ASSERT_EQ(config->sources.size(), 1u);
  const SourceConfig& source = config->sources[0];
  EXPECT_EQ(source.kind, SourceKind::kJson);
  EXPECT_TRUE(source.url.starts_with("https://api.tech.ec.europa.eu/search-api/prod/rest/search?"));
  EXPECT_EQ(source.json.method, "POST");
  EXPECT_EQ(source.json.items, "results");
  EXPECT_EQ(source.json.title, "metadata.title");
  EXPECT_EQ(source.json.deadline, "metadata.deadlineDate");
  ASSERT_EQ(source.json.form.size(), 3u);
  EXPECT_EQ(source.json.form[0].first, "query");
  EXPECT_EQ(source.json.form[1], (std::pair<std::string, std::string>{"languages", "[\"en\"]"}));
  EXPECT_EQ(source.json.form[2].first, "sort");
}

struct ProfileCase {
  const char* name;
  const char* toml;  // after kSourceHead, whose last line is 7
  std::vector<std::string> errors;  // "LINE:COL: message"
};

const ProfileCase kBadProfiles[] = {
    {"json kind without a profile", "",
     {"7:8: kind = \"json\" behöver en tabell [source.json] med minst title"}},
    {"profile without a title", "\n[source.json]\nitems = \"results\"\n",
     {"9:1: [source.json] saknar den obligatoriska nyckeln \"title\""}},
    {"unknown key with a close spelling", "\n[source.json]\ntitle = \"t\"\ndeadlne = \"d\"\n",
     {"11:1: okänd nyckel \"deadlne\" i [source.json] (menade du \"deadline\"?)"}},
    {"method other than GET or POST", "\n[source.json]\ntitle = \"t\"\nmethod = \"PUT\"\n",
     {"11:10: method: väntade \"GET\" eller \"POST\", fick \"PUT\""}},
    {"path with an empty step points into the string",
     "\n[source.json]\ntitle = \"metadata..title\"\n",
     {"10:19: title: \"metadata..title\" är ingen sökväg som \"metadata.title[0]\": expected a name after \".\""}},
    {"path with å and ä before the mistake counts them as one column each",
     "\n[source.json]\ntitle = \"ärende.år..titel\"\n",
     {"10:20: title: \"ärende.år..titel\" är ingen sökväg som \"metadata.title[0]\": expected a name after \".\""}},
    {"path with a bad index", "\n[source.json]\ntitle = \"t\"\nitems = \"data[first]\"\n",
     {"11:15: items: \"data[first]\" är ingen sökväg som \"metadata.title[0]\": expected an array "
      "index (0, 1, …) between \"[\" and \"]\""}},
    {"body on a GET", "\n[source.json]\ntitle = \"t\"\nbody = \"{}\"\n",
     {"11:8: body: en GET-förfrågan har ingen body; ange method = \"POST\""}},
    {"form on a GET", "\n[source.json]\ntitle = \"t\"\n\n[source.json.form]\nq = \"x\"\n",
     {"12:1: form: en GET-förfrågan har inget formulär; ange method = \"POST\""}},
    {"body and form at once",
     "\n[source.json]\nmethod = \"POST\"\ntitle = \"t\"\nbody = \"{}\"\n\n[source.json.form]\nq = \"x\"\n",
     {"12:8: body: en POST skickar antingen body eller [source.json.form], inte båda"}},
    {"content type without a body", "\n[source.json]\ntitle = \"t\"\ncontent_type = \"text/plain\"\n",
     {"11:16: content_type: det finns ingen body för den att beskriva"}},
    {"header name with a space and a value that is not a string",
     "\n[source.json]\ntitle = \"t\"\n\n[source.json.headers]\n\"X Key\" = \"a\"\nX-Count = 3\n",
     {"13:11: headers: \"X Key\" är inget namn på ett huvudfält",
      "14:11: X-Count: väntade en text, fick ett heltal"}},
    {"link template without a placeholder",
     "\n[source.json]\ntitle = \"t\"\nlink_template = \"https://example.se/\"\n",
     {"11:17: link_template: \"https://example.se/\" saknar platshållare som {id}: alla poster skulle få samma länk"}},
    {"link template with {id} but no id path",
     "\n[source.json]\ntitle = \"t\"\nlink_template = \"https://example.se/{id}\"\n",
     {"11:37: link_template: {id} kräver en id-sökväg i [source.json]"}},
    {"link template with an unclosed placeholder",
     "\n[source.json]\ntitle = \"t\"\nid = \"i\"\nlink_template = \"https://example.se/{id\"\n",
     {"12:37: link_template: \"{\" stängs inte med \"}\""}},
    {"since_format with a locale conversion",
     "\n[source.json]\ntitle = \"t\"\nsince_format = \"%d %B %Y\"\n",
     {"11:20: since_format: okänd omvandling \"%B\"; använd %Y %m %d %H %M %S %F %T %y %j %z %Z (UTC) och %%"}},
    {"since_param that is not a parameter name",
     "\n[source.json]\ntitle = \"t\"\nsince_param = \"a=b\"\n",
     {"11:15: since_param: väntade ett parameternamn som \"changedSince\", fick \"a=b\""}},
};

TEST(JsonProfileConfig, ReportsEachMistakeInAProfileAtItsPosition) {
  for (const ProfileCase& c : kBadProfiles) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string file = dir.write("omvarld.toml", std::string(kSourceHead) + c.toml).string();
    auto config = load_config(file);
    ASSERT_FALSE(config);
    EXPECT_EQ(messages_of(config.error(), file), c.errors);
  }
}

TEST(JsonProfileConfig, RejectsAProfileOnAnotherKindOfSource) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", R"toml([[source]]
id = "ec-press"
url = "https://ec.example.eu/rss"

[source.json]
title = "t"
)toml").string();
  auto config = load_config(file);
  ASSERT_FALSE(config);
  EXPECT_EQ(messages_of(config.error(), file),
            std::vector<std::string>{"5:1: [source.json] läses bara när kind = \"json\": ange kind eller ta bort tabellen"});
}

TEST(JsonProfileConfig, RejectsSinceInAFileUrl) {
  TempDir dir;
  const std::string file = dir.write("omvarld.toml", R"toml([daemon]
allow_file_urls = true

[[source]]
id = "vinnova"
url = "api/utlysningar-{since}.json"
kind = "json"

[source.json]
title = "Titel"
)toml").string();
  auto config = load_config(file);
  ASSERT_FALSE(config);
  EXPECT_EQ(messages_of(config.error(), file),
            std::vector<std::string>{"6:7: url: {since} fylls bara i för http://- och https://-adresser"});
}

}  // namespace
}  // namespace omvarld::config
