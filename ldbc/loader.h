// ldbc/loader.h — loads an LDBC SNB data set (the "vanilla" CSV files the data generator
// writes: pipe-separated, one header line) into an Entente database through the public
// query API only (batched `UNWIND $rows … CREATE`, indexes by `CREATE INDEX`), in the graph
// model the reference Cypher queries of the LDBC SNB Interactive workload expect:
//
//   Person {id, firstName, lastName, gender, birthday, creationDate, locationIP,
//           browserUsed, speaks: [..], email: [..], birthdayDate}
//   Forum {id, title, creationDate}        Tag {id, name, url}    TagClass {id, name, url}
//   Message:Post {id, imageFile, creationDate, locationIP, browserUsed, language, content, length}
//   Message:Comment {id, creationDate, locationIP, browserUsed, content, length}
//   Place:City | Place:Country | Place:Continent {id, name, url}
//   Organisation:Company | Organisation:University {id, name, url}
//   KNOWS {creationDate}, LIKES {creationDate}, HAS_MEMBER {joinDate},
//   STUDY_AT {classYear}, WORK_AT {workFrom}, HAS_CREATOR, IS_LOCATED_IN, REPLY_OF,
//   CONTAINER_OF, HAS_MODERATOR, HAS_TAG, HAS_INTEREST, IS_PART_OF, HAS_TYPE, IS_SUBCLASS_OF
//
// Times: every SNB timestamp (creationDate, joinDate, birthday) is kept as the data set
// writes it, an integer of milliseconds since 1970-01-01 UTC, as the reference queries
// compare them. Entente has no `datetime` yet, so the loader also stores `birthdayDate`,
// the birthday as a `date`, for IC10's month and day (see ldbc/README.md). Empty cells are
// absent properties (null), as in the reference loaders.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <entente/entente.h>

namespace entente::ldbc {

//! What a load created: rows read per CSV file (by file stem, e.g.
//! "person_knows_person_0_0"), nodes per primary label and relationships per type.
struct LoadReport {
  std::map<std::string, int64_t> rows_per_file;
  std::map<std::string, int64_t> nodes_per_label;
  std::map<std::string, int64_t> relationships_per_type;
  double seconds = 0;
};

//! Loads `<vanilla_dir>/static/*.csv` and `<vanilla_dir>/dynamic/*.csv` into `db` (which
//! should be empty). Every row must become exactly one node or relationship: an edge whose
//! endpoint is missing, a malformed row or a failed statement is an error naming the file
//! and line.
Expected<LoadReport> load(Database& db, const std::string& vanilla_dir);

//! The tiny graph's vanilla directory under a `shared` data directory
//! (`<shared>/data/ldbc_snb_tiny/cypher/test-data/vanilla`).
std::string tinyVanillaDir(const std::string& shared_dir);

}  // namespace entente::ldbc
