// Property indexes and constraints through the storage API: the catalog (create, name and
// schema clashes, list with counts, drop, reopen), every kind of seek, population, UNIQUE
// and NOT NULL on every write path, constraints created over breaking data, the
// single-writer guarantee for UNIQUE under threads, bulk import, and drop removing entries.
#include <rocksdb/db.h>

#include <atomic>
#include <cmath>
#include <thread>

#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::StoreTest;

class IndexTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    person = id("Person");
    city = id("City");
    knows = id("KNOWS");
    name = id("name");
    age = id("age");
    email = id("email");
  }
  IndexId create(IndexSpec spec) {
    auto t = store_->beginWrite();
    auto r = t->createIndex(spec);
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(t->commit().ok());
    return r.ok() ? *r : 0;
  }
  IndexSpec spec(std::string n, uint32_t target, std::vector<uint32_t> keys,
                 ConstraintKind c = ConstraintKind::kNone, IndexEntity e = IndexEntity::kNode) {
    return IndexSpec{std::move(n), e, target, std::move(keys), c};
  }
  static std::vector<uint64_t> seek(const Transaction& t, IndexId i, const IndexRange& r) {
    std::vector<uint64_t> out;
    Status s = t.indexSeek(i, r, [&](uint64_t e) {
      out.push_back(e);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }
  std::vector<uint64_t> seek(IndexId i, const IndexRange& r) {
    return seek(*store_->beginRead(), i, r);
  }
  //! Keys of column family `index` (the store closed and reopened around it).
  size_t rawIndexEntries() {
    store_.reset();
    rocksdb::DB* db = nullptr;
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path_, &names).ok());
    for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    EXPECT_TRUE(
        rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path_, descs, &handles, &db).ok());
    size_t n = 0;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] != "index") continue;
      std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[i]));
      for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    }
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    delete db;
    reopen();
    return n;
  }
  LabelId person, city;
  TypeId knows;
  KeyId name, age, email;
};

TEST_F(IndexTest, CatalogCreateClashListDropReopen) {
  NodeId a = node({person}, {{name, Value("Ann")}, {age, Value(30)}});
  node({person}, {{name, Value("Bob")}});
  node({city}, {{name, Value("Ann")}});
  IndexId i = create(spec("person_name", person, {name}));
  {
    auto t = store_->beginWrite();
    auto r = t->createIndex(spec("person_name", city, {name}));
    EXPECT_EQ(r.status().code(), Status::Code::kAlreadyExists);
    EXPECT_NE(r.status().message().find("person_name"), std::string::npos) << r.status().message();
    r = t->createIndex(spec("other", person, {name}));  // same schema
    EXPECT_EQ(r.status().code(), Status::Code::kAlreadyExists);
    r = t->createIndex(
        spec("uniq", person, {name}, ConstraintKind::kUnique));  // index there already
    EXPECT_EQ(r.status().code(), Status::Code::kAlreadyExists);
    EXPECT_TRUE(t->createIndex(spec("nn", person, {name}, ConstraintKind::kNotNull))
                    .ok());  // beside the index
  }
  auto t = store_->beginRead();
  auto list = t->indexes();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].def.name, "person_name");
  EXPECT_EQ(list[0].def.state, IndexState::kOnline);
  EXPECT_EQ(list[0].entries, 2u);
  EXPECT_EQ(list[0].distinct, 2u);
  t.reset();
  reopen();
  t = store_->beginRead();
  ASSERT_TRUE(t->findIndex("person_name"));
  EXPECT_EQ(t->findIndex("person_name")->keys, std::vector<uint32_t>{name});
  EXPECT_EQ(t->indexStats(i)->entries, 2u);
  EXPECT_EQ(seek(*t, i, IndexRange::equals(Value("Ann"))), std::vector<uint64_t>{a});
  t.reset();
  // A derived name when none is given.
  IndexId j = create(spec("", person, {age}));
  EXPECT_EQ(store_->beginRead()->indexStats(j)->def.name, "Person_age_index");
  auto w = store_->beginWrite();
  EXPECT_EQ(w->dropIndex("nope").code(), Status::Code::kNotFound);
  ASSERT_TRUE(w->dropIndex("person_name").ok());
  EXPECT_FALSE(w->findIndex("person_name"));
  ASSERT_TRUE(w->commit().ok());
  reopen();
  EXPECT_FALSE(store_->beginRead()->findIndex("person_name"));
  EXPECT_EQ(store_->beginRead()->indexes().size(), 1u);
  EXPECT_EQ(
      store_->beginRead()->indexSeek(i, IndexRange::all(), [](uint64_t) { return true; }).code(),
      Status::Code::kNotFound);
}

