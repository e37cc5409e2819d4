#include "feeds/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace omvarld::feeds {
namespace {

using namespace std::string_literals;

struct EncodingCase {
  const char* name;
  std::string bytes;
  const char* content_type;
  const char* encoding;
  const char* text;     // the decoded title, between <t> and </t>
  const char* problem;  // "" when feedparser would not flag the document
};

std::string title_of(const std::string& text) {
  const auto open = text.find("<t>");
  const auto close = text.find("</t>");
  if (open == std::string::npos || close == std::string::npos) return "(no title)";
  return text.substr(open + 3, close - open - 3);
}

TEST(DecodeDocument, ChoosesTheEncodingByFeedparsersRules) {
  const EncodingCase cases[] = {
      {"no declaration, valid UTF-8", "<t>\xC3\xA5</t>", "", "utf-8", "å", ""},
      {"declared latin-1", "<?xml version='1.0' encoding='ISO-8859-1'?><t>\xE5</t>", "",
       "iso-8859-1", "å", ""},
      {"application/xml charset beats the declaration",
       "<?xml version='1.0' encoding='utf-8'?><t>\xE5</t>", "application/xml; charset=\"iso-8859-1\"",
       "iso-8859-1", "å", ""},
      {"application/*+xml without charset uses the declaration",
       "<?xml version='1.0' encoding='iso-8859-1'?><t>\xE5</t>", "application/rss+xml",
       "iso-8859-1", "å", ""},
      {"text/xml without charset is us-ascii", "<?xml version='1.0' encoding='iso-8859-1'?><t>a</t>",
       "text/xml", "us-ascii", "a", ""},
      {"text/xml us-ascii that is not falls back to the declaration",
       "<?xml version='1.0' encoding='utf-8'?><t>\xC3\xA5</t>", "text/xml", "utf-8", "å",
       "document declared as us-ascii, but parsed as utf-8"},
      {"charset with spaces and quotes", "<t>a</t>", "application/xml;charset= 'us-ascii'",
       "us-ascii", "a", ""},
      {"a parameter without '=' is no charset", "<t>a</t>", "text/xml; charset:iso-8859-1",
       "us-ascii", "a", ""},
      {"text/plain is not a feed type", "<t>a</t>", "text/plain; charset=utf-8", "utf-8", "a",
       "text/plain; charset=utf-8 is not an accepted media type"},
      {"gb2312 is read as gb18030", "<?xml version='1.0' encoding='gb2312'?><t>\xC4\xEA</t>", "",
       "gb18030", "年", ""},
      {"UTF-16LE with a byte order mark", "\xFF\xFE<\0t\0>\0\xE5\0<\0/\0t\0>\0"s, "", "utf-16le",
       "å", ""},
      {"UTF-16BE without one", "\0<\0?\0x\0m\0l\0?\0>\0<\0t\0>\0\xE5\0<\0/\0t\0>"s, "", "utf-16be",
       "å", ""},
      {"UTF-32LE with a byte order mark", "\xFF\xFE\0\0<\0\0\0t\0\0\0>\0\0\0\xE5\0\0\0<\0\0\0/\0\0\0t\0\0\0>\0\0\0"s,
       "", "utf-32le", "å", ""},
      {"a UTF-8 mark beats a latin-1 declaration",
       "\xEF\xBB\xBF<?xml version='1.0' encoding='iso-8859-1'?><t>\xC3\xA5</t>", "", "utf-8", "å", ""},
      {"undeclared windows-1252", "<t>5 \x80</t>", "", "windows-1252", "5 €",
       "document declared as utf-8, but parsed as windows-1252"},
      {"a Swedish windows-1252 text is not guessed as windows-1250",
       "<t>R\xE4ksm\xF6rg\xE5s i \xD6sterg\xF6tland</t>", "", "windows-1252",
       "Räksmörgås i Östergötland", "document declared as utf-8, but parsed as windows-1252"},
      {"what windows-1252 cannot decode falls to iso-8859-2", "<t>\x81\xA9</t>", "", "iso-8859-2",
       "\xC2\x81Š", "document declared as utf-8, but parsed as iso-8859-2"},
      {"an unknown encoding name", "<?xml version='1.0' encoding='bogus'?><t>a</t>", "", "utf-8",
       "a", "document declared as bogus, but parsed as utf-8"},
  };
  for (const EncodingCase& c : cases) {
    SCOPED_TRACE(c.name);
    const DecodedDocument decoded = decode_document(c.bytes, c.content_type);
    EXPECT_EQ(decoded.encoding, c.encoding);
    EXPECT_EQ(title_of(decoded.text), c.text);
    EXPECT_EQ(decoded.problem, c.problem);
  }
}

TEST(DecodeDocument, GuessesAnotherScriptWhenNothingDeclaredFits) {
  // KOI8-R Russian, long enough for a guess: "Новости" (news) repeated.
  std::string body = "<t>";
  for (int i = 0; i < 20; ++i) body += "\xEE\xCF\xD7\xCF\xD3\xD4\xC9 \xD2\xC5\xC7\xC9\xCF\xCE\xC1 ";
  body += "</t>";
  const DecodedDocument decoded = decode_document(body, "");
  EXPECT_EQ(decoded.encoding, "koi8-r");
  EXPECT_EQ(title_of(decoded.text).substr(0, 14), "Новости");
  EXPECT_EQ(decoded.problem, "document declared as utf-8, but parsed as koi8-r");
}

}  // namespace
}  // namespace omvarld::feeds
