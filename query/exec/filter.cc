// Filter (WHERE conjuncts), Project (WITH/RETURN items into new slots) and BuildPath.
#include "query/exec/operators.h"

namespace entente::query {
namespace {

class FilterOp final : public Operator {
 public:
  FilterOp(const CompiledExpr& pred, ExecState& st, OperatorPtr input) : pred_(pred), st_(st), input_(std::move(input)) {}
  void reset() override { input_->reset(); }
  bool next(Row& row) override {
    while (input_->next(row)) {
      st_.tick();
      auto v = toPredicate(pred_.eval(row, st_), {});
      if (v && *v) return true;
    }
    return false;
  }

 private:
  const CompiledExpr& pred_;
  ExecState& st_;
  OperatorPtr input_;
};

class FilterNode final : public PlanNode {
 public:
  FilterNode(ExprProgram pred, std::string text) : pred_(std::move(pred)), text_(std::move(text)) {}
  std::string describe(const NameTable&) const override { return "Filter " + text_; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<FilterOp>(*pred_, st, children[0]->open(st));
  }

 private:
  ExprProgram pred_;
  std::string text_;
};

class ProjectOp final : public Operator {
 public:
  ProjectOp(const std::vector<ProjectItem>& items, ExecState& st, OperatorPtr input)
      : items_(items), st_(st), input_(std::move(input)) {}
  void reset() override { input_->reset(); }
  bool next(Row& row) override {
    if (!input_->next(row)) return false;
    for (const auto& item : items_) row[item.slot] = item.expr->eval(row, st_);
    return true;
  }

 private:
  const std::vector<ProjectItem>& items_;
  ExecState& st_;
  OperatorPtr input_;
};

class ProjectNode final : public PlanNode {
 public:
  explicit ProjectNode(std::vector<ProjectItem> items) : items_(std::move(items)) {}
  std::string describe(const NameTable&) const override {
    std::string s = "Project ";
    for (size_t i = 0; i < items_.size(); ++i) s += (i ? ", " : "") + items_[i].text;
    return s;
  }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<ProjectOp>(items_, st, children[0]->open(st));
  }

 private:
  std::vector<ProjectItem> items_;
};

class BuildPathOp final : public Operator {
 public:
  BuildPathOp(const BuildPathSpec& spec, OperatorPtr input) : spec_(spec), input_(std::move(input)) {}
  void reset() override { input_->reset(); }
  bool next(Row& row) override {
    while (input_->next(row)) {
      if (buildPath(spec_, row)) return true;
    }
    return false;
  }

 private:
  const BuildPathSpec& spec_;
  OperatorPtr input_;
};

class BuildPathNode final : public PlanNode {
 public:
  explicit BuildPathNode(BuildPathSpec spec) : spec_(std::move(spec)) {}
  std::string describe(const NameTable&) const override { return "BuildPath " + spec_.var; }

 protected:
  OperatorPtr instantiate(ExecState& st) const override {
    return std::make_unique<BuildPathOp>(spec_, children[0]->open(st));
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

PlanPtr makeFilter(ExprProgram predicate, std::string text, PlanPtr input) {
  return withInput(std::make_unique<FilterNode>(std::move(predicate), std::move(text)), std::move(input));
}

PlanPtr makeProject(std::vector<ProjectItem> items, PlanPtr input) {
  return withInput(std::make_unique<ProjectNode>(std::move(items)), std::move(input));
}

PlanPtr makeBuildPath(BuildPathSpec spec, PlanPtr input) {
  return withInput(std::make_unique<BuildPathNode>(std::move(spec)), std::move(input));
}

}  // namespace entente::query
