// Transactions: snapshot isolation, read-your-writes, atomicity, single writer; format
// version and foreign directories refused at open.
#include <rocksdb/db.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "storage/key_codec.h"
#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, ReaderStartedBeforeACommitDoesNotSeeIt) {
  TypeId t1 = id("T");
  NodeId a = node({});
  auto reader = store_->beginRead();
  auto w = store_->beginWrite();
  auto b = w->createNode({}, {});
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(w->createEdge(a, t1, *b, {}).ok());
  EXPECT_FALSE(reader->nodeExists(*b));  // not committed yet
  ASSERT_TRUE(w->commit().ok());
  EXPECT_FALSE(reader->nodeExists(*b));  // committed after the reader's snapshot
  EXPECT_EQ(reader->degree(a, Direction::kOut, {}), 0u);
  auto later = store_->beginRead();
  EXPECT_TRUE(later->nodeExists(*b));
  EXPECT_EQ(later->degree(a, Direction::kOut, {}), 1u);
}

TEST_F(StoreTest, RepeatedNodeReadsOfAReaderStayOnItsSnapshot) {
  // A read transaction keeps the node records it has read: reading them again, however
  // often and after however many others, gives the snapshot's values, never a later
  // commit's; a write transaction always sees its own latest write.
  LabelId person = id("Person"), city = id("City");
  KeyId name = id("name"), age = id("age");
  std::vector<NodeId> nodes;
  {
    auto w = store_->beginWrite();
    for (int i = 0; i < 70000; ++i) {  // more than the reader keeps at once
      auto n = w->createNode({person}, {{name, Value("p" + std::to_string(i))}, {age, Value(i)}});
      ASSERT_TRUE(n.ok());
      nodes.push_back(*n);
    }
    ASSERT_TRUE(w->commit().ok());
  }
  auto reader = store_->beginRead();
  EXPECT_EQ(reader->nodeProperty(nodes[0], name)->asString(), "p0");
  EXPECT_TRUE(reader->nodeHasLabel(nodes[0], person));
  EXPECT_FALSE(reader->getNode(nodes.back() + 1));
  auto w = store_->beginWrite();
  ASSERT_TRUE(w->updateNode({nodes[0], {city}, {{name, Value("changed")}}}).ok());
  EXPECT_EQ(w->nodeProperty(nodes[0], name)->asString(), "changed");
  EXPECT_TRUE(w->nodeHasLabel(nodes[0], city));
  ASSERT_TRUE(w->updateNode({nodes[0], {city}, {{name, Value("changed twice")}}}).ok());
  EXPECT_EQ(w->getNode(nodes[0])->props[0].second.asString(), "changed twice");
  auto created = w->createNode({person}, {});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(w->commit().ok());
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(reader->nodeProperty(nodes[0], name)->asString(), "p0");
    EXPECT_TRUE(reader->nodeHasLabel(nodes[0], person));
    EXPECT_FALSE(reader->nodeHasLabel(nodes[0], city));
    EXPECT_FALSE(reader->nodeExists(*created));
    for (size_t i = 1; i < nodes.size(); i += 7)
      ASSERT_EQ(reader->nodeProperty(nodes[i], age)->asInt(), static_cast<int64_t>(i));
  }
  EXPECT_EQ(reader->getNode(nodes[0])->props.size(), 2u);
  auto later = store_->beginRead();
  EXPECT_EQ(later->nodeProperty(nodes[0], name)->asString(), "changed twice");
  EXPECT_TRUE(later->nodeExists(*created));
}

