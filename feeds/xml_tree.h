// feeds/xml_tree.h
//
// Helpers over pugixml's tree that the format parsers share: namespaces
// resolved by URI (pugixml itself only sees prefixes), text content, xml:base
// and xml:lang inheritance. Internal to feeds/: only feeds/*.cpp include it,
// so no other folder sees a pugixml type. Pure.

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "feeds/feed.h"
#include "feeds/feed_vocabulary.h"  // the namespace URIs (xml::kAtom10, …)

namespace omvarld::feeds::xml {

// An element's name without its prefix: "dc:date" → "date".
std::string_view local_name(pugi::xml_node element);

// The namespace URI of an element, from the xmlns declarations in scope.
// An undeclared conventional prefix (dc, content, atom, rdf) maps to its
// usual URI, as feeds that forget the declaration mean it; "" otherwise.
std::string namespace_uri(pugi::xml_node element);

// True when `element` is `local` in namespace `ns`.
bool is(pugi::xml_node element, std::string_view ns, std::string_view local);

// The text of an element, trimmed: its character data and CDATA sections,
// or, when it holds child elements (markup left unescaped), that markup
// serialized as written.
std::string text(pugi::xml_node element);

// The children of `element` serialized as XML, without the element itself.
std::string inner_xml(pugi::xml_node element);

// The character data and CDATA sections of everything inside `element`, in
// document order, untrimmed: its markup dropped, however deep it nests.
// Iterative.
std::string descendant_text(pugi::xml_node element);

// The depth of `element`: 1 for the document element, 2 for its children, …
int depth(pugi::xml_node element);

// Removes `element` and everything inside it from the tree. pugixml's own
// remove_child frees a subtree recursively, one call per level, so a deep
// one would overflow the stack; this frees it leaf by leaf.
void remove_subtree(pugi::xml_node element);

// The base URI in effect at `element`: `document_url` with every xml:base
// from the root down to `element` resolved against it in turn.
std::string base_uri(pugi::xml_node element, const std::string& document_url);

// `reference` made absolute against the base URI in effect at `element`.
std::string resolve(pugi::xml_node element, std::string_view reference,
                    const std::string& document_url);

// A <link> element with Atom's attributes (rel, type, href, title), its
// href made absolute; rel defaults to "alternate" (RFC 4287 §4.2.7.2).
Link link(pugi::xml_node element, const std::string& document_url);

// The xml:lang in effect at `element`, or "".
std::string language(pugi::xml_node element);

// An Atom person construct (RFC 4287 §3.2) in namespace `ns` as feedparser
// writes it: "name (email)", or whichever part exists.
std::string person(pugi::xml_node element, std::string_view ns);

// Surrounding XML whitespace removed.
std::string trim(std::string_view text);

// What is in scope at one element, for a walk down the tree: the namespace
// declarations of the element and of the elements around it, its base URI
// and its language, as namespace_uri, base_uri and language find them. The
// functions above walk up through every ancestor and look through each
// one's attributes, which costs the square of the document when elements
// carry thousands of attributes and a walk asks at each element; a Scope
// reads its element's attributes once and asks its parent's Scope for the
// rest. The parent Scope and the document must outlive it.
class Scope {
 public:
  // The scope at `element`, whose parent element's scope is `parent`
  // (nullptr for the document element). `document_url` is the base URI
  // outside every xml:base.
  Scope(const Scope* parent, pugi::xml_node element, const std::string& document_url);
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  // namespace_uri(element) for this scope's element.
  std::string namespace_uri() const;
  // base_uri(element, document_url).
  const std::string& base() const { return *base_; }
  // language(element).
  std::string_view language() const { return language_; }
  // resolve(element, reference, document_url).
  std::string resolve(std::string_view reference) const;

 private:
  // The URI a prefix ("" for the default namespace) is declared with here
  // or around, or nullptr.
  const std::string_view* declared(std::string_view prefix) const;
  const std::string_view* own_declaration(std::string_view prefix) const;
  void add_declaration(std::string_view prefix, std::string_view uri);

  // An element's own declarations are looked through one by one up to
  // this many, and indexed from there on (an element may declare
  // thousands).
  static constexpr std::size_t kIndexedFrom = 8;

  const Scope* parent_;
  pugi::xml_node element_;
  // The element's own declarations, (prefix, URI) as written: in the list
  // while few, else in the index.
  std::vector<std::pair<std::string_view, std::string_view>> declarations_;
  std::unordered_map<std::string_view, std::string_view> index_;
  std::string own_base_;
  const std::string* base_;
  std::string_view language_;
};

// The scopes of `element` and of each element around it, outermost first:
// back() is `element`'s. For a walk that starts below the document element.
std::vector<std::unique_ptr<Scope>> scopes_down_to(pugi::xml_node element, const std::string& document_url);

}  // namespace omvarld::feeds::xml
