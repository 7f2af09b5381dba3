// GraphStore: nodes, edges, indexes, persistence, dictionary and schema.
#include <algorithm>

#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, CreateReadUpdateDeleteNode) {
  LabelId state = id("State");
  KeyId name = id("name"), pop = id("population");
  NodeId n = node({state}, {{name, Value("Turkey")}, {pop, Value(int64_t{85000000})}});
  {
    auto t = store_->beginRead();
    auto rec = t->getNode(n);
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->labels, std::vector<LabelId>{state});
    ASSERT_EQ(rec->props.size(), 2u);
    EXPECT_EQ(rec->props[0].second.asString(), "Turkey");
    EXPECT_FALSE(t->getNode(n + 1000));
    EXPECT_TRUE(t->nodeExists(n));
  }
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->updateNode({n, {state}, {{name, Value("Türkiye")}}}).ok());
  ASSERT_TRUE(w->commit().ok());
  auto rec = store_->beginRead()->getNode(n);
  ASSERT_EQ(rec->props.size(), 1u);
  EXPECT_EQ(rec->props[0].second.asString(), "Türkiye");

  w = store_->beginWrite();
  ASSERT_TRUE(w->deleteNode(n, false).ok());
  EXPECT_EQ(w->deleteNode(n, false).code(), Status::Code::kNotFound);
  ASSERT_TRUE(w->commit().ok());
  EXPECT_FALSE(store_->beginRead()->nodeExists(n));
  EXPECT_EQ(store_->approxNodeCount(), 0u);
}

TEST_F(StoreTest, SinglePropertyAndLabelReadsMatchTheDecodedRecords) {
  LabelId state = id("State"), group = id("ArmedGroup");
  KeyId name = id("name"), pop = id("population"), since = id("since");
  TypeId backs = id("BACKS");
  NodeId turkey = node({state}, {{name, Value("Turkey")}, {pop, Value(int64_t{85000000})}});
  NodeId fsa = node({group}, {{name, Value("Free Syrian Army")}});
  auto w = store_->beginWrite();
  auto e = w->createEdge(turkey, backs, fsa, {{since, Value(Date::fromCivil(2016, 1, 1))}});
  ASSERT_TRUE(e.ok());
  // Read-your-writes: the single-property paths see the uncommitted edge too.
  EXPECT_EQ(w->edgeProperty(*e, turkey, backs, fsa, since)->asDate(), Date::fromCivil(2016, 1, 1));
  ASSERT_TRUE(w->commit().ok());

  auto t = store_->beginRead();
  EXPECT_EQ(t->nodeProperty(turkey, name)->asString(), "Turkey");
  EXPECT_EQ(t->nodeProperty(turkey, pop)->asInt(), 85000000);
  EXPECT_FALSE(t->nodeProperty(fsa, pop));          // absent property
  EXPECT_FALSE(t->nodeProperty(fsa + 1000, name));  // absent node
  EXPECT_TRUE(t->nodeHasLabel(turkey, state));
  EXPECT_FALSE(t->nodeHasLabel(turkey, group));
  EXPECT_FALSE(t->nodeHasLabel(fsa + 1000, group));
  EXPECT_EQ(t->edgeProperty(*e, turkey, backs, fsa, since)->asDate(), Date::fromCivil(2016, 1, 1));
  EXPECT_FALSE(t->edgeProperty(*e, turkey, backs, fsa, name));
}