TEST_F(StoreTest, WriteTransactionReadsItsOwnWrites) {
  auto w = store_->beginWrite();
  auto label = w->internString("Person");
  auto key = w->internString("name");
  auto type = w->internString("KNOWS");
  ASSERT_TRUE(label.ok() && key.ok() && type.ok());
  EXPECT_EQ(w->lookupString("Person"), *label);
  EXPECT_EQ(w->stringOf(*label), "Person");
  EXPECT_FALSE(store_->beginRead()->lookupString("Person"));  // not visible outside yet

  auto a = w->createNode({*label}, {{*key, Value("Ann")}});
  auto b = w->createNode({*label}, {{*key, Value("Bob")}});
  ASSERT_TRUE(a.ok() && b.ok());
  auto e = w->createEdge(*a, *type, *b, {});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(w->getNode(*a)->props[0].second.asString(), "Ann");
  EXPECT_EQ(w->findByName("ANN"), std::vector<NodeId>{*a});
  std::vector<NodeId> people;
  w->scanLabel(*label, [&](NodeId n) { return people.push_back(n), true; });
  EXPECT_EQ(people, (std::vector<NodeId>{*a, *b}));
  EXPECT_EQ(w->degree(*b, Direction::kIn, {*type}), 1u);
  EXPECT_EQ(w->getEdge(*e)->dst, *b);
  EXPECT_EQ(w->labels(), std::vector<std::string>{"Person"});
  // Writes after a scan are seen by the next scan (pooled iterators are refreshed).
  ASSERT_TRUE(w->deleteEdge(*e).ok());
  EXPECT_EQ(w->degree(*b, Direction::kIn, {*type}), 0u);
  ASSERT_TRUE(w->updateNode({*a, {*label}, {{*key, Value("Anna")}}}).ok());
  EXPECT_TRUE(w->findByName("ann").empty());
  EXPECT_EQ(w->findByName("anna"), std::vector<NodeId>{*a});
  ASSERT_TRUE(w->commit().ok());
  EXPECT_EQ(store_->beginRead()->lookupString("Person"), *label);
}

TEST_F(StoreTest, RollbackLeavesNothing) {
  uint32_t before_nodes = store_->approxNodeCount();
  {
    auto w = store_->beginWrite();
    auto l = w->internString("Ghost");
    ASSERT_TRUE(l.ok());
    ASSERT_TRUE(w->createNode({*l}, {}).ok());
    w->rollback();
    EXPECT_FALSE(w->writable());
    EXPECT_FALSE(w->createNode({}, {}).ok());
  }
  {
    auto w = store_->beginWrite();  // destroyed without commit = rollback
    ASSERT_TRUE(w->createNode({}, {}).ok());
  }
  auto t = store_->beginRead();
  EXPECT_FALSE(t->lookupString("Ghost"));
  size_t n = 0;
  t->scanNodes([&](NodeId) { return ++n, true; });
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(store_->approxNodeCount(), before_nodes);
  t.reset();  // a transaction must not outlive its store
  reopen();
  EXPECT_FALSE(store_->beginRead()->lookupString("Ghost"));
}

TEST_F(StoreTest, FailedOperationLeavesTheTransactionUnchanged) {
  TypeId t1 = id("T");
  NodeId a = node({});
  auto w = store_->beginWrite();
  auto b = w->createNode({}, {});
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(w->createEdge(a, t1, *b, {}).ok());
  // Refused: a still has an edge. Nothing of the delete may remain.
  EXPECT_EQ(w->deleteNode(a, false).code(), Status::Code::kConstraint);
  EXPECT_FALSE(w->createEdge(a, t1, 9999, {}).ok());
  EXPECT_TRUE(w->nodeExists(a));
  EXPECT_EQ(w->degree(a, Direction::kOut, {}), 1u);
  ASSERT_TRUE(w->commit().ok());
  auto t = store_->beginRead();
  EXPECT_TRUE(t->nodeExists(a));
  EXPECT_TRUE(t->nodeExists(*b));
  EXPECT_EQ(t->degree(a, Direction::kOut, {}), 1u);
}

