// ldbc/loader.cc — the LDBC SNB vanilla CSV files into Entente through batched queries.
#include "ldbc/loader.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace entente::ldbc {

namespace {

constexpr size_t kBatchRows = 4000;  // rows per UNWIND statement: bounded parameter size
constexpr int64_t kMillisPerDay = 86'400'000;

// A failure with the file and line it concerns; turned into an Error once, in load().
struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CsvFile {
  std::string path, stem;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // 1-based line of each row, for messages
};

std::vector<std::string> splitPipes(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t bar = line.find('|', start);
    out.push_back(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

CsvFile readCsv(const std::string& dir, const std::string& stem) {
  CsvFile f;
  f.stem = stem;
  f.path = dir + "/" + stem + ".csv";
  std::ifstream in(f.path);
  if (!in) throw LoadError(f.path + ": cannot open");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1) {
      f.header = splitPipes(line);
      continue;
    }
    if (line.empty()) continue;
    auto fields = splitPipes(line);
    if (fields.size() != f.header.size())
      throw LoadError(f.path + ": line " + std::to_string(n) + ": expected " +
                      std::to_string(f.header.size()) + " fields, got " +
                      std::to_string(fields.size()));
    f.rows.push_back(std::move(fields));
    f.lines.push_back(n);
  }
  if (f.header.empty()) throw LoadError(f.path + ": empty file (no header)");
  return f;
}

// Columns holding integers in the SNB schema (ids, epoch-millisecond times, years, lengths).
bool integerColumn(const std::string& name) {
  return name == "id" || name == "creationDate" || name == "birthday" || name == "joinDate" ||
         name == "length" || name == "classYear" || name == "workFrom" ||
         (name.size() > 3 && name.compare(name.size() - 3, 3, ".id") == 0);
}

Value cell(const CsvFile& f, size_t row, size_t col) {
  const std::string& s = f.rows[row][col];
  if (s.empty()) return Value();
  if (!integerColumn(f.header[col])) return Value(s);
  size_t used = 0;
  int64_t v = 0;
  try {
    v = std::stoll(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != s.size())
    throw LoadError(f.path + ": line " + std::to_string(f.lines[row]) + ": " + f.header[col] +
                    ": expected an integer, got '" + s + "'");
  return Value(v);
}

List splitList(const std::string& s) {
  List out;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    size_t semi = s.find(';', start);
    out.emplace_back(s.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
    if (semi == std::string::npos) break;
    start = semi + 1;
  }
  return out;
}

class Loader {
 public:
  Loader(Database& db, std::string dir) : db_(db), dir_(std::move(dir)) {}

  LoadReport run() {
    const auto start = std::chrono::steady_clock::now();
    loadTypedNodes("static", "place_0_0", "Place", "type");
    loadTypedNodes("static", "organisation_0_0", "Organisation", "type");
    loadNodes("static", "tag_0_0", "Tag");
    loadNodes("static", "tagclass_0_0", "TagClass");
    loadNodes("dynamic", "person_0_0", "Person");
    loadNodes("dynamic", "forum_0_0", "Forum");
    loadNodes("dynamic", "post_0_0", "Message:Post");
    loadNodes("dynamic", "comment_0_0", "Message:Comment");
    for (const char* label : {"Place", "Organisation", "Tag", "TagClass", "Person", "Forum",
                              "Message", "Post", "Comment"})
      run(std::string("CREATE INDEX IF NOT EXISTS FOR (n:") + label + ") ON (n.id)", {});

    loadEdges("static", "organisation_isLocatedIn_place_0_0", "Organisation", "IS_LOCATED_IN",
              "Place");
    loadEdges("static", "place_isPartOf_place_0_0", "Place", "IS_PART_OF", "Place");
    loadEdges("static", "tag_hasType_tagclass_0_0", "Tag", "HAS_TYPE", "TagClass");
    loadEdges("static", "tagclass_isSubclassOf_tagclass_0_0", "TagClass", "IS_SUBCLASS_OF",
              "TagClass");
    loadEdges("dynamic", "comment_hasCreator_person_0_0", "Comment", "HAS_CREATOR", "Person");
    loadEdges("dynamic", "comment_hasTag_tag_0_0", "Comment", "HAS_TAG", "Tag");
    loadEdges("dynamic", "comment_isLocatedIn_place_0_0", "Comment", "IS_LOCATED_IN", "Place");
    loadEdges("dynamic", "comment_replyOf_comment_0_0", "Comment", "REPLY_OF", "Comment");
    loadEdges("dynamic", "comment_replyOf_post_0_0", "Comment", "REPLY_OF", "Post");
    loadEdges("dynamic", "forum_containerOf_post_0_0", "Forum", "CONTAINER_OF", "Post");
    loadEdges("dynamic", "forum_hasMember_person_0_0", "Forum", "HAS_MEMBER", "Person");
    loadEdges("dynamic", "forum_hasModerator_person_0_0", "Forum", "HAS_MODERATOR", "Person");
    loadEdges("dynamic", "forum_hasTag_tag_0_0", "Forum", "HAS_TAG", "Tag");
    loadEdges("dynamic", "person_hasInterest_tag_0_0", "Person", "HAS_INTEREST", "Tag");
    loadEdges("dynamic", "person_isLocatedIn_place_0_0", "Person", "IS_LOCATED_IN", "Place");
    loadEdges("dynamic", "person_knows_person_0_0", "Person", "KNOWS", "Person");
    loadEdges("dynamic", "person_likes_comment_0_0", "Person", "LIKES", "Comment");
    loadEdges("dynamic", "person_likes_post_0_0", "Person", "LIKES", "Post");
    loadEdges("dynamic", "person_studyAt_organisation_0_0", "Person", "STUDY_AT", "Organisation");
    loadEdges("dynamic", "person_workAt_organisation_0_0", "Person", "WORK_AT", "Organisation");
    loadEdges("dynamic", "post_hasCreator_person_0_0", "Post", "HAS_CREATOR", "Person");
    loadEdges("dynamic", "post_hasTag_tag_0_0", "Post", "HAS_TAG", "Tag");
    loadEdges("dynamic", "post_isLocatedIn_place_0_0", "Post", "IS_LOCATED_IN", "Place");
    report_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::move(report_);
  }

 private:
  QueryResult run(const std::string& text, const Map& params) {
    QueryResult r = db_.query(text, params);
    if (!r.ok()) throw LoadError("'" + text + "': " + r.error().message());
    return r;
  }

  // Runs `text` over `rows` in batches ($rows); returns what the batches created.
  Stats runBatches(const std::string& text, List rows) {
    Stats total;
    for (size_t at = 0; at < rows.size(); at += kBatchRows) {
      List batch(std::make_move_iterator(rows.begin() + static_cast<ptrdiff_t>(at)),
                 std::make_move_iterator(rows.begin() + static_cast<ptrdiff_t>(std::min(
                                                            rows.size(), at + kBatchRows))));
      Stats s = run(text, {{"rows", Value(std::move(batch))}}).stats();
      total.nodes_created += s.nodes_created;
      total.relationships_created += s.relationships_created;
    }
    return total;
  }

  // One node's property map: every non-empty cell, typed; Person's lists split.
  Map nodeProperties(const CsvFile& f, size_t row, const std::string& skip_column) {
    Map props;
    for (size_t c = 0; c < f.header.size(); ++c) {
      const std::string& name = f.header[c];
      if (name == skip_column) continue;
      Value v = cell(f, row, c);
      if (v.isNull()) continue;
      if (f.stem == "person_0_0" && (name == "language" || name == "email")) {
        props[name == "language" ? "speaks" : "email"] = Value(splitList(v.asString()));
        continue;
      }
      if (f.stem == "person_0_0" && name == "birthday") {
        const int64_t ms = v.asInt();
        const int64_t days =
            ms >= 0 ? ms / kMillisPerDay : -((-ms + kMillisPerDay - 1) / kMillisPerDay);
        props["birthdayDate"] = Value(Date{static_cast<int32_t>(days)});
      }
      props[name] = std::move(v);
    }
    return props;
  }

  void createNodes(const CsvFile& f, const std::string& labels, List rows) {
    const int64_t want = static_cast<int64_t>(rows.size());
    Stats s = runBatches("UNWIND $rows AS r CREATE (n:" + labels + ") SET n = r", std::move(rows));
    if (s.nodes_created != want)
      throw LoadError(f.path + ": created " + std::to_string(s.nodes_created) + " of " +
                      std::to_string(want) + " :" + labels + " nodes");
    report_.nodes_per_label[labels.substr(labels.rfind(':') + 1)] += want;
  }

  void loadNodes(const std::string& sub, const std::string& stem, const std::string& labels) {
    CsvFile f = readCsv(dir_ + "/" + sub, stem);
    List rows;
    rows.reserve(f.rows.size());
    for (size_t i = 0; i < f.rows.size(); ++i) rows.emplace_back(nodeProperties(f, i, ""));
    report_.rows_per_file[stem] = static_cast<int64_t>(f.rows.size());
    createNodes(f, labels, std::move(rows));
  }

  // Places and organisations: the `type` column (city, country, …) becomes a second label.
  void loadTypedNodes(const std::string& sub, const std::string& stem, const std::string& label,
                      const std::string& type_column) {
    CsvFile f = readCsv(dir_ + "/" + sub, stem);
    size_t type_col = f.header.size();
    for (size_t c = 0; c < f.header.size(); ++c)
      if (f.header[c] == type_column) type_col = c;
    if (type_col == f.header.size()) throw LoadError(f.path + ": no '" + type_column + "' column");
    std::map<std::string, List> by_type;
    for (size_t i = 0; i < f.rows.size(); ++i) {
      std::string type = f.rows[i][type_col];
      if (type.empty() || type.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
        throw LoadError(f.path + ": line " + std::to_string(f.lines[i]) + ": bad " + type_column +
                        " '" + type + "'");
      type[0] = static_cast<char>(type[0] - 'a' + 'A');  // city -> City
      by_type[type].emplace_back(nodeProperties(f, i, type_column));
    }
    report_.rows_per_file[stem] = static_cast<int64_t>(f.rows.size());
    for (auto& [type, rows] : by_type) createNodes(f, label + ":" + type, std::move(rows));
  }

  // `A.id|B.id[|property…]`: one relationship per row, endpoints found by label and id.
  void loadEdges(const std::string& sub, const std::string& stem, const std::string& from,
                 const std::string& type, const std::string& to) {
    CsvFile f = readCsv(dir_ + "/" + sub, stem);
    if (f.header.size() < 2) throw LoadError(f.path + ": expected two id columns");
    std::string props;
    for (size_t c = 2; c < f.header.size(); ++c)
      props += (props.empty() ? "" : ", ") + f.header[c] + ": r[" + std::to_string(c) + "]";
    List rows;
    rows.reserve(f.rows.size());
    for (size_t i = 0; i < f.rows.size(); ++i) {
      List row;
      for (size_t c = 0; c < f.header.size(); ++c) row.push_back(cell(f, i, c));
      if (row[0].isNull() || row[1].isNull())
        throw LoadError(f.path + ": line " + std::to_string(f.lines[i]) + ": an empty id");
      rows.emplace_back(std::move(row));
    }
    const int64_t want = static_cast<int64_t>(rows.size());
    Stats s = runBatches("UNWIND $rows AS r MATCH (a:" + from + " {id: r[0]}) MATCH (b:" + to +
                             " {id: r[1]}) CREATE (a)-[:" + type +
                             (props.empty() ? "" : " {" + props + "}") + "]->(b)",
                         std::move(rows));
    if (s.relationships_created != want)
      throw LoadError(f.path + ": created " + std::to_string(s.relationships_created) + " of " +
                      std::to_string(want) + " :" + type +
                      " relationships (an endpoint is missing or not unique)");
    report_.rows_per_file[stem] = want;
    report_.relationships_per_type[type] += want;
  }

  Database& db_;
  std::string dir_;
  LoadReport report_;
};

}  // namespace

Expected<LoadReport> load(Database& db, const std::string& vanilla_dir) {
  try {
    return Loader(db, vanilla_dir).run();
  } catch (const LoadError& e) {
    return Error(ErrorCode::kInvalidInput, e.what());
  }
}

std::string tinyVanillaDir(const std::string& shared_dir) {
  return shared_dir + "/data/ldbc_snb_tiny/cypher/test-data/vanilla";
}

}  // namespace entente::ldbc
