#include "digest/render_html.h"

#include "digest/footer.h"
#include "digest/highlight.h"
#include "digest/html_escape.h"

namespace omvarld::digest {

namespace {

// Outlook's Word engine ignores inherited fonts and max-width, so every cell
// carries its font, and an MSO-only table fixes the width at 640px there.
constexpr char kFont[] = "font-family:Arial,Helvetica,sans-serif;";
constexpr char kInk[] = "color:#1a1a1a;";
constexpr char kMuted[] = "color:#5c6670;";
constexpr char kDue[] = "color:#a3171e;";  // dark red: 7:1 on white
constexpr char kAccent[] = "#00538a";

std::string cell(const std::string& padding, const std::string& extra_style = "") {
  return "<tr>\n<td style=\"padding:" + padding + ";" + kFont + kInk + extra_style + "\">\n";
}

constexpr char kEndCell[] = "</td>\n</tr>\n";

std::string tallies(const std::vector<Tally>& list) {
  std::string joined;
  for (const Tally& tally : list) {
    // &nbsp; keeps each count on its name's line at 320px.
    joined += (joined.empty() ? "" : ", ") + html_escape(tally.name) + "&nbsp;(" +
              format_count(tally.count) + ")";
  }
  return joined;
}

void write_head(std::string& out, const Layout& layout) {
  out += "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(layout.subject) + "</title>\n</head>\n";
  out += "<body style=\"margin:0;padding:0;background-color:#f2f4f7;\">\n";
  out +=
      "<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" "
      "border=\"0\" "
      "style=\"background-color:#f2f4f7;\">\n<tr>\n<td align=\"center\" style=\"padding:16px "
      "8px;\">\n";
  out +=
      "<!--[if mso]><table role=\"presentation\" width=\"640\" cellspacing=\"0\" cellpadding=\"0\" "
      "border=\"0\"><tr><td><![endif]-->\n";
  out +=
      "<table role=\"presentation\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" "
      "border=\"0\" "
      "style=\"max-width:640px;background-color:#ffffff;border:1px solid #dde1e6;\">\n";
}

void write_summary(std::string& out, const Layout& layout) {
  out += cell("20px 24px 8px 24px");
  out += "<p style=\"margin:0;font-size:13px;line-height:18px;" + std::string(kMuted) + "\">" +
         html_escape(layout.heading) + "</p>\n";
  out += "<h1 style=\"margin:4px 0 0 0;font-size:22px;line-height:28px;font-weight:bold;\">" +
         html_escape(layout.namnd_name) + "</h1>\n";
  out += kEndCell;
  out += cell("8px 24px 8px 24px");
  out += "<p style=\"margin:0;font-size:15px;line-height:22px;\">" + html_escape(layout.summary) +
         "</p>\n";
  if (!layout.web_copy.empty()) {
    out += "<p style=\"margin:4px 0 0 0;font-size:13px;line-height:18px;\"><a href=\"" +
           html_escape(layout.web_copy) + "\" style=\"color:" + kAccent + ";\">" + kWebCopyLabel +
           "</a></p>\n";
  }
  out += kEndCell;
}

// The counts per topic and source, after the entries: above them they
// pushed the first entry off a phone's first screen.
void write_counts(std::string& out, const Layout& layout) {
  if (layout.per_topic.empty()) return;
  out += cell("14px 24px 4px 24px", "word-wrap:break-word;overflow-wrap:break-word;");
  out += "<p style=\"margin:0;font-size:13px;line-height:18px;" + std::string(kMuted) +
         "\">Per ämne: " + tallies(layout.per_topic) +
         "<br>\nPer källa: " + tallies(layout.per_source) + "</p>\n";
  out += kEndCell;
}

std::string heading(const std::string& name, std::size_t count) {
  return "<h2 style=\"margin:0;padding:0 0 4px 0;font-size:17px;line-height:22px;color:" +
         std::string(kAccent) + ";border-bottom:2px solid " + kAccent + ";\">" +
         html_escape(name) + "&nbsp;(" + format_count(count) + ")</h2>\n";
}

// Right below the summary, so that what is due is seen first.
void write_deadlines(std::string& out, const std::vector<UpcomingDeadline>& deadlines,
                     const std::string& more, const std::string& calendar) {
  if (deadlines.empty()) return;
  out += cell("18px 24px 4px 24px");
  out += heading(kDeadlinesHeading, deadlines.size());
  out += kEndCell;
  out += cell("6px 24px 4px 24px", "word-wrap:break-word;overflow-wrap:break-word;");
  for (const UpcomingDeadline& deadline : deadlines) {
    out += "<p style=\"margin:0 0 8px 0;font-size:14px;line-height:20px;\">";
    out += "<strong style=\"white-space:nowrap;\">" + html_escape(deadline.date) + "</strong> ";
    out += "<span style=\"white-space:nowrap;" + std::string(kMuted) + "\">(" +
           html_escape(deadline.days_left) + ")</span><br>\n";
    if (is_web_link(deadline.link)) {
      out += "<a href=\"" + html_escape(deadline.link) + "\" style=\"color:" + kAccent +
             ";text-decoration:underline;\">" + html_escape(deadline.title) + "</a>";
    } else {
      out += html_escape(deadline.title);
    }
    out += "</p>\n";
  }
  if (!more.empty()) {
    out += "<p style=\"margin:0 0 8px 0;font-size:13px;line-height:18px;" + std::string(kMuted) +
           "\">" + html_escape(more) + "</p>\n";
  }
  if (!calendar.empty()) {
    out += "<p style=\"margin:0 0 8px 0;font-size:13px;line-height:18px;\"><a href=\"" +
           html_escape(calendar) + "\" style=\"color:" + kAccent + ";\">" + kCalendarLabel +
           "</a></p>\n";
  }
  out += kEndCell;
}

void write_entry(std::string& out, const ShownEntry& entry) {
  out += cell("10px 24px", "word-wrap:break-word;overflow-wrap:break-word;");
  const std::string title = highlight_terms(entry.title, entry.terms, ShownText::kTitle);
  out += "<p style=\"margin:0;font-size:16px;line-height:22px;font-weight:bold;\">";
  if (is_web_link(entry.link)) {
    out += "<a href=\"" + html_escape(entry.link) + "\" style=\"color:" + kAccent +
           ";text-decoration:underline;\">" + title + "</a>";
  } else {
    out += title;
  }
  out += "</p>\n";
  // What is due stands out: bold, in ink (dark red while it is coming), not
  // grey like the source line.
  if (!entry.deadline.empty()) {
    out += "<p style=\"margin:2px 0 0 0;font-size:14px;line-height:20px;font-weight:bold;" +
           std::string(entry.deadline_passed ? kInk : kDue) + "\">" + html_escape(entry.deadline) +
           "</p>\n";
  }
  std::string meta = html_escape(entry.source_name);
  // At 320px the date would otherwise break at a hyphen ("2026-11-" / "17").
  if (!entry.date.empty()) {
    meta += (meta.empty() ? "" : " · ") + std::string("<span style=\"white-space:nowrap;\">") +
            entry.date + "</span>";
  }
  if (!meta.empty()) {
    out += "<p style=\"margin:2px 0 0 0;font-size:13px;line-height:18px;" + std::string(kMuted) +
           "\">" + meta + "</p>\n";
  }
  if (!entry.also_in.empty()) {
    out += "<p style=\"margin:2px 0 0 0;font-size:13px;line-height:18px;" + std::string(kMuted) +
           "\">" + html_escape(entry.also_in) + "</p>\n";
  }
  if (!entry.excerpt.empty()) {
    out += "<p style=\"margin:6px 0 0 0;font-size:14px;line-height:20px;\">" +
           highlight_terms(entry.excerpt, entry.terms) + "</p>\n";
  }
  if (!entry.why.empty()) {
    std::string words;
    for (const std::string& word : entry.why)
      words += (words.empty() ? "" : ", ") + html_escape(word);
    out += "<p style=\"margin:6px 0 0 0;font-size:13px;line-height:18px;" + std::string(kMuted) +
           "\">varför: " + words + "</p>\n";
  }
  if (!entry.feedback.ja.empty()) {
    const std::string link_style = "\" style=\"color:" + std::string(kAccent) + ";\">";
    out += "<p style=\"margin:6px 0 0 0;font-size:13px;line-height:18px;\">" +
           std::string(kFeedbackQuestion) + " <a href=\"" + html_escape(entry.feedback.ja) +
           link_style + kFeedbackYes + "</a> · <a href=\"" + html_escape(entry.feedback.nej) +
           link_style + kFeedbackNo + "</a></p>\n";
  }
  out += kEndCell;
}

void write_group(std::string& out, const Group& group) {
  out += cell("18px 24px 4px 24px");
  out += heading(group.name, group.entries.size());
  out += kEndCell;
  for (const ShownEntry& entry : group.entries) write_entry(out, entry);
}

std::string contact_html(const std::string& contact) {
  const std::string address = contact_address(contact);
  if (address.empty()) return html_escape(contact);
  return "<a href=\"mailto:" + html_escape(address) + "\" style=\"color:" + kAccent + ";\">" +
         html_escape(contact_name(contact)) + "</a>";
}

// "Och 4 850 träffar till", as the text body has it.
void write_left_out(std::string& out, const Layout& layout) {
  const LeftOut& left_out = layout.left_out;
  if (left_out.count == 0) return;
  out += cell("18px 24px 4px 24px");
  out += "<h2 style=\"margin:0;padding:0 0 4px 0;font-size:17px;line-height:22px;color:" +
         std::string(kAccent) + ";border-bottom:2px solid " + kAccent + ";\">" +
         html_escape(left_out.heading) + "</h2>\n";
  out += kEndCell;
  out += cell("6px 24px 10px 24px", "word-wrap:break-word;overflow-wrap:break-word;");
  out += "<p style=\"margin:0;font-size:14px;line-height:20px;\">" + std::string(kLeftOutWhy) +
         "</p>\n";
  out += "<p style=\"margin:6px 0 0 0;font-size:13px;line-height:18px;" + std::string(kMuted) +
         "\">Per ämne: " + tallies(left_out.per_topic) +
         "<br>\nPer källa: " + tallies(left_out.per_source) + "</p>\n";
  std::vector<std::string> contacts;
  for (const std::string& contact : layout.contacts) contacts.push_back(contact_html(contact));
  const std::string whom = contacts.empty() ? std::string(kLeftOutNoContact) : join_swedish(contacts);
  out += "<p style=\"margin:10px 0 0 0;font-size:14px;line-height:20px;\">" +
         std::string(kLeftOutAsk) + " " + whom + " " + kLeftOutCommand + "</p>\n";
  out += "<p style=\"margin:4px 0 0 0;font-size:13px;line-height:18px;\"><code style=\""
         "font-family:Consolas,Menlo,monospace;\">" +
         html_escape(left_out.list_command) + "</code></p>\n";
  out += kEndCell;
}

void write_footer(std::string& out, const Layout& layout) {
  out +=
      cell("18px 24px 20px 24px", "border-top:1px solid #dde1e6;font-size:12px;line-height:18px;");
  std::vector<std::string> contacts;
  for (const std::string& contact : layout.contacts) contacts.push_back(contact_html(contact));
  const std::string ask =
      contacts.empty() ? std::string(kNoContacts) : "Kontakta " + join_swedish(contacts) + ".";
  out +=
      "<p style=\"margin:0;" + std::string(kMuted) + "\">" + kChangeQuestion + " " + ask + "</p>\n";
  const std::string leave =
      layout.leave_address.empty()
          ? std::string(kNoContacts)
          : "Skriv till <a href=\"" + html_escape(layout.leave_mailto) + "\" style=\"color:" +
                kAccent + ";\">" + html_escape(layout.leave_address) + "</a>.";
  out += "<p style=\"margin:6px 0 0 0;" + std::string(kMuted) + "\">" + kLeaveQuestion + " " +
         leave + "</p>\n";
  out += "<p style=\"margin:6px 0 0 0;" + std::string(kMuted) + "\">" + html_escape(layout.sent_by) +
         "</p>\n";
  out += kEndCell;
}

}  // namespace

std::string render_html(const Layout& layout) {
  std::string out;
  write_head(out, layout);
  write_summary(out, layout);
  write_deadlines(out, layout.deadlines, layout.more_deadlines, layout.deadline_calendar);
  for (const Group& group : layout.groups) write_group(out, group);
  write_counts(out, layout);
  write_left_out(out, layout);
  write_footer(out, layout);
  out +=
      "</table>\n<!--[if "
      "mso]></td></tr></table><![endif]-->\n</td>\n</tr>\n</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace omvarld::digest
