// query/expr/nodes.cc — evaluation of the compiled expression nodes.
#include "query/expr/nodes.h"

#include <algorithm>

namespace entente::query::expr {

RValue ParamNode::eval(const Row&, EvalContext& ctx) const {
  if (ctx.params) {
    const RMap& m = *ctx.params;
    auto it = std::lower_bound(m.begin(), m.end(), name_,
                               [](const auto& e, const std::string& k) { return e.first < k; });
    if (it != m.end() && it->first == name_) return it->second;
  }
  throw QueryError(ErrorCode::kParameterMissing, "Expected parameter: $" + name_, pos_,
                   ErrorDetail::kMissingParameter);
}

RValue ListNode::eval(const Row& row, EvalContext& ctx) const {
  RList out;
  out.reserve(items_.size());
  for (const auto& item : items_) out.push_back(item->eval(row, ctx));
  return out;
}

RValue MapNode::eval(const Row& row, EvalContext& ctx) const {
  RMap out;
  out.reserve(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) out.emplace_back(keys_[i], values_[i]->eval(row, ctx));
  return out;
}

RValue MapProjectionNode::eval(const Row& row, EvalContext& ctx) const {
  RValue base = base_->eval(row, ctx);
  if (base.isNull()) return RValue();
  if (!base.isNode() && !base.isRel() && !base.isMap())
    throwTypeError(
        std::string("Type mismatch: a map projection expects a Node, Relationship or Map, got ") +
            base.kindName(),
        pos_);
  RMap out;
  if (all_) {
    RValue props = all_->eval(row, ctx);  // null for an entity deleted by this statement
    if (props.isMap()) out = props.asMap();
  }
  // Merge the sorted entries into the sorted properties; entries win.
  RMap merged;
  merged.reserve(out.size() + keys_.size());
  size_t i = 0;
  for (size_t k = 0; k < keys_.size(); ++k) {
    while (i < out.size() && out[i].first < keys_[k]) merged.push_back(std::move(out[i++]));
    if (i < out.size() && out[i].first == keys_[k]) ++i;
    merged.emplace_back(keys_[k], values_[k]->eval(row, ctx));
  }
  while (i < out.size()) merged.push_back(std::move(out[i++]));
  return merged;
}

RValue UnaryNode::eval(const Row& row, EvalContext& ctx) const {
  RValue v = child_->eval(row, ctx);
  switch (op_) {
    case ast::Op::kNot: {
      auto b = boolOperand(v, "NOT", pos_);
      return b ? RValue(!*b) : RValue();
    }
    case ast::Op::kNeg: return negate(v, pos_);
    default: return unaryPlus(v, pos_);
  }
}

RValue LogicNode::eval(const Row& row, EvalContext& ctx) const {
  const char* name = op_ == ast::Op::kAnd ? "AND" : (op_ == ast::Op::kOr ? "OR" : "XOR");
  auto a = boolOperand(l_->eval(row, ctx), name, pos_);
  if (op_ == ast::Op::kAnd && a == false) return false;
  if (op_ == ast::Op::kOr && a == true) return true;
  auto b = boolOperand(r_->eval(row, ctx), name, pos_);
  switch (op_) {
    case ast::Op::kAnd:
      if (b == false) return false;
      if (!a || !b) return RValue();
      return true;
    case ast::Op::kOr:
      if (b == true) return true;
      if (!a || !b) return RValue();
      return false;
    default:
      if (!a || !b) return RValue();
      return *a != *b;
  }
}

RValue BinaryNode::eval(const Row& row, EvalContext& ctx) const {
  RValue a = l_->eval(row, ctx);
  RValue b = r_->eval(row, ctx);
  switch (op_) {
    case ast::Op::kEq:
    case ast::Op::kNe:
    case ast::Op::kLt:
    case ast::Op::kLe:
    case ast::Op::kGt:
    case ast::Op::kGe: return comparison(op_, a, b);
    case ast::Op::kStartsWith:
    case ast::Op::kEndsWith:
    case ast::Op::kContains: return stringPredicate(op_, a, b);
    case ast::Op::kIn: return inList(a, b, pos_);
    default: return arithmetic(op_, a, b, pos_);
  }
}

boost::regex compileRegex(const std::string& pattern, ast::SourcePos pos) {
  try {
    return boost::regex(pattern, boost::regex::ECMAScript);
  } catch (const std::exception& e) {
    throwArgumentError("Invalid regular expression '" + pattern + "': " + e.what(), pos);
  }
}

RValue RegexNode::eval(const Row& row, EvalContext& ctx) const {
  RValue s = l_->eval(row, ctx);
  RValue p = constant_ ? RValue() : r_->eval(row, ctx);
  if (!s.isString() || (!constant_ && !p.isString())) return RValue();
  try {
    if (constant_) return boost::regex_match(s.asString(), *constant_);
    return boost::regex_match(s.asString(), compileRegex(p.asString(), pos_));
  } catch (const QueryError&) {
    throw;
  } catch (const std::exception& e) {
    // Too complex a match (Boost's bounded matcher gave up): an error, never a crash.
    throwArgumentError(std::string("Regular expression failed: ") + e.what(), pos_);
  }
}

RValue FunctionNode::eval(const Row& row, EvalContext& ctx) const {
  constexpr size_t kInline = 4;
  RValue inline_args[kInline];
  std::vector<RValue> heap_args;
  size_t n = args_.size();
  RValue* args = inline_args;
  if (n > kInline) {
    heap_args.resize(n);
    args = heap_args.data();
  }
  for (size_t i = 0; i < n; ++i) {
    args[i] = args_[i]->eval(row, ctx);
    if (def_->strict && args[i].isNull()) return RValue();
  }
  return def_->fn(FnArgs{args, n, ctx, pos_, def_->name});
}

RValue CaseNode::eval(const Row& row, EvalContext& ctx) const {
  if (subject_) {
    RValue s = subject_->eval(row, ctx);
    for (size_t i = 0; i < whens_.size(); ++i)
      if (cypherEquals(s, whens_[i]->eval(row, ctx)) == true) return thens_[i]->eval(row, ctx);
  } else {
    for (size_t i = 0; i < whens_.size(); ++i)
      if (toPredicate(whens_[i]->eval(row, ctx), pos_) == true) return thens_[i]->eval(row, ctx);
  }
  return else_ ? else_->eval(row, ctx) : RValue();
}

RValue SliceNode::eval(const Row& row, EvalContext& ctx) const {
  RValue b = base_->eval(row, ctx);
  RValue f = from_ ? from_->eval(row, ctx) : RValue();
  RValue t = to_ ? to_->eval(row, ctx) : RValue();
  return slice(b, from_ ? &f : nullptr, to_ ? &t : nullptr, pos_);
}

RValue IterationNode::eval(const Row& row, EvalContext& ctx) const {
  RValue list = list_->eval(row, ctx);
  if (list.isNull()) return RValue();
  if (!list.isList())
    throwTypeError(
        std::string("Type mismatch: expected a List to iterate over, got ") + list.kindName(),
        pos_);
  // The scratch slot is ours while we iterate (see CompileScope::newSlot).
  Row& scratch = const_cast<Row&>(row);
  if (scratch.size() <= slot_) scratch.resize(slot_ + 1);
  RValue saved = std::move(scratch[slot_]);
  struct Restore {
    Row& row;
    size_t slot;
    RValue& saved;
    ~Restore() { row[slot] = std::move(saved); }
  } restore{scratch, slot_, saved};

  RList out;
  size_t trues = 0;
  bool unknown = false;
  for (const auto& item : list.asList()) {
    scratch[slot_] = item;
    std::optional<bool> keep = true;
    if (where_)
      keep = toPredicate(where_->eval(scratch, ctx), pos_);
    else if (quantifier_ != ast::Op::kNone)
      keep = toPredicate(item, pos_);
    if (quantifier_ == ast::Op::kNone) {
      if (keep == true) out.push_back(proj_ ? proj_->eval(scratch, ctx) : item);
      continue;
    }
    if (!keep) {
      unknown = true;
      continue;
    }
    if (*keep) ++trues;
    // Decided early: any/none on the first true, all on the first false, single on the second true.
    if (quantifier_ == ast::Op::kAny && *keep) return true;
    if (quantifier_ == ast::Op::kNone_ && *keep) return false;
    if (quantifier_ == ast::Op::kAll && !*keep) return false;
    if (quantifier_ == ast::Op::kSingle && trues > 1) return false;
  }
  switch (quantifier_) {
    case ast::Op::kNone: return out;
    case ast::Op::kAny: return unknown ? RValue() : RValue(false);
    case ast::Op::kNone_: return unknown ? RValue() : RValue(true);
    case ast::Op::kAll: return unknown ? RValue() : RValue(true);
    default: return unknown ? RValue() : RValue(trues == 1);
  }
}

RValue ReduceNode::eval(const Row& row, EvalContext& ctx) const {
  RValue acc = init_->eval(row, ctx);
  RValue list = list_->eval(row, ctx);
  if (list.isNull()) return RValue();
  if (!list.isList())
    throwTypeError(std::string("Type mismatch: reduce() expects a List to iterate over, got ") +
                       list.kindName(),
                   pos_);
  // Both scratch slots are ours while we iterate (see CompileScope::newSlot).
  Row& scratch = const_cast<Row&>(row);
  size_t width = std::max(acc_slot_, item_slot_) + 1;
  if (scratch.size() < width) scratch.resize(width);
  RValue saved_acc = std::move(scratch[acc_slot_]);
  RValue saved_item = std::move(scratch[item_slot_]);
  struct Restore {
    Row& row;
    size_t acc_slot, item_slot;
    RValue &acc, &item;
    ~Restore() {
      row[acc_slot] = std::move(acc);
      row[item_slot] = std::move(item);
    }
  } restore{scratch, acc_slot_, item_slot_, saved_acc, saved_item};
  for (const auto& item : list.asList()) {
    scratch[acc_slot_] = std::move(acc);
    scratch[item_slot_] = item;
    acc = body_->eval(scratch, ctx);
  }
  return acc;
}

}  // namespace entente::query::expr
