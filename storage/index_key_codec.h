// storage/index_key_codec.h — the order-preserving encoding of property values in index
// keys, and the key intervals an index seek reads.
//
// An index entry is  [index id:4][component 1]...[component n][entity id:8] -> ""  (column
// family `index`, see key_codec.h). Each component is self-delimiting, so a composite key is
// the plain concatenation and a prefix of components is a key prefix. Bytewise order of a
// component is Cypher's order within a type class:
//
//   class byte  then                                       order within the class
//   0x10 bool   [0x00 false | 0x01 true]                   false < true
//   0x20 number [double:8, order-preserving][tie:2]         numeric value; 1 and 1.0 encode
//               (see below)                                 alike; NaN after +inf
//   0x30 string [UTF-8 bytes, 0x00 -> 0x00 0xFF][0x00 0x01] bytewise (= code point order)
//   0x40 temporal [tag:1][payload]                         per tag; tags are separate types:
//               tag 0x01 date [days since epoch:4, sign flipped]   (datetime, time, duration
//                                                                   may take tags 0x02..)
//
// Numbers: integers and floats share one order. The double d nearest to the value is
// encoded as its IEEE bits, all bits flipped when negative and only the sign bit flipped
// otherwise (so unsigned byte order is numeric order; -0.0 is written as +0.0). Then a tie
// breaker: the exact integer minus d (0 for every float), big-endian with the sign bit
// flipped. Rounding to nearest is monotonic, so values with different d are ordered by d;
// values with the same d differ only for integers beyond 2^53, and are ordered by the tie
// breaker, which is at most 512 in magnitude (half the spacing of doubles below 2^63) and
// fits in 16 bits. An int64 therefore keeps its full precision and equals a float exactly
// when Cypher says so. NaN is stored as one canonical NaN after +inf: no equality or range
// seek returns it (NaN = NaN and NaN < x are false in Cypher), and UNIQUE ignores it.
//
// Strings: a 0x00 byte is escaped as 0x00 0xFF and the string ends with 0x00 0x01, so a
// string sorts before every longer string it is a prefix of, components of a composite key
// cannot run into each other, and the escaped bytes of p (without the terminator) are the
// key prefix of exactly the strings that start with p (STARTS WITH).
//
// Not indexed (no entry, like null): lists, maps. The planner must not answer a predicate on
// a list value from an index (seeks with a list or map value return InvalidArgument).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/graph_store.h"
#include "storage/index_schema.h"

namespace entente::storage::ikeys {

inline constexpr uint8_t kClassBool = 0x10, kClassNumber = 0x20, kClassString = 0x30,
                         kClassTemporal = 0x40;
inline constexpr uint8_t kTemporalDate = 0x01;
inline constexpr size_t kIndexIdLen = 4, kEntityLen = 8;

//! Whether a value gets an index entry (bool, integer, float, string, date).
bool indexable(const Value& v);
//! True for a float NaN.
bool isNaN(const Value& v);
//! Appends the encoding of one component. REQUIRES indexable(v).
void appendValue(std::string* out, const Value& v);
//! The encoded component (REQUIRES indexable(v)).
inline std::string encodeValue(const Value& v) {
  std::string s;
  appendValue(&s, v);
  return s;
}

//! [index id:4]
std::string indexPrefix(IndexId id);
//! The encoded value tuple of `keys` in `props`, or false if one key is
//! missing or not indexable. `has_nan` (optional) tells whether a component is NaN.
bool encodeTuple(const Properties& props, const std::vector<uint32_t>& keys, std::string* out,
                 bool* has_nan = nullptr);
//! [index id:4][tuple][entity:8]
std::string entryKey(IndexId id, std::string_view tuple, uint64_t entity);
//! The entity id of an entry key (its last 8 bytes). REQUIRES key.size() >= 12.
uint64_t entryEntity(std::string_view key);
//! The value tuple of an entry key (between the index id and the entity id).
std::string_view entryTuple(std::string_view key);

//! Half-open key intervals [first, second) that hold exactly the entries `range` selects
//! on an index with `nkeys` keys, sorted and disjoint. An empty result means nothing can
//! match. InvalidArgument for a malformed range (too many leading values, a leading value
//! that is not indexable or a list/map compared).
Status seekIntervals(IndexId id, size_t nkeys, const IndexRange& range,
                     std::vector<std::pair<std::string, std::string>>* out);

}  // namespace entente::storage::ikeys