TEST_F(StoreTest, EdgesBothDirectionsParallelEdgesAndTypeFilter) {
  TypeId backs = id("BACKS"), fights = id("FIGHTS");
  KeyId since = id("since");
  NodeId a = node({}), b = node({}), c = node({});
  auto w = store_->beginWrite();
  auto e1 = w->createEdge(a, backs, b, {{since, Value(Date{100})}});
  auto e2 = w->createEdge(a, backs, b, {{since, Value(Date{200})}});  // parallel, same type
  auto e3 = w->createEdge(a, fights, c, {});
  auto e4 = w->createEdge(c, backs, a, {});
  auto loop = w->createEdge(b, fights, b, {});
  ASSERT_TRUE(e1.ok() && e2.ok() && e3.ok() && e4.ok() && loop.ok());
  EXPECT_NE(*e1, *e2);
  ASSERT_TRUE(w->commit().ok());

  auto t = store_->beginRead();
  auto out = edgesOf(*t, a, Direction::kOut);
  ASSERT_EQ(out.size(), 3u);
  std::vector<TypeId> all_types;
  for (auto& e : out) all_types.push_back(e.type);
  EXPECT_TRUE(std::is_sorted(all_types.begin(), all_types.end()));  // ordered by type
  EXPECT_EQ(edgesOf(*t, a, Direction::kOut, {backs}).size(), 2u);
  EXPECT_EQ(edgesOf(*t, a, Direction::kOut, {fights, backs, fights}).size(), 3u);
  auto in = edgesOf(*t, a, Direction::kIn);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].src, c);
  EXPECT_EQ(in[0].other(a), c);
  EXPECT_EQ(t->degree(a, Direction::kBoth, {}), 4u);
  EXPECT_EQ(t->degree(b, Direction::kBoth, {}), 3u);  // two in from a, the self loop once
  EXPECT_EQ(t->degree(b, Direction::kIn, {}), 3u);

  auto rec = t->getEdge(*e2);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->src, a);
  EXPECT_EQ(rec->dst, b);
  EXPECT_EQ(rec->type, backs);
  EXPECT_EQ(rec->props[0].second.asDate().days, 200);
  // raw_props in the callback decode to the same properties.
  t->edges(a, Direction::kOut, {backs}, [&](const EdgeRef& e) {
    EXPECT_TRUE(findProperty(e.raw_props, since).has_value());
    return true;
  });
  size_t scanned = 0;
  t->scanEdges([&](const EdgeRef&) { return ++scanned < 100; });
  EXPECT_EQ(scanned, 5u);
  size_t seen = 0;  // early stop
  t->edges(a, Direction::kBoth, {}, [&](const EdgeRef&) { return ++seen < 2; });
  EXPECT_EQ(seen, 2u);

  w = store_->beginWrite();
  ASSERT_TRUE(w->updateEdgeProps(*e1, {{since, Value(Date{150})}}).ok());
  ASSERT_TRUE(w->deleteEdge(*e2).ok());
  EXPECT_EQ(w->deleteEdge(*e2).code(), Status::Code::kNotFound);
  ASSERT_TRUE(w->commit().ok());
  t = store_->beginRead();
  EXPECT_FALSE(t->getEdge(*e2));
  EXPECT_EQ(t->getEdge(*e1)->props[0].second.asDate().days, 150);
  auto in_b = edgesOf(*t, b, Direction::kIn, {backs});
  ASSERT_EQ(in_b.size(), 1u);
  EXPECT_EQ(in_b[0].id, *e1);
}

TEST_F(StoreTest, DeleteNodeWithEdgesNeedsDetach) {
  TypeId t1 = id("T");
  NodeId a = node({}), b = node({}), c = node({});
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->createEdge(a, t1, b, {}).ok());
  ASSERT_TRUE(w->createEdge(c, t1, a, {}).ok());
  ASSERT_TRUE(w->createEdge(a, t1, a, {}).ok());
  ASSERT_TRUE(w->commit().ok());

  w = store_->beginWrite();
  Status s = w->deleteNode(a, false);
  EXPECT_EQ(s.code(), Status::Code::kConstraint);
  EXPECT_NE(s.message().find("DETACH"), std::string::npos) << s.message();
  EXPECT_TRUE(w->nodeExists(a));
  size_t deleted = 0;
  ASSERT_TRUE(w->deleteNode(a, true, &deleted).ok());
  EXPECT_EQ(deleted, 3u);
  ASSERT_TRUE(w->commit().ok());
  auto t = store_->beginRead();
  EXPECT_EQ(t->degree(b, Direction::kBoth, {}), 0u);
  EXPECT_EQ(t->degree(c, Direction::kBoth, {}), 0u);
  size_t n = 0;
  t->scanEdges([&](const EdgeRef&) { return ++n, true; });
  EXPECT_EQ(n, 0u);
}

