// storage/valid_time.h — valid time: when a relation holds. The one home of the rule.
//
// A relation carries its valid time in two reserved properties, `since` and `until`, and
// holds at date t when
//     since <= t < until
// Either end may be open: absent, null, or anything that is not a date (a Date value or a
// string Date::parse accepts, e.g. '2024-11-27', '2016-09', '2020'). Writes store Date
// values (query/exec/write_util.cc, api/convert.cc coerce with dateOrIsoString); ISO strings
// are still read as dates, and other values do not constrain validity.
//
// Every reader of valid time goes through here: AS OF in MATCH (query/exec/exec_state.cc),
// the function validAt(r, t) (query/expr/access.cc), analytics projections
// (analytics/projection.cc) and the API's relation listing (api/convert.cc). The hot paths
// read the two bounds out of the encoded property bytes (validAtEncoded) without decoding
// the rest of the record.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "entente/value.h"

namespace entente::storage {

//! Reserved relation property names of valid time (README, "What it can do").
inline constexpr std::string_view kSince = "since", kUntil = "until";

//! The "date or ISO date string" coercion: a Date as itself, a string Date::parse accepts
//! as that date, anything else nullopt. `V` is Value or the query layer's RValue (both have
//! isDate/asDate/isString/asString).
template <class V>
std::optional<Date> dateOrIsoString(const V& v) {
  if (v.isDate()) return v.asDate();
  Date d;
  if (v.isString() && Date::parse(v.asString(), &d)) return d;
  return std::nullopt;
}

//! The rule: since <= t < until, an absent bound open.
inline bool validAt(std::optional<Date> since, std::optional<Date> until, Date t) {
  return !(since && t < *since) && !(until && !(t < *until));
}

//! The rule over stored bound values (nullopt = property absent; a non-date is open).
inline bool validAtValues(const std::optional<Value>& since, const std::optional<Value>& until,
                          Date t) {
  return validAt(since ? dateOrIsoString(*since) : std::nullopt,
                 until ? dateOrIsoString(*until) : std::nullopt, t);
}

//! The rule over a decoded property map.
bool validAt(const Map& props, Date t);

//! Dictionary ids of `since` and `until` in one snapshot (nullopt: the key was never
//! interned, so no relation has it).
struct ValidTimeKeys {
  std::optional<uint32_t> since, until;

  //! Looks both names up in `txn` (a storage::Transaction or anything with lookupString).
  template <class Txn>
  static ValidTimeKeys of(const Txn& txn) {
    return {txn.lookupString(kSince), txn.lookupString(kUntil)};
  }
};

//! The rule over encoded relation properties (storage/property_codec.h), reading only the
//! two bounds. Malformed bytes read as open bounds, as findProperty reads them.
bool validAtEncoded(std::string_view raw_props, const ValidTimeKeys& keys, Date t);

}  // namespace entente::storage
