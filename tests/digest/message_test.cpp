// Tests for digest::to_message and the MIME encodings beneath it: the
// headers, header injection, line lengths and line ends, and that the
// quoted-printable bodies and encoded-word subject decode back to the
// original UTF-8.

#include "digest/message.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "digest/mime.h"
#include "tests/digest/sample_digest.h"

namespace omvarld::digest {
namespace {

using testing::sample_entries;
using testing::sample_now;
using testing::sample_recipient;

constexpr char kMessageId[] = "<0123456789abcdef0123456789abcdef@linkoping.se>";

Message sample_message(const Recipient& recipient = sample_recipient()) {
  const Digest digest = compose(recipient, sample_entries(), sample_now());
  return to_message(recipient, digest, sample_now(), kMessageId);
}

std::vector<std::string> split_crlf(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\r\n", at);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(at, end - at));
    at = end + 2;
  }
  return lines;
}

std::string header_block(const std::string& eml) { return eml.substr(0, eml.find("\r\n\r\n") + 2); }

// The unfolded headers: "Name: value" each.
std::vector<std::string> unfolded_headers(const std::string& eml) {
  std::vector<std::string> headers;
  for (const std::string& line : split_crlf(header_block(eml))) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !headers.empty()) {
      headers.back() += line;
    } else {
      headers.push_back(line);
    }
  }
  return headers;
}

std::string header(const std::string& eml, std::string_view name) {
  for (const std::string& line : unfolded_headers(eml)) {
    if (line.starts_with(std::string(name) + ": ")) return line.substr(name.size() + 2);
  }
  return "(missing)";
}

