// web/archive_parts.h
//
// What the officials' pages (web/official_pages.h) share: reading a
// period and a page number from the query, building links back to a page
// with its query, and one item as every list shows it (title link, source,
// date, deadline, "varför"). Everything from a feed or the config is
// escaped here; the results are safe HTML. Pure, given the config.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "storage/records.h"
#include "web/http.h"

namespace omvarld::web {

// How many items one page lists, and how deep paging may go: an OFFSET
// walks the rows before it, so the last page stays bounded.
inline constexpr int kItemsPerPage = 50;
inline constexpr int kMostPages = 200;

// The days from `from` to `to`, both included; either open when unset.
struct Period {
  std::optional<core::Date> from;
  std::optional<core::Date> to;
};

// Why a period with fran after till is refused.
inline constexpr char kBackwardsPeriod[] =
    "Perioden slutar innan den börjar: ”fran” ska vara före ”till”.";

// ?fran=YYYY-MM-DD&till=YYYY-MM-DD; an empty or missing value is unset.
// A Swedish sentence for a date that is not one, or fran after till.
Result<Period, std::string> read_period(const Request& request);

// ?sida=N, 1 when missing; a Swedish sentence for anything but 1..kMostPages.
Result<int, std::string> read_page_number(const Request& request);

// The moment local midnight starts `day` in `timezone` (UTC when unknown).
core::TimePoint start_of_day(core::Date day, std::string_view timezone);

// Today's date in `timezone`.
core::Date today_in(const Site& site);

// `text` for a URL's path segment or query value: everything but
// A-Z a-z 0-9 - . _ ~ percent-encoded (so "/" in a nämnd id is %2F).
std::string url_encode(std::string_view text);

// "/namnd/linkoping%2Futbildning".
std::string namnd_path(const core::NamndId& namnd);

// `path` with the query `fields` (empty values left out), ready for href.
std::string link_with_query(std::string_view path, const Fields& fields);

// "Föregående sida" / "Nästa sida" links to `path` with `fields` and
// sida=N; "" when there is only the one page.
std::string pager_html(std::string_view path, const Fields& fields, int page, bool has_next);

// One item of a list: <li> with the title (a link when is_web_link), the
// source's name and date in [daemon] timezone, "Sista dag: …" when it has a
// deadline (", passerad" when it is before `today`, as in the digest), `why`
// words when given, and `extra_html` (safe HTML) last.
std::string item_html(const storage::StoredItem& stored, const config::Config& config,
                      core::Date today, const std::vector<std::string>& why,
                      std::string_view extra_html = {});

// The 500 page when the database cannot be read; `error` goes to the log,
// never to the page (it names paths).
Response archive_unreadable(const Error& error);

// The nämnd's name from the config, else its id.
std::string namnd_name(const config::Config& config, const core::NamndId& namnd);

}  // namespace omvarld::web