TEST_F(StoreTest, OnlyOneWriterAtATime) {
  std::atomic<int> inside{0}, max_inside{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j) {
        auto w = store_->beginWrite();
        int now = ++inside;
        max_inside = std::max(max_inside.load(), now);
        ASSERT_TRUE(w->createNode({}, {}).ok());
        --inside;
        ASSERT_TRUE(w->commit().ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(max_inside.load(), 1);
  EXPECT_EQ(store_->approxNodeCount(), 80u);
  // A nested writer on the same thread is refused instead of deadlocking.
  auto w = store_->beginWrite();
  EXPECT_EQ(store_->intern("x").status().code(), Status::Code::kConstraint);
  auto nested = store_->beginWrite();
  EXPECT_FALSE(nested->createNode({}, {}).ok());
}

namespace {
void writeFormatVersion(const std::string& path, uint32_t version) {
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (int c = 0; c < keys::kCfCount; ++c)
    cfs.emplace_back(keys::kCfNames[c], rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfs, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string v;
  keys::appendU32(&v, version);
  ASSERT_TRUE(
      db->Put(rocksdb::WriteOptions(), handles[keys::kMeta], keys::kMetaFormatVersion, v).ok());
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
}
}  // namespace

TEST(StoreOpen, OtherFormatVersionIsRefusedWithBothVersions) {
  std::string path = testing::tempPath("version");
  { ASSERT_TRUE(GraphStore::open(path).ok()); }
  writeFormatVersion(path, 7);  // as a future release would have written it
  auto r = GraphStore::open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kVersionMismatch);
  EXPECT_NE(r.status().message().find("version 7"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("version 2"), std::string::npos) << r.status().message();
  std::filesystem::remove_all(path);
}

namespace {
uint32_t readFormatVersion(const std::string& path) {
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (int c = 0; c < keys::kCfCount; ++c)
    cfs.emplace_back(keys::kCfNames[c], rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  EXPECT_TRUE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, cfs, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string v;
  EXPECT_TRUE(
      db->Get(rocksdb::ReadOptions(), handles[keys::kMeta], keys::kMetaFormatVersion, &v).ok());
  for (auto* h : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  return v.size() == 4 ? keys::loadU32(v.data()) : 0;
}
}  // namespace

// A version-1 database (before property indexes) opens read-only as is and is upgraded to
// version 2 by a read-write open, so that version-1 builds refuse it from then on.
TEST(StoreOpen, FormatVersionOneIsUpgradedOnReadWriteOpen) {
  std::string path = testing::tempPath("version1");
  {
    auto s = GraphStore::open(path);
    ASSERT_TRUE(s.ok());
    auto w = (*s)->beginWrite();
    ASSERT_TRUE(w->createNode({}, {}).ok());
    ASSERT_TRUE(w->commit().ok());
  }
  writeFormatVersion(path, 1);
  {
    StoreOptions ro;
    ro.read_only = true;
    auto s = GraphStore::open(path, ro);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ((*s)->approxNodeCount(), 1u);
  }
  EXPECT_EQ(readFormatVersion(path), 1u);
  {
    auto s = GraphStore::open(path);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ((*s)->approxNodeCount(), 1u);
  }
  EXPECT_EQ(readFormatVersion(path), 2u);
  std::filesystem::remove_all(path);
}

TEST(StoreOpen, ForeignDirectoriesAreRefused) {
  std::string path = testing::tempPath("foreign");
  {  // a plain RocksDB database
    rocksdb::DB* raw = nullptr;
    rocksdb::Options o;
    o.create_if_missing = true;
    ASSERT_TRUE(rocksdb::DB::Open(o, path, &raw).ok());
    ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), "someone else's", "data").ok());
    delete raw;
  }
  auto r = GraphStore::open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not an Entente database"), std::string::npos)
      << r.status().message();
  std::filesystem::remove_all(path);

  std::filesystem::create_directories(path);  // a directory holding something else
  std::ofstream(path + "/notes.txt") << "hello";
  r = GraphStore::open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not an Entente database"), std::string::npos)
      << r.status().message();
  EXPECT_TRUE(std::filesystem::exists(path + "/notes.txt"));
  std::filesystem::remove_all(path);

  StoreOptions no_create;
  no_create.create_if_missing = false;
  r = GraphStore::open(path, no_create);
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

TEST(StoreOpen, ReadOnlyStoreRefusesWrites) {
  std::string path = testing::tempPath("ro");
  {
    auto s = GraphStore::open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->intern("x").ok());
  }
  StoreOptions ro;
  ro.read_only = true;
  auto s = GraphStore::open(path, ro);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->beginRead()->lookupString("x"), 1u);
  auto w = (*s)->beginWrite();
  EXPECT_EQ(w->createNode({}, {}).status().code(), Status::Code::kReadOnly);
  EXPECT_EQ((*s)->intern("y").status().code(), Status::Code::kReadOnly);
  w.reset();
  s.value().reset();
  std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace entente::storage