// A tiny quoted-printable decoder (RFC 2045 §6.7): "=XX" is a byte, "=" at
// the end of a line is a soft break.
std::string decode_quoted_printable(std::string_view encoded) {
  std::string decoded;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '=') {
      decoded += encoded[i];
    } else if (encoded.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else {
      decoded += static_cast<char>(std::stoi(std::string(encoded.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    }
  }
  return decoded;
}

std::string decode_base64(std::string_view encoded) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string decoded;
  unsigned bits = 0;
  int count = 0;
  for (char c : encoded) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<unsigned>(kAlphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      decoded += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return decoded;
}

struct EncodedWord {
  std::size_t position;
  std::size_t length;
  std::string payload;  // the base64 between "=?UTF-8?B?" and "?="
};

// Every "=?UTF-8?B?…?=" in `value`. (No std::regex: GCC 12's <regex> trips
// -Wmaybe-uninitialized under the sanitizers.)
std::vector<EncodedWord> find_encoded_words(const std::string& value) {
  static constexpr std::string_view kPrefix = "=?UTF-8?B?";
  std::vector<EncodedWord> words;
  for (std::size_t at = value.find(kPrefix); at != std::string::npos;
       at = value.find(kPrefix, at)) {
    const std::size_t end = value.find("?=", at + kPrefix.size());
    if (end == std::string::npos) break;
    words.push_back(
        {at, end + 2 - at, value.substr(at + kPrefix.size(), end - at - kPrefix.size())});
    at = end + 2;
  }
  return words;
}

// Decodes "=?UTF-8?B?…?=" words; the space between two of them goes.
std::string decode_encoded_words(const std::string& value) {
  std::string decoded;
  std::size_t at = 0;
  for (const EncodedWord& word : find_encoded_words(value)) {
    const std::string between = value.substr(at, word.position - at);
    if (at == 0 || between.find_first_not_of(' ') != std::string::npos) decoded += between;
    decoded += decode_base64(word.payload);
    at = word.position + word.length;
  }
  return decoded + value.substr(at);
}

bool is_lower_hex(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The body of the part with `content_type`, still encoded.
std::string part_body(const std::string& eml, const std::string& content_type) {
  const std::size_t start = eml.find("Content-Type: " + content_type);
  const std::size_t body = eml.find("\r\n\r\n", start) + 4;
  const std::size_t end = eml.find("\r\n--=_omvarld_", body);
  return eml.substr(body, end - body);
}

// `text` with every line ending ("\n" or "\r\n") as CRLF.
std::string with_crlf(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i] == '\n' ? std::string("\r\n") : std::string(1, text[i]);
  }
  return out;
}

std::string boundary_of(const std::string& eml) {
  const std::string content_type = header(eml, "Content-Type");
  const std::size_t start = content_type.find("boundary=\"");
  const std::size_t end = content_type.find('"', start + 10);
  if (start == std::string::npos || end == std::string::npos) return "(none)";
  return content_type.substr(start + 10, end - start - 10);
}

TEST(ToMessage, WritesTheHeaders) {
  const Message message = sample_message();
  const std::string& eml = message.eml;
  EXPECT_EQ(
      header(eml, "To"),
      "utbildning.omvarld@linkoping.se, =?UTF-8?B?w4VzYSDDlmJlcmc=?= <asa.oberg@linkoping.se>");
  EXPECT_EQ(decode_encoded_words(header(eml, "From")), "Omvärldsbevakning <omvarld@linkoping.se>");
  EXPECT_EQ(header(eml, "Date"), "Mon, 23 Nov 2026 06:00:00 +0000");
  EXPECT_EQ(header(eml, "Message-ID"), kMessageId);
  EXPECT_EQ(header(eml, "MIME-Version"), "1.0");
  EXPECT_EQ(decode_encoded_words(header(eml, "List-Id")),
            "Utbildningsnämnden, Linköping <linkoping.utbildning.omvarld.linkoping.se>");
  EXPECT_EQ(header(eml, "X-Omvarld-Namnd"), "linkoping/utbildning");
  EXPECT_EQ(header(eml, "Auto-Submitted"), "auto-generated");
  const std::string boundary = boundary_of(eml);
  EXPECT_EQ(header(eml, "Content-Type"), "multipart/alternative; boundary=\"" + boundary + "\"");
  EXPECT_TRUE(boundary.starts_with("=_omvarld_") && boundary.size() == 26 &&
              is_lower_hex(boundary.substr(10)))
      << boundary;
  EXPECT_EQ(message.namnd, "linkoping/utbildning");
  EXPECT_EQ(message.message_id, kMessageId);
  EXPECT_EQ(message.date, sample_now());
  EXPECT_EQ(message.subject,
            "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 3 nya träffar");
}

TEST(ToMessage, WritesTheKommunsReplyToAndListUnsubscribe) {
  Recipient recipient = sample_recipient();
  EXPECT_EQ(header(sample_message(recipient).eml, "Reply-To"), "(missing)") << "none by default";
  recipient.reply_to = "EU-samordnare <eu.samordnare@norrkoping.se>";
  recipient.list_unsubscribe = "avregistrera@norrkoping.se";
  const std::string eml = sample_message(recipient).eml;
  EXPECT_EQ(header(eml, "Reply-To"), "EU-samordnare <eu.samordnare@norrkoping.se>");
  EXPECT_EQ(header(eml, "List-Unsubscribe"),
            "<mailto:avregistrera@norrkoping.se?subject=Avregistrera%20linkoping%2Futbildning>");
}

TEST(ToMessage, QuotesAnAsciiListName) {
  Recipient recipient = sample_recipient();
  recipient.name = "Kommunstyrelsen \"KS\", Linkoping";
  EXPECT_EQ(
      header(sample_message(recipient).eml, "List-Id"),
      "\"Kommunstyrelsen \\\"KS\\\", Linkoping\" <linkoping.utbildning.omvarld.linkoping.se>");
}

TEST(ToMessage, EncodesTheSubjectAsShortEncodedWordsThatDecodeBack) {
  const Message message = sample_message();
  const std::string subject = header(message.eml, "Subject");
  EXPECT_EQ(decode_encoded_words(subject), message.subject);
  const std::vector<EncodedWord> words = find_encoded_words(subject);
  EXPECT_GT(words.size(), 1u);
  for (const EncodedWord& word : words) EXPECT_LE(word.length, 75u) << word.payload;
  EXPECT_TRUE(
      std::all_of(subject.begin(), subject.end(), [](unsigned char c) { return c < 0x80; }));
}

TEST(ToMessage, KeepsNewlinesFromAnyFieldOutOfTheHeaders) {
  struct Case {
    const char* name;
    Recipient recipient;
    std::string subject;
  };
  Recipient evil_name = sample_recipient();
  evil_name.name = "Utbildning\r\nBcc: evil@example.com";
  Recipient evil_everything = sample_recipient();
  evil_everything.name = "Nämnd\nBcc: evil@example.com";
  evil_everything.namnd = "linkoping/x\r\nBcc: evil@example.com";
  evil_everything.from = "Omvarld\r\nBcc: evil@example.com <omvarld@linkoping.se>";
  evil_everything.addresses = {"a@linkoping.se\r\nBcc: evil@example.com"};
  evil_everything.reply_to = "Svar\r\nBcc: evil@example.com <svar@linkoping.se>\r\nBcc: x@y.se";
  evil_everything.list_unsubscribe = "leave@linkoping.se\r\nBcc: evil@example.com";
  evil_everything.organisation = "Kommun\r\nBcc: evil@example.com";
  const std::vector<Case> cases = {
      {"ASCII subject and name", evil_name, "Veckans digest\r\nBcc: evil@example.com"},
      {"non-ASCII subject, every field", evil_everything, "Omvärld\r\nBcc: evil@example.com"},
      {"a lone CR", evil_name, "Veckans digest\rBcc: evil@example.com"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Digest digest{c.subject, "text\n", "<html></html>\n"};
    const Message message = to_message(c.recipient, digest, sample_now(), kMessageId);
    for (const std::string& line : split_crlf(header_block(message.eml))) {
      std::string lower = line;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
      EXPECT_FALSE(lower.starts_with("bcc")) << line;
      EXPECT_EQ(line.find('\r'), std::string::npos);
      EXPECT_EQ(line.find('\n'), std::string::npos);
    }
    EXPECT_NE(decode_encoded_words(header(message.eml, "Subject")).find("Bcc: evil@example.com"),
              std::string::npos)
        << "the text stays, on the Subject line";
  }
}

TEST(ToMessage, EndsEveryLineInCrlfAndKeepsLinesShort) {
  std::vector<Entry> entries = sample_entries();
  entries[0].title = std::string(3000, 'x') + " " + std::string(1500, '\xC3') + "ö";
  entries[0].text = std::string(5000, '=');
  const Recipient recipient = sample_recipient();
  Digest digest = compose(recipient, entries, sample_now());
  digest.subject += " " + std::string(2000, 'y');
  const Message message = to_message(recipient, digest, sample_now(), kMessageId);

  const std::string& eml = message.eml;
  ASSERT_TRUE(eml.ends_with("\r\n"));
  for (std::size_t i = 0; i < eml.size(); ++i) {
    if (eml[i] == '\n') {
      ASSERT_TRUE(i > 0 && eml[i - 1] == '\r') << "bare LF at " << i;
    }
    if (eml[i] == '\r') {
      ASSERT_TRUE(i + 1 < eml.size() && eml[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  for (const std::string& line : split_crlf(eml)) {
    EXPECT_LE(line.size(), 998u);
  }
  const std::string body = eml.substr(eml.find("\r\n\r\n"));
  for (const std::string& line : split_crlf(body)) {
    EXPECT_LE(line.size(), 76u) << line;
    EXPECT_TRUE(std::all_of(line.begin(), line.end(), [](unsigned char c) { return c < 0x80; }));
  }
}

TEST(ToMessage, EncodesBothBodiesAsQuotedPrintableThatDecodesBack) {
  const Recipient recipient = sample_recipient();
  const Digest digest = compose(recipient, sample_entries(), sample_now());
  const Message message = to_message(recipient, digest, sample_now(), kMessageId);

  EXPECT_NE(message.eml.find("Content-Type: text/plain; charset=utf-8\r\n"
                             "Content-Transfer-Encoding: quoted-printable\r\n\r\n"),
            std::string::npos);
  EXPECT_LT(message.eml.find("text/plain"), message.eml.find("text/html"));
  EXPECT_EQ(decode_quoted_printable(part_body(message.eml, "text/plain")), with_crlf(digest.text));
  EXPECT_EQ(decode_quoted_printable(part_body(message.eml, "text/html")), with_crlf(digest.html));
  EXPECT_EQ(message.html, digest.html);
  EXPECT_TRUE(message.eml.ends_with("\r\n--" + boundary_of(message.eml) + "--\r\n"))
      << message.eml.substr(message.eml.size() - 60);
}

TEST(ToMessage, DerivesTheBoundaryFromTheMessageId) {
  const Recipient recipient = sample_recipient();
  const Digest digest = compose(recipient, sample_entries(), sample_now());
  const Message first = to_message(recipient, digest, sample_now(), kMessageId);
  const Message again = to_message(recipient, digest, sample_now(), kMessageId);
  const Message other = to_message(recipient, digest, sample_now(), "<other@linkoping.se>");
  EXPECT_EQ(first.eml, again.eml);
  EXPECT_NE(boundary_of(first.eml), boundary_of(other.eml));
}

TEST(EncodeQuotedPrintable, EncodesWhatMailCannotCarry) {
  struct Case {
    const char* name;
    std::string text;
    std::string encoded;
  };
  const std::vector<Case> cases = {
      {"plain ASCII", "Hej\n", "Hej\r\n"},
      {"UTF-8 and equals", "ö = å\n", "=C3=B6 =3D =C3=A5\r\n"},
      {"trailing space", "slut \nnästa\t", "slut=20\r\nn=C3=A4sta=09"},
      {"dot and From at line start", ".\nFrom here\nA. From", "=2E\r\n=46rom here\r\nA. From"},
      {"CRLF input", "a\r\nb", "a\r\nb"},
      {"soft break before 76", std::string(80, 'a'), std::string(75, 'a') + "=\r\n" + "aaaaa"},
      {"an escape is never split", std::string(74, 'a') + "ö",
       std::string(74, 'a') + "=\r\n=C3=B6"},
      {"76 fit on the last line", std::string(76, 'a'), std::string(76, 'a')},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(encode_quoted_printable(c.text), c.encoded);
    EXPECT_EQ(decode_quoted_printable(c.encoded), with_crlf(c.text)) << "decodes back";
  }
}

TEST(EncodedWords, SplitsBetweenCharactersWithinSeventyFive) {
  const std::string text =
      "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 12 nya träffar åäöåäöåäö";
  const std::vector<std::string> words = encoded_words(text);
  ASSERT_GT(words.size(), 1u);
  std::string decoded;
  for (const std::string& word : words) {
    EXPECT_LE(word.size(), 75u);
    const std::string part = decode_base64(word.substr(10, word.size() - 12));
    EXPECT_NE(static_cast<unsigned char>(part.front()) & 0xC0, 0x80) << "starts inside a character";
    decoded += part;
  }
  EXPECT_EQ(decoded, text);
}

TEST(NewMessageId, Uses128RandomBitsAndTheSendersDomain) {
  // "<" + 32 lower-case hex digits + "@" + domain + ">"
  const auto matches = [](const std::string& id, const std::string& domain) {
    return id.size() == 34 + domain.size() + 1 && id.front() == '<' && id.back() == '>' &&
           is_lower_hex(id.substr(1, 32)) && id.substr(33) == "@" + domain + ">";
  };
  const std::string first = new_message_id("Omvärldsbevakning <omvarld@linkoping.se>");
  const std::string second = new_message_id("omvarld@linkoping.se");
  EXPECT_TRUE(matches(first, "linkoping.se")) << first;
  EXPECT_TRUE(matches(second, "linkoping.se")) << second;
  EXPECT_NE(first, second);
  const std::string local = new_message_id("omvarld");
  EXPECT_TRUE(matches(local, "localhost")) << local;
}

}  // namespace
}  // namespace omvarld::digest
