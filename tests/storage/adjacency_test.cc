// The in-memory adjacency answers exactly what RocksDB answers: two stores get the same
// operations, one with the cache and one without, and every node's relations are compared
// in every direction and type selection, snapshots held across commits included.
#include <chrono>
#include <random>
#include <thread>

#include "storage/property_codec.h"
#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::tempPath;

// What a read transaction reports for one node: every field, properties as bytes.
using Seen = std::vector<std::tuple<EdgeId, NodeId, TypeId, NodeId, std::string>>;

class AdjacencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2; ++i)
      paths_[i] = tempPath(std::string("adj") + (i ? "-plain" : "-cached"));
    reopen();
    for (auto* s : {"T0", "T1", "T2", "since", "note"})
      for (auto& st : stores_) ASSERT_TRUE(st->intern(s).ok());
  }
  void TearDown() override {
    for (int i = 0; i < 2; ++i) {
      stores_[i].reset();
      std::filesystem::remove_all(paths_[i]);
    }
  }
  void reopen() {
    for (int i = 0; i < 2; ++i) {
      stores_[i].reset();
      StoreOptions o;
      o.adjacency_cache = i == 0;
      auto r = GraphStore::open(paths_[i], o);
      ASSERT_TRUE(r.ok()) << r.status().message();
      stores_[i] = std::move(r.value());
    }
  }
  uint32_t id(std::string_view s) { return *stores_[0]->intern(s); }
  GraphStore& cached() { return *stores_[0]; }

  //! Waits for a background build (after open or an import into a store with edges).
  void waitForCache() {
    // A generous bound: the build is small, but the machine may be loaded.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!cached().adjacencyInMemory() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(cached().adjacencyInMemory());
  }

  static Seen seen(const Transaction& t, NodeId n, Direction d, const std::vector<TypeId>& types) {
    Seen out;
    t.edges(n, d, types, [&](const EdgeRef& e) {
      out.emplace_back(e.id, e.src, e.type, e.dst, std::string(e.raw_props));
      return true;
    });
    EXPECT_EQ(out.size(), t.degree(n, d, types));
    return out;
  }

  //! Compares both transactions on every node below `limit`.
  void expectSame(const Transaction& a, const Transaction& b, NodeId limit) {
    const std::vector<std::vector<TypeId>> selections = {
        {}, {id("T0")}, {id("T2"), id("T0")}, {id("T1"), id("T1")}, {id("note")}};
    for (NodeId n = 0; n < limit; ++n)
      for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth})
        for (const auto& types : selections)
          ASSERT_EQ(seen(a, n, d, types), seen(b, n, d, types))
              << "node " << n << " direction " << static_cast<int>(d) << " types " << types.size();
    Seen all_a, all_b;
    for (auto [t, all] : {std::pair{&a, &all_a}, std::pair{&b, &all_b}})
      t->scanEdges([&, all = all](const EdgeRef& e) {
        all->emplace_back(e.id, e.src, e.type, e.dst, std::string(e.raw_props));
        return true;
      });
    ASSERT_EQ(all_a, all_b) << "scanEdges";
    // Stopping early stops both.
    for (NodeId n = 0; n < limit; ++n) {
      int calls = 0;
      a.edges(n, Direction::kBoth, {}, [&](const EdgeRef&) { return ++calls < 2; });
      EXPECT_LE(calls, 2);
    }
  }
  void expectSameNow(NodeId limit) {
    auto a = stores_[0]->beginRead(), b = stores_[1]->beginRead();
    expectSame(*a, *b, limit);
  }

  //! Runs the same random transaction on both stores (same seed: same ids).
  void randomTransaction(uint32_t seed, NodeId nodes, bool commit = true) {
    for (auto& st : stores_) {
      std::mt19937 rng(seed);
      auto t = st->beginWrite();
      const TypeId types[] = {id("T0"), id("T1"), id("T2")};
      const int ops = 1 + rng() % 6;
      for (int i = 0; i < ops; ++i) {
        NodeId a = rng() % nodes, b = rng() % 4 == 0 ? a : rng() % nodes;  // self loops too
        switch (rng() % 8) {
          case 0:
          case 1:
          case 2: {
            Properties p;
            if (rng() % 2)
              p.push_back({id("since"), Value(Date{static_cast<int32_t>(rng() % 9000)})});
            (void)t->createEdge(a, types[rng() % 3], b, p);
            break;
          }
          case 3:
          case 4: {  // delete one relation of a (if any)
            std::vector<EdgeId> ids;
            t->edges(a, Direction::kBoth, {}, [&](const EdgeRef& e) {
              ids.push_back(e.id);
              return true;
            });
            if (!ids.empty()) EXPECT_TRUE(t->deleteEdge(ids[rng() % ids.size()]).ok());
            break;
          }
          case 5: {  // change the properties of one relation of a
            std::vector<EdgeId> ids;
            t->edges(a, Direction::kOut, {}, [&](const EdgeRef& e) {
              ids.push_back(e.id);
              return true;
            });
            if (!ids.empty())
              EXPECT_TRUE(
                  t->updateEdgeProps(ids[rng() % ids.size()], {{id("note"), Value("changed")}})
                      .ok());
            break;
          }
          case 6:
            if (rng() % 4 == 0) {  // detach delete, then recreate the node with the same id
              if (t->deleteNode(a, true).ok()) EXPECT_TRUE(t->createNodeWithId(a, {}, {}).ok());
            }
            break;
          default: (void)t->createEdge(a, types[0], b, {});  // parallel relations
        }
      }
      if (commit) {
        ASSERT_TRUE(t->commit().ok());
      } else {
        t->rollback();
      }
    }
  }
  void createNodes(NodeId n) {
    for (auto& st : stores_) {
      auto t = st->beginWrite();
      for (NodeId i = 0; i < n; ++i) ASSERT_TRUE(t->createNode({}, {}).ok());
      ASSERT_TRUE(t->commit().ok());
    }
  }

  std::string paths_[2];
  std::unique_ptr<GraphStore> stores_[2];  // [0] with the adjacency cache, [1] without
};

