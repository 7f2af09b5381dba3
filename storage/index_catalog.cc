// storage/index_catalog.cc — the in-memory index catalog and the encoding of its entries.
#include "storage/index_catalog.h"

#include "storage/key_codec.h"

namespace entente::storage {

const IndexDef* IndexCatalog::byId(IndexId id) const {
  auto it = defs_.find(id);
  return it == defs_.end() ? nullptr : &it->second;
}

const IndexDef* IndexCatalog::byName(std::string_view name) const {
  for (const auto& [id, def] : defs_)
    if (def.name == name) return &def;
  return nullptr;
}

const std::vector<const IndexDef*>& IndexCatalog::on(IndexEntity entity, uint32_t target) const {
  static const std::vector<const IndexDef*> kNone;
  auto it = by_target_.find({entity, target});
  return it == by_target_.end() ? kNone : it->second;
}

void IndexCatalog::put(IndexDef def) {
  IndexId id = def.id;
  defs_[id] = std::move(def);
  rebuild();
}

void IndexCatalog::erase(IndexId id) {
  defs_.erase(id);
  rebuild();
}

void IndexCatalog::rebuild() {
  by_target_.clear();
  any_node_ = any_rel_ = false;
  for (const auto& [id, def] : defs_) {
    by_target_[{def.entity, def.target}].push_back(&def);
    (def.entity == IndexEntity::kNode ? any_node_ : any_rel_) = true;
  }
}

namespace codec {

std::string encodeIndexDef(const IndexDef& def) {
  std::string s;
  s.push_back(1);
  s.push_back(static_cast<char>(def.entity));
  s.push_back(static_cast<char>(def.constraint));
  s.push_back(static_cast<char>(def.state));
  keys::appendU32(&s, def.target);
  keys::appendU32(&s, static_cast<uint32_t>(def.keys.size()));
  for (uint32_t k : def.keys) keys::appendU32(&s, k);
  s.append(def.name);
  return s;
}

bool decodeIndexDef(std::string_view b, IndexDef* def) {
  if (b.size() < 12 || b[0] != 1) return false;
  auto entity = static_cast<uint8_t>(b[1]), constraint = static_cast<uint8_t>(b[2]),
       state = static_cast<uint8_t>(b[3]);
  if (entity < 1 || entity > 2 || constraint > 2 || state < 1 || state > 3) return false;
  def->entity = static_cast<IndexEntity>(entity);
  def->constraint = static_cast<ConstraintKind>(constraint);
  def->state = static_cast<IndexState>(state);
  def->target = keys::loadU32(b.data() + 4);
  uint32_t n = keys::loadU32(b.data() + 8);
  if (n == 0 || b.size() < 12 + size_t{n} * 4) return false;
  def->keys.clear();
  for (uint32_t i = 0; i < n; ++i) def->keys.push_back(keys::loadU32(b.data() + 12 + 4 * i));
  def->name.assign(b.substr(12 + size_t{n} * 4));
  return true;
}

}  // namespace codec

}  // namespace entente::storage
