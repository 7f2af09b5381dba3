// storage/key_codec.h — the byte layout of every RocksDB key Entente writes.
//
// All integers in keys are fixed-width big-endian so that bytewise order is numeric order;
// signed integers additionally have their sign bit flipped (encodeSigned) so that negative
// values sort before positive ones. Ids: NodeId/EdgeId 8 bytes, dictionary ids 4 bytes.
// Every prefix scan sets ReadOptions::iterate_upper_bound to prefixUpperBound(prefix).
//
// Column family `meta` (small, point lookups)
//   "format_version"                 -> u32 BE
//   "next_node" / "next_edge"        -> u64 BE   first id never handed out
//   "count_nodes"                    -> u64 BE   number of nodes
//   "count_label" [label:4]          -> u64 BE   number of nodes with that label
//   "reltype" [type:4]               -> encoded RelTypeDef (declared relation types)
//   "index" [index:4]                -> encoded IndexDef (index_catalog.h: name, node label or
//                                       relationship type, property keys, state, constraint)
//   "next_index"                     -> u32 BE   first index id never handed out (ids are
//                                       never reused, so a dropped index's range stays dead)
//   "count_index" [index:4]          -> [entries:8][distinct value tuples:8]
//
// Column family `dict` (string dictionary, loaded into memory at open)
//   's' [string bytes]               -> [id:4]                         dictStringKey /
//   dictStringValue 'i' [id:4]                       -> [kind bits:1] [string bytes]   dictIdKey /
//   dictIdValue
//                                       kind bits: kKind* below (what the string names)
//
// Column family `nodes`
//   [node:8]                         -> varint n, n x varint label id (sorted), properties
//
// Column family `out` (adjacency from the source)       `in` (adjacency from the target)
//   [src:8][type:4][dst:8][edge:8]   -> properties      [dst:8][type:4][src:8][edge:8] ->
//   properties
//   +-------+------+-------+-------+
//   |  src  | type |  dst  | edge  |   "edges of node n" = prefix [n]; "of type T" = [n][T]
//   +-------+------+-------+-------+
//
// Column family `edges`
//   [edge:8]                         -> [src:8][type:4][dst:8]
//
// Column family `labels`
//   [label:4][node:8]                -> ""
//
// Column family `names` (case-insensitive lookup by `name` and every string of `aliases`)
//   [foldCase(name) bytes] 0x00 [node:8] -> ""
//   A lookup scans prefix foldCase(name) 0x00 and keeps keys exactly 8 bytes longer, so a
//   name that itself contains 0x00 can never be confused with another one.
//
// Column family `index` (property indexes and UNIQUE constraints; index_key_codec.h)
//   [index:4][value 1]...[value n][entity:8] -> ""
//   +-------+-----------------------------+--------+
//   | index | order-preserving values     | entity |   entity: NodeId or EdgeId
//   +-------+-----------------------------+--------+
//   `=` / IN: prefix [index][value]; ranges: [index][lo] .. [index][hi]; STARTS WITH p:
//   prefix [index][0x30][escaped p]. No entry when a key is null/absent or a list/map.
//   NOT NULL constraints have no entries. Dropping an index deletes [index] .. [index + 1)
//   with one DeleteRange.
//
// Properties (values of `nodes`, `out`, `in`) are encoded by property_codec.h.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "storage/graph_store.h"

namespace entente::storage::keys {

// ---- column family names (order = index into the handle array) ---------------------------
enum Cf : int {
  kDefault = 0,
  kMeta,
  kDict,
  kNodes,
  kOut,
  kIn,
  kEdges,
  kLabels,
  kNames,
  kIndex,
  kCfCount
};
extern const char* const kCfNames[kCfCount];

// ---- fixed-width big-endian integers -----------------------------------------------------
inline void storeU32(char* p, uint32_t v) {
  p[0] = static_cast<char>(v >> 24);
  p[1] = static_cast<char>(v >> 16);
  p[2] = static_cast<char>(v >> 8);
  p[3] = static_cast<char>(v);
}
inline void storeU64(char* p, uint64_t v) {
  storeU32(p, static_cast<uint32_t>(v >> 32));
  storeU32(p + 4, static_cast<uint32_t>(v));
}
inline uint32_t loadU32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}
inline uint64_t loadU64(const char* p) { return (uint64_t{loadU32(p)} << 32) | loadU32(p + 4); }
inline void appendU32(std::string* s, uint32_t v) {
  char b[4];
  storeU32(b, v);
  s->append(b, 4);
}
inline void appendU64(std::string* s, uint64_t v) {
  char b[8];
  storeU64(b, v);
  s->append(b, 8);
}
//! Signed -> unsigned such that unsigned (and so big-endian byte) order is signed order.
inline uint64_t encodeSigned(int64_t v) { return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63); }
inline int64_t decodeSigned(uint64_t u) { return static_cast<int64_t>(u ^ (uint64_t{1} << 63)); }

