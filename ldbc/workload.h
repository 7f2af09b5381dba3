// ldbc/workload.h — the LDBC SNB Interactive reads as Entente runs them: the query texts
// of ldbc/queries/ (ic1..ic14, is1..is7) with their parameter sets from ldbc/params.json.
// Shared by the differential test (tests/ldbc) and the latency benchmark (bench/).
#pragma once

#include <string>
#include <vector>

#include <entente/entente.h>

namespace entente::ldbc {

struct Read {
  std::string name;                      //!< "ic1" … "ic14", "is1" … "is7"
  std::string text;                      //!< the query, as in ldbc/queries/<name>.cypher
  std::vector<Map> params;               //!< the parameter sets, in params.json's order
  std::vector<std::string> params_json;  //!< the same sets as JSON text (for messages)
};

//! The 21 reads in the order above, from `ldbc_dir` (the repository's ldbc/ folder).
Expected<std::vector<Read>> readWorkload(const std::string& ldbc_dir);

}  // namespace entente::ldbc
