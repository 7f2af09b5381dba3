#include "query/exec/node_check.h"

#include <algorithm>

namespace entente::query {
namespace {

// Evaluates a `$map` property pattern into (key id, value) pairs; false if a key is unknown
// (then nothing can match) or a value is null.
bool evalMap(ExecState& st, const Row& row, const ExprProgram& expr,
             std::vector<std::pair<uint32_t, RValue>>& out) {
  RValue m = expr->eval(row, st);
  if (m.isNull()) return true;
  if (!m.isMap()) return false;
  for (const auto& [k, v] : m.asMap()) {
    if (v.isNull()) return false;
    auto id = st.tx.lookupString(k);
    if (!id) return false;
    out.emplace_back(*id, v);
  }
  return true;
}

bool evalTests(ExecState& st, const Row& row, const std::vector<PropertyTest>& tests,
               const ExprProgram& map, std::vector<std::pair<uint32_t, RValue>>& out) {
  out.clear();
  for (const auto& t : tests) {
    RValue v = t.value->eval(row, st);
    if (v.isNull()) return false;  // `{k: null}` never matches
    auto id = st.id(t.key);
    if (!id) return false;
    out.emplace_back(*id, std::move(v));
  }
  if (map && !evalMap(st, row, map, out)) return false;
  return true;
}

bool equalTo(const std::optional<Value>& stored, const RValue& want) {
  if (!stored) return false;
  auto eq = cypherEquals(RValue::fromValue(*stored), want);
  return eq && *eq;
}

std::string propsText(const NameTable& names, const std::vector<PropertyTest>& props,
                      bool has_map) {
  if (props.empty() && !has_map) return "";
  std::string s = " {";
  for (size_t i = 0; i < props.size(); ++i) {
    if (i) s += ", ";
    s += names.name(props[i].key) + ": " + props[i].text;
  }
  if (has_map) s += props.empty() ? "$map" : ", $map";
  return s + "}";
}

}  // namespace

std::string NodeCheckSpec::describe(const NameTable& names) const {
  std::string s;
  for (int l : labels) s += ":" + names.name(l);
  s += propsText(names, props, props_map != nullptr);
  if (name_ref) s += " \"" + *name_ref + "\"";
  return s;
}

bool NodeCheck::prepare(ExecState& st, const Row& row) {
  if (spec_.empty()) return true;
  labels_.clear();
  for (int l : spec_.labels) {
    auto id = st.id(l);
    if (!id) return false;
    labels_.push_back(*id);
  }
  by_name_ = false;
  if (spec_.name_ref) {
    by_name_ = true;
    name_ids_ = st.tx.findByName(*spec_.name_ref);
  }
  if (spec_.props_map) {
    // `($name)` with a string parameter is the node of that name or alias, like ("Name").
    RValue m = spec_.props_map->eval(row, st);
    if (m.isString()) {
      auto ids = st.tx.findByName(m.asString());
      if (by_name_) {
        std::vector<uint64_t> both;
        for (uint64_t id : ids)
          if (std::find(name_ids_.begin(), name_ids_.end(), id) != name_ids_.end())
            both.push_back(id);
        ids.swap(both);
      }
      name_ids_ = std::move(ids);
      by_name_ = true;
      return evalTests(st, row, spec_.props, nullptr, props_);
    }
  }
  return evalTests(st, row, spec_.props, spec_.props_map, props_);
}

bool NodeCheck::matches(ExecState& st, uint64_t node) const {
  if (spec_.empty()) return true;
  if (labels_.empty() && props_.empty()) {
    return !by_name_ || std::find(name_ids_.begin(), name_ids_.end(), node) != name_ids_.end();
  }
  if (!st.tx.writable()) {
    // A read transaction keeps the records it has read (storage/rocks_txn.h), so asking for
    // each label and property is cheaper than decoding the whole node: a pattern checks the
    // labels of the same nodes from many rows, and most nodes carry many properties.
    for (uint32_t l : labels_)
      if (!st.tx.nodeHasLabel(node, l)) return false;
    for (const auto& [key, want] : props_) {
      if (!equalTo(st.tx.nodeProperty(node, key), want)) return false;
    }
  } else {  // one read of the write batch and RocksDB for all the checks
    auto rec = st.tx.getNode(node);
    if (!rec) return false;
    for (uint32_t l : labels_)
      if (!std::binary_search(rec->labels.begin(), rec->labels.end(), l)) return false;
    for (const auto& [key, want] : props_) {
      auto it = std::lower_bound(rec->props.begin(), rec->props.end(), key,
                                 [](const auto& p, uint32_t k) { return p.first < k; });
      if (it == rec->props.end() || it->first != key) return false;
      if (!equalTo(it->second, want)) return false;
    }
  }
  if (by_name_ && std::find(name_ids_.begin(), name_ids_.end(), node) == name_ids_.end())
    return false;
  return true;
}

std::string EdgeFilterSpec::describe(const NameTable& names) const {
  std::string s;
  for (size_t i = 0; i < types.size(); ++i) s += (i ? "|" : ":") + names.name(types[i]);
  return s + propsText(names, props, props_map != nullptr);
}

bool EdgeFilter::prepare(ExecState& st, const Row& row) {
  types_.clear();
  for (int t : spec_.types)
    if (auto id = st.id(t)) types_.push_back(*id);
  if (!spec_.types.empty() && types_.empty()) return false;  // only unknown types: nothing
  const std::vector<uint32_t>& all_sym = st.symmetricTypes();
  if (types_.empty()) {
    sym_ = all_sym;
  } else {
    sym_.clear();
    for (uint32_t t : types_)
      if (std::binary_search(all_sym.begin(), all_sym.end(), t)) sym_.push_back(t);
  }
  return evalTests(st, row, spec_.props, spec_.props_map, props_);
}

bool EdgeFilter::accept(const ExecState& st, const storage::EdgeRef& e) const {
  if (!st.edgeValid(e.raw_props)) return false;
  for (const auto& [key, want] : props_)
    if (!equalTo(storage::findProperty(e.raw_props, key), want)) return false;
  return true;
}

void EdgeFilter::scan(ExecState& st, uint64_t node, storage::Direction dir,
                      const std::function<void(const storage::EdgeRef&)>& fn) const {
  st.tx.edges(node, dir, types_, [&](const storage::EdgeRef& e) {
    if (accept(st, e)) fn(e);
    return !st.tickExpired();
  });
  if (dir != storage::Direction::kBoth && !sym_.empty()) {
    auto back =
        dir == storage::Direction::kOut ? storage::Direction::kIn : storage::Direction::kOut;
    st.tx.edges(node, back, sym_, [&](const storage::EdgeRef& e) {
      if (e.src != e.dst && accept(st, e)) fn(e);
      return !st.tickExpired();
    });
  }
  st.checkBudget();
}

std::string arrow(storage::Direction dir, const std::string& inner) {
  switch (dir) {
    case storage::Direction::kOut: return "-[" + inner + "]->";
    case storage::Direction::kIn: return "<-[" + inner + "]-";
    default: return "-[" + inner + "]-";
  }
}

}  // namespace entente::query
