// core::safe_text and core::safe_link over every class of character they
// handle: one named case per class, each with what must come out.

#include "core/safe_text.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

struct Case {
  const char* name;
  std::string in;
  std::string out;
};

const std::vector<Case> kTextCases = {
    {"plain Swedish text is kept", "Förskolans årsrapport – Erasmus+ “2027”",
     "Förskolans årsrapport – Erasmus+ “2027”"},
    {"tab, line feed and CR LF are kept", "a\tb\nc\r\nd", "a\tb\nc\r\nd"},
    {"a lone carriage return becomes a line feed", "Bra rubrik\rOnd rubrik",
     "Bra rubrik\nOnd rubrik"},
    {"vertical tab, form feed, NEL, LS and PS become line feeds",
     "a\vb\fc\xC2\x85" "d\xE2\x80\xA8" "e\xE2\x80\xA9" "f", "a\nb\nc\nd\ne\nf"},
    {"other C0 controls and DEL go", std::string("a\x00" "b\x01\x07\x08\x1A\x1F\x7F" "c", 10),
     "abc"},
    {"C1 controls go", "a\xC2\x80\xC2\x8D\xC2\x9A\xC2\x9C" "b", "ab"},
    {"a CSI colour sequence goes whole", "\x1B[1;31mRöd\x1B[0m text", "Röd text"},
    {"a private CSI sequence goes whole", "a\x1B[?1049hb\x1B[2J\x1B[H", "ab"},
    {"an OSC title ended by BEL goes whole", "x\x1B]0;pwned\x07y", "xy"},
    {"an OSC 8 hyperlink ended by ST goes whole, its text stays",
     "\x1B]8;;https://evil.example/\x1B\\Klicka\x1B]8;;\x1B\\", "Klicka"},
    {"an unterminated OSC ends at the line", "a\x1B]2;title\nnext line", "a\nnext line"},
    {"DCS, SOS, PM and APC strings go whole",
     "1\x1BPqpayload\x1B\\2\x1BXsos\x1B\\3\x1B^pm\x1B\\4\x1B_apc\x1B\\5", "12345"},
    {"two-character escapes go whole", "a\x1B" "cb\x1B" "7c\x1BMd", "abcd"},
    {"escapes with intermediates go whole", "a\x1B(Bb\x1B#8c", "abc"},
    {"a lone ESC at the end goes", "slut\x1B", "slut"},
    {"an ESC before a non-ASCII letter goes alone", "\x1Bå", "å"},
    {"the C1 CSI goes with its sequence", "a\xC2\x9B" "31mb", "ab"},
    {"the C1 OSC goes with its string up to C1 ST", "a\xC2\x9D" "0;t\xC2\x9C" "b", "ab"},
    {"bidi embeddings and overrides go", "abc\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE" "fdp.exe",
     "abcfdp.exe"},
    {"bidi isolates go", "\xE2\x81\xA6" "a\xE2\x81\xA7" "b\xE2\x81\xA8" "c\xE2\x81\xA9", "abc"},
    {"bidi marks go", "a\xE2\x80\x8E" "b\xE2\x80\x8F" "c\xD8\x9C" "d", "abcd"},
    {"zero-width characters go", "för\xE2\x80\x8B" "sko\xE2\x80\x8C" "la\xE2\x80\x8D\xE2\x81\xA0\xEF\xBB\xBF",
     "förskola"},
    {"the soft hyphen goes", "förskole\xC2\xAD" "verksamhet", "förskoleverksamhet"},
    {"tag characters go", "ok\xF3\xA0\x80\x81\xF3\xA0\x81\x81\xF3\xA0\x81\xBF", "ok"},
    {"Hangul fillers and the combining grapheme joiner go",
     "a\xE3\x85\xA4" "b\xEF\xBE\xA0" "c\xCD\x8F" "d", "abcd"},
    {"interlinear annotation controls go", "a\xEF\xBF\xB9" "b\xEF\xBF\xBB" "c", "abc"},
    {"noncharacters go", "a\xEF\xB7\x90" "b\xEF\xBF\xBE" "c\xF0\x9F\xBF\xBF" "d", "abcd"},
    {"variation selectors and emoji stay", "\xE2\x9D\xA4\xEF\xB8\x8F \xF0\x9F\x87\xB8\xF0\x9F\x87\xAA",
     "\xE2\x9D\xA4\xEF\xB8\x8F \xF0\x9F\x87\xB8\xF0\x9F\x87\xAA"},
    {"a stray continuation byte becomes U+FFFD", "a\x80" "b", "a\xEF\xBF\xBD" "b"},
    {"a truncated sequence becomes one U+FFFD", "a\xE2\x82" "b", "a\xEF\xBF\xBD" "b"},
    {"a truncated sequence at the end becomes U+FFFD", "a\xF0\x9F\x98", "a\xEF\xBF\xBD"},
    {"an overlong form becomes U+FFFD per byte", "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"an overlong three-byte form becomes U+FFFD per byte", "\xE0\x80\xAF",
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"an encoded surrogate becomes U+FFFD per byte", "\xED\xA0\x80",
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"a value past U+10FFFF becomes U+FFFD per byte", "\xF4\x90\x80\x80",
     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"Latin-1 bytes become U+FFFD", "caf\xE9", "caf\xEF\xBF\xBD"},
    {"an ESC in an invalid sequence is still removed", "\xE2\x1B[31mx", "\xEF\xBF\xBDx"},
    {"no-break and other visible spaces stay", "a\xC2\xA0" "b\xE2\x80\x83" "c\xE3\x80\x80" "d",
     "a\xC2\xA0" "b\xE2\x80\x83" "c\xE3\x80\x80" "d"},
    {"right-to-left text itself stays", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",
     "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"},
    {"the empty text stays empty", "", ""},
};