TEST_F(StoreTest, LabelIndexStaysInStep) {
  LabelId state = id("State"), group = id("ArmedGroup");
  NodeId a = node({state}), b = node({state, group}), c = node({group});
  EXPECT_EQ(label(state), (std::vector<NodeId>{a, b}));
  EXPECT_EQ(store_->approxLabelCount(state), 2u);
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->updateNode({a, {group}, {}}).ok());
  ASSERT_TRUE(w->deleteNode(b, false).ok());
  ASSERT_TRUE(w->commit().ok());
  EXPECT_EQ(label(state), std::vector<NodeId>{});
  EXPECT_EQ(label(group), (std::vector<NodeId>{a, c}));
  EXPECT_EQ(store_->approxLabelCount(state), 0u);
  EXPECT_EQ(store_->approxLabelCount(group), 2u);
  auto labels = store_->beginRead()->labels();
  EXPECT_EQ(labels, (std::vector<std::string>{"ArmedGroup", "State"}));
}

TEST_F(StoreTest, NameAndAliasIndexIsCaseInsensitiveAndInStep) {
  KeyId name = id("name"), aliases = id("aliases");
  NodeId hts =
      node({}, {{name, Value("HTS")},
                {aliases, Value(List{Value("Hay'at Tahrir al-Sham"), Value("Al-Nusra Front")})}});
  NodeId tr = node({}, {{name, Value("TÜRKİYE")}});
  auto find = [&](std::string_view n) { return store_->beginRead()->findByName(n); };
  EXPECT_EQ(find("hts"), std::vector<NodeId>{hts});
  EXPECT_EQ(find("AL-NUSRA FRONT"), std::vector<NodeId>{hts});
  EXPECT_EQ(find("hay'at tahrir al-sham"), std::vector<NodeId>{hts});
  EXPECT_EQ(find("türkiye"), std::vector<NodeId>{tr});
  EXPECT_TRUE(find("Al-Nusra").empty());  // whole names only

  auto w = store_->beginWrite();
  ASSERT_TRUE(
      w->updateNode(
           {hts, {}, {{name, Value("Hayat Tahrir al-Sham")}, {aliases, Value(List{Value("HTS")})}}})
          .ok());
  ASSERT_TRUE(w->commit().ok());
  EXPECT_TRUE(find("al-nusra front").empty());
  EXPECT_EQ(find("hts"), std::vector<NodeId>{hts});
  EXPECT_EQ(find("HAYAT TAHRIR AL-SHAM"), std::vector<NodeId>{hts});

  NodeId other = node({}, {{name, Value("hts")}});  // two entities may share a name
  EXPECT_EQ(find("Hts"), (std::vector<NodeId>{hts, other}));
  w = store_->beginWrite();
  ASSERT_TRUE(w->deleteNode(hts, false).ok());
  ASSERT_TRUE(w->commit().ok());
  EXPECT_EQ(find("hts"), std::vector<NodeId>{other});
  EXPECT_TRUE(find("hayat tahrir al-sham").empty());
}

