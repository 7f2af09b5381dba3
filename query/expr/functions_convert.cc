// query/expr/functions_convert.cc — toString / toInteger / toFloat / toBoolean (+ OrNull).
//
// Text that does not parse gives null (toInteger('abc') is null); a value of a kind that
// can never convert (a list, a node) is a TypeError, except for the *OrNull variants,
// which return null for anything they cannot convert.
#include <charconv>
#include <cmath>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<double> parseDouble(std::string_view s) {
  s = trimmed(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double d;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return d;
}

std::optional<int64_t> doubleToInt(double d) {
  if (std::isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
    return std::nullopt;
  return static_cast<int64_t>(std::trunc(d));
}

// Each converter returns the converted value, null for unparsable text, or nullopt when
// the kind cannot convert at all (TypeError or null, depending on the variant).
std::optional<RValue> toStringImpl(const RValue& v) {
  switch (v.kind()) {
    case RValue::Kind::kString: return v;
    case RValue::Kind::kInt: return RValue(std::to_string(v.asInt()));
    case RValue::Kind::kFloat: return RValue(formatFloat(v.asFloat()));
    case RValue::Kind::kBool: return RValue(v.asBool() ? "true" : "false");
    case RValue::Kind::kDate: return RValue(v.asDate().toString());
    default: return std::nullopt;
  }
}

std::optional<RValue> toIntegerImpl(const RValue& v) {
  switch (v.kind()) {
    case RValue::Kind::kInt: return v;
    case RValue::Kind::kBool: return RValue(int64_t{v.asBool() ? 1 : 0});
    case RValue::Kind::kFloat: {
      auto i = doubleToInt(v.asFloat());
      return i ? RValue(*i) : RValue();
    }
    case RValue::Kind::kString: {
      std::string_view s = trimmed(v.asString());
      std::string_view digits = !s.empty() && s.front() == '+' ? s.substr(1) : s;
      int64_t i;
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
      if (ec == std::errc() && p == digits.data() + digits.size() && !digits.empty())
        return RValue(i);
      auto d = parseDouble(s);
      if (!d) return RValue();
      auto t = doubleToInt(*d);
      return t ? RValue(*t) : RValue();
    }
    default: return std::nullopt;
  }
}

std::optional<RValue> toFloatImpl(const RValue& v) {
  switch (v.kind()) {
    case RValue::Kind::kFloat: return v;
    case RValue::Kind::kInt: return RValue(static_cast<double>(v.asInt()));
    case RValue::Kind::kString: {
      auto d = parseDouble(v.asString());
      return d ? RValue(*d) : RValue();
    }
    default: return std::nullopt;
  }
}

std::optional<RValue> toBooleanImpl(const RValue& v) {
  switch (v.kind()) {
    case RValue::Kind::kBool: return v;
    case RValue::Kind::kInt: return RValue(v.asInt() != 0);
    case RValue::Kind::kString: {
      std::string s = lowercase(trimmed(v.asString()));
      if (s == "true") return RValue(true);
      if (s == "false") return RValue(false);
      return RValue();
    }
    default: return std::nullopt;
  }
}

constexpr char kStringable[] = "a String, number, Boolean or Date";
constexpr char kIntegerable[] = "a String, number or Boolean";
constexpr char kFloatable[] = "a String or number";
constexpr char kBoolable[] = "a String, Boolean or Integer";

template <std::optional<RValue> (*F)(const RValue&), const char* Expected>
RValue strictConvert(const FnArgs& a) {
  if (auto r = F(a[0])) return *r;
  a.typeError(0, Expected);
}

template <std::optional<RValue> (*F)(const RValue&)>
RValue orNullConvert(const FnArgs& a) {
  if (auto r = F(a[0])) return *r;
  return RValue();
}

const FunctionDef kFunctions[] = {
    {"toString", 1, 1, strictConvert<toStringImpl, kStringable>, true, true},
    {"toInteger", 1, 1, strictConvert<toIntegerImpl, kIntegerable>, true, true},
    {"toFloat", 1, 1, strictConvert<toFloatImpl, kFloatable>, true, true},
    {"toBoolean", 1, 1, strictConvert<toBooleanImpl, kBoolable>, true, true},
    {"toStringOrNull", 1, 1, orNullConvert<toStringImpl>, true, true},
    {"toIntegerOrNull", 1, 1, orNullConvert<toIntegerImpl>, true, true},
    {"toFloatOrNull", 1, 1, orNullConvert<toFloatImpl>, true, true},
    {"toBooleanOrNull", 1, 1, orNullConvert<toBooleanImpl>, true, true},
};

}  // namespace

std::span<const FunctionDef> convertFunctions() { return kFunctions; }

}  // namespace entente::query::expr
