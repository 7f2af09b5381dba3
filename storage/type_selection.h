// storage/type_selection.h — walking a relation-type selection in key order.
#pragma once

#include <algorithm>
#include <vector>

#include "storage/graph_store.h"

namespace entente::storage {

//! Calls fn(t) for each distinct type of `types` in increasing order (the order adjacency
//! lists are sorted in); false as soon as fn returns false. Sorts a copy only if needed.
template <typename F>
bool forEachDistinctType(const std::vector<TypeId>& types, F&& fn) {
  if (std::is_sorted(types.begin(), types.end())) {
    for (size_t i = 0; i < types.size(); ++i)
      if ((i == 0 || types[i] != types[i - 1]) && !fn(types[i])) return false;
    return true;
  }
  std::vector<TypeId> sorted(types);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (TypeId t : sorted)
    if (!fn(t)) return false;
  return true;
}

}  // namespace entente::storage
