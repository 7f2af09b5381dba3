#include "query/bind/scope.h"

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

}  // namespace entente::query
