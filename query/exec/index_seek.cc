// NodeIndexSeek: nodes of a label by a property index, and the comparand evaluation every
// index seek shares (see query/exec/index_seek.h).
#include "query/exec/index_seek.h"

#include <cmath>

#include "query/error.h"
#include "query/exec/node_candidates.h"
#include "query/status_error.h"

namespace entente::query {
namespace {

IndexUse indexable(const RValue& v) {
  if (v.isNull()) return IndexUse::kNothing;
  if (v.isFloat() && std::isnan(v.asFloat())) return IndexUse::kNothing;
  if (v.isBool() || v.isInt() || v.isFloat() || v.isString() || v.isDate()) return IndexUse::kSeek;
  return IndexUse::kScan;
}

// The condition on the key after the leading ones.
std::optional<storage::IndexRange> last(const IndexKeySpec& spec, const Row& row, ExecState& st,
                                        IndexUse& use) {
  using Mode = IndexKeySpec::Mode;
  use = IndexUse::kSeek;
  switch (spec.mode) {
    case Mode::kAll: return storage::IndexRange::all();
    case Mode::kEquals: {
      RValue v = spec.value->eval(row, st);
      if ((use = indexable(v)) != IndexUse::kSeek) return std::nullopt;
      return storage::IndexRange::equals(v.toValue());
    }
    case Mode::kIn: {
      RValue v = spec.value->eval(row, st);
      if (v.isNull()) {
        use = IndexUse::kNothing;
        return std::nullopt;
      }
      if (!v.isList()) {  // a type error: let the filter raise it
        use = IndexUse::kScan;
        return std::nullopt;
      }
      std::vector<Value> values;
      for (const auto& e : v.asList()) {
        IndexUse u = indexable(e);
        if (u == IndexUse::kScan) {  // [1, [2]]: a list element may equal a list property
          use = IndexUse::kScan;
          return std::nullopt;
        }
        if (u == IndexUse::kSeek) values.push_back(e.toValue());
      }
      return storage::IndexRange::in(std::move(values));
    }
    case Mode::kRange: {
      std::optional<storage::IndexBound> lo, hi;
      for (int side = 0; side < 2; ++side) {
        const ExprProgram& p = side == 0 ? spec.lower : spec.upper;
        if (!p) continue;
        RValue v = p->eval(row, st);
        if ((use = indexable(v)) != IndexUse::kSeek) return std::nullopt;
        storage::IndexBound b{v.toValue(), side == 0 ? spec.lower_inclusive : spec.upper_inclusive};
        (side == 0 ? lo : hi) = std::move(b);
      }
      return storage::IndexRange::between(std::move(lo), std::move(hi));
    }
    case Mode::kPrefix: {
      RValue v = spec.value->eval(row, st);
      if (!v.isString()) {  // STARTS WITH a non-string is null
        use = IndexUse::kNothing;
        return std::nullopt;
      }
      return storage::IndexRange::startsWith(v.asString());
    }
  }
  return std::nullopt;
}

class IndexSeekOp final : public NodeCandidatesOp<IndexSeekOp> {
 public:
  IndexSeekOp(const IndexSeekSpec& spec, ExecState& st, OperatorPtr input)
      : NodeCandidatesOp(st, std::move(input), spec.slot, spec.check), spec_(spec) {}

 private:
  friend NodeCandidatesOp;

  void scanLabel(const std::function<bool(storage::NodeId)>& collect) {
    if (auto label = st_.id(spec_.label)) st_.tx.scanLabel(*label, collect);
    st_.checkBudget();
  }

  void fill(const Row& row) {
    if (!startCandidates(row)) return;
    auto collect = [this](storage::NodeId id) {
      ids_.push_back(id);
      return !st_.tickExpired();
    };
    IndexUse use;
    auto r = indexRange(spec_, row, st_, use);
    if (use == IndexUse::kNothing) return;
    if (use == IndexUse::kScan) return scanLabel(collect);
    storage::Status s = st_.tx.indexSeek(spec_.index, *r, collect);
    if (s.code() == storage::Status::Code::kNotFound) {  // dropped since planning
      ids_.clear();
      return scanLabel(collect);
    }
    throwIfFailed(s);
    st_.checkBudget();
  }

  const IndexSeekSpec& spec_;
};

class IndexSeekNode final : public SpecNode<IndexSeekSpec, IndexSeekOp> {
 public:
  using SpecNode::SpecNode;
  std::string describe(const NameTable& names) const override {
    return "NodeIndexSeek(" + spec_.index_name + ", " + spec_.text + ") (" + spec_.var + ":" +
           names.name(spec_.label) + spec_.check.describe(names) + ")";
  }
};

}  // namespace

std::optional<storage::IndexRange> indexRange(const IndexKeySpec& spec, const Row& row,
                                              ExecState& st, IndexUse& use) {
  std::vector<Value> leading;
  for (const auto& p : spec.leading) {
    RValue v = p->eval(row, st);
    if ((use = indexable(v)) != IndexUse::kSeek) return std::nullopt;
    leading.push_back(v.toValue());
  }
  auto r = last(spec, row, st, use);
  if (r) r->leading = std::move(leading);
  return r;
}

PlanPtr makeIndexSeek(IndexSeekSpec spec, PlanPtr input) {
  return withInput(std::make_unique<IndexSeekNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
