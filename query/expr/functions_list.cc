// query/expr/functions_list.cc — list functions (and the ones shared with strings).
#include <algorithm>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

// range() refuses to build a list larger than this: a typo like range(0, 10^12) must give
// an error, not exhaust memory.
constexpr int64_t kMaxRange = 10'000'000;

RValue size(const FnArgs& a) {
  const RValue& v = a[0];
  if (v.isList()) return static_cast<int64_t>(v.asList().size());
  if (v.isString()) return static_cast<int64_t>(utf8Length(v.asString()));
  if (v.isMap()) return static_cast<int64_t>(v.asMap().size());
  a.typeError(0, "a List or String");
}

RValue length(const FnArgs& a) {
  const RValue& v = a[0];
  if (v.isPath()) return static_cast<int64_t>(v.asPath().rels.size());
  if (v.isString()) return static_cast<int64_t>(utf8Length(v.asString()));
  a.typeError(0, "a Path");
}

const RList& listArg(const FnArgs& a, size_t i) {
  if (!a[i].isList()) a.typeError(i, "a List");
  return a[i].asList();
}

RValue head(const FnArgs& a) {
  const RList& l = listArg(a, 0);
  return l.empty() ? RValue() : l.front();
}

RValue last(const FnArgs& a) {
  const RList& l = listArg(a, 0);
  return l.empty() ? RValue() : l.back();
}

RValue tail(const FnArgs& a) {
  const RList& l = listArg(a, 0);
  if (l.empty()) return RList{};
  return RList(l.begin() + 1, l.end());
}

RValue reverse(const FnArgs& a) {
  if (a[0].isString()) {
    std::string_view s = a[0].asString();
    std::string out;
    out.reserve(s.size());
    size_t end = s.size();
    while (end > 0) {
      size_t start = end - 1;
      while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      out.append(s.substr(start, end - start));
      end = start;
    }
    return out;
  }
  RList l = listArg(a, 0);
  std::reverse(l.begin(), l.end());
  return l;
}

RValue range(const FnArgs& a) {
  int64_t v[3] = {0, 0, 1};
  for (size_t i = 0; i < a.n; ++i) {
    if (!a[i].isInt())
      a.argumentError(std::string("expects Integer arguments, argument ") + std::to_string(i + 1) +
                          " is " + a[i].kindName(),
                      ErrorDetail::kInvalidArgumentType);
    v[i] = a[i].asInt();
  }
  int64_t start = v[0], end = v[1], step = v[2];
  if (step == 0) a.argumentError("step must not be zero", ErrorDetail::kNumberOutOfRange);
  // Element count computed in 128 bits: start/end/step may be anywhere in int64.
  __int128 span = static_cast<__int128>(end) - start;
  __int128 count = (span == 0 || (span > 0) == (step > 0)) ? span / step + 1 : 0;
  if (count > kMaxRange)
    a.argumentError("would produce more than " + std::to_string(kMaxRange) + " elements",
                    ErrorDetail::kNumberOutOfRange);
  RList out;
  out.reserve(static_cast<size_t>(count));
  for (__int128 i = 0, x = start; i < count; ++i, x += step)
    out.emplace_back(static_cast<int64_t>(x));
  return out;
}

RValue coalesce(const FnArgs& a) {
  for (size_t i = 0; i < a.n; ++i)
    if (!a[i].isNull()) return a[i];
  return RValue();
}

RValue isEmpty(const FnArgs& a) {
  const RValue& v = a[0];
  if (v.isList()) return v.asList().empty();
  if (v.isMap()) return v.asMap().empty();
  if (v.isString()) return v.asString().empty();
  a.typeError(0, "a List, Map or String");
}

const FunctionDef kFunctions[] = {
    {"size", 1, 1, size, true, true},       {"length", 1, 1, length, true, true},
    {"head", 1, 1, head, true, true},       {"last", 1, 1, last, true, true},
    {"tail", 1, 1, tail, true, true},       {"reverse", 1, 1, reverse, true, true},
    {"range", 2, 3, range, false, true},    {"coalesce", 1, -1, coalesce, false, true},
    {"isEmpty", 1, 1, isEmpty, true, true},
};

}  // namespace

std::span<const FunctionDef> listFunctions() { return kFunctions; }

}  // namespace entente::query::expr
