// query/procedures/algorithm_procedures.cc — algo.* procedures on cached CSR projections.
//
//   algo.shortestPath(a, b [, types [, weightProperty [, options]]]) YIELD path, cost
//       weight: the relation property named (1 when absent), default 1/confidence;
//       options {direction: 'both' (default) | 'out'}
//   algo.components([types]) YIELD component, size, members      (weak components)
//   algo.betweenness([types [, options]]) YIELD node, score      (undirected; {normalize: true})
//   algo.pageRank([types [, damping [, iterations]]]) YIELD node, score   (directed)
// `types` is null (every type), "A|B", or a list of names. All honour the statement's AS OF,
// and its time budget and cancel flag (projection and algorithm alike).
#include <algorithm>
#include <numeric>

#include "analytics/algorithms.h"
#include "query/error.h"
#include "query/procedures/analytics_args.h"

namespace entente::query {

namespace {

analytics::ProjectionSpec specOf(ProcedureContext& ctx, const RValue& types,
                                 analytics::DirectionMode dir) {
  analytics::ProjectionSpec spec;
  spec.types = proc::typesArg(types, "types");
  spec.as_of = ctx.asOf();
  spec.direction = dir;
  return spec;
}

//! Rows (node, score) sorted by score, highest first.
std::vector<Row> scoreRows(const analytics::Projection& p, const std::vector<double>& score) {
  std::vector<uint32_t> order(score.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return score[a] > score[b]; });
  std::vector<Row> rows;
  rows.reserve(order.size());
  for (uint32_t v : order) rows.push_back({RValue(NodeRef{p.nodeAt(v)}), RValue(score[v])});
  return rows;
}

std::vector<Row> runShortestPath(const std::vector<RValue>& args, ProcedureContext& ctx) {
  const RValue& opts = args[4];
  proc::checkOptions(opts, "algo.shortestPath");
  auto a = proc::entityArg(ctx, args[0], "a", false);
  auto b = proc::entityArg(ctx, args[1], "b", false);
  std::string direction = "both";
  if (const RValue* d = proc::option(opts, "direction")) {
    if (!d->isString() || (d->asString() != "both" && d->asString() != "out"))
      throw QueryError(ErrorCode::kArgumentError, "Option `direction` must be 'both' or 'out'", {},
                       ErrorDetail::kInvalidArgumentValue);
    direction = d->asString();
  }
  auto spec = specOf(ctx, args[2],
                     direction == "out" ? analytics::DirectionMode::kDirected
                                        : analytics::DirectionMode::kUndirected);
  if (!args[3].isNull()) {
    if (!args[3].isString())
      throw QueryError(ErrorCode::kArgumentError, "Argument `weightProperty` must be a string", {},
                       ErrorDetail::kInvalidArgumentValue);
    spec.weight_property = args[3].asString();
  }
  auto gc = proc::graphContext(ctx);
  auto p = gc.project(spec);
  auto ai = p->indexOf(a.node), bi = p->indexOf(b.node);
  if (!ai || !bi) return {};
  auto path = analytics::shortestPath(*p, *ai, *bi, gc.interrupt);
  if (!path) return {};
  PathRef out;
  for (uint32_t v : path->nodes) out.nodes.push_back(NodeRef{p->nodeAt(v)});
  for (size_t i = 0; i < path->edges.size(); ++i) {
    const auto& d = p->edge(path->edges[i]);
    uint64_t u = p->nodeAt(path->nodes[i]), w = p->nodeAt(path->nodes[i + 1]);
    out.rels.push_back(RelRef{d.id, d.reversed ? w : u, d.type, d.reversed ? u : w});
  }
  return {{RValue(std::move(out)), RValue(path->cost)}};
}

std::vector<Row> runComponents(const std::vector<RValue>& args, ProcedureContext& ctx) {
  auto gc = proc::graphContext(ctx);
  auto p = gc.project(specOf(ctx, args[0], analytics::DirectionMode::kDirected));
  uint32_t count = 0;
  auto comp = analytics::connectedComponents(*p, &count, gc.interrupt);
  std::vector<RList> members(count);
  for (uint32_t v = 0; v < comp.size(); ++v) {
    members[comp[v]].push_back(RValue(analytics::nodeName(ctx.txn(), p->nodeAt(v))));
    if ((v & 4095) == 0) ctx.checkBudget();
  }
  std::vector<uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return members[a].size() > members[b].size(); });
  std::vector<Row> rows;
  for (uint32_t i = 0; i < count; ++i) {
    auto& m = members[order[i]];
    int64_t size = static_cast<int64_t>(m.size());
    rows.push_back({RValue(static_cast<int64_t>(i + 1)), RValue(size), RValue(std::move(m))});
  }
  return rows;
}

std::vector<Row> runBetweenness(const std::vector<RValue>& args, ProcedureContext& ctx) {
  proc::checkOptions(args[1], "algo.betweenness");
  bool normalize = proc::boolOption(args[1], "normalize", false);
  auto gc = proc::graphContext(ctx);
  auto p = gc.project(specOf(ctx, args[0], analytics::DirectionMode::kUndirected));
  return scoreRows(*p, analytics::betweenness(*p, normalize, gc.interrupt));
}

std::vector<Row> runPageRank(const std::vector<RValue>& args, ProcedureContext& ctx) {
  if (!args[1].isNumber() || args[1].asNumber() < 0 || args[1].asNumber() > 1)
    throw QueryError(ErrorCode::kArgumentError,
                     "Argument `damping` must be a number between 0 and 1", {},
                     ErrorDetail::kInvalidArgumentValue);
  if (!args[2].isInt() || args[2].asInt() < 1 || args[2].asInt() > 1000)
    throw QueryError(ErrorCode::kArgumentError,
                     "Argument `iterations` must be an integer from 1 to 1000", {},
                     ErrorDetail::kInvalidArgumentValue);
  auto gc = proc::graphContext(ctx);
  auto p = gc.project(specOf(ctx, args[0], analytics::DirectionMode::kDirected));
  return scoreRows(*p, analytics::pageRank(*p, args[1].asNumber(),
                                           static_cast<int>(args[2].asInt()), gc.interrupt));
}

}  // namespace

void registerAlgorithmProcedures(ProcedureRegistry& registry) {
  registry.add({"algo.shortestPath",
                {{"a", "ANY", {}},
                 {"b", "ANY", {}},
                 {"types", "ANY", RValue()},
                 {"weightProperty", "STRING", RValue()},
                 {"options", "MAP", RValue()}},
                {"path", "cost"},
                "Cheapest path (Dijkstra; weight 1/confidence unless a property is named)",
                false,
                runShortestPath});
  registry.add({"algo.components",
                {{"types", "ANY", RValue()}},
                {"component", "size", "members"},
                "Weakly connected components, largest first",
                false,
                runComponents});
  registry.add({"algo.betweenness",
                {{"types", "ANY", RValue()}, {"options", "MAP", RValue()}},
                {"node", "score"},
                "Betweenness centrality (Brandes): brokers between parts of the graph",
                false,
                runBetweenness});
  registry.add({"algo.pageRank",
                {{"types", "ANY", RValue()},
                 {"damping", "FLOAT", RValue(0.85)},
                 {"iterations", "INTEGER", RValue(int64_t{20})}},
                {"node", "score"},
                "PageRank (power iteration over the CSR projection)",
                false,
                runPageRank});
}

}  // namespace entente::query
