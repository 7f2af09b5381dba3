// api/dataset.h — a JSON dataset checked in full before anything is written.
//
// The importers (JSON document, JSON Lines) feed records into a Dataset, which checks
// each record's shape as it arrives (throwing ImportError naming the record), then apply()
// checks the cross references (entity keys, declared relation types, against the file and
// the store) and writes everything in one write transaction: a bad file imports nothing.
//
// Record formats (README "Dataset format"):
//   relation type
//   {"name","sign":"positive|negative|neutral","symmetric","transitive","inverse","description"}
//   entity        {"key","labels":[…],"name","aliases":[…],"properties":{…}}
//   relation      {"from":key,"type","to":key,"properties":{"source":[keys],"since","until",…}}
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "api/json_util.h"
#include "entente/entente.h"
#include "storage/graph_store.h"

namespace entente::api {

class Dataset {
 public:
  // Each throws ImportError naming `where` (e.g. "entities[12]", "line 7: entity").
  void addRelType(const Json& j, const std::string& where);
  void addEntity(const Json& j, const std::string& where);
  void addRelation(const Json& j, const std::string& where);

  //! Cross-checks and writes in one transaction. Throws ImportError (nothing written) or
  //! returns what was created.
  Stats apply(storage::GraphStore& store);

 private:
  struct Entity {
    std::string key, where;
    std::vector<std::string> labels;
    Map props;  // includes name, aliases, key
  };
  struct Relation {
    std::string from, type, to, where;
    Map props;                         // without source
    std::vector<std::string> sources;  // entity keys
    bool has_source = false;
  };
  std::vector<storage::RelTypeDef> types_;
  std::vector<std::string> type_where_;
  std::unordered_map<std::string, size_t> type_index_;
  bool declares_types_ = false;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, size_t> key_index_;
  std::vector<Relation> relations_;
};

}  // namespace entente::api
