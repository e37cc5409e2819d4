// decode_newsletter (sources/newsletter.h): the MIME side, with GMime. The
// only file that sees a GMime type.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

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

struct Bodies {
  GMimeTextPart* html = nullptr;
  GMimeTextPart* text = nullptr;
};

// Called by g_mime_message_foreach for every part, depth first: the first
// inline text/html and text/plain of a multipart/alternative (or of a
// multipart/mixed around one) are the newsletter's bodies.
void collect_body(GMimeObject* /*parent*/, GMimeObject* part, gpointer data) {
  auto& bodies = *static_cast<Bodies*>(data);
  if (!GMIME_IS_TEXT_PART(part)) return;
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(part);
  if (disposition != nullptr && g_mime_content_disposition_is_attachment(disposition)) {
    return;
  }
  GMimeContentType* type = g_mime_object_get_content_type(part);
  if (bodies.html == nullptr && g_mime_content_type_is_type(type, "text", "html")) {
    bodies.html = GMIME_TEXT_PART(part);
  } else if (bodies.text == nullptr && g_mime_content_type_is_type(type, "text", "plain")) {
    bodies.text = GMIME_TEXT_PART(part);
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
  g_mime_message_foreach(parsed.get(), &collect_body, &bodies);
  // A message that is a single text part is not visited by foreach.
  GMimeObject* top = g_mime_message_get_mime_part(parsed.get());
  if (top != nullptr && bodies.html == nullptr && bodies.text == nullptr) {
    collect_body(nullptr, top, &bodies);
  }
  newsletter.html = utf8_text(bodies.html);
  newsletter.text = utf8_text(bodies.text);
  if (newsletter.html.empty() && newsletter.text.empty()) {
    return tl::unexpected("message " +
                          (newsletter.message_id.empty() ? "\"" + newsletter.subject + "\""
                                                         : "<" + newsletter.message_id + ">") +
                          " has no text/html or text/plain body");
  }
  return newsletter;
}

}  // namespace omvarld::sources