TEST_F(AdjacencyTest, RandomCommitsMatchRocksDb) {
  createNodes(40);
  EXPECT_TRUE(cached().adjacencyInMemory());
  auto old_a = stores_[0]->beginRead(), old_b = stores_[1]->beginRead();
  for (uint32_t i = 0; i < 400; ++i) {
    randomTransaction(i, 40, /*commit=*/i % 7 != 3);
    if (i % 25 == 0) expectSameNow(42);
    if (i == 200) {  // a snapshot held across many commits keeps seeing its own state
      expectSame(*old_a, *old_b, 42);
      old_a = stores_[0]->beginRead();
      old_b = stores_[1]->beginRead();
    }
  }
  expectSame(*old_a, *old_b, 42);
  expectSameNow(42);
  EXPECT_TRUE(cached().adjacencyInMemory());
}

TEST_F(AdjacencyTest, ReopenBuildsTheCopyFromRocksDb) {
  createNodes(30);
  for (uint32_t i = 0; i < 150; ++i) randomTransaction(1000 + i, 30);
  reopen();
  waitForCache();
  expectSameNow(32);
  for (uint32_t i = 0; i < 50; ++i) randomTransaction(2000 + i, 30);
  expectSameNow(32);
}

TEST_F(AdjacencyTest, BulkImportsMatchRocksDb) {
  const TypeId t0 = id("T0"), t1 = id("T1");
  const KeyId since = id("since");
  std::vector<BulkNode> nodes;
  for (NodeId n = 0; n < 60; ++n) nodes.push_back({n, {}, {}});
  std::vector<BulkEdge> edges;
  std::mt19937 rng(9);
  for (int i = 0; i < 500; ++i) {
    Properties p;
    if (i % 3 == 0) p.push_back({since, Value(Date{i})});
    edges.push_back({rng() % 60, rng() % 2 ? t0 : t1, rng() % 60, p});
  }
  for (auto& st : stores_) ASSERT_TRUE(st->bulkImport(nodes, edges).ok());
  EXPECT_TRUE(cached().adjacencyInMemory());  // built from the import itself
  expectSameNow(61);
  for (uint32_t i = 0; i < 60; ++i) randomTransaction(3000 + i, 60);
  expectSameNow(61);
  // A second import into a store with edges: rebuilt from RocksDB in the background.
  std::vector<BulkNode> more;
  for (NodeId n = 60; n < 80; ++n) more.push_back({n, {}, {}});
  for (auto& e : edges) e.dst = 60 + e.dst % 20;
  for (auto& st : stores_) ASSERT_TRUE(st->bulkImport(more, edges).ok());
  expectSameNow(81);  // whichever path answers, the answers are the same
  waitForCache();
  expectSameNow(81);
}

TEST_F(AdjacencyTest, ManyChangesMergeIntoANewBase) {
  createNodes(300);
  for (auto& st : stores_) {  // more than the overlay holds: merged into a new base
    auto t = st->beginWrite();
    std::mt19937 rng(5);
    for (int i = 0; i < 70000; ++i) {
      auto r = t->createEdge(rng() % 300, id("T1"), rng() % 300, {});
      ASSERT_TRUE(r.ok()) << r.status().message();
    }
    ASSERT_TRUE(t->commit().ok());
  }
  expectSameNow(302);
  for (uint32_t i = 0; i < 30; ++i) randomTransaction(4000 + i, 300);
  expectSameNow(302);
}

TEST_F(AdjacencyTest, IdsBeyondTheLayoutFallBackToRocksDb) {
  const TypeId t0 = id("T0");
  std::vector<BulkNode> nodes = {{1, {}, {}}, {NodeId{1} << 40, {}, {}}};
  std::vector<BulkEdge> edges = {{1, t0, NodeId{1} << 40, {}}, {NodeId{1} << 40, t0, 1, {}}};
  for (auto& st : stores_) ASSERT_TRUE(st->bulkImport(nodes, edges).ok());
  EXPECT_FALSE(cached().adjacencyInMemory());
  auto a = stores_[0]->beginRead(), b = stores_[1]->beginRead();
  for (NodeId n : {NodeId{1}, NodeId{1} << 40})
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      EXPECT_EQ(seen(*a, n, d, {}), seen(*b, n, d, {}));
      EXPECT_FALSE(seen(*a, n, d, {}).empty());
    }
}

TEST_F(AdjacencyTest, ClosingDuringABuildIsClean) {
  createNodes(200);
  {
    auto t = stores_[0]->beginWrite();
    for (int i = 0; i < 20000; ++i)
      ASSERT_TRUE(t->createEdge(i % 200, id("T0"), (i * 7) % 200, {}).ok());
    ASSERT_TRUE(t->commit().ok());
  }
  for (int round = 0; round < 5; ++round) reopen();  // each open starts a build; closing stops it
  waitForCache();
  EXPECT_EQ(stores_[0]->beginRead()->degree(1, Direction::kOut, {}), 100u);
}

}  // namespace
}  // namespace entente::storage
