// api/import_csv.cc — importCsv: node and edge CSV files loaded through
// GraphStore::bulkImport (sorted SST files), all or nothing.
//
// Nodes: `id,label,name,…` with a header (label = semicolon-separated labels; other
// columns become properties: integers stay integers, since/until become dates, everything
// else a string; empty cells are absent), or a headerless file of one id per line.
// Edges: `src,dst[,type]` with or without a header (a header is a first line whose first
// field is not a number); with a header, further columns become properties.
// Everything is parsed and checked before any string is interned or anything written.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "api/convert.h"
#include "api/database_impl.h"
#include "api/json_util.h"
#include "core/csv_reader.h"

namespace entente {

using api::fail;
using api::ImportError;

namespace {

// Names are collected as local indexes while parsing and interned only once all is checked.
struct Names {
  std::vector<std::string> list;
  std::unordered_map<std::string, uint32_t> index;
  uint32_t of(std::string_view s) {
    auto it = index.find(std::string(s));
    if (it != index.end()) return it->second;
    index.emplace(std::string(s), static_cast<uint32_t>(list.size()));
    list.emplace_back(s);
    return static_cast<uint32_t>(list.size() - 1);
  }
};

struct Column {
  enum Kind { kId, kLabel, kSrc, kDst, kType, kProperty } kind;
  uint32_t key = 0;  // local key index for kProperty
  std::string name;
};

[[noreturn]] void failAt(const std::string& file, int line, const std::string& msg) {
  throw ImportError(file + ": line " + std::to_string(line) + ": " + msg, line);
}

bool looksLikeHeader(std::string_view first_field) {
  uint64_t v;
  return !csv::parseU64(first_field, &v);
}

// A property cell: integer, date for since/until, else string. Empty = absent (null).
Value cellValue(std::string_view cell, const std::string& column, const std::string& file,
                int line) {
  std::string_view t = csv::trim(cell);
  if (t.empty()) return Value();
  if (column == storage::kSince || column == storage::kUntil) {
    Date d;
    if (!Date::parse(t, &d))
      failAt(file, line, column + ": '" + std::string(t) + "' is not a valid date (YYYY-MM-DD)");
    return Value(d);
  }
  int64_t i;
  if (csv::parseI64(t, &i)) return Value(i);
  if (!api::validUtf8(cell)) failAt(file, line, column + ": invalid UTF-8");
  return Value(std::string(cell));
}

std::vector<Column> readHeader(const std::vector<std::string_view>& fields, bool nodes, Names* keys,
                               const std::string& file) {
  std::vector<Column> cols;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string name(csv::trim(fields[i]));
    if (name.empty())
      failAt(file, 1, "column " + std::to_string(i + 1) + " of the header has no name");
    if (!api::validUtf8(name)) failAt(file, 1, "invalid UTF-8 in the header");
    Column c{Column::kProperty, 0, name};
    if (nodes && name == "id")
      c.kind = Column::kId;
    else if (nodes && (name == "label" || name == "labels"))
      c.kind = Column::kLabel;
    else if (!nodes && (name == "src" || name == "source" || name == "from" || name == "start"))
      c.kind = Column::kSrc;
    else if (!nodes && (name == "dst" || name == "target" || name == "to" || name == "end"))
      c.kind = Column::kDst;
    else if (!nodes && name == "type")
      c.kind = Column::kType;
    else
      c.key = keys->of(name);
    cols.push_back(std::move(c));
  }
  auto has = [&](Column::Kind k) {
    return std::any_of(cols.begin(), cols.end(), [&](auto& c) { return c.kind == k; });
  };
  if (nodes && !has(Column::kId)) failAt(file, 1, "the header has no 'id' column");
  if (!nodes && !has(Column::kSrc) && !has(Column::kDst) && cols.size() >= 2) {
    cols[0].kind = Column::kSrc;  // unnamed endpoint columns: the first two
    cols[1].kind = Column::kDst;
  }
  if (!nodes && (!has(Column::kSrc) || !has(Column::kDst)))
    failAt(file, 1, "the header needs a source and a target column (src,dst)");
  return cols;
}

void addProperty(storage::Properties* props, uint32_t key, Value v) {
  if (!v.isNull()) props->emplace_back(key, std::move(v));
}

// One import, as one call per phase (run()): parse the nodes file, check its ids, parse the
// edges file, intern the names; only then is anything written (Database::importCsv).
struct CsvImport {
  storage::GraphStore& store;
  const std::string& nodes_file;
  const std::string& edges_file;
  std::string_view default_label, default_type;

  CsvImport(storage::GraphStore& store_, const std::string& nodes_file_,
            const std::string& edges_file_, std::string_view default_label_,
            std::string_view default_type_)
      : store(store_),
        nodes_file(nodes_file_),
        edges_file(edges_file_),
        default_label(default_label_),
        default_type(default_type_) {}