TEST_F(StoreTest, PersistsAcrossReopen) {
  LabelId state = id("State");
  KeyId name = id("name");
  TypeId backs = id("BACKS");
  NodeId a = node({state}, {{name, Value("Turkey")}}), b = node({}, {{name, Value("SNA")}});
  auto w = store_->beginWrite();
  auto e = w->createEdge(a, backs, b, {});
  ASSERT_TRUE(e.ok());
  RelTypeDef def;
  def.name = "FIGHTS";
  def.sign = Sign::kNegative;
  def.symmetric = true;
  ASSERT_TRUE(w->putRelType(def).ok());
  ASSERT_TRUE(w->commit().ok());
  uint64_t v = store_->version();

  w.reset();
  reopen();
  auto t = store_->beginRead();
  EXPECT_EQ(t->lookupString("State"), state);
  EXPECT_EQ(t->stringOf(backs), "BACKS");
  EXPECT_EQ(t->findByName("turkey"), std::vector<NodeId>{a});
  EXPECT_EQ(edgesOf(*t, b, Direction::kIn).size(), 1u);
  EXPECT_EQ(store_->approxNodeCount(), 2u);
  EXPECT_EQ(store_->approxLabelCount(state), 1u);
  auto fights = t->lookupString("FIGHTS");
  ASSERT_TRUE(fights);
  EXPECT_TRUE(t->relType(*fights).declared);
  EXPECT_TRUE(t->relType(*fights).symmetric);
  EXPECT_EQ(t->relType(*fights).sign, Sign::kNegative);
  RelTypeDef used = t->relType(backs);  // used, never declared
  EXPECT_FALSE(used.declared);
  EXPECT_EQ(used.name, "BACKS");
  EXPECT_EQ(used.sign, Sign::kNeutral);
  EXPECT_FALSE(used.symmetric);
  auto types = t->relTypes();
  ASSERT_EQ(types.size(), 2u);
  EXPECT_EQ(types[0].name, "BACKS");
  EXPECT_EQ(types[1].name, "FIGHTS");
  EXPECT_EQ(t->propertyKeys(), std::vector<std::string>{"name"});
  t.reset();
  // New ids never collide with ids handed out before the reopen.
  NodeId c = node({});
  EXPECT_GT(c, b);
  w = store_->beginWrite();
  auto e2 = w->createEdge(c, backs, a, {});
  ASSERT_TRUE(e2.ok());
  EXPECT_GT(*e2, *e);
  ASSERT_TRUE(w->commit().ok());
  EXPECT_GE(store_->version(), 1u);
  (void)v;
}

TEST_F(StoreTest, CreateNodeWithIdRefusesTakenIdsAndMovesTheCounterPast) {
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->createNodeWithId(500, {}, {}).ok());
  EXPECT_EQ(w->createNodeWithId(500, {}, {}).code(), Status::Code::kConstraint);
  auto n = w->createNode({}, {});
  ASSERT_TRUE(n.ok());
  EXPECT_GT(*n, 500u);
  ASSERT_TRUE(w->commit().ok());
}

TEST_F(StoreTest, InvalidInputIsRefused) {
  auto w = store_->beginWrite();
  EXPECT_EQ(w->createNode({12345}, {}).status().code(),
            Status::Code::kInvalidArgument);  // unknown label id
  EXPECT_EQ(w->createNode({}, {{999, Value(1)}}).status().code(), Status::Code::kInvalidArgument);
  KeyId k = *w->internString("k");
  EXPECT_EQ(w->createNode({}, {{k, Value(Node{})}}).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(w->createEdge(1, k, 2, {}).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(w->updateNode({77, {}, {}}).code(), Status::Code::kNotFound);
  RelTypeDef nameless;
  EXPECT_EQ(w->putRelType(nameless).code(), Status::Code::kInvalidArgument);
  w->rollback();
  auto r = store_->beginRead();
  EXPECT_EQ(r->createNode({}, {}).status().code(), Status::Code::kReadOnly);
  EXPECT_FALSE(r->writable());
}

TEST_F(StoreTest, VersionBumpsOnCommitOnly) {
  uint64_t v0 = store_->version();
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->createNode({}, {}).ok());
  w->rollback();
  EXPECT_EQ(store_->version(), v0);
  node({});
  EXPECT_GT(store_->version(), v0);
}

TEST_F(StoreTest, NestedScansFromACallbackAreIndependent) {
  TypeId t1 = id("T");
  std::vector<NodeId> ns;
  for (int i = 0; i < 5; ++i) ns.push_back(node({}));
  auto w = store_->beginWrite();
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j)
      if (i != j) {
        ASSERT_TRUE(w->createEdge(ns[i], t1, ns[j], {}).ok());
      }
  ASSERT_TRUE(w->commit().ok());
  auto t = store_->beginRead();
  size_t two_hop = 0;
  t->edges(ns[0], Direction::kOut, {}, [&](const EdgeRef& e) {
    t->edges(e.dst, Direction::kOut, {}, [&](const EdgeRef&) { return ++two_hop, true; });
    return true;
  });
  EXPECT_EQ(two_hop, 16u);
}

}  // namespace
}  // namespace entente::storage
