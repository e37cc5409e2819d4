// GeoRSS Simple (georss:point/line/polygon/box) and GeoRSS GML
// (georss:where around gml:Point/LineString/Polygon), read into "where" as
// {"type", "coordinates"} the way feedparser writes it: GeoRSS gives
// "lat lon" pairs, "where" holds [lon, lat] (GeoJSON's order). A geometry
// that cannot be read (a word among the numbers, a polygon of fewer than
// four points, no coordinates at all) leaves "where" empty, never wrong.

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "feeds/extension_readers.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds::ext {
namespace {

using Position = std::vector<double>;

std::optional<double> parse_number(std::string_view token) {
  if (token.size() > 1 && token[0] == '+' && token[1] != '-' && token[1] != '+') token.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return value;
}

// The positions in `text` ("lat lon lat lon …", commas allowed as
// separators), each swapped to lon-lat when `swap`; a trailing incomplete
// position is dropped. Absent when a token is not a number.
std::optional<std::vector<Position>> positions(std::string_view text, bool swap, int dimensions) {
  std::vector<double> numbers;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto start = text.find_first_not_of(" \t\r\n,", i);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(" \t\r\n,", start);
    if (end == std::string_view::npos) end = text.size();
    const std::optional<double> number = parse_number(text.substr(start, end - start));
    if (!number) return std::nullopt;
    numbers.push_back(*number);
    i = end;
  }
  const std::size_t size = dimensions == 3 ? 3 : 2;
  std::vector<Position> result;
  for (std::size_t at = 0; at + size <= numbers.size(); at += size) {
    Position position(numbers.begin() + static_cast<std::ptrdiff_t>(at),
                      numbers.begin() + static_cast<std::ptrdiff_t>(at + size));
    if (swap) std::swap(position[0], position[1]);
    result.push_back(std::move(position));
  }
  return result;
}

FeedValue position_json(const Position& position) {
  FeedValue array = FeedValue::array();
  for (double number : position) array.push_back(FeedValue::number(number));
  return array;
}

FeedValue positions_json(const std::vector<Position>& list) {
  FeedValue array = FeedValue::array();
  for (const Position& position : list) array.push_back(position_json(position));
  return array;
}

void set_geometry(FeedValue& where, const char* type, FeedValue coordinates) {
  where["type"] = FeedValue::string(type);
  where["coordinates"] = std::move(coordinates);
}

void read_simple(pugi::xml_node element, std::string_view local, FeedValue& where) {
  const std::optional<std::vector<Position>> list = positions(raw_text(element), true, 2);
  if (!list) return;
  if (local == "point") {
    if (!list->empty()) set_geometry(where, "Point", position_json(list->front()));
  } else if (local == "line") {
    set_geometry(where, "LineString", positions_json(*list));
  } else if (local == "polygon") {
    if (list->size() < 4) return;
    FeedValue rings = FeedValue::array();
    rings.push_back(positions_json(*list));
    set_geometry(where, "Polygon", std::move(rings));
  } else if (local == "box") {
    set_geometry(where, "Box", positions_json(*list));
  }
}

// EPSG codes of geographic (latitude-first) coordinate systems, whose
// positions are swapped like GeoRSS Simple's; projected ones (UTM, …) keep
// their order. The geographic systems sit in 4001–4999 apart from a few.
bool is_geographic(int epsg) {
  return (epsg >= 4001 && epsg <= 4999) || epsg == 3819 || epsg == 3821 || epsg == 3824 ||
         epsg == 3889 || epsg == 3906;
}

pugi::xml_node find_descendant(pugi::xml_node element, std::string_view local) {
  return element.find_node([&](pugi::xml_node node) {
    return node.type() == pugi::node_element && core::lowercase_ascii(xml::local_name(node)) == local;
  });
}

// gml:Point (gml:pos), gml:LineString (gml:posList) or gml:Polygon
// (gml:exterior/gml:LinearRing/gml:posList).
void read_gml(pugi::xml_node geometry, std::string_view local, FeedValue& where) {
  const std::string srs_name = geometry.attribute("srsName").value();
  int dimensions = 2;
  if (const char* written = geometry.attribute("srsDimension").value(); *written != '\0') {
    if (std::optional<double> number = parse_number(xml::trim(written))) dimensions = static_cast<int>(*number);
  }
  if (!srs_name.empty()) where["srsName"] = FeedValue::string(srs_name);
  where["srsDimension"] = FeedValue::integer(dimensions);
  bool swap = true;
  if (srs_name.find("EPSG") != std::string::npos) {
    const std::optional<double> code = parse_number(srs_name.substr(srs_name.rfind(':') + 1));
    swap = code && is_geographic(static_cast<int>(*code));
  }
  const pugi::xml_node coordinates = find_descendant(geometry, local == "point" ? "pos" : "poslist");
  if (!coordinates) return;
  const std::optional<std::vector<Position>> list = positions(raw_text(coordinates), swap, dimensions);
  if (!list) return;
  if (local == "point") {
    if (!list->empty()) set_geometry(where, "Point", position_json(list->front()));
  } else if (local == "linestring") {
    set_geometry(where, "LineString", positions_json(*list));
  } else if (local == "polygon" && find_descendant(geometry, "linearring")) {
    FeedValue rings = FeedValue::array();
    rings.push_back(positions_json(*list));
    set_geometry(where, "Polygon", std::move(rings));
  }
}

bool is_gml_geometry(std::string_view local) {
  return local == "point" || local == "linestring" || local == "polygon";
}

}  // namespace

bool read_geo(pugi::xml_node element, std::string_view local, Context& context) {
  const bool gml = core::lowercase_ascii(context.scope->namespace_uri()) == "http://www.opengis.net/gml";
  if (gml) {
    // A GML geometry without its georss:where still says where the entry is.
    if (!is_gml_geometry(local)) return false;
    read_gml(element, local, context.extras["where"] = FeedValue::object());
    return true;
  }
  if (local == "where") {
    FeedValue& where = context.extras["where"] = FeedValue::object();
    for (pugi::xml_node child : element.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string child_local = core::lowercase_ascii(xml::local_name(child));
      if (is_gml_geometry(child_local)) read_gml(child, child_local, where);
    }
    return true;
  }
  if (local == "point" || local == "line" || local == "polygon" || local == "box") {
    read_simple(element, local, context.extras["where"] = FeedValue::object());
    return true;
  }
  return false;
}

}  // namespace omvarld::feeds::ext