  Names labels, types, keys;
  std::vector<storage::BulkNode> nodes;
  std::vector<storage::BulkEdge> edges;
  std::vector<std::pair<storage::NodeId, int>> node_lines;  // for duplicate checks
  std::string data, err;
  std::unique_ptr<storage::Transaction> txn;  // reads the store while checking
  bool store_empty = true;
  bool dense = true;  // node ids in the file are dense: a bitmap, else a set
  std::vector<bool> in_file;
  std::unordered_set<storage::NodeId> in_file_sparse;
  std::unordered_map<storage::NodeId, bool> in_store;
  Stats stats;

  void parseNodes() {
    if (!csv::readFile(nodes_file, &data, &err))
      throw ImportError(nodes_file + ": " + err, 0, 0, ErrorCode::kIOError);
    csv::CsvReader csv(data);
    std::vector<Column> cols;
    bool first = true;
    const size_t lines = static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
    nodes.reserve(lines);
    node_lines.reserve(lines);
    while (csv.next()) {
      const auto& f = csv.fields();
      if (first && looksLikeHeader(f[0])) {
        cols = readHeader(f, true, &keys, nodes_file);
        first = false;
        continue;
      }
      first = false;
      storage::BulkNode n{};
      if (cols.empty()) {
        if (f.size() != 1)
          failAt(nodes_file, csv.line(),
                 "expected one id per line (a file with more columns needs a header: "
                 "id,label,name,…)");
        if (!csv::parseU64(f[0], &n.id))
          failAt(nodes_file, csv.line(),
                 "expected a node id (a non-negative integer), got '" + std::string(f[0]) + "'");
      } else {
        if (f.size() != cols.size())
          failAt(nodes_file, csv.line(),
                 "expected " + std::to_string(cols.size()) + " fields, got " +
                     std::to_string(f.size()));
        for (size_t i = 0; i < f.size(); ++i) {
          const Column& c = cols[i];
          if (c.kind == Column::kId) {
            if (!csv::parseU64(f[i], &n.id))
              failAt(nodes_file, csv.line(),
                     "id: expected a non-negative integer, got '" + std::string(f[i]) + "'");
          } else if (c.kind == Column::kLabel) {
            std::string_view rest = f[i];
            while (!rest.empty()) {
              size_t semi = rest.find(';');
              std::string_view l = csv::trim(rest.substr(0, semi));
              if (!l.empty()) n.labels.push_back(labels.of(l));
              rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            }
          } else {
            addProperty(&n.props, c.key, cellValue(f[i], c.name, nodes_file, csv.line()));
          }
        }
      }
      if (n.labels.empty() && !default_label.empty()) n.labels.push_back(labels.of(default_label));
      node_lines.emplace_back(n.id, csv.line());
      nodes.push_back(std::move(n));
    }
    if (!csv.error().empty()) failAt(nodes_file, csv.line(), csv.error());
  }

  // Duplicate node ids, and the membership set for edge endpoints.
  void checkNodeIds() {
    std::sort(node_lines.begin(), node_lines.end());
    for (size_t i = 1; i < node_lines.size(); ++i)
      if (node_lines[i].first == node_lines[i - 1].first)
        failAt(nodes_file, std::max(node_lines[i].second, node_lines[i - 1].second),
               "duplicate node id " + std::to_string(node_lines[i].first));
    txn = store.beginRead();
    store_empty = store.approxNodeCount() == 0;
    if (!store_empty)
      for (const auto& [id, line] : node_lines)
        if (txn->nodeExists(id))
          failAt(nodes_file, line,
                 "node " + std::to_string(id) + " already exists in the database");
    const uint64_t max_id = node_lines.empty() ? 0 : node_lines.back().first;
    dense = max_id < (uint64_t{1} << 27) || max_id / 16 < node_lines.size();
    in_file.assign(dense && !node_lines.empty() ? max_id + 1 : 0, false);
    for (const auto& [id, line] : node_lines)
      dense ? (void)(in_file[id] = true) : (void)in_file_sparse.insert(id);
    node_lines = {};
  }

  //! Whether an edge endpoint is in the nodes file or already in the store.
  bool known(storage::NodeId id) {
    if (dense ? id < in_file.size() && in_file[id] : in_file_sparse.count(id) > 0) return true;
    if (store_empty) return false;
    auto it = in_store.find(id);
    if (it == in_store.end()) it = in_store.emplace(id, txn->nodeExists(id)).first;
    return it->second;
  }

