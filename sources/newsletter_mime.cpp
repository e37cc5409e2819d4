// decode_newsletter (sources/newsletter.h): the MIME side, with GMime. The
// only file that sees a GMime type.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <gmime/gmime.h>

#include "sources/newsletter.h"

namespace omvarld::sources {

namespace {

struct ObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
template <class T>
using GPtr = std::unique_ptr<T, ObjectDeleter>;

// g_mime_init counts its calls, so it is safe anywhere; once is enough.
void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string owned_text(char* text) {
  if (text == nullptr) return {};
  std::string copy(text);
  g_free(text);
  return copy;
}

// How many multiparts deep the bodies are looked for. Mailing tools nest
// three or four (mixed around related around alternative); GMime itself
// parses about a thousand levels, and a message built to nest that deep
// says nothing a newsletter would.
constexpr int kMaxMimeDepth = 32;

struct Bodies {
  GMimeTextPart* html = nullptr;
  GMimeTextPart* text = nullptr;
  bool too_deep = false;  // a multipart past kMaxMimeDepth was left unread
};

// The first inline text/html and text/plain of the message, in the order
// g_mime_message_foreach would visit them (depth first), without its
// recursion: the parts still to visit are kept on a stack.
void collect_bodies(GMimeObject* top, Bodies& bodies) {
  std::vector<std::pair<GMimeObject*, int>> pending = {{top, 1}};
  while (!pending.empty()) {
    const auto [part, depth] = pending.back();
    pending.pop_back();
    if (part == nullptr) continue;
    if (GMIME_IS_MULTIPART(part)) {
      if (depth >= kMaxMimeDepth) {
        bodies.too_deep = true;
        continue;
      }
      GMimeMultipart* multipart = GMIME_MULTIPART(part);
      for (int index = g_mime_multipart_get_count(multipart) - 1; index >= 0; --index) {
        pending.emplace_back(g_mime_multipart_get_part(multipart, index), depth + 1);
      }
      continue;
    }
    if (!GMIME_IS_TEXT_PART(part)) continue;
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(part);
    if (disposition != nullptr && g_mime_content_disposition_is_attachment(disposition)) continue;
    GMimeContentType* type = g_mime_object_get_content_type(part);
    if (type == nullptr) continue;
    if (bodies.html == nullptr && g_mime_content_type_is_type(type, "text", "html")) {
      bodies.html = GMIME_TEXT_PART(part);
    } else if (bodies.text == nullptr && g_mime_content_type_is_type(type, "text", "plain")) {
      bodies.text = GMIME_TEXT_PART(part);
    }
  }
}

// The part's content in UTF-8: g_mime_text_part_get_text undoes the
// transfer encoding and converts from the declared charset. A part that
// declares none is returned as it is; when that is not UTF-8 it is the
// Windows-1252 that old mailers meant (a superset of ISO-8859-1).
std::string utf8_text(GMimeTextPart* part) {
  if (part == nullptr) return {};
  std::string text = owned_text(g_mime_text_part_get_text(part));
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return text;
  gsize written = 0;
  char* converted = g_convert_with_fallback(text.data(), static_cast<gssize>(text.size()), "UTF-8",
                                            "WINDOWS-1252", "?", nullptr, &written, nullptr);
  return converted != nullptr ? owned_text(converted) : std::string();
}

std::optional<core::TimePoint> date_of(GMimeMessage* message) {
  GDateTime* date = g_mime_message_get_date(message);
  if (date == nullptr) return std::nullopt;
  return core::TimePoint(std::chrono::seconds(g_date_time_to_unix(date)));
}

}  // namespace

Result<Newsletter, std::string> decode_newsletter(std::string_view message) {
  init_gmime();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(message.data(), message.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> parsed(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!parsed) return tl::unexpected(std::string("not an e-mail message"));

  Newsletter newsletter;
  const char* message_id = g_mime_message_get_message_id(parsed.get());
  newsletter.message_id = message_id != nullptr ? message_id : "";
  const char* subject = g_mime_message_get_subject(parsed.get());
  newsletter.subject = subject != nullptr ? subject : "";
  newsletter.date = date_of(parsed.get());

  Bodies bodies;
  collect_bodies(g_mime_message_get_mime_part(parsed.get()), bodies);
  newsletter.html = utf8_text(bodies.html);
  newsletter.text = utf8_text(bodies.text);
  if (newsletter.html.empty() && newsletter.text.empty()) {
    return tl::unexpected("message " +
                          (newsletter.message_id.empty() ? "\"" + newsletter.subject + "\""
                                                         : "<" + newsletter.message_id + ">") +
                          " has no text/html or text/plain body" +
                          (bodies.too_deep ? " within " + std::to_string(kMaxMimeDepth) +
                                                 " levels of nested multiparts"
                                           : ""));
  }
  return newsletter;
}

}  // namespace omvarld::sources
