// BuildPath: assembles a named path `p = (a)-[r]->(b)…` from the row's nodes, relationships
// and relationship lists (a null path when an OPTIONAL MATCH matched nothing).
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class BuildPathOp final : public SingleInputOperator {
 public:
  BuildPathOp(const BuildPathSpec& spec, ExecState& st, OperatorPtr input)
      : SingleInputOperator(st, std::move(input)), spec_(spec) {}

 private:
  bool getNext(Row& row) override {
    while (input_->next(row)) {
      if (buildPath(spec_, row)) return true;
    }
    return false;
  }

  const BuildPathSpec& spec_;
};

class BuildPathNode final : public PlanNode {
 public:
  explicit BuildPathNode(BuildPathSpec spec) : spec_(std::move(spec)) {}
  std::string describe(const NameTable&) const override { return "BuildPath " + spec_.var; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<BuildPathOp>(spec_, st, children[0]->open(st));
  }

 private:
  BuildPathSpec spec_;
};

}  // namespace

bool buildPath(const BuildPathSpec& spec, Row& row) {
  const RValue& start = row[spec.start];
  if (!start.isNode()) {
    row[spec.slot] = RValue();
    return true;  // null path (OPTIONAL MATCH without a match)
  }
  PathRef p;
  uint64_t cur = start.asNode().id;
  p.nodes.push_back(NodeRef{cur});
  for (const auto& seg : spec.segments) {
    const RValue& r = row[seg.rel];
    if (seg.is_list) {
      if (!r.isList()) return false;
      for (const auto& item : r.asList()) {
        const RelRef& rel = item.asRel();
        cur = rel.src == cur ? rel.dst : rel.src;
        p.rels.push_back(rel);
        p.nodes.push_back(NodeRef{cur});
      }
    } else {
      if (!r.isRel()) {
        row[spec.slot] = RValue();
        return true;
      }
      const RelRef& rel = r.asRel();
      cur = rel.src == cur ? rel.dst : rel.src;
      p.rels.push_back(rel);
      p.nodes.push_back(NodeRef{cur});
    }
  }
  row[spec.slot] = RValue(std::move(p));
  return true;
}

PlanPtr makeBuildPath(BuildPathSpec spec, PlanPtr input) {
  return withInput(std::make_unique<BuildPathNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
