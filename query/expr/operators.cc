// query/expr/operators.cc — arithmetic, comparison, string and list operators.
//
// Integer arithmetic stays integer and fails loudly on overflow (Neo4j raises an
// arithmetic error; we use ArgumentError "integer overflow") rather than wrapping; mixing
// with a float gives a float. `+` also concatenates strings and lists. Every operator is
// null if an operand is null.
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {

const char* opSymbol(ast::Op op) {
  switch (op) {
    case ast::Op::kAdd: return "+";
    case ast::Op::kSub: return "-";
    case ast::Op::kMul: return "*";
    case ast::Op::kDiv: return "/";
    case ast::Op::kMod: return "%";
    case ast::Op::kPow: return "^";
    default: return "?";
  }
}

namespace {

[[noreturn]] void mismatch(ast::Op op, const RValue& a, const RValue& b, ast::SourcePos pos) {
  throwTypeError(std::string("Type mismatch: cannot apply '") + opSymbol(op) + "' to " +
                     a.kindName() + " and " + b.kindName(),
                 pos);
}

[[noreturn]] void overflow(ast::SourcePos pos) {
  throwArgumentError("integer overflow", pos, ErrorDetail::kIntegerOverflow);
}

std::string numberText(const RValue& v) {
  return v.isInt() ? std::to_string(v.asInt()) : formatFloat(v.asFloat());
}

RValue add(const RValue& a, const RValue& b, ast::SourcePos pos) {
  if (a.isInt() && b.isInt()) {
    int64_t r;
    if (__builtin_add_overflow(a.asInt(), b.asInt(), &r)) overflow(pos);
    return r;
  }
  if (a.isNumber() && b.isNumber()) return a.asNumber() + b.asNumber();
  if (a.isString() && b.isString()) return a.asString() + b.asString();
  if (a.isString() && b.isNumber()) return a.asString() + numberText(b);
  if (a.isNumber() && b.isString()) return numberText(a) + b.asString();
  if (a.isList() && b.isList()) {
    RList out = a.asList();
    out.insert(out.end(), b.asList().begin(), b.asList().end());
    return out;
  }
  if (a.isList()) {
    RList out = a.asList();
    out.push_back(b);
    return out;
  }
  if (b.isList()) {
    RList out;
    out.reserve(b.asList().size() + 1);
    out.push_back(a);
    out.insert(out.end(), b.asList().begin(), b.asList().end());
    return out;
  }
  mismatch(ast::Op::kAdd, a, b, pos);
}

}  // namespace

RValue arithmetic(ast::Op op, const RValue& a, const RValue& b, ast::SourcePos pos) {
  if (a.isNull() || b.isNull()) return RValue();
  if (op == ast::Op::kAdd) return add(a, b, pos);
  if (!a.isNumber() || !b.isNumber()) mismatch(op, a, b, pos);
  if (op == ast::Op::kPow) return std::pow(a.asNumber(), b.asNumber());
  if (a.isInt() && b.isInt()) {
    int64_t x = a.asInt(), y = b.asInt(), r = 0;
    switch (op) {
      case ast::Op::kSub:
        if (__builtin_sub_overflow(x, y, &r)) overflow(pos);
        return r;
      case ast::Op::kMul:
        if (__builtin_mul_overflow(x, y, &r)) overflow(pos);
        return r;
      case ast::Op::kDiv:
        if (y == 0) throwArgumentError("/ by zero", pos);
        if (x == std::numeric_limits<int64_t>::min() && y == -1) overflow(pos);
        return x / y;  // truncates toward zero, like Java
      case ast::Op::kMod:
        if (y == 0) throwArgumentError("/ by zero", pos);
        if (y == -1) return int64_t{0};
        return x % y;
      default: break;
    }
  } else {
    double x = a.asNumber(), y = b.asNumber();
    switch (op) {
      case ast::Op::kSub: return x - y;
      case ast::Op::kMul: return x * y;
      case ast::Op::kDiv: return x / y;
      case ast::Op::kMod: return std::fmod(x, y);
      default: break;
    }
  }
  mismatch(op, a, b, pos);
}

RValue negate(const RValue& a, ast::SourcePos pos) {
  if (a.isNull()) return a;
  if (a.isInt()) {
    if (a.asInt() == std::numeric_limits<int64_t>::min()) overflow(pos);
    return -a.asInt();
  }
  if (a.isFloat()) return -a.asFloat();
  throwTypeError(std::string("Type mismatch: cannot negate ") + a.kindName(), pos);
}

RValue unaryPlus(const RValue& a, ast::SourcePos pos) {
  if (a.isNull() || a.isNumber()) return a;
  throwTypeError(std::string("Type mismatch: unary '+' expects a number, got ") + a.kindName(),
                 pos);
}

RValue comparison(ast::Op op, const RValue& a, const RValue& b) {
  if (op == ast::Op::kEq || op == ast::Op::kNe) {
    auto e = cypherEquals(a, b);
    if (!e) return RValue();
    return op == ast::Op::kEq ? *e : !*e;
  }
  auto c = cypherCompare(a, b);
  if (!c) {
    // NaN is comparable with numbers: every ordering comparison with it is false.
    if (a.isNumber() && b.isNumber()) return false;
    return RValue();
  }
  switch (op) {
    case ast::Op::kLt: return *c < 0;
    case ast::Op::kLe: return *c <= 0;
    case ast::Op::kGt: return *c > 0;
    case ast::Op::kGe: return *c >= 0;
    default: return RValue();
  }
}

RValue stringPredicate(ast::Op op, const RValue& a, const RValue& b) {
  if (!a.isString() || !b.isString()) return RValue();
  std::string_view s = a.asString(), t = b.asString();
  switch (op) {
    case ast::Op::kStartsWith: return s.starts_with(t);
    case ast::Op::kEndsWith: return s.ends_with(t);
    case ast::Op::kContains: return s.find(t) != std::string_view::npos;
    default: return RValue();
  }
}

namespace {

// `x IN list` against the same long list row after row (a parameter, or a list collected
// once by a WITH) is a hash lookup: the second time a thread meets the same list (same
// immutable payload, kept alive here so its address identifies it) it indexes it. Only
// lists of integers alone or strings alone are indexed, where openCypher's equality of an
// integer or string operand is plain equality; anything else is scanned.
class InListIndex {
 public:
  static constexpr size_t kMinSize = 64;

  //! Whether `x` is in `list`, or nullopt if the index cannot tell (scan instead).
  static std::optional<bool> lookup(const RValue& x, const RValue& list) {
    if (list.asList().size() < kMinSize || !(x.isInt() || x.isString())) return std::nullopt;
    thread_local InListIndex index;
    return index.find(x, list);
  }

 private:
  enum class Kind { kNone, kInts, kStrings, kMixed };

  std::optional<bool> find(const RValue& x, const RValue& list) {
    if (!same(indexed_, list)) {
      if (!same(seen_, list)) {  // first time: remember it, scan
        seen_ = list;
        return std::nullopt;
      }
      build(list);
    }
    if (kind_ == Kind::kInts) return x.isInt() && ints_.count(x.asInt()) > 0;
    if (kind_ == Kind::kStrings) return x.isString() && strings_.count(x.asString()) > 0;
    return std::nullopt;
  }

  static bool same(const RValue& a, const RValue& b) {
    return a.isList() && &a.asList() == &b.asList();
  }

  void build(const RValue& list) {
    indexed_ = list;
    seen_ = RValue();
    ints_.clear();
    strings_.clear();
    const RList& l = list.asList();
    kind_ = l[0].isInt() ? Kind::kInts : l[0].isString() ? Kind::kStrings : Kind::kMixed;
    for (const auto& e : l) {
      if (kind_ == Kind::kInts && e.isInt())
        ints_.insert(e.asInt());
      else if (kind_ == Kind::kStrings && e.isString())
        strings_.insert(e.asString());
      else {
        kind_ = Kind::kMixed;
        break;
      }
    }
  }

  RValue seen_, indexed_;
  Kind kind_ = Kind::kNone;
  std::unordered_set<int64_t> ints_;
  std::unordered_set<std::string_view> strings_;  // views of indexed_'s strings
};

}  // namespace

RValue inList(const RValue& x, const RValue& list, ast::SourcePos pos) {
  if (list.isNull()) return RValue();
  if (!list.isList())
    throwTypeError(
        std::string("Type mismatch: IN expects a List on its right, got ") + list.kindName(), pos);
  if (auto found = InListIndex::lookup(x, list)) return *found;
  bool unknown = false;
  for (const auto& e : list.asList()) {
    auto eq = cypherEquals(x, e);
    if (!eq)
      unknown = true;
    else if (*eq)
      return true;
  }
  if (unknown) return RValue();
  return false;
}

std::optional<bool> boolOperand(const RValue& v, const char* op, ast::SourcePos pos) {
  if (v.isBool()) return v.asBool();
  if (v.isNull()) return std::nullopt;
  throwTypeError(
      std::string("Type mismatch: ") + op + " expects Boolean operands, got " + v.kindName(), pos);
}

}  // namespace entente::query::expr
