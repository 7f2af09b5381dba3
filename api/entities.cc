// api/entities.cc — entity and relation CRUD without the query language. Each call is one
// storage write transaction: applied whole or not at all.
#include <algorithm>

#include "api/convert.h"
#include "api/database_impl.h"

namespace entente {

using api::guarded;
using query::fromStatus;

namespace {

// Checks the `source` ids of relation properties name existing entities.
std::string checkSources(const storage::Transaction& txn, const Map& props) {
  auto it = props.find(storage::kSource);
  if (it == props.end() || !it->second.isList()) return "";
  for (const auto& s : it->second.asList())
    if (!txn.nodeExists(static_cast<storage::NodeId>(s.asInt())))
      return "source: entity " + std::to_string(s.asInt()) + " does not exist";
  return "";
}

}  // namespace

Expected<Node> Database::addEntity(const std::vector<std::string>& labels, const Map& properties) {
  return guarded([&]() -> Expected<Node> {
    Map props = properties;
    if (auto e = api::normalizeEntityProperties(&props); !e.empty()) return api::invalidInput(e);
    auto txn = impl_->store->beginWrite();
    auto label_ids = api::internLabels(*txn, labels);
    if (!label_ids.ok()) return fromStatus(label_ids.status());
    auto p = api::toProperties(*txn, props);
    if (!p.ok()) return fromStatus(p.status());
    auto id = txn->createNode(label_ids.value(), p.value());
    if (!id.ok()) return fromStatus(id.status());
    auto record = txn->getNode(id.value());
    if (!record)
      return api::internalError("entity " + std::to_string(id.value()) +
                                " vanished after creation");
    Node node = api::toNode(*txn, *record);
    if (auto s = txn->commit(); !s.ok()) return fromStatus(s);
    return node;
  });
}

Expected<Node> Database::getEntity(uint64_t id) {
  return guarded([&]() -> Expected<Node> {
    auto txn = impl_->store->beginRead();
    auto record = txn->getNode(id);
    if (!record) return api::notFound("entity " + std::to_string(id) + " does not exist");
    return api::toNode(*txn, *record);
  });
}

Expected<Node> Database::updateEntity(uint64_t id, const Map& properties,
                                      const std::optional<std::vector<std::string>>& labels) {
  return guarded([&]() -> Expected<Node> {
    Map props = properties;
    if (auto e = api::normalizeEntityProperties(&props); !e.empty()) return api::invalidInput(e);
    auto txn = impl_->store->beginWrite();
    auto record = txn->getNode(id);
    if (!record) return api::notFound("entity " + std::to_string(id) + " does not exist");
    if (labels) {
      auto label_ids = api::internLabels(*txn, *labels);
      if (!label_ids.ok()) return fromStatus(label_ids.status());
      record->labels = std::move(label_ids.value());
    }
    auto p = api::toProperties(*txn, props);
    if (!p.ok()) return fromStatus(p.status());
    record->props = std::move(p.value());
    if (auto s = txn->updateNode(*record); !s.ok()) return fromStatus(s);
    Node node = api::toNode(*txn, *record);
    if (auto s = txn->commit(); !s.ok()) return fromStatus(s);
    return node;
  });
}

Expected<void> Database::deleteEntity(uint64_t id, bool detach) {
  return guarded([&]() -> Expected<void> {
    auto txn = impl_->store->beginWrite();
    if (!txn->nodeExists(id))
      return api::notFound("entity " + std::to_string(id) + " does not exist");
    if (auto s = txn->deleteNode(id, detach); !s.ok()) return fromStatus(s);
    if (auto s = txn->commit(); !s.ok()) return fromStatus(s);
    return {};
  });
}

Expected<std::vector<Node>> Database::findByName(std::string_view name) {
  return guarded([&]() -> Expected<std::vector<Node>> {
    auto txn = impl_->store->beginRead();
    std::vector<Node> out;
    for (auto id : txn->findByName(name))
      if (auto record = txn->getNode(id)) out.push_back(api::toNode(*txn, *record));
    return out;
  });
}

Expected<Relationship> Database::addRelation(uint64_t start, std::string_view type, uint64_t end,
                                             const Map& properties) {
  return guarded([&]() -> Expected<Relationship> {
    if (type.empty()) return api::invalidInput("a relation type may not be empty");
    Map props = properties;
    if (auto e = api::normalizeRelationProperties(&props); !e.empty()) return api::invalidInput(e);
    auto txn = impl_->store->beginWrite();
    for (auto id : {start, end})
      if (!txn->nodeExists(id))
        return api::notFound("entity " + std::to_string(id) + " does not exist");
    if (auto e = checkSources(*txn, props); !e.empty()) return api::notFound(e);
    auto type_id = txn->internString(type);
    if (!type_id.ok()) return fromStatus(type_id.status());
    auto p = api::toProperties(*txn, props);
    if (!p.ok()) return fromStatus(p.status());
    auto id = txn->createEdge(start, type_id.value(), end, p.value());
    if (!id.ok()) return fromStatus(id.status());
    Relationship r{id.value(), std::string(type), start, end, api::toMap(*txn, p.value())};
    if (auto s = txn->commit(); !s.ok()) return fromStatus(s);
    return r;
  });
}

Expected<Relationship> Database::updateRelation(uint64_t id, const Map& properties) {
  return guarded([&]() -> Expected<Relationship> {
    Map props = properties;
    if (auto e = api::normalizeRelationProperties(&props); !e.empty()) return api::invalidInput(e);
    auto txn = impl_->store->beginWrite();
    auto record = txn->getEdge(id);
    if (!record) return api::notFound("relation " + std::to_string(id) + " does not exist");
    if (auto e = checkSources(*txn, props); !e.empty()) return api::notFound(e);
    auto p = api::toProperties(*txn, props);
    if (!p.ok()) return fromStatus(p.status());
    if (auto s = txn->updateEdgeProps(id, p.value()); !s.ok()) return fromStatus(s);
    record->props = std::move(p.value());
    Relationship r = api::toRelationship(*txn, *record);
    if (auto s = txn->commit(); !s.ok()) return fromStatus(s);
    return r;
  });
}

Expected<void> Database::deleteRelation(uint64_t id) {
  return guarded([&]() -> Expected<void> {
    auto txn = impl_->store->beginWrite();
    if (!txn->getEdge(id))
      return api::notFound("relation " + std::to_string(id) + " does not exist");
    if (auto s = txn->deleteEdge(id); !s.ok()) return fromStatus(s);
    if (auto s = txn->commit(); !s.ok()) return fromStatus(s);
    return {};
  });
}

Expected<std::vector<Relationship>> Database::relations(uint64_t entity, Direction direction,
                                                        const std::vector<std::string>& types,
                                                        std::optional<Date> as_of) {
  return guarded([&]() -> Expected<std::vector<Relationship>> {
    auto txn = impl_->store->beginRead();
    if (!txn->nodeExists(entity))
      return api::notFound("entity " + std::to_string(entity) + " does not exist");
    std::vector<storage::TypeId> type_ids;
    for (const auto& t : types)
      if (auto id = txn->lookupString(t)) type_ids.push_back(*id);
    std::vector<Relationship> out;
    if (!types.empty() && type_ids.empty()) return out;  // none of the types was ever used
    storage::Direction dir = direction == Direction::kOutgoing   ? storage::Direction::kOut
                             : direction == Direction::kIncoming ? storage::Direction::kIn
                                                                 : storage::Direction::kBoth;
    bool corrupt = false;
    txn->edges(entity, dir, type_ids, [&](const storage::EdgeRef& e) {
      storage::Properties props;
      if (!storage::decodeProperties(e.raw_props, &props)) {
        corrupt = true;
        return false;
      }
      Relationship r{e.id, txn->stringOf(e.type), e.src, e.dst, api::toMap(*txn, props)};
      if (!as_of || storage::validAt(r.properties, *as_of)) out.push_back(std::move(r));
      return true;
    });
    if (corrupt)
      return api::ioError("corruption: undecodable properties on a relation of entity " +
                          std::to_string(entity));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  });
}

}  // namespace entente
