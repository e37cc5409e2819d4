#include "feeds/entity_repair.h"

#include <string>

#include <gtest/gtest.h>

#include "feeds/field_text.h"

namespace omvarld::feeds {
namespace {

struct RepairCase {
  const char* name;
  const char* xml;
  const char* repaired;
  const char* problem;
};

TEST(RepairEntities, MakesTheDocumentWellFormedAndSaysWhereItHadTo) {
  const RepairCase cases[] = {
      {"HTML entity", "<t>&eacute;</t>", "<t>&#233;</t>", "1:4: undefined entity &eacute;"},
      {"bare ampersand", "<t>a & b</t>", "<t>a &amp; b</t>", "1:6: unescaped '&'"},
      {"unknown entity kept as text", "<t>&zork;</t>", "<t>&amp;zork;</t>",
       "1:4: undefined entity &zork;"},
      {"upper-case X", "<t>&#X41;</t>", "<t>&#x41;</t>", "1:4: upper-case X in character reference"},
      // The parser would end the text at the NUL: "def" would be lost.
      {"reference to NUL", "<t>abc&#0;def&#x0000;</t>", "<t>abcdef</t>", "1:7: reference to NUL removed"},
      {"XML entities and references untouched", "<t>&amp;&lt;&#233;&#xE9;</t>",
       "<t>&amp;&lt;&#233;&#xE9;</t>", ""},
      {"entity declared in the DOCTYPE",
       "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><t>&id;2006</t>",
       "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><t>tag:example.com,2006</t>", ""},
      {"declared entity holding markup is not expanded",
       "<!DOCTYPE rss [<!ENTITY x \"<b>\">]><t>&x;</t>",
       "<!DOCTYPE rss [<!ENTITY x \"<b>\">]><t>&amp;x;</t>", "1:38: undefined entity &x;"},
      {"CDATA untouched", "<t><![CDATA[a & b &eacute;]]></t>", "<t><![CDATA[a & b &eacute;]]></t>", ""},
      {"comment untouched", "<t><!-- a & b --></t>", "<t><!-- a & b --></t>", ""},
      // pugixml reads "<!-->" as the start of a comment, which goes on to
      // the next "-->", not as an empty one (as HTML does).
      {"comment opened by <!-->", "<!-->a & b-->\n<t/>", "<!-->a & b-->\n<t/>", ""},
      {"comment opened by <!--->", "<!--->a & b-->", "<!--->a & b-->", ""},
      {"processing instruction opened by <?>", "<?>a & b?>", "<?>a & b?>", ""},
  };
  for (const RepairCase& c : cases) {
    SCOPED_TRACE(c.name);
    const RepairedXml repaired = repair_entities(c.xml);
    EXPECT_EQ(repaired.text, c.repaired);
    EXPECT_EQ(repaired.problem, c.problem);
  }
}

TEST(RepairEntities, ChangesFarIntoALongDocumentKeepEverythingBefore) {
  const std::string before(100'000, 'a');
  const RepairedXml repaired = repair_entities("<t>" + before + "&eacute;&#X41;&#0;b &c</t>");
  EXPECT_EQ(repaired.text, "<t>" + before + "&#233;&#x41;b &amp;c</t>");
  EXPECT_EQ(repaired.problem, "1:100004: undefined entity &eacute;");
}

// Most documents need no repair; the poll's parse then keeps the one copy
// of the document it decoded (feeds/parser.cpp).
TEST(RepairEntities, ADocumentThatNeedsNothingComesBackWithoutACopy) {
  std::string document = "<rss><channel><title>a &amp; b &#233;</title>" + std::string(10'000, ' ') + "</channel></rss>";
  const std::string expected = document;
  const char* const buffer = document.data();
  const RepairedXml repaired = repair_entities(std::move(document));
  EXPECT_EQ(repaired.text, expected);
  EXPECT_EQ(repaired.text.data(), buffer);
  EXPECT_EQ(repaired.problem, "");
}

TEST(TranslateCp1252, MapsOnlyTheC1ControlsAndLeavesOtherC2PairsAlone) {
  const struct {
    std::string in;
    std::string out;
  } cases[] = {
      {"plain", "plain"},
      {"no\xC2\xA0" "break \xC2\xA7 5", "no\xC2\xA0" "break \xC2\xA7 5"},  // U+00A0, U+00A7: kept
      {"\xC2\x80 \xC2\x93quoted\xC2\x94", "\xE2\x82\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D"},
      {"a\xC2\xA0" "b\xC2\x96" "c", "a\xC2\xA0" "b\xE2\x80\x93" "c"},  // a pair that stays, then one that goes
      {"end\xC2", "end\xC2"},
      {"\xC2\x81", "\xC2\x81"},  // unassigned in windows-1252: itself
  };
  for (const auto& c : cases) {
    std::string text = c.in;
    translate_cp1252(text);
    EXPECT_EQ(text, c.out) << c.in;
  }
}

}  // namespace
}  // namespace omvarld::feeds
