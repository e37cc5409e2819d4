// feeds/feed_value.h
//
// A small JSON-like value for the keys of a feed that have no field of their
// own in ParsedFeed/ParsedEntry: namespaced extensions (itunes_*, media_*,
// psc_chapters, where, thr_in-reply-to, other prefix_localname keys), kept
// with feedparser's key names so feed_json.cpp can print them as they are.
// Plain value type, no third-party types. Pure.

#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace omvarld::feeds {

class FeedValue {
 public:
  enum class Kind { kNull, kBool, kInteger, kNumber, kString, kArray, kObject };
  struct Member;

  FeedValue() = default;
  // Defined below, after Member: clang instantiates ~vector<Member> where a
  // function body first needs the destructor, and Member must be complete.
  static FeedValue boolean(bool value);
  static FeedValue integer(std::int64_t value);
  static FeedValue number(double value);
  static FeedValue string(std::string value);
  static FeedValue array();
  static FeedValue object();

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool as_bool() const { return bool_; }
  std::int64_t as_integer() const { return integer_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<FeedValue>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }

  // Arrays: appends. A null value becomes an array first.
  FeedValue& push_back(FeedValue value);
  // Objects: the member `key`, created (null) when missing, in insertion
  // order. A null value becomes an object first. Constant time on average.
  FeedValue& operator[](std::string_view key);
  // Objects: the member `key`, or nullptr. Constant time on average.
  const FeedValue* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  bool empty() const { return kind_ == Kind::kNull || (kind_ == Kind::kArray && items_.empty()) ||
                              (kind_ == Kind::kObject && members_.empty()); }

 private:
  explicit FeedValue(Kind kind);
  // Where `key` is in members_, or members_.size() when it is not.
  std::size_t position(std::string_view key) const;

  // An object's members are searched one by one up to this many; past it
  // they are indexed by key. A search per key made an element with
  // thousands of attributes, or an entry with thousands of unknown
  // elements, cost the square of their number; small objects, most of
  // them, need no index.
  static constexpr std::size_t kIndexedFrom = 16;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  // The position in members_ of each key, once members_ has kIndexedFrom.
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;

  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::int64_t integer_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<FeedValue> items_;
  std::vector<Member> members_;
};

struct FeedValue::Member {
  std::string key;
  FeedValue value;
};

inline FeedValue::FeedValue(Kind kind) : kind_(kind) {}
inline FeedValue FeedValue::boolean(bool value) { FeedValue v(Kind::kBool); v.bool_ = value; return v; }
inline FeedValue FeedValue::integer(std::int64_t value) { FeedValue v(Kind::kInteger); v.integer_ = value; return v; }
inline FeedValue FeedValue::number(double value) { FeedValue v(Kind::kNumber); v.number_ = value; return v; }
inline FeedValue FeedValue::string(std::string value) { FeedValue v(Kind::kString); v.string_ = std::move(value); return v; }
inline FeedValue FeedValue::array() { return FeedValue(Kind::kArray); }
inline FeedValue FeedValue::object() { return FeedValue(Kind::kObject); }

inline FeedValue& FeedValue::push_back(FeedValue value) {
  if (kind_ == Kind::kNull) kind_ = Kind::kArray;
  items_.push_back(std::move(value));
  return items_.back();
}

inline std::size_t FeedValue::position(std::string_view key) const {
  if (!index_.empty()) {
    const auto found = index_.find(key);
    return found == index_.end() ? members_.size() : found->second;
  }
  std::size_t at = 0;
  while (at < members_.size() && members_[at].key != key) ++at;
  return at;
}

inline FeedValue& FeedValue::operator[](std::string_view key) {
  if (kind_ == Kind::kNull) kind_ = Kind::kObject;
  if (const std::size_t at = position(key); at < members_.size()) return members_[at].value;
  members_.push_back(Member{std::string(key), FeedValue()});
  if (!index_.empty()) {
    index_.emplace(key, members_.size() - 1);
  } else if (members_.size() == kIndexedFrom) {
    for (std::size_t i = 0; i < members_.size(); ++i) index_.emplace(members_[i].key, i);
  }
  return members_.back().value;
}

inline const FeedValue* FeedValue::find(std::string_view key) const {
  const std::size_t at = position(key);
  return at < members_.size() ? &members_[at].value : nullptr;
}

}  // namespace omvarld::feeds