// ---- fixed-size keys ----------------------------------------------------------------------
inline constexpr size_t kNodeKeyLen = 8, kEdgeKeyLen = 8, kAdjKeyLen = 28, kAdjPrefixLen = 8,
                        kAdjTypePrefixLen = 12, kEdgeValueLen = 20, kLabelKeyLen = 12;

//! A key in a stack buffer (no allocation on hot paths).
template <size_t N>
struct FixedKey {
  char buf[N];
  std::string_view view() const { return {buf, N}; }
};

inline FixedKey<8> nodeKey(NodeId id) {
  FixedKey<8> k;
  storeU64(k.buf, id);
  return k;
}
inline FixedKey<8> edgeKey(EdgeId id) { return nodeKey(id); }
//! `out` key when a = src, b = dst; `in` key when a = dst, b = src.
inline FixedKey<kAdjKeyLen> adjKey(NodeId a, TypeId type, NodeId b, EdgeId e) {
  FixedKey<kAdjKeyLen> k;
  storeU64(k.buf, a);
  storeU32(k.buf + 8, type);
  storeU64(k.buf + 12, b);
  storeU64(k.buf + 20, e);
  return k;
}
struct AdjKeyParts {
  NodeId a;
  TypeId type;
  NodeId b;
  EdgeId edge;
};
//! REQUIRES key.size() == kAdjKeyLen.
inline AdjKeyParts parseAdjKey(std::string_view key) {
  const char* p = key.data();
  return {loadU64(p), loadU32(p + 8), loadU64(p + 12), loadU64(p + 20)};
}
inline FixedKey<kEdgeValueLen> edgeValue(NodeId src, TypeId type, NodeId dst) {
  FixedKey<kEdgeValueLen> v;
  storeU64(v.buf, src);
  storeU32(v.buf + 8, type);
  storeU64(v.buf + 12, dst);
  return v;
}
inline FixedKey<kLabelKeyLen> labelKey(LabelId label, NodeId node) {
  FixedKey<kLabelKeyLen> k;
  storeU32(k.buf, label);
  storeU64(k.buf + 4, node);
  return k;
}

// ---- variable keys ------------------------------------------------------------------------
std::string nameKey(std::string_view folded_name, NodeId node);
std::string namePrefix(std::string_view folded_name);
std::string dictStringKey(std::string_view s);
std::string dictIdKey(uint32_t id);

// ---- dictionary values ----------------------------------------------------------------------
inline constexpr uint8_t kKindLabel = 1, kKindType = 2, kKindKey = 4;

//! Value of dictStringKey(s): the string's id.
std::string dictStringValue(uint32_t id);
//! Value of dictIdKey(id): the kinds the string has been used as (kKind* bits), then the string.
std::string dictIdValue(uint8_t kinds, std::string_view text);
//! One decoded `i` entry of the dictionary.
struct DictEntry {
  uint32_t id;
  uint8_t kinds;
  std::string_view text;  // points into the value passed to decodeDictIdEntry
};
//! Decodes a dictIdKey / dictIdValue pair; false if either is malformed.
bool decodeDictIdEntry(std::string_view key, std::string_view value, DictEntry* out);

// ---- meta keys ----------------------------------------------------------------------------
inline constexpr std::string_view kMetaFormatVersion = "format_version",
                                  kMetaNextNode = "next_node", kMetaNextEdge = "next_edge",
                                  kMetaCountNodes = "count_nodes",
                                  kMetaCountLabelPrefix = "count_label",
                                  kMetaRelTypePrefix = "reltype", kMetaIndexPrefix = "index",
                                  kMetaNextIndex = "next_index",
                                  kMetaCountIndexPrefix = "count_index";
std::string metaCountLabelKey(LabelId label);
std::string metaRelTypeKey(TypeId type);
inline std::string metaIndexKey(uint32_t index) {
  std::string k(kMetaIndexPrefix);
  appendU32(&k, index);
  return k;
}
inline std::string metaCountIndexKey(uint32_t index) {
  std::string k(kMetaCountIndexPrefix);
  appendU32(&k, index);
  return k;
}

//! The smallest key greater than every key starting with `prefix` ("" if there is none,
//! i.e. the prefix is all 0xff: then scan without an upper bound).
std::string prefixUpperBound(std::string_view prefix);
//! Same, written in place into a buffer of prefix.size() bytes; returns the bound length
//! (0 = no bound).
size_t prefixUpperBound(std::string_view prefix, char* out);

//! Case folding for the name index: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
//! capitals map to their lower-case letters; every other byte is kept as is.
std::string foldCase(std::string_view s);

}  // namespace entente::storage::keys
