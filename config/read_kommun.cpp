// The [kommun.ID] tables: each municipality's sender, contacts and list
// address, for the digests of the nämnder whose ids start with "ID/". A
// later file sets keys in the same kommun, as it does in [mail].

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "config/checks.h"
#include "config/readers.h"
#include "core/translate.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 5> kKommunKeys = {"name", "from", "reply_to", "contacts",
                                                         "list_unsubscribe"};
constexpr char kKommunIdForm[] =
    "a kommun id is the start of its nämnders' ids, before the \"/\", such as \"norrkoping\"";

KommunDraft& kommun_named(Draft& draft, const std::string& id, const FilePos& where) {
  for (KommunDraft& kommun : draft.kommuner) {
    if (kommun.config.id == id) return kommun;
  }
  KommunDraft& added = draft.kommuner.emplace_back();
  added.config.id = id;
  added.config.where = where;
  added.id_at = where;
  return added;
}

void read_kommun(TableReader& table, KommunConfig& kommun) {
  table.reject_unknown_keys(kKommunKeys);
  if (auto name = table.string("name")) {
    if (name->value.find_first_of("\r\n") != std::string::npos) {
      table.error(std::string(core::tr("name: must not contain a line break")), name->where);
    }
    kommun.name = name->value;
  }
  for (auto [key, value] : {std::pair{"from", &kommun.from}, std::pair{"reply_to", &kommun.reply_to},
                            std::pair{"list_unsubscribe", &kommun.list_unsubscribe}}) {
    if (auto address = table.string(key)) {
      check_address(table, key, *address);
      *value = address->value;
    }
  }
  if (auto contacts = table.strings("contacts")) {
    kommun.contacts.emplace();
    for (const Located<std::string>& contact : *contacts) {
      check_address(table, "contacts", contact);
      kommun.contacts->push_back(contact.value);
    }
  }
}

}  // namespace

void read_kommuner(const toml::node& node, const FileContext& file, Draft& draft) {
  const toml::table* kommuner = node.as_table();
  if (kommuner == nullptr) {
    draft.error(core::trf("kommun: expected tables such as [kommun.norrkoping], got {0}",
                          {type_phrase(node)}),
                position_of(file, node.source()));
    return;
  }
  for (auto&& [key, value] : *kommuner) {
    const std::string id(key.str());
    const FilePos where = position_of(file, key.source());
    const toml::table* table = value.as_table();
    if (table == nullptr) {
      draft.error(core::trf("\"{0}\" in [kommun]: a kommun's settings go in a table of their own, "
                            "[kommun.ID], where ID starts its nämnders' ids (\"norrkoping\" for "
                            "\"norrkoping/samhallsbyggnad\")",
                            {id}),
                  where);
      continue;
    }
    if (!is_simple_id(id)) {
      draft.error("[kommun." + id + "]: " + explain_bad_id(id, "kommun id", kKommunIdForm, is_simple_id),
                  where);
      continue;
    }
    TableReader reader(*table, "[kommun." + id + "]", file, draft);
    read_kommun(reader, kommun_named(draft, id, where).config);
  }
}

}  // namespace omvarld::config
