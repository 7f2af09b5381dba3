// Optimistic (explicit) write transactions: they run beside other writers on their begin
// snapshot, read their own writes, and at commit either apply whole or fail with kConflict
// leaving nothing behind (write-write overlap, UNIQUE values, relation endpoints, catalog
// changes, bulk imports); counters and index statistics stay exact.
#include <thread>

#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::StoreTest;

class OptimisticTest : public StoreTest {
 protected:
  int64_t intProp(const Transaction& t, NodeId n, KeyId k) {
    auto v = t.nodeProperty(n, k);
    return v && v->isInt() ? v->asInt() : -1;
  }
  IndexId createIndex(std::string name, LabelId label, KeyId key,
                      ConstraintKind c = ConstraintKind::kNone) {
    auto t = store_->beginWrite();
    auto r = t->createIndex(IndexSpec{std::move(name), IndexEntity::kNode, label, {key}, c});
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(t->commit().ok());
    return r.ok() ? *r : 0;
  }
  std::vector<uint64_t> seek(IndexId index, Value v) {
    std::vector<uint64_t> out;
    EXPECT_TRUE(store_->beginRead()
                    ->indexSeek(index, IndexRange::equals(std::move(v)),
                                [&](uint64_t e) { return out.push_back(e), true; })
                    .ok());
    return out;
  }
};

TEST_F(OptimisticTest, ReadsItsOwnWritesAndOthersSeeThemOnlyAfterCommit) {
  LabelId person = id("Person");
  KeyId name = id("name");
  auto t = store_->beginOptimistic();
  ASSERT_TRUE(t->writable());
  auto a = t->createNode({person}, {{name, Value("Ann")}});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(t->nodeExists(*a));
  EXPECT_EQ(t->findByName("ann"), std::vector<NodeId>{*a});
  EXPECT_FALSE(store_->beginRead()->nodeExists(*a));
  // A locked writer runs meanwhile (the optimistic one holds no lock) and does not see it.
  NodeId b = node({person});
  EXPECT_FALSE(t->nodeExists(b));  // committed after t's snapshot
  auto reader = store_->beginRead();
  ASSERT_TRUE(t->commit().ok());
  EXPECT_FALSE(reader->nodeExists(*a));  // its snapshot predates the commit
  EXPECT_TRUE(store_->beginRead()->nodeExists(*a));
  EXPECT_EQ(label(person), (std::vector<NodeId>{*a, b}));
  EXPECT_EQ(store_->approxNodeCount(), 2u);
  EXPECT_EQ(store_->approxLabelCount(person), 2u);
}

TEST_F(OptimisticTest, RollbackAndDestructionLeaveNothing) {
  LabelId person = id("Person");
  {
    auto t = store_->beginOptimistic();
    ASSERT_TRUE(t->createNode({person}, {}).ok());
    t->rollback();
    EXPECT_FALSE(t->writable());
  }
  {
    auto t = store_->beginOptimistic();
    ASSERT_TRUE(t->createNode({person}, {}).ok());
  }  // destroyed uncommitted
  EXPECT_TRUE(label(person).empty());
  EXPECT_EQ(store_->approxNodeCount(), 0u);
  reopen();
  EXPECT_TRUE(label(person).empty());
}

TEST_F(OptimisticTest, WriteWriteConflictFailsTheLaterCommitAndAppliesNothingOfIt) {
  LabelId account = id("Account");
  KeyId balance = id("balance");
  NodeId a = node({account}, {{balance, Value(int64_t{100})}});
  auto t1 = store_->beginOptimistic(), t2 = store_->beginOptimistic();
  ASSERT_TRUE(t1->updateNode({a, {account}, {{balance, Value(int64_t{90})}}}).ok());
  ASSERT_TRUE(t2->updateNode({a, {account}, {{balance, Value(int64_t{80})}}}).ok());
  auto extra = t2->createNode({account}, {{balance, Value(int64_t{20})}});
  ASSERT_TRUE(extra.ok());
  ASSERT_TRUE(t1->commit().ok());
  Status s = t2->commit();
  EXPECT_EQ(s.code(), Status::Code::kConflict) << s.message();
  EXPECT_FALSE(t2->writable());
  auto r = store_->beginRead();
  EXPECT_EQ(intProp(*r, a, balance), 90);
  EXPECT_FALSE(r->nodeExists(*extra));
  EXPECT_EQ(store_->approxNodeCount(), 1u);
  EXPECT_EQ(store_->approxLabelCount(account), 1u);
  // Retried on a fresh snapshot, it commits.
  auto t3 = store_->beginOptimistic();
  ASSERT_TRUE(
      t3->updateNode({a, {account}, {{balance, Value(intProp(*t3, a, balance) - 10)}}}).ok());
  ASSERT_TRUE(t3->commit().ok());
  EXPECT_EQ(intProp(*store_->beginRead(), a, balance), 80);
}

