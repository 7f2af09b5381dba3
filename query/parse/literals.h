// query/parse/literals.h — decoding of literal tokens (numbers, strings, quoted names).
//
// Pure functions on token text, kept apart from the ANTLR walk so they can be tested on
// their own. Failures return a message and the byte offset in the token where the problem
// starts; the caller turns that into a positioned SyntaxError.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "entente/error.h"

namespace entente::query::syntax {

struct LiteralError {
  std::string message;
  size_t offset = 0;                                        // byte offset in the token text
  ErrorDetail detail = ErrorDetail::kInvalidNumberLiteral;  // openCypher's name for the problem
};

//! Decimal, 0x hex or 0o octal digits (no sign). `negative` folds a unary minus into the
//! literal so that -9223372036854775808 is representable.
std::optional<LiteralError> decodeInteger(std::string_view text, bool negative, int64_t* out);

//! 1.5, .5, 1e3, 1.5E-3. Fails on a value that does not fit in a double.
std::optional<LiteralError> decodeFloat(std::string_view text, double* out);

//! A quoted string token ('...' or "...") with its quotes; resolves \\ \' \" \n \t \r \b \f
//! \uXXXX (surrogate pairs combined) and \UXXXXXXXX into UTF-8.
std::optional<LiteralError> decodeString(std::string_view text, std::string* out);

//! `odd name` => odd name (`` inside is one backtick). Plain names are returned as is.
std::string decodeName(std::string_view text);

//! Checks UTF-8 well-formedness; returns the byte offset of the first bad byte if any.
std::optional<size_t> findInvalidUtf8(std::string_view text);

//! Appends code point `cp` as UTF-8.
void appendUtf8(std::string* out, uint32_t cp);

}  // namespace entente::query::syntax
