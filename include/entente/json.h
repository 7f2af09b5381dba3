// entente/json.h — the JSON encoding of Entente values and results, shared by the shell's
// json mode and the TCP server (one object per statement).
//
//   node          {"id":1,"labels":["State"],"properties":{"name":"Turkey"}}
//   relationship  {"id":7,"type":"BACKS","start":1,"end":2,"properties":{…}}
//   path          {"nodes":[…],"relationships":[…]}
//   date          "2024-12-01" (an ISO string)
//   integer       1        float  1.0 (always with a decimal point or an exponent, so 1 and
//                                     1.0 stay distinct); NaN and ±infinity, which JSON
//                                     cannot express, are written as null
//   string        valid UTF-8; invalid bytes are replaced by U+FFFD, never an error
//   list / map    JSON arrays / objects (map keys in sorted order)
//
// Reading (parameters): integers -> Integer, numbers with a fraction or exponent -> Float,
// {"$date":"YYYY-MM-DD"} -> Date, objects -> Map, arrays -> List.
// No exception leaves these functions.
#pragma once

#include <string>
#include <string_view>

#include "entente/entente.h"
#include "entente/value.h"

namespace entente {

//! One value as compact JSON.
std::string toJson(const Value& value);
//! A JSON string literal (quoted, escaped, invalid UTF-8 replaced by U+FFFD).
std::string toJsonString(std::string_view text);

//! {"id":…, "columns":[…], "rows":[[…]], "stats":{…}} or {"id":…, "error":{"code",
//! "detail","message","line","column"}} (`detail`: openCypher's detail name, "" for none);
//! `id_json` is an already-encoded JSON id, or "" for none
//! (then the "id" member is left out). "notices":[…] is added when the engine left any.
std::string resultToJson(const QueryResult& result, std::string_view id_json = "");
//! {"id":…, "error":{…}} for an error that is not a query's (bad request, …).
std::string errorToJson(const Error& error, std::string_view id_json = "");

//! Parses a JSON object of parameters ({"name": value, …}). InvalidInput error otherwise.
Expected<Map> paramsFromJson(std::string_view json_object);
//! Parses any JSON value (e.g. the JSON of `--param NAME=JSON`).
Expected<Value> valueFromJson(std::string_view json);

}  // namespace entente
