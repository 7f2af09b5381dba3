// tests/storage/store_test_util.h — a temporary store per test, and small helpers.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/graph_store.h"

namespace entente::storage::testing {

inline std::string tempPath(const std::string& tag) {
  static int counter = 0;
  auto dir =
      std::filesystem::temp_directory_path() /
      ("entente-storage-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  return dir.string();
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = tempPath(::testing::UnitTest::GetInstance()->current_test_info()->name());
    reopen();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(path_);
  }
  void reopen() {
    store_.reset();
    auto r = GraphStore::open(path_);
    ASSERT_TRUE(r.ok()) << r.status().message();
    store_ = std::move(r.value());
  }
  uint32_t id(std::string_view s) {
    auto r = store_->intern(s);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : 0;
  }
  //! Creates one node in its own transaction.
  NodeId node(std::vector<LabelId> labels, Properties props = {}) {
    auto t = store_->beginWrite();
    auto r = t->createNode(labels, props);
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(t->commit().ok());
    return r.ok() ? *r : 0;
  }
  std::vector<NodeId> label(LabelId l) {
    std::vector<NodeId> out;
    store_->beginRead()->scanLabel(l, [&](NodeId n) {
      out.push_back(n);
      return true;
    });
    return out;
  }
  std::vector<EdgeRef> edgesOf(const Transaction& t, NodeId n, Direction d,
                               std::vector<TypeId> types = {}) {
    std::vector<EdgeRef> out;
    t.edges(n, d, types, [&](const EdgeRef& e) {
      out.push_back(e);
      out.back().raw_props = {};  // not valid after the callback
      return true;
    });
    return out;
  }

  std::string path_;
  std::unique_ptr<GraphStore> store_;
};

}  // namespace entente::storage::testing
