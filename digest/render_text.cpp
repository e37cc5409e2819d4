#include "digest/render_text.h"

#include "digest/excerpt.h"
#include "digest/footer.h"
#include "digest/html_escape.h"
#include "digest/utf8.h"

namespace omvarld::digest {

namespace {

constexpr std::size_t kWidth = 72;
constexpr char kIndent[] = "  ";

std::string underline(const std::string& text, char mark) {
  return std::string(count_code_points(text), mark);
}

// "Per ämne: A (2), B (1)", wrapped between tallies, never inside one.
void write_tallies(std::string& out, const std::string& label, const std::vector<Tally>& list) {
  std::string line = label;
  std::size_t length = count_code_points(line);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string piece = list[i].name + " (" + format_count(list[i].count) + ")";
    if (i + 1 < list.size()) piece += ',';
    const std::size_t piece_length = count_code_points(piece);
    if (i > 0 && length + 1 + piece_length > kWidth) {
      out += line + "\n";
      line = kIndent;
      length = 2;
    } else {
      line += ' ';
      ++length;
    }
    line += piece;
    length += piece_length;
  }
  out += line + "\n";
}

std::string join_comma(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

void write_wrapped(std::string& out, const std::string& text) {
  for (const std::string& line : wrap_words(text, kWidth)) out += line + "\n";
}

void write_entry(std::string& out, const ShownEntry& entry) {
  out += "* " + entry.title + "\n";
  if (!entry.deadline.empty()) out += kIndent + entry.deadline + "\n";
  std::string meta = entry.source_name;
  if (!entry.date.empty()) meta += (meta.empty() ? "" : " · ") + entry.date;
  if (!meta.empty()) out += kIndent + meta + "\n";
  if (!entry.also_in.empty()) {
    for (const std::string& line : wrap_words(entry.also_in, kWidth - 2))
      out += kIndent + line + "\n";
  }
  if (is_web_link(entry.link)) out += kIndent + entry.link + "\n";
  for (const std::string& line : wrap_words(entry.excerpt, kWidth - 2))
    out += kIndent + line + "\n";
  if (!entry.why.empty()) {
    for (const std::string& line : wrap_words("varför: " + join_comma(entry.why), kWidth - 2))
      out += kIndent + line + "\n";
  }
  if (!entry.feedback.ja.empty()) {
    out += kIndent + std::string(kFeedbackQuestion) + "\n";
    out += kIndent + std::string(kFeedbackYes) + ": " + entry.feedback.ja + "\n";
    out += kIndent + std::string(kFeedbackNo) + ": " + entry.feedback.nej + "\n";
  }
  out += "\n";
}

// "* 15 mars 2027, om 12 dagar: Title", wrapped, the link below.
void write_deadlines(std::string& out, const std::vector<UpcomingDeadline>& deadlines,
                     const std::string& more, const std::string& calendar) {
  if (deadlines.empty()) return;
  const std::string title =
      std::string(kDeadlinesHeading) + " (" + std::to_string(deadlines.size()) + ")";
  out += "\n" + title + "\n" + underline(title, '-') + "\n\n";
  for (const UpcomingDeadline& deadline : deadlines) {
    const std::string line = deadline.date + ", " + deadline.days_left + ": " + deadline.title;
    bool first = true;
    for (const std::string& wrapped : wrap_words(line, kWidth - 2)) {
      out += (first ? "* " : kIndent) + wrapped + "\n";
      first = false;
    }
    if (is_web_link(deadline.link)) out += kIndent + deadline.link + "\n";
  }
  if (!more.empty()) write_wrapped(out, more);
  if (!calendar.empty()) out += std::string(kCalendarLabel) + ":\n" + kIndent + calendar + "\n";
  out += "\n";
}

// "Och 4 850 träffar till": why they are not shown, their counts, whom to
// ask for them and the command that lists them.
void write_left_out(std::string& out, const Layout& layout) {
  const LeftOut& left_out = layout.left_out;
  if (left_out.count == 0) return;
  out += "\n" + left_out.heading + "\n" + underline(left_out.heading, '-') + "\n\n";
  write_wrapped(out, kLeftOutWhy);
  if (!left_out.per_topic.empty()) write_tallies(out, "Per ämne:", left_out.per_topic);
  if (!left_out.per_source.empty()) write_tallies(out, "Per källa:", left_out.per_source);
  out += "\n";
  const std::string whom =
      layout.contacts.empty() ? std::string(kLeftOutNoContact) : join_swedish(layout.contacts);
  write_wrapped(out, std::string(kLeftOutAsk) + " " + whom + " " + kLeftOutCommand);
  out += kIndent + left_out.list_command + "\n\n";
}

void write_footer(std::string& out, const Layout& layout) {
  out += "-- \n";
  std::string contact = layout.contacts.empty() ? std::string(kNoContacts)
                                                : "Kontakta " + join_swedish(layout.contacts) + ".";
  write_wrapped(out, std::string(kChangeQuestion) + " " + contact);
  write_wrapped(out, std::string(kLeaveQuestion) + " " +
                         (layout.leave_address.empty() ? std::string(kNoContacts)
                                                       : "Skriv till " + layout.leave_address + "."));
  write_wrapped(out, layout.sent_by);
}

}  // namespace

std::string render_text(const Layout& layout) {
  std::string out;
  out += layout.heading + "\n";
  out += layout.namnd_name + "\n";
  out += underline(layout.namnd_name.empty() ? layout.heading : layout.namnd_name, '=') + "\n\n";
  out += layout.summary + "\n";
  if (!layout.web_copy.empty()) out += std::string(kWebCopyLabel) + ": " + layout.web_copy + "\n";
  out += "\n";
  write_deadlines(out, layout.deadlines, layout.more_deadlines, layout.deadline_calendar);
  for (const Group& group : layout.groups) {
    const std::string title = group.name + " (" + format_count(group.entries.size()) + ")";
    out += "\n" + title + "\n" + underline(title, '-') + "\n\n";
    for (const ShownEntry& entry : group.entries) write_entry(out, entry);
  }
  // After the entries, as in the HTML body.
  if (!layout.per_topic.empty()) write_tallies(out, "Per ämne:", layout.per_topic);
  if (!layout.per_source.empty()) write_tallies(out, "Per källa:", layout.per_source);
  if (!layout.per_topic.empty()) out += "\n";
  write_left_out(out, layout);
  write_footer(out, layout);
  return out;
}

}  // namespace omvarld::digest
