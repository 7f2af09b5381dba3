// query/expr/compare.cc — equality, comparability, orderability and equivalence.
//
// openCypher has four different notions and they differ exactly where users notice:
//   `=`        null if either side is null (also inside lists), NaN = NaN is false;
//   `<`        only within one family (numbers, strings, booleans, dates, lists), else null;
//   ORDER BY   a total order across all kinds (maps < nodes < rels < lists < paths < strings
//              < booleans < numbers < dates < null), NaN after every other number;
//   DISTINCT   equivalence: null ≡ null, NaN ≡ NaN, 1 ≡ 1.0.
#include <cmath>
#include <functional>
#include <limits>

#include "query/expr/expr_internal.h"

namespace entente::query {
namespace {

using Kind = RValue::Kind;

int sign(auto a, auto b) { return a < b ? -1 : (a > b ? 1 : 0); }

//! Exact comparison of an integer with a non-NaN double (no precision lost near 2^63).
int compareIntDouble(int64_t i, double d) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  double t = std::trunc(d);
  auto ti = static_cast<int64_t>(t);
  if (i != ti) return i < ti ? -1 : 1;
  double frac = d - t;
  return frac > 0 ? -1 : (frac < 0 ? 1 : 0);
}

//! Numbers, NaN excluded by the caller.
int compareNumbers(const RValue& a, const RValue& b) {
  if (a.isInt() && b.isInt()) return sign(a.asInt(), b.asInt());
  if (a.isInt()) return compareIntDouble(a.asInt(), b.asFloat());
  if (b.isInt()) return -compareIntDouble(b.asInt(), a.asFloat());
  return sign(a.asFloat(), b.asFloat());
}

bool isNaN(const RValue& v) { return v.isFloat() && std::isnan(v.asFloat()); }

// Rank of a kind in the ORDER BY total order.
int orderRank(Kind k) {
  switch (k) {
    case Kind::kMap: return 0;
    case Kind::kNode: return 1;
    case Kind::kRel: return 2;
    case Kind::kList: return 3;
    case Kind::kPath: return 4;
    case Kind::kString: return 5;
    case Kind::kBool: return 6;
    case Kind::kInt:
    case Kind::kFloat: return 7;
    case Kind::kDate: return 8;
    case Kind::kNull: return 9;
  }
  return 9;
}

void hashCombine(size_t& seed, size_t h) {
  seed ^= h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

}  // namespace

std::optional<bool> cypherEquals(const RValue& a, const RValue& b) {
  if (a.isNull() || b.isNull()) return std::nullopt;
  if (a.isNumber() && b.isNumber()) {
    if (isNaN(a) || isNaN(b)) return false;
    return compareNumbers(a, b) == 0;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kBool: return a.asBool() == b.asBool();
    case Kind::kString: return a.asString() == b.asString();
    case Kind::kDate: return a.asDate() == b.asDate();
    case Kind::kNode: return a.asNode() == b.asNode();
    case Kind::kRel: return a.asRel() == b.asRel();
    case Kind::kPath: {
      const PathRef &p = a.asPath(), &q = b.asPath();
      return p.nodes.size() == q.nodes.size() && p.rels.size() == q.rels.size() &&
             std::equal(p.nodes.begin(), p.nodes.end(), q.nodes.begin()) &&
             std::equal(p.rels.begin(), p.rels.end(), q.rels.begin());
    }
    case Kind::kList: {
      const RList &x = a.asList(), &y = b.asList();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (size_t i = 0; i < x.size(); ++i) {
        auto e = cypherEquals(x[i], y[i]);
        if (!e)
          unknown = true;
        else if (!*e)
          return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case Kind::kMap: {
      const RMap &x = a.asMap(), &y = b.asMap();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (x[i].first != y[i].first) return false;
      bool unknown = false;
      for (size_t i = 0; i < x.size(); ++i) {
        auto e = cypherEquals(x[i].second, y[i].second);
        if (!e)
          unknown = true;
        else if (!*e)
          return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    default: return false;
  }
}

std::optional<int> cypherCompare(const RValue& a, const RValue& b) {
  if (a.isNull() || b.isNull()) return std::nullopt;
  if (a.isNumber() && b.isNumber()) {
    if (isNaN(a) || isNaN(b)) return std::nullopt;
    return compareNumbers(a, b);
  }
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case Kind::kBool: return sign(a.asBool(), b.asBool());
    case Kind::kString: {
      int c = a.asString().compare(b.asString());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::kDate: return sign(a.asDate().days, b.asDate().days);
    case Kind::kList: {
      const RList &x = a.asList(), &y = b.asList();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        auto c = cypherCompare(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c != 0) return c;
      }
      return sign(x.size(), y.size());
    }
    default: return std::nullopt;  // maps, nodes, relationships, paths are not comparable
  }
}

int orderCompare(const RValue& a, const RValue& b) {
  int ra = orderRank(a.kind()), rb = orderRank(b.kind());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case Kind::kNull: return 0;
    case Kind::kInt:
    case Kind::kFloat: {
      bool na = isNaN(a), nb = isNaN(b);
      if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
      return compareNumbers(a, b);
    }
    case Kind::kBool: return sign(a.asBool(), b.asBool());
    case Kind::kString: {
      int c = a.asString().compare(b.asString());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::kDate: return sign(a.asDate().days, b.asDate().days);
    case Kind::kNode: return sign(a.asNode().id, b.asNode().id);
    case Kind::kRel: return sign(a.asRel().id, b.asRel().id);
    case Kind::kList: {
      const RList &x = a.asList(), &y = b.asList();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i)
        if (int c = orderCompare(x[i], y[i])) return c;
      return sign(x.size(), y.size());
    }
    case Kind::kMap: {
      const RMap &x = a.asMap(), &y = b.asMap();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        if (int c = x[i].first.compare(y[i].first)) return c < 0 ? -1 : 1;
        if (int c = orderCompare(x[i].second, y[i].second)) return c;
      }
      return sign(x.size(), y.size());
    }
    case Kind::kPath: {
      const PathRef &p = a.asPath(), &q = b.asPath();
      size_t n = std::min(p.nodes.size(), q.nodes.size());
      for (size_t i = 0; i < n; ++i) {
        if (int c = sign(p.nodes[i].id, q.nodes[i].id)) return c;
        if (i < p.rels.size() && i < q.rels.size())
          if (int c = sign(p.rels[i].id, q.rels[i].id)) return c;
      }
      return sign(p.nodes.size(), q.nodes.size());
    }
  }
  return 0;
}

bool equivalent(const RValue& a, const RValue& b) { return orderCompare(a, b) == 0; }

size_t equivalenceHash(const RValue& v) {
  size_t h = static_cast<size_t>(orderRank(v.kind())) * 0x100000001b3ULL;
  switch (v.kind()) {
    case Kind::kNull: break;
    case Kind::kBool: hashCombine(h, v.asBool()); break;
    case Kind::kInt: hashCombine(h, std::hash<int64_t>{}(v.asInt())); break;
    case Kind::kFloat: {
      // Integral floats hash like the equal integer (1.0 ≡ 1); every NaN alike.
      double d = v.asFloat();
      if (std::isnan(d))
        hashCombine(h, 0x7ff8);
      else if (d == std::trunc(d) && d >= -9.2e18 && d <= 9.2e18)
        hashCombine(h, std::hash<int64_t>{}(static_cast<int64_t>(d)));
      else
        hashCombine(h, std::hash<double>{}(d));
      break;
    }
    case Kind::kString: hashCombine(h, std::hash<std::string>{}(v.asString())); break;
    case Kind::kDate: hashCombine(h, std::hash<int32_t>{}(v.asDate().days)); break;
    case Kind::kNode: hashCombine(h, std::hash<uint64_t>{}(v.asNode().id)); break;
    case Kind::kRel: hashCombine(h, std::hash<uint64_t>{}(v.asRel().id)); break;
    case Kind::kList:
      for (const auto& e : v.asList()) hashCombine(h, equivalenceHash(e));
      break;
    case Kind::kMap:
      for (const auto& [k, e] : v.asMap()) {
        hashCombine(h, std::hash<std::string>{}(k));
        hashCombine(h, equivalenceHash(e));
      }
      break;
    case Kind::kPath:
      for (auto n : v.asPath().nodes) hashCombine(h, std::hash<uint64_t>{}(n.id));
      for (const auto& r : v.asPath().rels) hashCombine(h, std::hash<uint64_t>{}(r.id));
      break;
  }
  return h;
}

std::optional<bool> toPredicate(const RValue& v, ast::SourcePos pos) {
  if (v.isNull()) return std::nullopt;
  if (v.isBool()) return v.asBool();
  expr::throwTypeError(std::string("Type mismatch: expected Boolean but was ") + v.kindName(), pos);
}

}  // namespace entente::query
