// query/procedures/alliance_procedures.cc — alliance.* and identity.* procedures.
//
//   alliance.backingPaths(a, b [, maxHops [, types [, options]]])
//       YIELD path, length, relations, confidence, followed_lineage
//   alliance.stance(a, b [, options]) YIELD stance, confidence, because, paths, followed_lineage
//   alliance.allies(a [, options])  YIELD ally, stance, confidence, because
//   alliance.enemies(a [, options]) YIELD enemy, stance, confidence, because
//   alliance.blocs([types [, options]]) YIELD bloc, members, frustration, frustrated, component,
//   exact identity.lineage(a) YIELD entity, name, step
//
// Options (a map, last argument): maxHops, maxPaths, types, excludedLabels, followLineage,
// mixedShare, coBackingTypes (stance, allies, enemies), exactLimit, restarts, actors, relations
// (blocs). All honour the statement's AS
// OF, its time budget and its cancel flag.
#include "analytics/alliance.h"
#include "analytics/blocs.h"
#include "analytics/identity.h"
#include "query/error.h"
#include "query/procedures/analytics_args.h"

namespace entente::query {

namespace {

using proc::boolOption;
using proc::intOption;
using proc::option;

RValue nullMap() { return RValue(); }

std::vector<std::string> stringList(const RValue& v, std::string_view key) {
  std::vector<std::string> out;
  if (!v.isList())
    throw QueryError(ErrorCode::kArgumentError,
                     "Option `" + std::string(key) + "` must be a list of strings", {},
                     ErrorDetail::kInvalidArgumentValue);
  for (const auto& e : v.asList()) {
    if (!e.isString())
      throw QueryError(ErrorCode::kArgumentError,
                       "Option `" + std::string(key) + "` must be a list of strings", {},
                       ErrorDetail::kInvalidArgumentValue);
    out.push_back(e.asString());
  }
  return out;
}

analytics::StanceOptions stanceOptions(ProcedureContext& ctx, const RValue& opts) {
  analytics::StanceOptions o;
  o.as_of = ctx.asOf();
  o.max_hops = static_cast<int>(std::clamp<int64_t>(intOption(opts, "maxHops", o.max_hops), 1, 8));
  o.max_paths = static_cast<size_t>(std::clamp<int64_t>(intOption(opts, "maxPaths", 10), 0, 1000));
  o.mixed_share = proc::floatOption(opts, "mixedShare", o.mixed_share);
  if (const RValue* t = option(opts, "types")) o.types = proc::typesArg(*t, "types");
  if (const RValue* l = option(opts, "excludedLabels"))
    o.excluded_labels = stringList(*l, "excludedLabels");
  if (const RValue* c = option(opts, "coBackingTypes"))
    o.co_backing_types = stringList(*c, "coBackingTypes");
  return o;
}

RList because(const storage::Transaction& txn, const std::string& followed,
              const std::vector<analytics::SignedPath>& paths) {
  RList out;
  if (!followed.empty()) out.push_back(RValue(followed));
  for (const auto& p : paths) out.push_back(RValue(analytics::describePath(txn, p)));
  return out;
}

RValue followedValue(const proc::EntityArg& a, const proc::EntityArg& b) {
  std::string s = a.followed;
  if (!b.followed.empty()) s += (s.empty() ? "" : "; ") + b.followed;
  return s.empty() ? RValue() : RValue(s);
}

std::vector<Row> runBackingPaths(const std::vector<RValue>& args, ProcedureContext& ctx) {
  const RValue& opts = args[4];
  proc::checkOptions(opts, "alliance.backingPaths");
  bool follow = boolOption(opts, "followLineage", true);
  auto a = proc::entityArg(ctx, args[0], "a", follow);
  auto b = proc::entityArg(ctx, args[1], "b", follow);
  analytics::BackingOptions o;
  o.as_of = ctx.asOf();
  if (!args[2].isNull()) {
    if (!args[2].isInt())
      throw QueryError(ErrorCode::kArgumentError, "Argument `maxHops` must be an integer", {},
                       ErrorDetail::kInvalidArgumentValue);
    o.max_hops = static_cast<int>(std::clamp<int64_t>(args[2].asInt(), 1, 10));
  }
  if (!args[3].isNull()) o.types = proc::typesArg(args[3], "types");
  o.max_paths = static_cast<size_t>(std::clamp<int64_t>(intOption(opts, "maxPaths", 20), 1, 1000));
  if (const RValue* f = option(opts, "forwardOnly")) o.forward_only = stringList(*f, "forwardOnly");
  auto gc = proc::graphContext(ctx);
  auto result = analytics::backingPaths(gc, a.node, b.node, o);
  if (result.truncated)
    ctx.notice("alliance.backingPaths: search budget reached, paths may be missing");
  std::vector<Row> rows;
  RValue followed = followedValue(a, b);
  for (const auto& p : result.paths)
    rows.push_back({proc::pathValue(p), RValue(static_cast<int64_t>(p.hops.size())),
                    proc::relationsValue(ctx.txn(), p), RValue(p.weight), followed});
  return rows;
}

RValue pathsValue(const std::vector<analytics::SignedPath>& paths) {
  RList out;
  for (const auto& p : paths)
    out.push_back(proc::makeMap({{"path", proc::pathValue(p)},
                                 {"sign", RValue(p.sign > 0 ? "friendly" : "hostile")},
                                 {"length", RValue(static_cast<int64_t>(p.hops.size()))},
                                 {"weight", RValue(p.weight)}}));
  return RValue(std::move(out));
}

std::vector<Row> runStance(const std::vector<RValue>& args, ProcedureContext& ctx) {
  const RValue& opts = args[2];
  proc::checkOptions(opts, "alliance.stance");
  bool follow = boolOption(opts, "followLineage", true);
  auto a = proc::entityArg(ctx, args[0], "a", follow);
  auto b = proc::entityArg(ctx, args[1], "b", follow);
  auto o = stanceOptions(ctx, opts);
  auto gc = proc::graphContext(ctx);
  auto s = analytics::stance(gc, a.node, b.node, o);
  if (s.truncated)
    ctx.notice("alliance.stance: search budget reached, the answer rests on the paths found");
  std::string followed = followedValue(a, b).isNull() ? "" : followedValue(a, b).asString();
  RList why = because(ctx.txn(), followed, s.paths);
  if (s.path_count > s.paths.size())
    why.push_back(
        RValue("… and " + std::to_string(s.path_count - s.paths.size()) + " more path(s)"));
  return {{RValue(analytics::stanceName(s.stance)), RValue(s.confidence), RValue(std::move(why)),
           pathsValue(s.paths), followedValue(a, b)}};
}

std::vector<Row> runRelatives(const std::vector<RValue>& args, ProcedureContext& ctx,
                              bool friends) {
  const RValue& opts = args[1];
  proc::checkOptions(opts, friends ? "alliance.allies" : "alliance.enemies");
  auto a = proc::entityArg(ctx, args[0], "a", boolOption(opts, "followLineage", true));
  auto o = stanceOptions(ctx, opts);
  auto gc = proc::graphContext(ctx);
  auto list = friends ? analytics::allies(gc, a.node, o) : analytics::enemies(gc, a.node, o);
  std::vector<Row> rows;
  for (const auto& r : list)
    rows.push_back({RValue(NodeRef{r.node}), RValue(analytics::stanceName(r.stance.stance)),
                    RValue(r.stance.confidence),
                    RValue(because(ctx.txn(), a.followed, r.stance.paths))});
  return rows;
}

std::vector<Row> runBlocs(const std::vector<RValue>& args, ProcedureContext& ctx) {
  const RValue& opts = args[1];
  proc::checkOptions(opts, "alliance.blocs");
  analytics::BlocOptions o;
  o.as_of = ctx.asOf();
  o.types = proc::typesArg(args[0], "types");
  if (const RValue* l = option(opts, "excludedLabels"))
    o.excluded_labels = stringList(*l, "excludedLabels");
  o.exact_limit = static_cast<uint32_t>(
      std::clamp<int64_t>(intOption(opts, "exactLimit", o.exact_limit), 0, 26));
  o.restarts =
      static_cast<int>(std::clamp<int64_t>(intOption(opts, "restarts", o.restarts), 0, 1000));
  if (const RValue* list = option(opts, "actors")) {
    if (!list->isList())
      throw QueryError(ErrorCode::kArgumentError,
                       "Option `actors` must be a list of nodes, ids or names", {},
                       ErrorDetail::kInvalidArgumentValue);
    o.actors.emplace();
    for (const auto& a : list->asList())
      o.actors->push_back(proc::entityArg(ctx, a, "actors", false).node);
  }
  if (const RValue* list = option(opts, "relations")) {
    const char* what = "Option `relations` must be a list of relationships or relationship ids";
    if (!list->isList())
      throw QueryError(ErrorCode::kArgumentError, what, {}, ErrorDetail::kInvalidArgumentValue);
    o.relations.emplace();
    for (const auto& r : list->asList()) {
      if (r.isRel())
        o.relations->push_back(r.asRel().id);
      else if (r.isInt() && r.asInt() >= 0)
        o.relations->push_back(static_cast<storage::EdgeId>(r.asInt()));
      else
        throw QueryError(ErrorCode::kArgumentError, what, {}, ErrorDetail::kInvalidArgumentValue);
    }
  }
  auto gc = proc::graphContext(ctx);
  auto r = analytics::blocs(gc, o);
  const auto& txn = ctx.txn();
  std::vector<Row> rows;
  for (const auto& bloc : r.blocs) {
    const auto& comp = r.components[bloc.component - 1];
    RList members, frustrated;
    for (auto n : bloc.members) members.push_back(RValue(analytics::nodeName(txn, n)));
    for (const auto& f : comp.frustrated)
      frustrated.push_back(RValue(analytics::nodeName(txn, f.src) + " -[" + txn.stringOf(f.type) +
                                  "]-> " + analytics::nodeName(txn, f.dst)));
    rows.push_back({RValue(static_cast<int64_t>(bloc.number)), RValue(std::move(members)),
                    RValue(static_cast<int64_t>(comp.frustration)), RValue(std::move(frustrated)),
                    RValue(static_cast<int64_t>(bloc.component)), RValue(comp.exact)});
  }
  return rows;
}

std::vector<Row> runLineage(const std::vector<RValue>& args, ProcedureContext& ctx) {
  auto a = proc::entityArg(ctx, args[0], "a", false);
  std::vector<Row> rows;
  for (const auto& s : analytics::lineage(ctx.txn(), a.node, ctx.asOf()))
    rows.push_back({RValue(NodeRef{s.node}), RValue(analytics::nodeName(ctx.txn(), s.node)),
                    RValue(static_cast<int64_t>(s.step))});
  return rows;
}

}  // namespace

void registerAllianceProcedures(ProcedureRegistry& registry) {
  registry.add({"alliance.backingPaths",
                {{"a", "ANY", {}},
                 {"b", "ANY", {}},
                 {"maxHops", "INTEGER", RValue()},
                 {"types", "ANY", RValue()},
                 {"options", "MAP", nullMap()}},
                {"path", "length", "relations", "confidence", "followed_lineage"},
                "Backing paths from a to b (BACKS forward; PART_OF, LEADS, ALLIED_WITH both ways), "
                "shortest first",
                false,
                runBackingPaths});
  registry.add(
      {"alliance.stance",
       {{"a", "ANY", {}}, {"b", "ANY", {}}, {"options", "MAP", nullMap()}},
       {"stance", "confidence", "because", "paths", "followed_lineage"},
       "Stance of a towards b (friendly, hostile, mixed, unknown) with the paths that explain it",
       false,
       runStance});
  registry.add({"alliance.allies",
                {{"a", "ANY", {}}, {"options", "MAP", nullMap()}},
                {"ally", "stance", "confidence", "because"},
                "Actors within two signed links with a friendly stance",
                false,
                [](const std::vector<RValue>& args, ProcedureContext& ctx) {
                  return runRelatives(args, ctx, true);
                }});
  registry.add({"alliance.enemies",
                {{"a", "ANY", {}}, {"options", "MAP", nullMap()}},
                {"enemy", "stance", "confidence", "because"},
                "Actors within two signed links with a hostile stance",
                false,
                [](const std::vector<RValue>& args, ProcedureContext& ctx) {
                  return runRelatives(args, ctx, false);
                }});
  registry.add({"alliance.blocs",
                {{"types", "ANY", RValue()}, {"options", "MAP", nullMap()}},
                {"bloc", "members", "frustration", "frustrated", "component", "exact"},
                "Camps of actors by structural balance (fewest frustrated relations)",
                false,
                runBlocs});
  registry.add(
      {"identity.lineage",
       {{"a", "ANY", {}}},
       {"entity", "name", "step"},
       "The entity's identities through FORMERLY (negative steps: former; positive: successors)",
       false,
       runLineage});
}

}  // namespace entente::query
