// storage/property_codec.h — compact binary encoding of properties and node records.
//
// Properties (values of the `nodes`, `out` and `in` column families) are a sequence of
//   [varint key id][value]    strictly increasing key ids, no count (empty props = 0 bytes)
// and a value is one tag byte followed by its payload:
//   0 null | 1 false | 2 true | 3 int: zigzag varint | 4 float: 8 bytes IEEE-754 little-endian
//   5 string: varint length, bytes | 6 date: zigzag varint days since 1970-01-01
//   7 list: varint payload length, varint count, values
//   8 map:  varint payload length, varint count, (varint key length, key bytes, value)*
// Lists and maps carry their byte length so findProperty can skip them without looking
// inside. Decoders check every length against the bytes left and reject anything
// malformed (false / nullopt), nesting deeper than kMaxDepth included: they never crash.
//
// A node record (value of `nodes`) is: varint n, n x varint label id (sorted), properties.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/graph_store.h"

namespace entente::storage::codec {

//! Deepest nesting of lists/maps accepted (writes deeper than this are refused).
inline constexpr int kMaxDepth = 64;

void appendVarint(std::string* out, uint64_t v);
//! Reads a varint at *p (< end); advances *p. False if truncated or over-long.
bool readVarint(const char** p, const char* end, uint64_t* v);

//! True if v may be stored as a property value (null..map, nested at most kMaxDepth).
bool isStorableValue(const Value& v, int depth = 0);

void appendValue(std::string* out, const Value& v);
bool readValue(const char** p, const char* end, Value* out, int depth = 0);
bool skipValue(const char** p, const char* end);

std::string encodeNode(const std::vector<LabelId>& labels, const Properties& props);
//! Either output may be null (not decoded then). False if malformed.
bool decodeNode(std::string_view bytes, std::vector<LabelId>* labels, Properties* props);
//! The properties part of a node record (nullopt if malformed).
std::optional<std::string_view> nodeProps(std::string_view bytes);

std::string encodeRelType(const RelTypeDef& def);
bool decodeRelType(std::string_view bytes, RelTypeDef* def);

}  // namespace entente::storage::codec
