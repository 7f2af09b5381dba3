// GraphStore::bulkImport: everything lands where transactions would have put it, and bad
// input changes nothing.
#include <map>
#include <random>
#include <tuple>

#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, BulkImportMatchesTheModel) {
  LabelId state = id("State"), group = id("ArmedGroup");
  KeyId name = id("name"), aliases = id("aliases"), since = id("since");
  TypeId backs = id("BACKS"), fights = id("FIGHTS");
  std::vector<BulkNode> nodes;
  for (NodeId n = 10; n < 60; ++n)
    nodes.push_back({n, {n % 2 ? group : state}, {{name, Value("Node " + std::to_string(n))}}});
  nodes[0].props.push_back({aliases, Value(List{Value("First"), Value("Alpha")})});
  std::reverse(nodes.begin(), nodes.end());  // input order does not matter
  std::vector<BulkEdge> edges;
  std::mt19937 rng(3);
  // Model: (src, type, dst) -> count, for the out and in lists.
  std::map<std::tuple<NodeId, TypeId, NodeId>, int> model;
  for (int i = 0; i < 400; ++i) {
    NodeId s = 10 + rng() % 50, d = 10 + rng() % 50;
    TypeId t = rng() % 3 ? backs : fights;
    Properties p;
    if (i % 5 == 0) p.push_back({since, Value(Date{i})});
    edges.push_back({s, t, d, p});
    ++model[{s, t, d}];
  }
  ASSERT_TRUE(store_->bulkImport(nodes, edges).ok());
  EXPECT_EQ(store_->approxNodeCount(), 50u);
  EXPECT_EQ(store_->approxLabelCount(state), 25u);

  for (int pass = 0; pass < 2; ++pass) {  // before and after reopening
    auto t = store_->beginRead();
    EXPECT_EQ(t->findByName("node 33"), std::vector<NodeId>{33});
    EXPECT_EQ(t->findByName("ALPHA"), std::vector<NodeId>{10});
    EXPECT_EQ(label(group).size(), 25u);
    std::map<std::tuple<NodeId, TypeId, NodeId>, int> out_seen, in_seen;
    size_t with_props = 0;
    for (NodeId n = 10; n < 60; ++n) {
      auto out = edgesOf(*t, n, Direction::kOut);
      for (size_t i = 1; i < out.size(); ++i)  // (type, neighbour, edge id) order
        EXPECT_LT(std::tie(out[i - 1].type, out[i - 1].dst, out[i - 1].id),
                  std::tie(out[i].type, out[i].dst, out[i].id));
      for (auto& e : out) ++out_seen[{e.src, e.type, e.dst}];
      auto in = edgesOf(*t, n, Direction::kIn);
      for (size_t i = 1; i < in.size(); ++i)
        EXPECT_LT(std::tie(in[i - 1].type, in[i - 1].src, in[i - 1].id),
                  std::tie(in[i].type, in[i].src, in[i].id));
      for (auto& e : in) ++in_seen[{e.src, e.type, e.dst}];
      t->edges(n, Direction::kOut, {}, [&](const EdgeRef& e) {
        with_props += findProperty(e.raw_props, since).has_value();
        auto rec = t->getEdge(e.id);
        EXPECT_TRUE(rec && rec->src == e.src && rec->dst == e.dst && rec->type == e.type);
        return true;
      });
    }
    EXPECT_EQ(out_seen, model);
    EXPECT_EQ(in_seen, model);
    EXPECT_EQ(with_props, 80u);
    EXPECT_EQ(t->labels(), (std::vector<std::string>{"ArmedGroup", "State"}));
    EXPECT_EQ(t->relTypes().size(), 2u);
    t.reset();
    reopen();
  }
  // Ids handed out later do not collide with imported ones.
  auto w = store_->beginWrite();
  auto n = w->createNode({}, {});
  ASSERT_TRUE(n.ok());
  EXPECT_GE(*n, 60u);
  auto e = w->createEdge(*n, backs, 10, {});
  ASSERT_TRUE(e.ok());
  EXPECT_GE(*e, 400u);
  ASSERT_TRUE(w->commit().ok());
}

TEST_F(StoreTest, BulkImportIntoANonEmptyStoreAndSnapshotsDoNotSeeIt) {
  TypeId t1 = id("T");
  NodeId a = node({});
  auto reader = store_->beginRead();
  ASSERT_TRUE(store_->bulkImport({{100, {}, {}}}, {{a, t1, 100, {}}, {100, t1, a, {}}}).ok());
  EXPECT_FALSE(reader->nodeExists(100));
  EXPECT_EQ(reader->degree(a, Direction::kBoth, {}), 0u);
  auto t = store_->beginRead();
  EXPECT_EQ(t->degree(a, Direction::kBoth, {}), 2u);
  EXPECT_EQ(store_->approxNodeCount(), 2u);
  // Edges only, between nodes already stored.
  ASSERT_TRUE(store_->bulkImport({}, {{a, t1, a, {}}}).ok());
  EXPECT_EQ(store_->beginRead()->degree(a, Direction::kOut, {}), 2u);
}

TEST_F(StoreTest, BulkImportIsAllOrNothing) {
  TypeId t1 = id("T");
  LabelId l = id("L");
  NodeId existing = node({});
  uint64_t v = store_->version();
  auto expectUnchanged = [&](const Status& s, Status::Code code) {
    EXPECT_EQ(s.code(), code) << s.message();
    EXPECT_EQ(store_->approxNodeCount(), 1u);
    EXPECT_EQ(store_->version(), v);
    auto t = store_->beginRead();
    size_t n = 0;
    t->scanNodes([&](NodeId) { return ++n, true; });
    EXPECT_EQ(n, 1u);
    size_t e = 0;
    t->scanEdges([&](const EdgeRef&) { return ++e, true; });
    EXPECT_EQ(e, 0u);
    EXPECT_TRUE(label(l).empty());
  };
  std::vector<BulkNode> good = {{1000, {l}, {}}, {1001, {l}, {}}};
  // The last edge points nowhere.
  expectUnchanged(store_->bulkImport(good, {{1000, t1, 1001, {}}, {1001, t1, 5555, {}}}),
                  Status::Code::kNotFound);
  expectUnchanged(store_->bulkImport({{1000, {l}, {}}, {1000, {}, {}}}, {}),
                  Status::Code::kInvalidArgument);
  expectUnchanged(store_->bulkImport({{1000, {l}, {}}, {existing, {}, {}}}, {}),
                  Status::Code::kConstraint);
  expectUnchanged(store_->bulkImport(good, {{1000, 4242, 1001, {}}}),
                  Status::Code::kInvalidArgument);
  expectUnchanged(store_->bulkImport({{1000, {l, 4242}, {}}}, {}), Status::Code::kInvalidArgument);
  reopen();
  v = store_->version();  // in memory: counts from 0 again after a reopen
  expectUnchanged(Status::NotFound("same after reopen"), Status::Code::kNotFound);
  // And the good part alone goes in.
  ASSERT_TRUE(store_->bulkImport(good, {{1000, t1, 1001, {}}}).ok());
  EXPECT_EQ(label(l), (std::vector<NodeId>{1000, 1001}));
}

}  // namespace
}  // namespace entente::storage
