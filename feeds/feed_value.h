// feeds/feed_value.h
//
// A small JSON-like value for the keys of a feed that have no field of their
// own in ParsedFeed/ParsedEntry: namespaced extensions (itunes_*, media_*,
// psc_chapters, where, thr_in-reply-to, other prefix_localname keys), kept
// with feedparser's key names so feed_json.cpp can print them as they are.
// Plain value type, no third-party types. Pure.

#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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
  // order. A null value becomes an object first.
  FeedValue& operator[](std::string_view key);
  // Objects: the member `key`, or nullptr.
  const FeedValue* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  bool empty() const { return kind_ == Kind::kNull || (kind_ == Kind::kArray && items_.empty()) ||
                              (kind_ == Kind::kObject && members_.empty()); }

 private:
  explicit FeedValue(Kind kind);

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

inline FeedValue& FeedValue::operator[](std::string_view key) {
  if (kind_ == Kind::kNull) kind_ = Kind::kObject;
  for (Member& member : members_) {
    if (member.key == key) return member.value;
  }
  members_.push_back(Member{std::string(key), FeedValue()});
  return members_.back().value;
}

inline const FeedValue* FeedValue::find(std::string_view key) const {
  for (const Member& member : members_) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

}  // namespace omvarld::feeds