  void parseEdges() {
    data.clear();
    if (!csv::readFile(edges_file, &data, &err))
      throw ImportError(edges_file + ": " + err, 0, 0, ErrorCode::kIOError);
    csv::CsvReader csv(data);
    std::vector<Column> cols;
    bool first = true;
    const uint32_t default_type_index = types.of(default_type);
    edges.reserve(static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1);
    while (csv.next()) {
      const auto& f = csv.fields();
      if (first && looksLikeHeader(f[0])) {
        cols = readHeader(f, false, &keys, edges_file);
        first = false;
        continue;
      }
      first = false;
      storage::BulkEdge e{0, default_type_index, 0, {}};
      if (cols.empty()) {
        if (f.size() < 2 || f.size() > 3)
          failAt(edges_file, csv.line(),
                 "expected src,dst or src,dst,type, got " + std::to_string(f.size()) + " fields");
        if (!csv::parseU64(f[0], &e.src))
          failAt(edges_file, csv.line(),
                 "src: expected a node id, got '" + std::string(f[0]) + "'");
        if (!csv::parseU64(f[1], &e.dst))
          failAt(edges_file, csv.line(),
                 "dst: expected a node id, got '" + std::string(f[1]) + "'");
        if (f.size() == 3 && !csv::trim(f[2]).empty()) e.type = types.of(csv::trim(f[2]));
      } else {
        if (f.size() != cols.size())
          failAt(edges_file, csv.line(),
                 "expected " + std::to_string(cols.size()) + " fields, got " +
                     std::to_string(f.size()));
        for (size_t i = 0; i < f.size(); ++i) {
          const Column& c = cols[i];
          if (c.kind == Column::kSrc || c.kind == Column::kDst) {
            if (!csv::parseU64(f[i], c.kind == Column::kSrc ? &e.src : &e.dst))
              failAt(edges_file, csv.line(),
                     c.name + ": expected a node id, got '" + std::string(f[i]) + "'");
          } else if (c.kind == Column::kType) {
            if (!csv::trim(f[i]).empty()) e.type = types.of(csv::trim(f[i]));
          } else {
            addProperty(&e.props, c.key, cellValue(f[i], c.name, edges_file, csv.line()));
          }
        }
      }
      for (auto id : {e.src, e.dst})
        if (!known(id))
          failAt(edges_file, csv.line(),
                 "unknown node " + std::to_string(id) +
                     " (not in the nodes file nor in the database)");
      edges.push_back(std::move(e));
    }
    if (!csv.error().empty()) failAt(edges_file, csv.line(), csv.error());
  }

  // All checked: intern the names and map local indexes to dictionary ids.
  void internNames() {
    auto intern = [&](const Names& names) {
      std::vector<uint32_t> ids;
      for (const auto& s : names.list) {
        if (!api::validUtf8(s)) fail("invalid UTF-8 in '" + s + "'");
        auto r = store.intern(s);
        if (!r.ok()) {
          Error e = query::fromStatus(r.status());
          throw ImportError(e.message(), 0, 0, e.code());
        }
        ids.push_back(r.value());
      }
      return ids;
    };
    auto label_ids = intern(labels), type_ids = intern(types), key_ids = intern(keys);
    auto remapProps = [&](storage::Properties* props) {
      for (auto& [k, v] : *props) k = key_ids[k];
      std::sort(props->begin(), props->end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      stats.properties_set += static_cast<int64_t>(props->size());
    };
    for (auto& n : nodes) {
      for (auto& l : n.labels) l = label_ids[l];
      std::sort(n.labels.begin(), n.labels.end());
      n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
      stats.labels_added += static_cast<int64_t>(n.labels.size());
      if (!n.props.empty()) remapProps(&n.props);
    }
    for (auto& e : edges) {
      e.type = type_ids[e.type];
      if (!e.props.empty()) remapProps(&e.props);
    }
    stats.nodes_created = static_cast<int64_t>(nodes.size());
    stats.relationships_created = static_cast<int64_t>(edges.size());
  }

  Expected<Stats> run() {
    if (!nodes_file.empty()) parseNodes();
    checkNodeIds();
    if (!edges_file.empty()) parseEdges();
    txn.reset();
    data = {};
    internNames();
    if (auto s = store.bulkImport(std::move(nodes), std::move(edges)); !s.ok()) {
      Error e = query::fromStatus(s);
      return Error(e.code(), "bulk import failed: " + e.message());
    }
    return stats;
  }
};

}  // namespace

Expected<Stats> Database::importCsv(const std::string& nodes_file, const std::string& edges_file,
                                    std::string_view default_label, std::string_view default_type) {
  return api::guarded([&]() -> Expected<Stats> {
    try {
      CsvImport import(*impl_->store, nodes_file, edges_file, default_label, default_type);
      return import.run();
    } catch (const ImportError& e) {
      return e.toError();
    }
  });
}

}  // namespace entente
