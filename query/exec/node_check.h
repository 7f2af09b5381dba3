// query/exec/node_check.h — the inline parts of node and relationship patterns.
//
// `(n:A:B {k: v})` becomes a NodeCheck (labels + property equalities) applied where the node
// is bound; `-[:T1|T2 {k: v}]->` becomes an EdgeFilter: the types go into the storage
// prefix scan, the properties and the AS OF validity are tested on the raw property bytes of
// each adjacency entry (no decoding of the rest). Values are evaluated once per input row.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/exec/exec_state.h"
#include "storage/graph_store.h"

namespace entente::query {

struct PropertyTest {
  int key;            // NameTable index
  ExprProgram value;  // compared with `=`
  std::string text;   // for EXPLAIN
};

struct NodeCheckSpec {
  std::vector<int> labels;  // NameTable indexes
  std::vector<PropertyTest> props;
  ExprProgram props_map;                // `(n $map)`: every entry must be equal
  std::optional<std::string> name_ref;  // ("Name") on an already bound node
  bool empty() const { return labels.empty() && props.empty() && !props_map && !name_ref; }
  std::string describe(const NameTable& names) const;  // ":A {k: v}"
};

class NodeCheck {
 public:
  explicit NodeCheck(const NodeCheckSpec& spec) : spec_(spec) {}
  //! Evaluates values for the current row; false if no node can match (unknown label, null).
  bool prepare(ExecState& st, const Row& row);
  bool matches(ExecState& st, uint64_t node) const;
  bool trivial() const { return spec_.empty(); }

 private:
  const NodeCheckSpec& spec_;
  std::vector<uint32_t> labels_;
  std::vector<std::pair<uint32_t, RValue>> props_;
  bool by_name_ = false;  // ("Name") or ($string): only these nodes
  std::vector<uint64_t> name_ids_;
};

struct EdgeFilterSpec {
  std::vector<int> types;  // NameTable indexes; empty = any type
  std::vector<PropertyTest> props;
  ExprProgram props_map;
  std::string describe(const NameTable& names) const;  // ":A|B {k: v}"
};

class EdgeFilter {
 public:
  explicit EdgeFilter(const EdgeFilterSpec& spec) : spec_(spec) {}
  //! Resolves types and evaluates values for the current row; false if nothing can match.
  bool prepare(ExecState& st, const Row& row);
  const std::vector<uint32_t>& types() const { return types_; }
  //! AS OF validity and property equalities of one adjacency entry.
  bool accept(const ExecState& st, const storage::EdgeRef& e) const;
  //! Calls fn for every accepted edge of `node` in direction `dir`. Relations of a type
  //! declared SYMMETRIC also match against their stored direction (README, "The default
  //! vocabulary"), so a directed pattern sees them from both ends; a symmetric self loop is
  //! reported once. Stops early (and returns) when the time budget runs out.
  void scan(ExecState& st, uint64_t node, storage::Direction dir,
            const std::function<void(const storage::EdgeRef&)>& fn) const;
  //! Symmetric types among those this filter matches (empty: plain directed semantics).
  const std::vector<uint32_t>& symmetric() const { return sym_; }

 private:
  const EdgeFilterSpec& spec_;
  std::vector<uint32_t> types_, sym_;
  std::vector<std::pair<uint32_t, RValue>> props_;
};

//! Storage direction seen from the node an expansion starts at.
std::string arrow(storage::Direction dir, const std::string& inner);

}  // namespace entente::query