TEST(SafeText, RemovesWhatActsInsteadOfShowingAndKeepsTheRest) {
  for (const Case& c : kTextCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(safe_text(c.in), c.out);
  }
}

TEST(SafeText, IsIdempotent) {
  for (const Case& c : kTextCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(safe_text(safe_text(c.in)), safe_text(c.in));
  }
}

TEST(SafeText, LeavesNoEscapeOrControlCharacterInAnyByteString) {
  // Every two-byte string, and ESC before each byte: whatever the input,
  // nothing a terminal acts on is left.
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      const std::string input{static_cast<char>(first), static_cast<char>(second), '\x1B',
                              static_cast<char>(second)};
      const std::string output = safe_text(input);
      for (std::size_t at = 0; at < output.size(); ++at) {
        const auto byte = static_cast<unsigned char>(output[at]);
        ASSERT_FALSE(byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')
            << "byte " << int(byte) << " from " << first << "," << second;
        ASSERT_NE(byte, 0x7F);
        if (byte == '\r') {
          ASSERT_EQ(output[at + 1], '\n');
        }
        if (byte == 0xC2 && at + 1 < output.size()) {
          const auto next = static_cast<unsigned char>(output[at + 1]);
          ASSERT_FALSE(next >= 0x80 && next <= 0x9F) << "C1 from " << first << "," << second;
        }
      }
    }
  }
}

const std::vector<Case> kLinkCases = {
    {"a plain link is kept", "https://www.skr.se/nyheter?id=1#a", "https://www.skr.se/nyheter?id=1#a"},
    {"a Swedish path is kept", "https://www.linköping.se/förskola", "https://www.linköping.se/förskola"},
    {"a bidi override is encoded, the target kept", "https://example.se/\xE2\x80\xAEgpj.exe",
     "https://example.se/%E2%80%AEgpj.exe"},
    {"zero-width characters are encoded", "https://exa\xE2\x80\x8Bmple.se/",
     "https://exa%E2%80%8Bmple.se/"},
    {"an escape sequence is encoded", "https://e.se/\x1B[31m", "https://e.se/%1B[31m"},
    {"tab, newline and CR are encoded", "https://e.se/a\tb\nc\rd", "https://e.se/a%09b%0Ac%0Dd"},
    {"C1 controls are encoded", "https://e.se/\xC2\x9B", "https://e.se/%C2%9B"},
    {"an ill-formed byte is encoded", "https://e.se/caf\xE9", "https://e.se/caf%E9"},
    {"a percent sign already there is kept", "https://e.se/a%20b", "https://e.se/a%20b"},
};

TEST(SafeLogText, IsSafeTextOnOneLine) {
  EXPECT_EQ(safe_log_text("a\nINFO forged\r\nb\tc\rd\x7F\x1B[31me\x01"), "a INFO forged  b c de");
  EXPECT_EQ(safe_log_text("förskola \xE2\x80\xAE"), "förskola ");
  EXPECT_EQ(safe_log_text(""), "");
}

TEST(SafeLink, EncodesWhatIsHiddenSoTheLinkLeadsWhereItDid) {
  for (const Case& c : kLinkCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(safe_link(c.in), c.out);
    EXPECT_EQ(safe_link(safe_link(c.in)), safe_link(c.in));
  }
}

TEST(EscapeHiddenInJson, WritesWhatWouldActOnATerminalAsEscapes) {
  const std::vector<Case> cases = {
      {"plain JSON is kept", "{\n  \"title\": \"Förskola\"\n}", "{\n  \"title\": \"Förskola\"\n}"},
      {"a bidi override", "[\"a\xE2\x80\xAE" "b\"]", "[\"a\\u202eb\"]"},
      {"a C1 control and DEL", "[\"\xC2\x9B" "31m\x7F\"]", "[\"\\u009b31m\\u007f\"]"},
      {"a zero width space and a line separator", "[\"a\xE2\x80\x8B\xE2\x80\xA8\"]",
       "[\"a\\u200b\\u2028\"]"},
      {"a tag character as a surrogate pair", "[\"\xF3\xA0\x80\x81\"]", "[\"\\udb40\\udc01\"]"},
      {"an ill-formed byte", "[\"caf\xE9" "\"]", "[\"caf\\ufffd\"]"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(escape_hidden_in_json(c.in), c.out);
  }
}

TEST(SafeItem, CleansTheTextsAndTheLinkAndKeepsTheIdentity) {
  Item item;
  item.source = "skr";
  item.key = "urn:\x1B[31m";
  item.title = "\x1B]0;pwned\x07Ny \xE2\x80\xAE" "utlysning";
  item.summary = "för\xE2\x80\x8Bskola";
  item.content = "a\rb";
  item.link = "https://e.se/\xE2\x80\xAE" "x";
  item.canonical_link = "https://e.se/\xE2\x80\xAE" "x";
  const Item safe = safe_item(item);
  EXPECT_EQ(safe.title, "Ny utlysning");
  EXPECT_EQ(safe.summary, "förskola");
  EXPECT_EQ(safe.content, "a\nb");
  EXPECT_EQ(safe.link, "https://e.se/%E2%80%AEx");
  EXPECT_EQ(safe.key, item.key);
  EXPECT_EQ(safe.source, item.source);
  EXPECT_EQ(safe.canonical_link, item.canonical_link);
}

}  // namespace
}  // namespace omvarld::core
