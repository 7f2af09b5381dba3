// storage/index_schema.h — what the storage layer knows about property indexes and
// constraints: their definition (the catalog entry), the ranges an index seek answers and
// the statistics the planner reads. The catalog itself is storage/index_catalog.h, the
// value encoding storage/index_key_codec.h, the layouts storage/key_codec.h.
//
// An index covers one node label or one relationship type and one or more property keys
// (composite, in the given order). An entity has an entry in an index when it carries the
// label/type and every key of the index holds an indexable value (index_key_codec.h: bool,
// number, string, date; null, lists and maps are not indexed). A UNIQUE constraint is an
// index whose entries may not repeat a value tuple; a NOT NULL constraint has no entries:
// it only forbids an entity of that label/type without one of the keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "entente/value.h"

namespace entente::storage {

using IndexId = uint32_t;

enum class IndexEntity : uint8_t { kNode = 1, kRelationship = 2 };
enum class IndexState : uint8_t { kPopulating = 1, kOnline = 2, kFailed = 3 };
enum class ConstraintKind : uint8_t { kNone = 0, kUnique = 1, kNotNull = 2 };

//! What a caller asks for (createIndex). `name` empty: a name is derived from the schema,
//! e.g. "Person_email_unique".
struct IndexSpec {
  std::string name;
  IndexEntity entity = IndexEntity::kNode;
  uint32_t target = 0;         // LabelId (kNode) or TypeId (kRelationship)
  std::vector<uint32_t> keys;  // KeyIds, one or more, no duplicates; order matters
  ConstraintKind constraint = ConstraintKind::kNone;
};

//! A catalog entry: a spec with its id and state.
struct IndexDef {
  IndexId id = 0;
  std::string name;
  IndexEntity entity = IndexEntity::kNode;
  uint32_t target = 0;
  std::vector<uint32_t> keys;
  ConstraintKind constraint = ConstraintKind::kNone;
  IndexState state = IndexState::kOnline;
  //! Whether the index has entries (everything but NOT NULL constraints).
  bool hasEntries() const { return constraint != ConstraintKind::kNotNull; }
  bool unique() const { return constraint == ConstraintKind::kUnique; }
};

//! One end of a range; the value's type picks the type class searched (a number bound
//! finds integers and floats, a string bound strings, ...).
struct IndexBound {
  Value value;
  bool inclusive = true;
};

//! What an index seek returns, on an index over keys k1..kn:
//!   `leading` — equalities on k1..km (m < n, or m <= n for kAll), then on k(m+1):
//!   kAll    — every entry with that leading tuple (m = 0: the whole index);
//!   kEquals — `values`: one (=) or several (IN); each entity once even if several values
//!             encode alike (1 and 1.0); null, NaN, list and map values match nothing;
//!   kRange  — `lower` and/or `upper` (at least one; both in the same type class, else
//!             nothing matches, as Cypher's `<` between types is null); NaN is never in a
//!             range, and a range never crosses into another type class;
//!   kPrefix — strings starting with `prefix` (STARTS WITH).
struct IndexRange {
  enum class Kind : uint8_t { kAll, kEquals, kRange, kPrefix };
  std::vector<Value> leading;
  Kind kind = Kind::kAll;
  std::vector<Value> values;
  std::optional<IndexBound> lower, upper;
  std::string prefix;

  static IndexRange all() { return {}; }
  static IndexRange equals(Value v) {
    IndexRange r;
    r.kind = Kind::kEquals;
    r.values.push_back(std::move(v));
    return r;
  }
  static IndexRange in(std::vector<Value> vs) {
    IndexRange r;
    r.kind = Kind::kEquals;
    r.values = std::move(vs);
    return r;
  }
  static IndexRange between(std::optional<IndexBound> lo, std::optional<IndexBound> hi) {
    IndexRange r;
    r.kind = Kind::kRange;
    r.lower = std::move(lo);
    r.upper = std::move(hi);
    return r;
  }
  static IndexRange startsWith(std::string p) {
    IndexRange r;
    r.kind = Kind::kPrefix;
    r.prefix = std::move(p);
    return r;
  }
};

//! Planner statistics of one index, as the reading transaction sees them (a write
//! transaction includes its own writes). `entries` and `distinct` are exact counts kept
//! up to date by every write (distinct = number of different encoded value tuples; 1 and
//! 1.0 count once). Both are 0 for a NOT NULL constraint.
struct IndexStats {
  IndexDef def;
  uint64_t entries = 0;
  uint64_t distinct = 0;
};

}  // namespace entente::storage
