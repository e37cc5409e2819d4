// web/archive_parts.cpp — see web/archive_parts.h.

#include "web/archive_parts.h"

#include <date/tz.h>

#include <spdlog/spdlog.h>

#include <charconv>

#include "app/time_format.h"
#include "core/display_link.h"
#include "core/percent_encode.h"
#include "core/time_zone.h"
#include "digest/html_escape.h"
#include "digest/local_calendar.h"
#include "web/page.h"

namespace omvarld::web {
namespace {

Result<std::optional<core::Date>, std::string> read_day(const Request& request,
                                                        std::string_view name) {
  const std::optional<std::string> value = request.param(name);
  if (!value || value->empty()) return std::optional<core::Date>();
  if (auto day = app::parse_iso_day(*value)) return day;
  return unexpected<std::string>("Datumet i ”" + std::string(name) +
                                 "” ska skrivas ÅÅÅÅ-MM-DD, till exempel 2027-02-04.");
}

}  // namespace

Result<Period, std::string> read_period(const Request& request) {
  auto from = read_day(request, "fran");
  if (!from) return unexpected<std::string>(from.error());
  auto to = read_day(request, "till");
  if (!to) return unexpected<std::string>(to.error());
  if (*from && *to && **from > **to) {
    return unexpected<std::string>(kBackwardsPeriod);
  }
  return Period{*from, *to};
}

Result<int, std::string> read_page_number(const Request& request) {
  const std::optional<std::string> value = request.param("sida");
  if (!value || value->empty()) return 1;
  int page = 0;
  const char* end = value->data() + value->size();
  const auto [stop, error] = std::from_chars(value->data(), end, page);
  if (error != std::errc() || stop != end || page < 1 || page > kMostPages) {
    return unexpected<std::string>("Sidnumret ska vara ett tal från 1 till " +
                                   std::to_string(kMostPages) + ".");
  }
  return page;
}

core::TimePoint start_of_day(core::Date day, std::string_view timezone) {
  const date::local_days local{day.time_since_epoch()};
  // A day that begins in a gap of daylight saving time begins at its first
  // moment that exists.
  return std::chrono::floor<std::chrono::seconds>(
      core::time_zone_or_utc(timezone).to_sys(local, date::choose::earliest));
}

core::Date today_in(const Site& site) {
  return digest::local_date(site.clock.now(), site.config->daemon.timezone);
}

std::string url_encode(std::string_view text) { return core::percent_encode(text); }

std::string namnd_path(const core::NamndId& namnd) { return "/namnd/" + url_encode(namnd); }

std::string link_with_query(std::string_view path, const Fields& fields) {
  std::string link(path);
  char separator = '?';
  for (const auto& [name, value] : fields) {
    if (value.empty()) continue;
    link += separator + url_encode(name) + "=" + url_encode(value);
    separator = '&';
  }
  return digest::html_escape(link);
}

std::string pager_html(std::string_view path, const Fields& fields, int page, bool has_next) {
  if (page <= 1 && !has_next) return {};
  std::string html = "<nav class=\"pager\" aria-label=\"Sidor\"><ul>";
  const auto to_page = [&](int number) {
    Fields with_page = fields;
    with_page.emplace_back("sida", number > 1 ? std::to_string(number) : "");
    return link_with_query(path, with_page);
  };
  if (page > 1) {
    html += "<li><a rel=\"prev\" href=\"" + to_page(page - 1) + "\">Föregående sida</a></li>";
  }
  html += "<li>Sida " + std::to_string(page) + "</li>";
  if (has_next) {
    html += "<li><a rel=\"next\" href=\"" + to_page(page + 1) + "\">Nästa sida</a></li>";
  }
  return html + "</ul></nav>\n";
}

Response archive_unreadable(const Error& error) {
  return storage_failure_page(error, "Arkivet kunde inte läsas just nu. Försök igen om en stund.");
}

std::string namnd_name(const config::Config& config, const core::NamndId& namnd) {
  const config::NamndConfig* found = config.find_namnd(namnd);
  return found != nullptr && !found->name.empty() ? found->name : namnd;
}

std::string item_html(const storage::StoredItem& stored, const config::Config& config,
                      core::Date today, const std::vector<std::string>& why,
                      std::string_view extra_html) {
  const core::Item& item = stored.item;
  const std::string title = item.title.empty() ? "(utan rubrik)" : item.title;
  std::string html = "<li class=\"item\"><h3>";
  if (digest::is_web_link(item.link)) {
    html += "<a href=\"" + digest::html_escape(core::display_link(item.link)) + "\">" +
            digest::html_escape(title) + "</a>";
  } else {
    html += digest::html_escape(title);
  }
  html += "</h3>\n";

  const config::SourceConfig* source = config.find_source(item.source);
  const std::string source_name = source != nullptr ? source->name : item.source;
  html += "<p class=\"meta\">" + digest::html_escape(source_name) + " · <time>" +
          digest::format_local_date(item.published.value_or(stored.first_seen),
                                    config.daemon.timezone) +
          "</time></p>\n";
  if (item.deadline) {
    html += "<p class=\"deadline\">Sista dag: " +
            digest::format_swedish_day(*item.deadline) +
            (*item.deadline < today ? ", passerad" : "") + "</p>\n";
  }
  if (!why.empty()) {
    std::string words;
    for (const std::string& word : why) words += (words.empty() ? "" : ", ") + word;
    html += "<p class=\"why\">varför: " + digest::html_escape(words) + "</p>\n";
  }
  html += extra_html;
  return html + "</li>\n";
}

}  // namespace omvarld::web
