// tests/tck/cypher_literal.h — the value syntax of the openCypher TCK's expected tables and
// parameters, and the TCK's way of comparing values.
//
// The TCK writes expected values as Cypher literals extended with graph values: nodes
// `(:L {k: 'v'})`, relationships `[:T {k: 1}]` and paths `<(:A)-[:T]->(:B)>`. Graph values
// in the TCK carry no identity, so they are compared structurally (labels, type,
// properties, path direction), and temporal values are written as strings ('2015-07-21').
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "entente/value.h"

namespace entente::tck {

//! Parses one literal. Nodes and relationships get synthetic ids (unique within the call)
//! so a parsed path knows its relationships' directions. nullopt + *error on bad input.
std::optional<Value> parseLiteral(std::string_view text, std::string* error);

//! Whether `actual` (from the engine) matches `expected` (parsed) the way the TCK compares:
//! same types (1 and 1.0 differ), floats exactly (NaN matches NaN), strings that look like
//! the ISO form of an actual Date match it, graph values structurally. With
//! `ignore_list_order`, lists compare as multisets at every depth.
bool valuesMatch(const Value& expected, const Value& actual, bool ignore_list_order);

}  // namespace entente::tck