TEST_F(OptimisticTest, AnAutoCommitWriteAfterItsSnapshotConflictsToo) {
  KeyId k = id("k");
  NodeId a = node({}, {{k, Value(int64_t{1})}});
  auto t = store_->beginOptimistic();
  ASSERT_TRUE(t->updateNode({a, {}, {{k, Value(int64_t{2})}}}).ok());
  {
    auto w = store_->beginWrite();  // locked: not blocked by the open optimistic one
    ASSERT_TRUE(w->updateNode({a, {}, {{k, Value(int64_t{3})}}}).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  EXPECT_EQ(t->commit().code(), Status::Code::kConflict);
  EXPECT_EQ(intProp(*store_->beginRead(), a, k), 3);
}

TEST_F(OptimisticTest, DisjointTransactionsBothCommitWithExactCounts) {
  LabelId item = id("Item");
  KeyId k = id("k");
  NodeId a = node({item}, {{k, Value(int64_t{0})}}), b = node({item}, {{k, Value(int64_t{0})}});
  auto t1 = store_->beginOptimistic(), t2 = store_->beginOptimistic();
  ASSERT_TRUE(t1->updateNode({a, {item}, {{k, Value(int64_t{1})}}}).ok());
  ASSERT_TRUE(t2->updateNode({b, {item}, {{k, Value(int64_t{2})}}}).ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(t1->createNode({item}, {}).ok());
  ASSERT_TRUE(t2->deleteNode(b, false).ok());
  ASSERT_TRUE(t1->commit().ok());
  EXPECT_EQ(t2->commit().code(), Status::Code::kOk);
  {
    auto r = store_->beginRead();
    EXPECT_EQ(intProp(*r, a, k), 1);
    EXPECT_FALSE(r->nodeExists(b));  // t2 deleted it
  }
  EXPECT_EQ(store_->approxNodeCount(), 4u);
  EXPECT_EQ(store_->approxLabelCount(item), 4u);
  reopen();  // the persisted counters agree
  EXPECT_EQ(store_->approxNodeCount(), 4u);
  EXPECT_EQ(store_->approxLabelCount(item), 4u);
  EXPECT_EQ(label(item).size(), 4u);
}

TEST_F(OptimisticTest, UniqueValueAddedByTwoTransactionsCommitsOnce) {
  LabelId person = id("Person");
  KeyId email = id("email");
  IndexId unique = createIndex("person_email", person, email, ConstraintKind::kUnique);
  auto t1 = store_->beginOptimistic(), t2 = store_->beginOptimistic();
  auto a = t1->createNode({person}, {{email, Value("x@example.org")}});
  auto b = t2->createNode({person}, {{email, Value("x@example.org")}});
  ASSERT_TRUE(a.ok() && b.ok());  // neither sees the other's
  ASSERT_TRUE(t2->commit().ok());
  EXPECT_EQ(t1->commit().code(), Status::Code::kConflict);
  EXPECT_EQ(seek(unique, Value("x@example.org")), std::vector<uint64_t>{*b});
  EXPECT_EQ(label(person), std::vector<NodeId>{*b});
  auto stats = store_->beginRead()->indexStats(unique);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, 1u);
  // Different values do not conflict.
  auto t3 = store_->beginOptimistic(), t4 = store_->beginOptimistic();
  ASSERT_TRUE(t3->createNode({person}, {{email, Value("y@example.org")}}).ok());
  ASSERT_TRUE(t4->createNode({person}, {{email, Value("z@example.org")}}).ok());
  ASSERT_TRUE(t3->commit().ok());
  ASSERT_TRUE(t4->commit().ok());
  EXPECT_EQ(store_->beginRead()->indexStats(unique)->entries, 3u);
}

TEST_F(OptimisticTest, IndexStatisticsStayExactAcrossConcurrentCommits) {
  LabelId city = id("City");
  KeyId name = id("name");
  IndexId index = createIndex("city_name", city, name);
  // Both add the value "Aleppo" (not unique: no conflict). Each saw it absent in its
  // snapshot; the distinct count must still grow by one only.
  auto t1 = store_->beginOptimistic(), t2 = store_->beginOptimistic();
  ASSERT_TRUE(t1->createNode({city}, {{name, Value("Aleppo")}}).ok());
  ASSERT_TRUE(t2->createNode({city}, {{name, Value("Aleppo")}}).ok());
  ASSERT_TRUE(t2->createNode({city}, {{name, Value("Idlib")}}).ok());
  ASSERT_TRUE(t1->commit().ok());
  ASSERT_TRUE(t2->commit().ok());
  auto stats = store_->beginRead()->indexStats(index);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, 3u);
  EXPECT_EQ(stats->distinct, 2u);
  EXPECT_EQ(seek(index, Value("Aleppo")).size(), 2u);
  reopen();
  EXPECT_EQ(store_->beginRead()->indexStats(index)->distinct, 2u);
}

TEST_F(OptimisticTest, DeletingAnEndpointConflictsWithCreatingARelationToIt) {
  TypeId backs = id("BACKS");
  for (bool delete_first : {true, false}) {
    NodeId a = node({}), b = node({});
    auto creator = store_->beginOptimistic(), deleter = store_->beginOptimistic();
    ASSERT_TRUE(creator->createEdge(a, backs, b, {}).ok());
    ASSERT_TRUE(deleter->deleteNode(b, /*detach=*/true).ok());  // sees no relation of b
    auto& first = delete_first ? deleter : creator;
    auto& second = delete_first ? creator : deleter;
    ASSERT_TRUE(first->commit().ok());
    EXPECT_EQ(second->commit().code(), Status::Code::kConflict) << delete_first;
    auto r = store_->beginRead();
    if (delete_first) {
      EXPECT_FALSE(r->nodeExists(b));
      EXPECT_EQ(r->degree(a, Direction::kBoth, {}), 0u);  // no dangling relation
    } else {
      EXPECT_TRUE(r->nodeExists(b));
      EXPECT_EQ(r->degree(b, Direction::kIn, {}), 1u);
    }
  }
  // The same with a locked (auto-commit) delete in between.
  NodeId a = node({}), b = node({});
  auto creator = store_->beginOptimistic();
  ASSERT_TRUE(creator->createEdge(a, backs, b, {}).ok());
  {
    auto w = store_->beginWrite();
    ASSERT_TRUE(w->deleteNode(b, true).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  EXPECT_EQ(creator->commit().code(), Status::Code::kConflict);
  EXPECT_EQ(store_->beginRead()->degree(a, Direction::kBoth, {}), 0u);
}

TEST_F(OptimisticTest, NewStringsInternedByConcurrentTransactionsGetOneId) {
  auto t1 = store_->beginOptimistic(), t2 = store_->beginOptimistic();
  auto l1 = t1->internString("Militia"), l2 = t2->internString("Militia");
  ASSERT_TRUE(l1.ok() && l2.ok());
  EXPECT_EQ(*l1, *l2);
  auto a = t1->createNode({*l1}, {});
  auto b = t2->createNode({*l2}, {});
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(t1->commit().ok());
  ASSERT_TRUE(t2->commit().ok());
  EXPECT_EQ(label(*l1), (std::vector<NodeId>{*a, *b}));
  EXPECT_EQ(store_->beginRead()->labels(), std::vector<std::string>{"Militia"});
  reopen();
  EXPECT_EQ(store_->beginRead()->labels(), std::vector<std::string>{"Militia"});
  EXPECT_EQ(label(*store_->beginRead()->lookupString("Militia")).size(), 2u);
}

TEST_F(OptimisticTest, CatalogChangesAndBulkImportsConflictWithOpenTransactions) {
  LabelId person = id("Person");
  KeyId name = id("name");
  auto t = store_->beginOptimistic();
  ASSERT_TRUE(t->createNode({person}, {{name, Value("Ann")}}).ok());
  EXPECT_FALSE(t->createIndex(IndexSpec{"nope", IndexEntity::kNode, person, {name}}).ok());
  createIndex("person_name", person, name);  // the new index would miss t's entry
  EXPECT_EQ(t->commit().code(), Status::Code::kConflict);
  EXPECT_TRUE(label(person).empty());

  auto u = store_->beginOptimistic();
  ASSERT_TRUE(u->createNode({person}, {{name, Value("Bob")}}).ok());
  ASSERT_TRUE(store_->bulkImport({BulkNode{1000, {person}, {{name, Value("Cem")}}}}, {}).ok());
  EXPECT_EQ(u->commit().code(), Status::Code::kConflict);
  EXPECT_EQ(label(person), std::vector<NodeId>{1000});
  // A transaction begun after both commits normally.
  auto v = store_->beginOptimistic();
  ASSERT_TRUE(v->createNode({person}, {{name, Value("Dan")}}).ok());
  ASSERT_TRUE(v->commit().ok());
  EXPECT_EQ(label(person).size(), 2u);
}

TEST_F(OptimisticTest, ReadOnlyStoreRefusesItsWrites) {
  id("x");
  store_.reset();
  StoreOptions o;
  o.read_only = true;
  auto ro = GraphStore::open(path_, o);
  ASSERT_TRUE(ro.ok());
  auto t = (*ro)->beginOptimistic();
  EXPECT_FALSE(t->writable());
  EXPECT_EQ(t->createNode({}, {}).status().code(), Status::Code::kReadOnly);
  EXPECT_TRUE(t->commit().ok());  // nothing to commit
}

TEST_F(OptimisticTest, ManyThreadsIncrementingOneCounterLoseNoUpdate) {
  KeyId k = id("n");
  NodeId c = node({}, {{k, Value(int64_t{0})}});
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int done = 0; done < kEach;) {
        auto t = store_->beginOptimistic();
        int64_t n = intProp(*t, c, k);
        if (!t->updateNode({c, {}, {{k, Value(n + 1)}}}).ok()) continue;
        Status s = t->commit();
        if (s.ok()) {
          ++done;
        } else {
          EXPECT_EQ(s.code(), Status::Code::kConflict) << s.message();
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(intProp(*store_->beginRead(), c, k), kThreads * kEach);
}

}  // namespace
}  // namespace entente::storage
