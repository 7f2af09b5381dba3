// query/plan/scope.h — variables visible at a point of a query, each bound to a row slot.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "query/expr/static_type.h"

namespace entente::query {

enum class VarKind { kNode, kRel, kRelList, kPath, kValue };

struct Variable {
  int slot = -1;
  VarKind kind = VarKind::kValue;
  StaticType type;  // kValue: what is known of its values (WITH 1 AS n: an Integer)

  Variable() = default;
  Variable(int s, VarKind k, StaticType t = {}) : slot(s), kind(k), type(t) {}
};

//! The static type of a variable of this kind (`type` for kValue).
StaticType staticTypeOf(const Variable& v);

//! Hidden variables (anonymous pattern elements, synthetic names) start with a space, which
//! no user identifier can.
inline bool isHidden(std::string_view name) { return !name.empty() && name[0] == ' '; }

class Scope {
 public:
  const Variable* find(std::string_view name) const {
    auto it = vars_.find(name);
    return it == vars_.end() ? nullptr : &it->second;
  }
  void bind(const std::string& name, Variable v) { vars_[name] = v; }
  //! Visible (non-hidden) names in alphabetical order (RETURN * / WITH *).
  std::vector<std::string> visibleNames() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : vars_)
      if (!isHidden(k)) out.push_back(k);
    return out;
  }
  //! Adds every binding of `other` (other wins on conflicts).
  void overlay(const Scope& other) {
    for (const auto& [k, v] : other.vars_) vars_[k] = v;
  }

 private:
  std::map<std::string, Variable, std::less<>> vars_;
};

const char* kindName(VarKind k);

}  // namespace entente::query
