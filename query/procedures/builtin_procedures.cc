// Built-in procedures: db.labels(), db.relationshipTypes(), db.propertyKeys(), db.schema(),
// dbms.procedures().
#include "query/procedures/registry.h"

namespace entente::query {
namespace {

const char* signName(storage::Sign s) {
  switch (s) {
    case storage::Sign::kPositive: return "positive";
    case storage::Sign::kNegative: return "negative";
    default: return "neutral";
  }
}

}  // namespace

//! The rows of SHOW SCHEMA / db.schema(): kind, name, sign, symmetric, transitive, inverse,
//! description.
std::vector<Row> schemaRows(const storage::Transaction& txn) {
  std::vector<Row> rows;
  for (const auto& t : txn.relTypes())
    rows.push_back({RValue("relation type"), RValue(t.name), RValue(signName(t.sign)),
                    RValue(t.symmetric), RValue(t.transitive),
                    t.inverse.empty() ? RValue() : RValue(t.inverse),
                    t.description.empty() ? RValue() : RValue(t.description)});
  for (const auto& l : txn.labels())
    rows.push_back({RValue("label"), RValue(l), {}, {}, {}, {}, {}});
  for (const auto& k : txn.propertyKeys())
    rows.push_back({RValue("property key"), RValue(k), {}, {}, {}, {}, {}});
  return rows;
}

const std::vector<std::string>& schemaColumns() {
  static const std::vector<std::string> cols{"kind",       "name",    "sign",       "symmetric",
                                             "transitive", "inverse", "description"};
  return cols;
}

void registerBuiltinProcedures(ProcedureRegistry& registry) {
  registry.add({"db.labels",
                {},
                {"label"},
                "Every label in the database",
                false,
                [](const std::vector<RValue>&, ProcedureContext& ctx) {
                  std::vector<Row> rows;
                  for (const auto& l : ctx.txn().labels()) rows.push_back({RValue(l)});
                  return rows;
                }});
  registry.add({"db.relationshipTypes",
                {},
                {"relationshipType"},
                "Every relation type in the database",
                false,
                [](const std::vector<RValue>&, ProcedureContext& ctx) {
                  std::vector<Row> rows;
                  for (const auto& t : ctx.txn().relTypes()) rows.push_back({RValue(t.name)});
                  return rows;
                }});
  registry.add({"db.propertyKeys",
                {},
                {"propertyKey"},
                "Every property key in the database",
                false,
                [](const std::vector<RValue>&, ProcedureContext& ctx) {
                  std::vector<Row> rows;
                  for (const auto& k : ctx.txn().propertyKeys()) rows.push_back({RValue(k)});
                  return rows;
                }});
  registry.add(
      {"db.schema",
       {},
       schemaColumns(),
       "Relation types (sign, symmetry, ...), labels and property keys",
       false,
       [](const std::vector<RValue>&, ProcedureContext& ctx) { return schemaRows(ctx.txn()); }});
  registry.add({"dbms.procedures",
                {},
                {"name", "signature", "description"},
                "Every registered procedure",
                false,
                [](const std::vector<RValue>&, ProcedureContext&) {
                  std::vector<Row> rows;
                  for (const Procedure* p : ProcedureRegistry::instance().all()) {
                    std::string sig = p->name + "(";
                    for (size_t i = 0; i < p->params.size(); ++i)
                      sig += (i ? ", " : "") + p->params[i].name + " :: " + p->params[i].type;
                    sig += ") :: (";
                    for (size_t i = 0; i < p->outputs.size(); ++i)
                      sig += (i ? ", " : "") + p->outputs[i];
                    sig += ")";
                    rows.push_back({RValue(p->name), RValue(sig), RValue(p->description)});
                  }
                  return rows;
                }});
}

}  // namespace entente::query
