// query/expr/functions_math.cc — numeric functions.
//
// As in openCypher, abs() and sign() keep integers integral; ceil/floor/round and the
// logarithmic and trigonometric functions always return a Float. Domain errors give NaN
// (sqrt(-1)), not an error.
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include "query/expr/expr_internal.h"

namespace entente::query::expr {
namespace {

RValue abs(const FnArgs& a) {
  if (a[0].isInt()) {
    int64_t v = a[0].asInt();
    if (v == std::numeric_limits<int64_t>::min()) a.argumentError("integer overflow");
    return v < 0 ? -v : v;
  }
  return std::fabs(a.numberArg(0));
}

RValue sign(const FnArgs& a) {
  double v = a.numberArg(0);
  return int64_t{v > 0 ? 1 : (v < 0 ? -1 : 0)};
}

RValue ceil(const FnArgs& a) { return std::ceil(a.numberArg(0)); }
RValue floor(const FnArgs& a) { return std::floor(a.numberArg(0)); }

RValue round(const FnArgs& a) {
  double v = a.numberArg(0);
  if (a.n == 1) {
    // Half-way values round up (towards +infinity), as Java's Math.round does.
    double r = std::floor(v);
    return v - r >= 0.5 ? r + 1 : r;
  }
  int64_t precision = a.intArg(1);
  if (precision < 0 || precision > 15) a.argumentError("precision must be between 0 and 15");
  double scale = std::pow(10.0, static_cast<double>(precision));
  return std::round(v * scale) / scale;  // half away from zero (HALF_UP)
}

template <double (*F)(double)>
RValue unary(const FnArgs& a) {
  return F(a.numberArg(0));
}

double sqrtD(double x) { return std::sqrt(x); }
double expD(double x) { return std::exp(x); }
double logD(double x) { return std::log(x); }
double log10D(double x) { return std::log10(x); }
double sinD(double x) { return std::sin(x); }
double cosD(double x) { return std::cos(x); }
double tanD(double x) { return std::tan(x); }
double cotD(double x) { return 1.0 / std::tan(x); }
double asinD(double x) { return std::asin(x); }
double acosD(double x) { return std::acos(x); }
double atanD(double x) { return std::atan(x); }
double degreesD(double x) { return x * 180.0 / std::numbers::pi; }
double radiansD(double x) { return x * std::numbers::pi / 180.0; }
double haversinD(double x) { return (1.0 - std::cos(x)) / 2.0; }

RValue atan2(const FnArgs& a) { return std::atan2(a.numberArg(0), a.numberArg(1)); }
RValue pi(const FnArgs&) { return std::numbers::pi; }
RValue e(const FnArgs&) { return std::numbers::e; }

RValue rand(const FnArgs&) {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

const FunctionDef kFunctions[] = {
    {"abs", 1, 1, abs, true, true},
    {"sign", 1, 1, sign, true, true},
    {"ceil", 1, 1, ceil, true, true},
    {"floor", 1, 1, floor, true, true},
    {"round", 1, 2, round, true, true},
    {"sqrt", 1, 1, unary<sqrtD>, true, true},
    {"exp", 1, 1, unary<expD>, true, true},
    {"log", 1, 1, unary<logD>, true, true},
    {"log10", 1, 1, unary<log10D>, true, true},
    {"sin", 1, 1, unary<sinD>, true, true},
    {"cos", 1, 1, unary<cosD>, true, true},
    {"tan", 1, 1, unary<tanD>, true, true},
    {"cot", 1, 1, unary<cotD>, true, true},
    {"asin", 1, 1, unary<asinD>, true, true},
    {"acos", 1, 1, unary<acosD>, true, true},
    {"atan", 1, 1, unary<atanD>, true, true},
    {"atan2", 2, 2, atan2, true, true},
    {"degrees", 1, 1, unary<degreesD>, true, true},
    {"radians", 1, 1, unary<radiansD>, true, true},
    {"haversin", 1, 1, unary<haversinD>, true, true},
    {"pi", 0, 0, pi, true, true},
    {"e", 0, 0, e, true, true},
    {"rand", 0, 0, rand, false, false},
};

}  // namespace

std::span<const FunctionDef> mathFunctions() { return kFunctions; }

}  // namespace entente::query::expr
