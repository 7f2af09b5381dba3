// query/procedures/analytics_args.cc — see analytics_args.h.
#include "query/procedures/analytics_args.h"

#include <algorithm>

#include "analytics/identity.h"
#include "query/error.h"

namespace entente::query::proc {

namespace {

[[noreturn]] void argumentError(std::string message) {
  throw QueryError(ErrorCode::kArgumentError, std::move(message), {},
                   ErrorDetail::kInvalidArgumentValue);
}

}  // namespace

analytics::GraphContext graphContext(ProcedureContext& ctx) {
  return analytics::GraphContext{ctx.txn(), &ctx.store(), ctx.projections(), ctx.interrupt()};
}

EntityArg entityArg(ProcedureContext& ctx, const RValue& arg, std::string_view param,
                    bool follow_lineage) {
  const storage::Transaction& txn = ctx.txn();
  EntityArg out;
  if (arg.isNode()) {
    out.named = arg.asNode().id;
  } else if (arg.isInt()) {
    if (arg.asInt() < 0 || !txn.nodeExists(static_cast<storage::NodeId>(arg.asInt())))
      throw QueryError(ErrorCode::kEntityNotFound, "Entity not found: no node with id " +
                                                       std::to_string(arg.asInt()) +
                                                       " (argument `" + std::string(param) + "`)");
    out.named = static_cast<storage::NodeId>(arg.asInt());
  } else if (arg.isString()) {
    auto found = txn.findByName(arg.asString());
    if (found.empty())
      throw QueryError(ErrorCode::kEntityNotFound, "Entity not found: no entity is named '" +
                                                       arg.asString() + "' (argument `" +
                                                       std::string(param) + "`)");
    if (found.size() > 1)
      argumentError("The name '" + arg.asString() + "' matches " + std::to_string(found.size()) +
                    " entities; pass a node or a node id for argument `" + std::string(param) +
                    "`");
    out.named = found[0];
  } else {
    argumentError("Argument `" + std::string(param) +
                  "` must be a node, a node id or a name, got " + std::string(arg.kindName()));
  }
  out.node = out.named;
  if (follow_lineage) {
    analytics::CurrentEntity cur = analytics::currentOf(txn, out.named, ctx.asOf());
    if (cur.followed()) {
      out.node = cur.current;
      out.followed = analytics::nodeName(txn, cur.named);
      for (size_t i = 1; i < cur.chain.size(); ++i)
        out.followed += (i == 1 ? " is now " : ", then ") + analytics::nodeName(txn, cur.chain[i]);
      out.followed += " (FORMERLY): answering for " + analytics::nodeName(txn, cur.current);
      ctx.notice(out.followed);
    }
  }
  return out;
}

std::vector<std::string> typesArg(const RValue& arg, std::string_view param) {
  std::vector<std::string> out;
  if (arg.isNull()) return out;
  auto addSplit = [&](const std::string& s) {
    size_t start = 0;
    while (start <= s.size()) {
      size_t bar = s.find('|', start);
      std::string t = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      t.erase(0, t.find_first_not_of(" :"));
      t.erase(t.find_last_not_of(' ') + 1);
      if (!t.empty()) out.push_back(t);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  };
  if (arg.isString()) {
    addSplit(arg.asString());
  } else if (arg.isList()) {
    for (const auto& v : arg.asList()) {
      if (!v.isString())
        argumentError("Argument `" + std::string(param) + "` must list relation type names");
      addSplit(v.asString());
    }
  } else {
    argumentError("Argument `" + std::string(param) +
                  "` must be a relation type name, \"A|B\" or a list of names");
  }
  return out;
}

const RValue* option(const RValue& options, std::string_view key) {
  if (!options.isMap()) return nullptr;
  for (const auto& [k, v] : options.asMap())
    if (k == key && !v.isNull()) return &v;
  return nullptr;
}

int64_t intOption(const RValue& options, std::string_view key, int64_t fallback) {
  const RValue* v = option(options, key);
  if (!v) return fallback;
  if (!v->isInt()) argumentError("Option `" + std::string(key) + "` must be an integer");
  return v->asInt();
}

double floatOption(const RValue& options, std::string_view key, double fallback) {
  const RValue* v = option(options, key);
  if (!v) return fallback;
  if (!v->isNumber()) argumentError("Option `" + std::string(key) + "` must be a number");
  return v->asNumber();
}

bool boolOption(const RValue& options, std::string_view key, bool fallback) {
  const RValue* v = option(options, key);
  if (!v) return fallback;
  if (!v->isBool()) argumentError("Option `" + std::string(key) + "` must be a boolean");
  return v->asBool();
}

void checkOptions(const RValue& options, std::string_view procedure) {
  if (!options.isNull() && !options.isMap())
    argumentError("The last argument of " + std::string(procedure) +
                  " must be a map of options, got " + std::string(options.kindName()));
}

RValue makeMap(std::vector<std::pair<std::string, RValue>> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return RValue(RMap(std::move(entries)));
}

RValue pathValue(const analytics::SignedPath& path) {
  PathRef p;
  for (storage::NodeId n : path.nodes) p.nodes.push_back(NodeRef{n});
  for (const auto& h : path.hops) p.rels.push_back(RelRef{h.edge, h.src, h.type, h.dst});
  return RValue(std::move(p));
}

RValue relationsValue(const storage::Transaction& txn, const analytics::SignedPath& path) {
  RList rels;
  auto key = [&](std::string_view k) { return txn.lookupString(k); };
  auto prop = [&](const analytics::Hop& h, std::string_view k) -> RValue {
    auto id = key(k);
    if (!id) return RValue();
    auto v = txn.edgeProperty(h.edge, h.src, h.type, h.dst, *id);
    return v ? RValue::fromValue(*v) : RValue();
  };
  for (const auto& h : path.hops) {
    RValue sources = prop(h, storage::kSource);
    RList names;
    if (sources.isList()) {
      for (const auto& s : sources.asList())
        if (s.isInt())
          names.push_back(
              RValue(analytics::nodeName(txn, static_cast<storage::NodeId>(s.asInt()))));
    } else if (sources.isInt()) {
      names.push_back(
          RValue(analytics::nodeName(txn, static_cast<storage::NodeId>(sources.asInt()))));
    }
    std::vector<std::pair<std::string, RValue>>
        all;  // every property, e.g. UCDP's kinds and conflicts
    if (auto rec = txn.getEdge(h.edge))
      for (const auto& [key, value] : rec->props)
        all.emplace_back(txn.stringOf(key), RValue::fromValue(value));
    rels.push_back(makeMap({{"type", RValue(txn.stringOf(h.type))},
                            {"properties", makeMap(std::move(all))},
                            {"from", RValue(analytics::nodeName(txn, h.src))},
                            {"to", RValue(analytics::nodeName(txn, h.dst))},
                            {"since", prop(h, storage::kSince)},
                            {"until", prop(h, storage::kUntil)},
                            {"sources", RValue(std::move(names))},
                            {"source_ids", sources},
                            {"said_by", prop(h, storage::kSaidBy)},
                            {"confidence", RValue(h.confidence)}}));
  }
  return RValue(std::move(rels));
}

}  // namespace entente::query::proc
