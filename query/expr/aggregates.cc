// query/expr/aggregates.cc — count, sum, avg, min, max, collect, stDev(P), percentiles.
//
// Nulls are skipped by every aggregate. DISTINCT filters values through a hash set keyed
// by equivalence (so 1 and 1.0 count once) before the aggregate sees them. Results on an
// empty group follow openCypher: count 0, sum 0, collect [], avg/min/max/percentiles null.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "query/expr/expr_internal.h"

namespace entente::query {
namespace {

struct Hash {
  size_t operator()(const RValue& v) const { return equivalenceHash(v); }
};
struct Eq {
  bool operator()(const RValue& a, const RValue& b) const { return equivalent(a, b); }
};

class Count : public Aggregator {
 public:
  void add(const RValue&) override { ++n_; }
  RValue result() const override { return n_; }

 private:
  int64_t n_ = 0;
};

class Sum : public Aggregator {
 public:
  void add(const RValue& v) override {
    if (!v.isNumber())
      expr::throwTypeError(std::string("sum() expects numbers, got ") + v.kindName(), {});
    if (v.isFloat() || is_float_) {
      if (!is_float_) f_ = static_cast<double>(i_), is_float_ = true;
      f_ += v.asNumber();
    } else if (__builtin_add_overflow(i_, v.asInt(), &i_)) {
      expr::throwArgumentError("sum(): integer overflow", {});
    }
  }
  RValue result() const override { return is_float_ ? RValue(f_) : RValue(i_); }

 private:
  bool is_float_ = false;
  int64_t i_ = 0;
  double f_ = 0;
};

class Avg : public Aggregator {
 public:
  void add(const RValue& v) override {
    if (!v.isNumber())
      expr::throwTypeError(std::string("avg() expects numbers, got ") + v.kindName(), {});
    // Running mean: no overflow for large integers.
    ++n_;
    mean_ += (v.asNumber() - mean_) / static_cast<double>(n_);
  }
  RValue result() const override { return n_ ? RValue(mean_) : RValue(); }

 private:
  int64_t n_ = 0;
  double mean_ = 0;
};

class MinMax : public Aggregator {
 public:
  explicit MinMax(bool max) : max_(max) {}
  void add(const RValue& v) override {
    if (best_.isNull()) {
      best_ = v;
      return;
    }
    int c = orderCompare(v, best_);
    if (max_ ? c > 0 : c < 0) best_ = v;
  }
  RValue result() const override { return best_; }

 private:
  bool max_;
  RValue best_;
};

class Collect : public Aggregator {
 public:
  void add(const RValue& v) override { items_.push_back(v); }
  RValue result() const override { return items_; }

 private:
  RList items_;
};

// Welford's algorithm: numerically stable variance in one pass.
class StDev : public Aggregator {
 public:
  explicit StDev(bool population) : population_(population) {}
  void add(const RValue& v) override {
    if (!v.isNumber())
      expr::throwTypeError(std::string("stDev() expects numbers, got ") + v.kindName(), {});
    double x = v.asNumber();
    ++n_;
    double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
  }
  RValue result() const override {
    int64_t denom = population_ ? n_ : n_ - 1;
    if (denom <= 0) return 0.0;
    return std::sqrt(m2_ / static_cast<double>(denom));
  }

 private:
  bool population_;
  int64_t n_ = 0;
  double mean_ = 0, m2_ = 0;
};

class Percentile : public Aggregator {
 public:
  Percentile(bool continuous, double p) : continuous_(continuous), p_(p) {}
  void add(const RValue& v) override {
    if (!v.isNumber())
      expr::throwTypeError(std::string(continuous_ ? "percentileCont" : "percentileDisc") +
                               "() expects numbers, got " + v.kindName(),
                           {});
    values_.push_back(v);
  }
  RValue result() const override {
    if (values_.empty()) return RValue();
    std::vector<RValue> sorted = values_;
    std::sort(sorted.begin(), sorted.end(),
              [](const RValue& a, const RValue& b) { return orderCompare(a, b) < 0; });
    size_t n = sorted.size();
    if (continuous_) {
      double idx = p_ * static_cast<double>(n - 1);
      auto lo = static_cast<size_t>(std::floor(idx)), hi = static_cast<size_t>(std::ceil(idx));
      double a = sorted[lo].asNumber(), b = sorted[hi].asNumber();
      return a + (b - a) * (idx - static_cast<double>(lo));
    }
    double rank = std::ceil(p_ * static_cast<double>(n));
    size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
    return sorted[std::min(i, n - 1)];
  }

 private:
  bool continuous_;
  double p_;
  std::vector<RValue> values_;
};

class Distinct : public Aggregator {
 public:
  explicit Distinct(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
  void add(const RValue& v) override {
    if (!v.isNull() && seen_.insert(v).second) inner_->add(v);
  }
  RValue result() const override { return inner_->result(); }

 private:
  std::unique_ptr<Aggregator> inner_;
  std::unordered_set<RValue, Hash, Eq> seen_;
};

// Drops nulls before the real aggregate (which then never sees one).
class SkipNulls : public Aggregator {
 public:
  explicit SkipNulls(std::unique_ptr<Aggregator> inner) : inner_(std::move(inner)) {}
  void add(const RValue& v) override {
    if (!v.isNull()) inner_->add(v);
  }
  RValue result() const override { return inner_->result(); }

 private:
  std::unique_ptr<Aggregator> inner_;
};

double percentileArg(std::string_view name, const std::vector<RValue>& extra) {
  if (extra.empty() || !extra[0].isNumber())
    expr::throwTypeError(
        std::string(name) + "() expects a number as percentile" +
            (extra.empty() ? std::string() : std::string(", got ") + extra[0].kindName()),
        {});
  double p = extra[0].asNumber();
  if (!(p >= 0.0 && p <= 1.0))
    expr::throwArgumentError(
        std::string(name) + "(): percentile must be between 0.0 and 1.0, got " +
            (extra[0].isInt() ? std::to_string(extra[0].asInt()) : expr::formatFloat(p)),
        {}, ErrorDetail::kNumberOutOfRange);
  return p;
}

}  // namespace

std::unique_ptr<Aggregator> makeAggregator(std::string_view name, bool distinct,
                                           const std::vector<RValue>& extra) {
  std::string key = expr::lowercase(name);
  std::unique_ptr<Aggregator> agg;
  if (key == "count")
    agg = std::make_unique<Count>();
  else if (key == "sum")
    agg = std::make_unique<Sum>();
  else if (key == "avg")
    agg = std::make_unique<Avg>();
  else if (key == "min")
    agg = std::make_unique<MinMax>(false);
  else if (key == "max")
    agg = std::make_unique<MinMax>(true);
  else if (key == "collect")
    agg = std::make_unique<Collect>();
  else if (key == "stdev")
    agg = std::make_unique<StDev>(false);
  else if (key == "stdevp")
    agg = std::make_unique<StDev>(true);
  else if (key == "percentilecont")
    agg = std::make_unique<Percentile>(true, percentileArg("percentileCont", extra));
  else if (key == "percentiledisc")
    agg = std::make_unique<Percentile>(false, percentileArg("percentileDisc", extra));
  else
    throw QueryError(ErrorCode::kSyntaxError,
                     "Unknown aggregate function '" + std::string(name) + "'", {},
                     ErrorDetail::kUnknownFunction);
  if (distinct) return std::make_unique<Distinct>(std::move(agg));
  return std::make_unique<SkipNulls>(std::move(agg));
}

}  // namespace entente::query
