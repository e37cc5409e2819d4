// fuzz/json_fuzzer.cpp
//
// libFuzzer target for JSON APIs (kind = "json"): an answer read by a
// fixed profile (json_items). The first byte chooses one of four profiles
// (the answer a list or an object around one; ids, links and templates;
// dates and deadlines as text or epoch numbers); the rest is the answer.
// Properties: no crash, leak or hang; a failure is of kind "json" with a
// message; every item has a title, a key no other item has, valid UTF-8
// text, a link that is empty or an http(s) address, and a date, if any,
// between 1970 and the year 9999.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/failure_kind.h"
#include "fuzz/fuzz_check.h"
#include "sources/json_items.h"

namespace {

using omvarld::fuzz::fail;
using namespace std::chrono;
constexpr const char* kTarget = "json_fuzzer";

omvarld::config::JsonProfile profile_for(std::uint8_t selector) {
  omvarld::config::JsonProfile profile;
  switch (selector % 4) {
    case 0:  // Vinnova: the answer is the list
      profile.id = "Diarienummer";
      profile.title = "Titel";
      profile.summary = "Beskrivning";
      profile.link = "Utlysningssida";
      profile.link_template = "https://www.vinnova.se/sok/?q={id}";
      profile.date = "Publiceringsdatum";
      profile.deadline = "Stangningsdatum";
      break;
    case 1:  // Funding & Tenders: the list inside, every field an array
      profile.items = "results";
      profile.id = "metadata.identifier";
      profile.title = "metadata.title";
      profile.summary = "metadata.descriptionByte";
      profile.link_template = "https://ec.europa.eu/topic-details/{id}/{metadata.callIdentifier[0]}";
      profile.date = "metadata.startDate";
      profile.deadline = "metadata.deadlineDate";
      break;
    case 2:  // indexes and nested objects
      profile.items = "data.hits[0].items";
      profile.title = "t[1]";
      profile.link = "u.href";
      profile.date = "d";
      profile.deadline = "e[0].x";
      break;
    default:  // one-letter names, no id
      profile.items = "a";
      profile.title = "t";
      profile.summary = "s";
      profile.link = "l";
      profile.date = "d";
      profile.deadline = "d";
      break;
  }
  return profile;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  omvarld::config::SourceConfig source;
  source.id = "fuzz";
  source.kind = omvarld::config::SourceKind::kJson;
  source.json = profile_for(data[0]);
  const std::string_view answer(reinterpret_cast<const char*>(data + 1), size - 1);
  auto items = omvarld::sources::json_items(source, answer, "https://api.example.se/v1/list?page=1");
  if (!items) {
    if (items.error().kind != omvarld::core::FailureKind::kJson) {
      fail(kTarget, "a failure of another kind", omvarld::core::to_string(items.error().kind));
    }
    if (items.error().message.empty()) fail(kTarget, "a failure without a message");
    return 0;
  }
  const auto earliest = sys_days(year{0} / January / 1);
  const auto latest = sys_days(9999y / December / 31) + days(1);
  omvarld::fuzz::check_items(kTarget, *items, true, omvarld::fuzz::is_web_address);
  for (const omvarld::core::Item& item : *items) {
    if (item.published && (*item.published < earliest || *item.published >= latest)) {
      fail(kTarget, "a date before the year 0 or after 9999", std::to_string(item.published->time_since_epoch().count()));
    }
  }
  return 0;
}
