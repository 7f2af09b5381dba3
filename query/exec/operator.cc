// query/exec/operator.cc — PlanNode::open (with the PROFILE wrapper) and the EXPLAIN / PROFILE
// walks over a plan.
#include "query/exec/operator.h"

#include <chrono>

namespace entente::query {
namespace {

// Counts rows and inclusive time of the wrapped operator (PROFILE only).
class ProfiledOp final : public Operator {
 public:
  ProfiledOp(ExecState& st, OperatorPtr inner, ProfileEntry& entry)
      : Operator(st), inner_(std::move(inner)), entry_(entry) {}
  void reset() override { inner_->reset(); }

 private:
  bool getNext(Row& row) override {
    auto t0 = std::chrono::steady_clock::now();
    bool ok = inner_->next(row);
    entry_.ns +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    if (ok) ++entry_.rows;
    return ok;
  }

  OperatorPtr inner_;
  ProfileEntry& entry_;
};

void walk(const PlanNode& node, int depth, std::vector<const PlanNode*>& nodes,
          std::vector<int>& depths) {
  nodes.push_back(&node);
  depths.push_back(depth);
  for (const auto& c : node.children) walk(*c, depth + 1, nodes, depths);
}

}  // namespace

OperatorPtr PlanNode::open(ExecState& st) const {
  OperatorPtr op = instantiate(st);
  if (st.profiling) op = std::make_unique<ProfiledOp>(st, std::move(op), st.profile[this]);
  return op;
}

std::vector<std::string> explainLines(const PlanNode& root, const NameTable& names) {
  std::vector<const PlanNode*> nodes;
  std::vector<int> depths;
  walk(root, 0, nodes, depths);
  std::vector<std::string> out;
  for (size_t i = 0; i < nodes.size(); ++i)
    out.push_back(std::string(depths[i] * 2, ' ') + nodes[i]->describe(names));
  return out;
}

std::vector<ProfileLine> profileLines(const PlanNode& root, const ExecState& st) {
  std::vector<const PlanNode*> nodes;
  std::vector<int> depths;
  walk(root, 0, nodes, depths);
  std::vector<ProfileLine> out;
  for (size_t i = 0; i < nodes.size(); ++i) {
    ProfileLine line{std::string(depths[i] * 2, ' ') + nodes[i]->describe(st.names), 0, 0.0};
    auto it = st.profile.find(nodes[i]);
    if (it != st.profile.end()) {
      line.rows = it->second.rows;
      line.time_ms = static_cast<double>(it->second.ns) / 1e6;
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace entente::query
