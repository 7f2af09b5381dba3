// core/utf8.h — UTF-8 validation shared by the importers and LOAD CSV.
#pragma once

#include <string_view>

namespace entente {

//! True if `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool validUtf8(std::string_view s);

}  // namespace entente
