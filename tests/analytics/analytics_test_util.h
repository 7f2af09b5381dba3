// tests/analytics/analytics_test_util.h — a temporary GraphStore per test, helpers to build
// small signed graphs, and a loader for data/aleppo.json straight into the store (so the
// analytics tests depend on storage only, not on the importer).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/projection.h"
#include "storage/graph_store.h"

namespace entente::analytics::testing {

using storage::NodeId;
using storage::Properties;

inline std::string tempPath(const std::string& tag) {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("entente-analytics-" + tag + "-" + std::to_string(getpid()) + "-" +
              std::to_string(counter++));
  std::filesystem::remove_all(dir);
  return dir.string();
}

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = tempPath(::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto r = storage::GraphStore::open(path_);
    ASSERT_TRUE(r.ok()) << r.status().message();
    store_ = std::move(r.value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(path_);
  }

  uint32_t id(std::string_view s) {
    auto r = store_->intern(s);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : 0;
  }
  //! Interns through `t` when given: a write transaction holds the writer lock.
  uint32_t id(storage::Transaction* t, std::string_view s) {
    if (!t) return id(s);
    auto r = t->internString(s);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : 0;
  }
  Properties props(std::map<std::string, Value> m, storage::Transaction* t = nullptr) {
    Properties p;
    for (auto& [k, v] : m) p.emplace_back(id(t, k), v);
    std::sort(p.begin(), p.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return p;
  }
  void declare(const std::string& type, storage::Sign sign, bool symmetric = false) {
    auto t = store_->beginWrite();
    storage::RelTypeDef def;
    def.name = type;
    def.sign = sign;
    def.symmetric = symmetric;
    def.declared = true;
    ASSERT_TRUE(t->internString(type).ok());
    ASSERT_TRUE(t->putRelType(def).ok());
    ASSERT_TRUE(t->commit().ok());
  }
  //! The conflict vocabulary's signed types (+ FORMERLY) for hand-built graphs.
  void declareDefaults() {
    declare("BACKS", storage::Sign::kPositive);
    declare("PART_OF", storage::Sign::kPositive);
    declare("LEADS", storage::Sign::kPositive);
    declare("ALLIED_WITH", storage::Sign::kPositive, true);
    declare("FIGHTS", storage::Sign::kNegative, true);
    declare("STRIKES", storage::Sign::kNegative);
    declare("FORMERLY", storage::Sign::kNeutral);
    declare("CONTROLS", storage::Sign::kNeutral);
  }
  NodeId node(const std::string& name, std::vector<std::string> labels = {"Actor"}) {
    std::vector<storage::LabelId> ls;
    for (auto& l : labels) ls.push_back(id(l));
    std::sort(ls.begin(), ls.end());
    auto t = store_->beginWrite();
    auto r = t->createNode(ls, props({{"name", Value(name)}}, t.get()));
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(t->commit().ok());
    names_[name] = r.ok() ? *r : 0;
    return names_[name];
  }
  storage::EdgeId rel(const std::string& a, const std::string& type, const std::string& b,
                      std::map<std::string, Value> p = {}) {
    auto t = store_->beginWrite();
    auto r =
        t->createEdge(names_.at(a), id(t.get(), type), names_.at(b), props(std::move(p), t.get()));
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(t->commit().ok());
    return r.ok() ? *r : 0;
  }
  NodeId n(const std::string& name) const { return names_.at(name); }
  //! The node called `name` (or alias) in the store.
  NodeId byName(const std::string& name) const {
    auto found = store_->beginRead()->findByName(name);
    EXPECT_EQ(found.size(), 1u) << name;
    return found.empty() ? 0 : found[0];
  }

  static Value fromJson(const nlohmann::json& j) {
    if (j.is_boolean()) return Value(j.get<bool>());
    if (j.is_number_integer()) return Value(j.get<int64_t>());
    if (j.is_number()) return Value(j.get<double>());
    if (j.is_string()) return Value(j.get<std::string>());
    if (j.is_array()) {
      List l;
      for (auto& e : j) l.push_back(fromJson(e));
      return Value(std::move(l));
    }
    if (j.is_object()) {
      Map m;
      for (auto& [k, v] : j.items()) m.emplace(k, fromJson(v));
      return Value(std::move(m));
    }
    return Value();
  }

  //! Loads data/aleppo.json (types, entities, relations) in one write transaction.
  void loadAleppo() {
    std::ifstream in(std::string(ENTENTE_SOURCE_DIR) + "/data/aleppo.json");
    ASSERT_TRUE(in.good());
    nlohmann::json doc = nlohmann::json::parse(in);
    std::map<std::string, storage::Sign> signs = {{"positive", storage::Sign::kPositive},
                                                  {"negative", storage::Sign::kNegative},
                                                  {"neutral", storage::Sign::kNeutral}};
    for (auto& t : doc["relation_types"]) declare(t["name"], signs.at(t["sign"]), t["symmetric"]);
    std::map<std::string, NodeId> keys;
    auto t = store_->beginWrite();
    for (auto& e : doc["entities"]) {
      std::vector<storage::LabelId> ls;
      for (auto& l : e["labels"]) ls.push_back(id(t.get(), l.get<std::string>()));
      std::sort(ls.begin(), ls.end());
      std::map<std::string, Value> m = {{"name", Value(e["name"].get<std::string>())}};
      if (e.contains("aliases")) m["aliases"] = fromJson(e["aliases"]);
      auto r = t->createNode(ls, props(m, t.get()));
      ASSERT_TRUE(r.ok()) << r.status().message();
      keys[e["key"]] = *r;
      names_[e["name"]] = *r;
    }
    for (auto& r : doc["relations"]) {
      std::map<std::string, Value> m;
      for (auto& [k, v] : r["properties"].items()) {
        if (k == "source") {
          List ids;
          for (auto& s : v) ids.push_back(Value(static_cast<int64_t>(keys.at(s))));
          m[k] = Value(std::move(ids));
        } else if (k == "since" || k == "until") {
          Date d;
          ASSERT_TRUE(Date::parse(v.get<std::string>(), &d));
          m[k] = Value(d);
        } else {
          m[k] = fromJson(v);
        }
      }
      auto e = t->createEdge(keys.at(r["from"]), id(t.get(), r["type"].get<std::string>()),
                             keys.at(r["to"]), props(m, t.get()));
      ASSERT_TRUE(e.ok()) << e.status().message();
    }
    ASSERT_TRUE(t->commit().ok());
  }

  GraphContext ctx(const storage::Transaction& txn) {
    return GraphContext{txn, store_.get(), &cache_};
  }

  std::string path_;
  std::unique_ptr<storage::GraphStore> store_;
  ProjectionCache cache_;
  std::map<std::string, NodeId> names_;
};

}  // namespace entente::analytics::testing
