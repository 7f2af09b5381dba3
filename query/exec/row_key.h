// query/exec/row_key.h — hashing and equivalence of value tuples (DISTINCT, grouping).
#pragma once

#include <vector>

#include "query/expr/expression.h"

namespace entente::query {

struct RowKeyHash {
  size_t operator()(const std::vector<RValue>& k) const {
    size_t h = 0x9e3779b97f4a7c15ULL;
    for (const auto& v : k) h = (h ^ equivalenceHash(v)) * 0x100000001b3ULL;
    return h;
  }
};

struct RowKeyEq {
  bool operator()(const std::vector<RValue>& a, const std::vector<RValue>& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!equivalent(a[i], b[i])) return false;
    return true;
  }
};

}  // namespace entente::query