TEST_F(IndexTest, NotNullOnExistingDataNamesTheNode) {
  node({person}, {{name, Value("Ann")}});
  NodeId bob = node({person}, {{age, Value(3)}});
  auto t = store_->beginWrite();
  auto r = t->createIndex(spec("nn", person, {name}, ConstraintKind::kNotNull));
  ASSERT_EQ(r.status().code(), Status::Code::kConstraintViolation);
  EXPECT_NE(r.status().message().find("Node(" + std::to_string(bob) + ")"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("`name`"), std::string::npos);
  EXPECT_NE(r.status().message().find("`Person`"), std::string::npos);
  EXPECT_TRUE(t->indexes().empty());
}

TEST_F(IndexTest, SeeksEqualityInRangesPrefix) {
  std::vector<NodeId> n;
  std::vector<Value> vals = {Value(1),         Value(1.0),          Value(2),
                             Value(2.5),       Value(-3),           Value("apple"),
                             Value("apricot"), Value("b"),          Value(true),
                             Value(Date{10}),  Value(std::nan("")), Value(List{Value(1)}),
                             Value(INFINITY)};
  for (const Value& v : vals) n.push_back(node({person}, {{age, v}}));
  node({person}, {});               // no property: no entry
  node({city}, {{age, Value(1)}});  // other label
  IndexId i = create(spec("age", person, {age}));
  auto t = store_->beginRead();
  EXPECT_EQ(t->indexStats(i)->entries, 12u);   // the list is not indexed
  EXPECT_EQ(t->indexStats(i)->distinct, 11u);  // 1 and 1.0 once
  EXPECT_EQ(seek(*t, i, IndexRange::equals(Value(1))), (std::vector<uint64_t>{n[0], n[1]}));
  EXPECT_EQ(seek(*t, i, IndexRange::equals(Value(1.0))), (std::vector<uint64_t>{n[0], n[1]}));
  EXPECT_EQ(seek(*t, i, IndexRange::in({Value(2), Value("b"), Value(1), Value(), Value(1.0)})),
            (std::vector<uint64_t>{n[0], n[1], n[2], n[7]}));
  EXPECT_TRUE(seek(*t, i, IndexRange::equals(Value(std::nan("")))).empty());
  EXPECT_EQ(
      seek(*t, i, IndexRange::between(IndexBound{Value(1), false}, IndexBound{Value(2.5), true})),
      (std::vector<uint64_t>{n[2], n[3]}));
  EXPECT_EQ(
      seek(*t, i, IndexRange::between(IndexBound{Value(1), true}, IndexBound{Value(2.5), false})),
      (std::vector<uint64_t>{n[0], n[1], n[2]}));
  // x > 0: numbers only, NaN excluded, +inf included.
  EXPECT_EQ(seek(*t, i, IndexRange::between(IndexBound{Value(0), false}, std::nullopt)),
            (std::vector<uint64_t>{n[0], n[1], n[2], n[3], n[12]}));
  EXPECT_EQ(seek(*t, i, IndexRange::between(std::nullopt, IndexBound{Value(1.5), true})),
            (std::vector<uint64_t>{n[4], n[0], n[1]}));
  EXPECT_EQ(seek(*t, i, IndexRange::between(IndexBound{Value("apq"), true}, std::nullopt)),
            (std::vector<uint64_t>{n[6], n[7]}));
  EXPECT_TRUE(
      seek(*t, i, IndexRange::between(IndexBound{Value(1)}, IndexBound{Value("z")})).empty());
  EXPECT_EQ(seek(*t, i, IndexRange::startsWith("ap")), (std::vector<uint64_t>{n[5], n[6]}));
  EXPECT_EQ(seek(*t, i, IndexRange::startsWith("")), (std::vector<uint64_t>{n[5], n[6], n[7]}));
  EXPECT_EQ(seek(*t, i, IndexRange::between(IndexBound{Value(Date{0})}, std::nullopt)),
            std::vector<uint64_t>{n[9]});
  EXPECT_EQ(seek(*t, i, IndexRange::equals(Value(true))), std::vector<uint64_t>{n[8]});
  EXPECT_EQ(seek(*t, i, IndexRange::all()).size(), 12u);
  EXPECT_EQ(
      t->indexSeek(i, IndexRange::equals(Value(List{})), [](uint64_t) { return true; }).code(),
      Status::Code::kInvalidArgument);
  // Early stop.
  int calls = 0;
  ASSERT_TRUE(t->indexSeek(i, IndexRange::all(), [&](uint64_t) { return ++calls < 2; }).ok());
  EXPECT_EQ(calls, 2);
}

TEST_F(IndexTest, CompositeIndexLeadingEqualities) {
  NodeId a = node({person}, {{name, Value("Ann")}, {age, Value(30)}});
  NodeId b = node({person}, {{name, Value("Ann")}, {age, Value(40)}});
  NodeId c = node({person}, {{name, Value("Annie")}, {age, Value(30)}});
  node({person}, {{name, Value("Ann")}});  // age missing: no entry
  IndexId i = create(spec("na", person, {name, age}));
  EXPECT_EQ(store_->beginRead()->indexStats(i)->entries, 3u);
  IndexRange r = IndexRange::equals(Value(30));
  r.leading = {Value("Ann")};
  EXPECT_EQ(seek(i, r), std::vector<uint64_t>{a});
  r = IndexRange::between(IndexBound{Value(35)}, std::nullopt);
  r.leading = {Value("Ann")};
  EXPECT_EQ(seek(i, r), std::vector<uint64_t>{b});
  IndexRange all = IndexRange::all();
  all.leading = {Value("Ann")};
  EXPECT_EQ(seek(i, all), (std::vector<uint64_t>{a, b}));
  EXPECT_EQ(seek(i, IndexRange::startsWith("Ann")), (std::vector<uint64_t>{a, b, c}));
  EXPECT_EQ(seek(i, IndexRange::equals(Value("Ann"))), (std::vector<uint64_t>{a, b}));
}

TEST_F(IndexTest, UniqueOnEveryWritePathWithClearMessages) {
  IndexId u = create(spec("email_unique", person, {email}, ConstraintKind::kUnique));
  NodeId a = node({person}, {{email, Value("a@x")}});
  auto t = store_->beginWrite();
  auto r = t->createNode({person}, {{email, Value("a@x")}, {name, Value("B")}});
  ASSERT_EQ(r.status().code(), Status::Code::kConstraintViolation);
  const std::string& m = r.status().message();
  for (std::string part : {"Node(" + std::to_string(a) + ")", std::string("`Person`"),
                           std::string("`email`"), std::string("'a@x'")})
    EXPECT_NE(m.find(part), std::string::npos) << m;
  // Nothing of the failed call remains: no node, no entry.
  EXPECT_EQ(seek(*t, u, IndexRange::all()), std::vector<uint64_t>{a});
  size_t nodes = 0;
  t->scanNodes([&](NodeId) { return ++nodes, true; });
  EXPECT_EQ(nodes, 1u);
  // Other label, no email, NaN twice: fine.
  ASSERT_TRUE(t->createNode({city}, {{email, Value("a@x")}}).ok());
  ASSERT_TRUE(t->createNode({person}, {}).ok());
  ASSERT_TRUE(t->createNode({person}, {{email, Value(std::nan(""))}}).ok());
  ASSERT_TRUE(t->createNode({person}, {{email, Value(std::nan(""))}}).ok());
  // 1 and 1.0 are equal.
  ASSERT_TRUE(t->createNode({person}, {{email, Value(1)}}).ok());
  EXPECT_EQ(t->createNode({person}, {{email, Value(1.0)}}).status().code(),
            Status::Code::kConstraintViolation);
  // Update into a taken value, label added onto a taken value.
  Result<NodeId> b = t->createNode({person}, {{email, Value("b@x")}});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(t->updateNode({*b, {person}, {{email, Value("a@x")}}}).code(),
            Status::Code::kConstraintViolation);
  Result<NodeId> c = t->createNode({city}, {{email, Value("b@x")}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(t->updateNode({*c, {city, person}, {{email, Value("b@x")}}}).code(),
            Status::Code::kConstraintViolation);
  // Updating a node to its own value, then freeing a value and taking it in the same txn.
  ASSERT_TRUE(t->updateNode({a, {person}, {{email, Value("a@x")}, {name, Value("A")}}}).ok());
  ASSERT_TRUE(t->deleteNode(a, false).ok());
  ASSERT_TRUE(t->updateNode({*b, {person}, {{email, Value("a@x")}}}).ok());
  EXPECT_EQ(seek(*t, u, IndexRange::equals(Value("a@x"))), std::vector<uint64_t>{*b});
  ASSERT_TRUE(t->commit().ok());
  EXPECT_EQ(seek(u, IndexRange::equals(Value("a@x"))), std::vector<uint64_t>{*b});
  EXPECT_TRUE(seek(u, IndexRange::equals(Value("b@x"))).empty());
}

TEST_F(IndexTest, UniqueCompositeAndRelationships) {
  create(spec("na", person, {name, age}, ConstraintKind::kUnique));
  node({person}, {{name, Value("Ann")}, {age, Value(1)}});
  auto t = store_->beginWrite();
  EXPECT_TRUE(t->createNode({person}, {{name, Value("Ann")}, {age, Value(2)}}).ok());
  EXPECT_TRUE(t->createNode({person}, {{name, Value("Ann")}}).ok());  // partial: not checked
  auto r = t->createNode({person}, {{name, Value("Ann")}, {age, Value(1.0)}});
  ASSERT_EQ(r.status().code(), Status::Code::kConstraintViolation);
  EXPECT_NE(r.status().message().find("properties `name`, `age` = ('Ann', 1.0)"), std::string::npos)
      << r.status().message();
  ASSERT_TRUE(t->commit().ok());

  IndexId ru =
      create(spec("since_u", knows, {age}, ConstraintKind::kUnique, IndexEntity::kRelationship));
  NodeId x = node({person}), y = node({person});
  t = store_->beginWrite();
  Result<EdgeId> e1 = t->createEdge(x, knows, y, {{age, Value(5)}});
  ASSERT_TRUE(e1.ok());
  auto e2 = t->createEdge(y, knows, x, {{age, Value(5)}});
  ASSERT_EQ(e2.status().code(), Status::Code::kConstraintViolation);
  EXPECT_NE(e2.status().message().find("Relationship(" + std::to_string(*e1) + ")"),
            std::string::npos);
  EXPECT_NE(e2.status().message().find("type `KNOWS`"), std::string::npos) << e2.status().message();
  Result<EdgeId> e3 = t->createEdge(y, knows, x, {{age, Value(6)}});
  ASSERT_TRUE(e3.ok());
  EXPECT_EQ(t->updateEdgeProps(*e3, {{age, Value(5)}}).code(), Status::Code::kConstraintViolation);
  ASSERT_TRUE(t->updateEdgeProps(*e3, {{age, Value(7)}}).ok());
  ASSERT_TRUE(t->commit().ok());
  EXPECT_EQ(seek(ru, IndexRange::all()), (std::vector<uint64_t>{*e1, *e3}));
  // Deleting an edge, or its node with DETACH, removes its entry.
  t = store_->beginWrite();
  ASSERT_TRUE(t->deleteEdge(*e1).ok());
  EXPECT_EQ(seek(*t, ru, IndexRange::all()), std::vector<uint64_t>{*e3});
  ASSERT_TRUE(t->deleteNode(x, true).ok());
  EXPECT_TRUE(seek(*t, ru, IndexRange::all()).empty());
  ASSERT_TRUE(t->commit().ok());
  EXPECT_TRUE(seek(ru, IndexRange::all()).empty());
  EXPECT_EQ(store_->beginRead()->indexStats(ru)->entries, 0u);
}

TEST_F(IndexTest, NotNullOnWrites) {
  create(spec("name_nn", person, {name}, ConstraintKind::kNotNull));
  create(spec("rel_nn", knows, {age}, ConstraintKind::kNotNull, IndexEntity::kRelationship));
  auto t = store_->beginWrite();
  auto r = t->createNode({person}, {{age, Value(1)}});
  ASSERT_EQ(r.status().code(), Status::Code::kConstraintViolation);
  EXPECT_NE(r.status().message().find("with label `Person` must have the property `name`"),
            std::string::npos)
      << r.status().message();
  Result<NodeId> a = t->createNode({person}, {{name, Value("A")}});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(t->updateNode({*a, {person}, {}}).code(), Status::Code::kConstraintViolation);
  Result<NodeId> c = t->createNode({city}, {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(t->updateNode({*c, {city, person}, {}}).code(), Status::Code::kConstraintViolation);
  EXPECT_TRUE(t->updateNode({*a, {}, {}}).ok());  // the label goes: fine
  EXPECT_EQ(t->createEdge(*a, knows, *c, {}).status().code(), Status::Code::kConstraintViolation);
  Result<EdgeId> e = t->createEdge(*a, knows, *c, {{age, Value(1)}});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(t->updateEdgeProps(*e, {}).code(), Status::Code::kConstraintViolation);
  EXPECT_EQ(
      t->indexSeek(t->findIndex("name_nn")->id, IndexRange::all(), [](uint64_t) { return true; })
          .code(),
      Status::Code::kInvalidArgument);
  ASSERT_TRUE(t->commit().ok());
}

TEST_F(IndexTest, CreatingUniqueOverDuplicatesNamesAPair) {
  NodeId a = node({person}, {{email, Value(7)}});
  node({person}, {{email, Value(8)}});
  NodeId c = node({person}, {{email, Value(7.0)}});
  auto t = store_->beginWrite();
  auto r = t->createIndex(spec("u", person, {email}, ConstraintKind::kUnique));
  ASSERT_EQ(r.status().code(), Status::Code::kConstraintViolation);
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("Node(" + std::to_string(a) + ") and Node(" + std::to_string(c) + ")"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("`email`"), std::string::npos) << m;
  EXPECT_TRUE(t->indexes().empty());
  ASSERT_TRUE(t->commit().ok());
  EXPECT_TRUE(store_->beginRead()->indexes().empty());
  EXPECT_EQ(rawIndexEntries(), 0u);
}

TEST_F(IndexTest, PopulateSeesTheTransactionsOwnWritesAndRollbackLeavesNothing) {
  node({person}, {{name, Value("old")}});
  auto t = store_->beginWrite();
  Result<NodeId> fresh = t->createNode({person}, {{name, Value("new")}});
  ASSERT_TRUE(fresh.ok());
  Result<IndexId> i = t->createIndex(spec("n", person, {name}));
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(seek(*t, *i, IndexRange::equals(Value("new"))), std::vector<uint64_t>{*fresh});
  EXPECT_EQ(t->indexStats(*i)->entries, 2u);
  // Readers do not see it before the commit.
  EXPECT_TRUE(store_->beginRead()->indexes().empty());
  t->rollback();
  t.reset();
  EXPECT_TRUE(store_->beginRead()->indexes().empty());
  EXPECT_EQ(rawIndexEntries(), 0u);
}

TEST_F(IndexTest, ConcurrentWritersOfTheSameUniqueKeyExactlyOneWins) {
  create(spec("u", person, {email}, ConstraintKind::kUnique));
  constexpr int kThreads = 6;
  std::atomic<int> ok{0}, violations{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      auto t = store_->beginWrite();  // blocks while another writer is alive
      auto r = t->createNode({person}, {{email, Value("same@x")}});
      if (r.ok() && t->commit().ok()) {
        ++ok;
      } else if (r.status().code() == Status::Code::kConstraintViolation) {
        ++violations;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(violations.load(), kThreads - 1);
  auto t = store_->beginRead();
  EXPECT_EQ(seek(*t, t->findIndex("u")->id, IndexRange::equals(Value("same@x"))).size(), 1u);
}

TEST_F(IndexTest, SnapshotsSeeTheirOwnEntries) {
  IndexId i = create(spec("n", person, {age}));
  NodeId a = node({person}, {{age, Value(1)}});
  auto before = store_->beginRead();
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->updateNode({a, {person}, {{age, Value(2)}}}).ok());
  ASSERT_TRUE(w->createNode({person}, {{age, Value(1)}}).ok());
  ASSERT_TRUE(w->commit().ok());
  w.reset();
  EXPECT_EQ(seek(*before, i, IndexRange::equals(Value(1))), std::vector<uint64_t>{a});
  EXPECT_TRUE(seek(*before, i, IndexRange::equals(Value(2))).empty());
  EXPECT_EQ(seek(i, IndexRange::equals(Value(2))), std::vector<uint64_t>{a});
  // A reader that began before a drop keeps its index; a new one does not see it.
  auto w2 = store_->beginWrite();
  ASSERT_TRUE(w2->dropIndex("n").ok());
  ASSERT_TRUE(w2->commit().ok());
  w2.reset();
  EXPECT_EQ(seek(*before, i, IndexRange::equals(Value(1))), std::vector<uint64_t>{a});
  EXPECT_FALSE(store_->beginRead()->findIndex("n"));
}

TEST_F(IndexTest, BulkImportWritesEntriesAndChecksConstraints) {
  IndexId i = create(spec("age", person, {age}));
  IndexId u = create(spec("email_u", person, {email}, ConstraintKind::kUnique));
  IndexId r =
      create(spec("rel_age", knows, {age}, ConstraintKind::kNone, IndexEntity::kRelationship));
  NodeId existing = node({person}, {{email, Value("e@x")}, {age, Value(5)}});
  std::vector<BulkNode> nodes;
  for (NodeId k = 100; k < 110; ++k)
    nodes.push_back(
        {k,
         {person},
         {{age, Value(static_cast<int64_t>(k % 3))}, {email, Value("m" + std::to_string(k))}}});
  std::vector<BulkEdge> edges{{100, knows, 101, {{age, Value(9)}}}, {101, knows, 102, {}}};
  ASSERT_TRUE(store_->bulkImport(nodes, edges).ok());
  auto t = store_->beginRead();
  EXPECT_EQ(seek(*t, i, IndexRange::equals(Value(0))), (std::vector<uint64_t>{102, 105, 108}));
  EXPECT_EQ(t->indexStats(i)->entries, 11u);
  EXPECT_EQ(t->indexStats(i)->distinct, 4u);  // 0, 1, 2, 5
  EXPECT_EQ(t->indexStats(u)->entries, 11u);
  EXPECT_EQ(seek(*t, r, IndexRange::equals(Value(9))).size(), 1u);
  t.reset();
  // Duplicates within an import, or with stored data, fail the whole import.
  auto s = store_->bulkImport({{200, {person}, {{email, Value("e@x")}}}}, {});
  ASSERT_EQ(s.code(), Status::Code::kConstraintViolation);
  EXPECT_NE(s.message().find("Node(" + std::to_string(existing) + ")"), std::string::npos)
      << s.message();
  s = store_->bulkImport(
      {{200, {person}, {{email, Value("z")}}}, {201, {person}, {{email, Value("z")}}}}, {});
  ASSERT_EQ(s.code(), Status::Code::kConstraintViolation);
  EXPECT_NE(s.message().find("Node(200) and Node(201)"), std::string::npos) << s.message();
  EXPECT_FALSE(store_->beginRead()->nodeExists(200));
  reopen();
  EXPECT_EQ(store_->beginRead()->indexStats(i)->entries, 11u);
}

TEST_F(IndexTest, DropRemovesEntries) {
  for (int k = 0; k < 50; ++k) node({person}, {{age, Value(k)}});
  create(spec("a", person, {age}));
  create(spec("b", person, {age}, ConstraintKind::kNotNull));
  EXPECT_EQ(rawIndexEntries(), 50u);
  auto t = store_->beginWrite();
  ASSERT_TRUE(t->dropIndex("a").ok());
  ASSERT_TRUE(t->dropIndex("b").ok());
  ASSERT_TRUE(t->commit().ok());
  t.reset();
  EXPECT_EQ(rawIndexEntries(), 0u);
  // Created and dropped in one transaction: nothing remains either.
  t = store_->beginWrite();
  ASSERT_TRUE(t->createIndex(spec("c", person, {age})).ok());
  ASSERT_TRUE(t->createNode({person}, {{age, Value(1)}}).ok());
  ASSERT_TRUE(t->dropIndex("c").ok());
  ASSERT_TRUE(t->commit().ok());
  t.reset();
  EXPECT_EQ(rawIndexEntries(), 0u);
  EXPECT_TRUE(store_->beginRead()->indexes().empty());
}

TEST_F(IndexTest, StatsInsideALargeWriteTransaction) {
  IndexId i = create(spec("a", person, {age}));
  for (int k = 0; k < 10; ++k) node({person}, {{age, Value(k)}});
  auto t = store_->beginWrite();
  for (int k = 0; k < 10000; ++k)
    ASSERT_TRUE(t->createNode({person}, {{age, Value(k % 5000)}}).ok());
  auto s = t->indexStats(i);  // 5,000 touched values: sampled
  EXPECT_EQ(s->entries, 10010u);
  EXPECT_NEAR(static_cast<double>(s->distinct), 5000.0, 100.0);
  ASSERT_TRUE(t->commit().ok());
  s = store_->beginRead()->indexStats(i);  // exact once committed
  EXPECT_EQ(s->entries, 10010u);
  EXPECT_EQ(s->distinct, 5000u);
}

TEST_F(IndexTest, ADatabaseWithoutTheIndexFamilyGetsOne) {
  NodeId a = node({person}, {{age, Value(1)}});
  store_.reset();
  {  // as written by a build before indexes: no `index` column family
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path_, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    for (auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path_, descs, &handles, &db).ok());
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == "index") ASSERT_TRUE(db->DropColumnFamily(handles[i]).ok());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    delete db;
  }
  StoreOptions ro;
  ro.read_only = true;
  auto r = GraphStore::open(path_, ro);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("read-write"), std::string::npos) << r.status().message();
  reopen();
  IndexId i = create(spec("a", person, {age}));
  EXPECT_EQ(seek(i, IndexRange::equals(Value(1))), std::vector<uint64_t>{a});
}

}  // namespace
}  // namespace entente::storage

namespace entente::storage {
namespace {

// Population reads node records sequentially when most nodes carry the label and by point
// reads otherwise; both give the same entries. The distinct count createIndex computed is
// kept until the same transaction writes to the index, which makes it count again.
TEST_F(IndexTest, PopulationDenseAndSparseAndCountsAfterWritesInTheSameTransaction) {
  {
    auto w = store_->beginWrite();
    for (int i = 0; i < 40; ++i) {
      std::vector<LabelId> labels{i % 10 == 0 ? person : city};
      ASSERT_TRUE(w->createNode(labels, {{name, Value(static_cast<int64_t>(i % 20))}}).ok());
    }
    ASSERT_TRUE(w->commit().ok());
  }
  IndexId sparse = create(spec("person_name", person, {name}));  // 4 of 40 nodes: point reads
  IndexId dense = create(spec("city_name", city, {name}));       // 36 of 40: one pass
  auto r = store_->beginRead();
  EXPECT_EQ(r->indexStats(sparse)->entries, 4u);
  EXPECT_EQ(r->indexStats(sparse)->distinct, 2u);  // 0, 10, 20->0, 30->10
  EXPECT_EQ(r->indexStats(dense)->entries, 36u);
  EXPECT_EQ(r->indexStats(dense)->distinct, 18u);
  EXPECT_EQ(seek(dense, IndexRange::equals(Value(int64_t{1}))).size(), 2u);
  r.reset();

  auto w = store_->beginWrite();
  auto id = w->createIndex(spec("", person, {age}));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(w->indexStats(*id)->distinct, 0u);
  ASSERT_TRUE(w->createNode({person}, {{age, Value(int64_t{7})}}).ok());
  ASSERT_TRUE(w->createNode({person}, {{age, Value(7.0)}}).ok());
  ASSERT_TRUE(w->createNode({person}, {{age, Value(int64_t{8})}}).ok());
  EXPECT_EQ(w->indexStats(*id)->distinct, 2u);
  ASSERT_TRUE(w->commit().ok());
  EXPECT_EQ(store_->beginRead()->indexStats(*id)->entries, 3u);
  EXPECT_EQ(store_->beginRead()->indexStats(*id)->distinct, 2u);
}

}  // namespace
}  // namespace entente::storage
