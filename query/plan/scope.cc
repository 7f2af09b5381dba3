#include "query/plan/scope.h"

namespace entente::query {

const char* kindName(VarKind k) {
  switch (k) {
    case VarKind::kNode: return "Node";
    case VarKind::kRel: return "Relationship";
    case VarKind::kRelList: return "List<Relationship>";
    case VarKind::kPath: return "Path";
    default: return "Any";
  }
}

StaticType staticTypeOf(const Variable& v) {
  using K = StaticType::Kind;
  switch (v.kind) {
    case VarKind::kNode: return StaticType::of(K::kNode);
    case VarKind::kRel: return StaticType::of(K::kRel);
    case VarKind::kRelList: return StaticType::of(K::kList, K::kRel);
    case VarKind::kPath: return StaticType::of(K::kPath);
    default: return v.type;
  }
}

}  // namespace entente::query
