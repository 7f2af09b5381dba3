// Explicit transactions through the public API: read-your-own-writes, isolation, commit and
// rollback, conflicts (TransactionConflict, nothing applied), a failed statement failing the
// transaction, statements refused inside one, valid time and provenance, and an 8-thread
// transfer workload whose total never changes.
#include <atomic>
#include <random>
#include <thread>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::tempDb;

int64_t scalar(Database& db, std::string_view q, const Map& params = {}) {
  auto r = db.query(q, params);
  EXPECT_TRUE(r.ok()) << q << ": " << (r.ok() ? "" : r.error().message());
  if (!r.ok() || r.rows().size() != 1 || !r.rows()[0][0].isInt()) return -1;
  return r.rows()[0][0].asInt();
}

int64_t scalar(Transaction& tx, std::string_view q, const Map& params = {}) {
  auto r = tx.query(q, params);
  EXPECT_TRUE(r.ok()) << q << ": " << (r.ok() ? "" : r.error().message());
  if (!r.ok() || r.rows().size() != 1 || !r.rows()[0][0].isInt()) return -1;
  return r.rows()[0][0].asInt();
}

std::unique_ptr<Transaction> begin(Database& db) {
  auto tx = db.beginTransaction();
  EXPECT_TRUE(tx.ok()) << (tx.ok() ? "" : tx.error().message());
  return tx.ok() ? std::move(tx.value()) : nullptr;
}

TEST(TransactionTest, ReadsItsOwnWritesWhichOthersSeeOnlyAfterCommit) {
  auto db = tempDb();
  auto tx = begin(*db);
  ASSERT_TRUE(tx->query("CREATE (:Actor {name: 'Turkey'})").ok());
  ASSERT_TRUE(tx->query("MATCH (t:Actor {name: 'Turkey'}) CREATE (t)-[:BACKS]->(:Actor {name: "
                        "'SNA'})")
                  .ok());
  EXPECT_EQ(scalar(*tx, "MATCH (:Actor)-[:BACKS]->(g) RETURN count(g)"), 1);
  EXPECT_EQ(scalar(*tx, "MATCH (n) WHERE n.name = 'turkey' OR n.name = 'Turkey' RETURN count(n)"),
            1);
  EXPECT_EQ(scalar(*db, "MATCH (n) RETURN count(n)"), 0);  // not visible outside
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(tx->state(), Transaction::State::kCommitted);
  EXPECT_EQ(scalar(*db, "MATCH (:Actor)-[:BACKS]->(g) RETURN count(g)"), 1);
  // A committed transaction takes no more statements.
  auto again = tx->query("RETURN 1");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kTransactionError);
  EXPECT_EQ(tx->commit().error().code(), ErrorCode::kTransactionError);
}

TEST(TransactionTest, ReadsOneSnapshotWhileOthersCommit) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("CREATE (:Item)").ok());
  auto tx = begin(*db);
  EXPECT_EQ(scalar(*tx, "MATCH (n:Item) RETURN count(n)"), 1);
  ASSERT_TRUE(db->query("CREATE (:Item)").ok());                // auto-commit, not blocked
  EXPECT_EQ(scalar(*tx, "MATCH (n:Item) RETURN count(n)"), 1);  // repeatable
  ASSERT_TRUE(tx->commit().ok());                               // read-only: nothing to validate
  EXPECT_EQ(scalar(*db, "MATCH (n:Item) RETURN count(n)"), 2);
}

TEST(TransactionTest, RollbackAndDestructionLeaveNothing) {
  auto db = tempDb();
  {
    auto tx = begin(*db);
    ASSERT_TRUE(tx->query("CREATE (:Item {k: 1})").ok());
    tx->rollback();
    EXPECT_EQ(tx->state(), Transaction::State::kRolledBack);
    EXPECT_EQ(tx->query("RETURN 1").error().code(), ErrorCode::kTransactionError);
  }
  {
    auto tx = begin(*db);
    ASSERT_TRUE(tx->query("CREATE (:Item {k: 2})").ok());
  }  // destroyed open
  EXPECT_EQ(scalar(*db, "MATCH (n) RETURN count(n)"), 0);
  EXPECT_EQ(testing::countEntities(*db), 0u);
}

TEST(TransactionTest, WriteWriteConflictFailsTheLaterCommitWholly) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("CREATE (:Account {id: 1, balance: 100})").ok());
  auto t1 = begin(*db), t2 = begin(*db);
  ASSERT_TRUE(t1->query("MATCH (a:Account {id: 1}) SET a.balance = a.balance - 30").ok());
  ASSERT_TRUE(t2->query("CREATE (:Audit {note: 't2 was here'})").ok());
  ASSERT_TRUE(t2->query("MATCH (a:Account {id: 1}) SET a.balance = a.balance - 50").ok());
  ASSERT_TRUE(t1->commit().ok());
  auto lost = t2->commit();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code(), ErrorCode::kTransactionConflict);
  EXPECT_EQ(lost.error().severity(), ErrorSeverity::kTransientError);
  EXPECT_NE(lost.error().message().find("Retry"), std::string::npos) << lost.error().message();
  EXPECT_EQ(t2->state(), Transaction::State::kFailed);
  EXPECT_EQ(scalar(*db, "MATCH (a:Account {id: 1}) RETURN a.balance"), 70);
  EXPECT_EQ(scalar(*db, "MATCH (n:Audit) RETURN count(n)"), 0);  // nothing of t2
  auto after = t2->query("RETURN 1");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code(), ErrorCode::kTransactionError);
  EXPECT_NE(after.error().message().find("TransactionConflict"), std::string::npos);
}

TEST(TransactionTest, UniqueConstraintRaceCommitsExactlyOne) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE").ok());
  auto t1 = begin(*db), t2 = begin(*db);
  ASSERT_TRUE(t1->query("MERGE (:Person {id: 7, name: 'from t1'})").ok());
  ASSERT_TRUE(t2->query("MERGE (:Person {id: 7, name: 'from t2'})").ok());
  ASSERT_TRUE(t1->commit().ok());
  auto second = t2->commit();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kTransactionConflict);
  auto r = db->query("MATCH (p:Person {id: 7}) RETURN p.name");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.rows().size(), 1u);
  EXPECT_EQ(r.rows()[0][0].asString(), "from t1");
  // Retried, the second transaction's MERGE finds the node.
  auto t3 = begin(*db);
  ASSERT_TRUE(t3->query("MERGE (p:Person {id: 7}) SET p.seen = true").ok());
  ASSERT_TRUE(t3->commit().ok());
  EXPECT_EQ(scalar(*db, "MATCH (p:Person) RETURN count(p)"), 1);
}

TEST(TransactionTest, DeletingAnEndpointConflictsWithARelationshipToIt) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("CREATE (:Actor {name: 'A'}), (:Actor {name: 'B'})").ok());
  auto creator = begin(*db), deleter = begin(*db);
  ASSERT_TRUE(creator
                  ->query("MATCH (a:Actor {name: 'A'}), (b:Actor {name: 'B'}) "
                          "CREATE (a)-[:BACKS]->(b)")
                  .ok());
  ASSERT_TRUE(deleter->query("MATCH (b:Actor {name: 'B'}) DETACH DELETE b").ok());
  ASSERT_TRUE(deleter->commit().ok());
  auto c = creator->commit();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kTransactionConflict);
  EXPECT_EQ(scalar(*db, "MATCH ()-[r]->() RETURN count(r)"), 0);
  EXPECT_EQ(testing::countRelations(*db), 0u);
}

TEST(TransactionTest, AFailedStatementFailsTheTransaction) {
  auto db = tempDb();
  ASSERT_TRUE(db->query("CREATE CONSTRAINT FOR (p:Person) REQUIRE p.id IS UNIQUE").ok());
  ASSERT_TRUE(db->query("CREATE (:Person {id: 1})").ok());
  auto tx = begin(*db);
  ASSERT_TRUE(tx->query("CREATE (:Person {id: 2})").ok());
  // A parse error runs nothing: the transaction stays open.
  auto syntax = tx->query("MATCH (n RETURN n");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().code(), ErrorCode::kSyntaxError);
  EXPECT_TRUE(tx->isOpen());
  // A statement that fails while running fails the transaction, as in Neo4j.
  auto dup = tx->query("CREATE (:Person {id: 3}) CREATE (:Person {id: 1})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConstraintValidationFailed);
  EXPECT_EQ(tx->state(), Transaction::State::kFailed);
  auto later = tx->query("CREATE (:Person {id: 4})");
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().code(), ErrorCode::kTransactionError);
  EXPECT_NE(later.error().message().find("ConstraintValidationFailed"), std::string::npos)
      << later.error().message();
  auto commit = tx->commit();
  ASSERT_FALSE(commit.ok());
  EXPECT_EQ(commit.error().code(), ErrorCode::kTransactionError);
  EXPECT_EQ(scalar(*db, "MATCH (p:Person) RETURN count(p)"), 1);  // none of 2, 3, 4
}

TEST(TransactionTest, SchemaStatementsAndBatchedWritesAreRefusedInside) {
  auto db = tempDb();
  for (const char* q :
       {"CREATE INDEX FOR (n:Actor) ON (n.name)",
        "UNWIND [1, 2] AS i CALL { WITH i CREATE (:Item {i: i}) } IN TRANSACTIONS"}) {
    auto tx = begin(*db);
    ASSERT_TRUE(tx->query("CREATE (:Item {i: 0})").ok());
    auto r = tx->query(q);
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.error().code(), ErrorCode::kTransactionError) << q;
    EXPECT_NE(r.error().message().find("explicit transaction"), std::string::npos)
        << r.error().message();
    EXPECT_EQ(tx->state(), Transaction::State::kFailed);
  }
  EXPECT_EQ(scalar(*db, "MATCH (n) RETURN count(n)"), 0);
  auto indexes = db->query("SHOW INDEXES");
  ASSERT_TRUE(indexes.ok());
  EXPECT_TRUE(indexes.rows().empty());
  // SHOW runs inside a transaction.
  auto tx = begin(*db);
  EXPECT_TRUE(tx->query("SHOW INDEXES").ok());
  EXPECT_TRUE(tx->isOpen());
}

TEST(TransactionTest, ValidTimeAndProvenanceWritesWork) {
  auto db = tempDb();
  auto tx = begin(*db);
  ASSERT_TRUE(tx->query("CREATE (:Source {name: 'CNN'})").ok());
  ASSERT_TRUE(tx->query("MATCH (c:Source {name: 'CNN'}) "
                        "CREATE (:Actor {name: 'HTS'})-[:CONTROLS {since: date('2024-11-30'), "
                        "source: [id(c)], said_by: 'CNN', confidence: 0.9}]->(:Place {name: "
                        "'Aleppo'})")
                  .ok());
  const char* who =
      "AS OF '2024-12-01' MATCH (a)-[r:CONTROLS]->(:Place {name: 'Aleppo'}) "
      "RETURN a.name, [s IN sources(r) | s.name], saidBy(r), confidence(r)";
  const char* before = "AS OF '2024-11-01' MATCH (a)-[:CONTROLS]->() RETURN count(a)";
  auto inside = tx->query(who);
  ASSERT_TRUE(inside.ok()) << inside.error().message();
  ASSERT_EQ(inside.rows().size(), 1u);
  EXPECT_EQ(inside.rows()[0][0].asString(), "HTS");
  EXPECT_EQ(scalar(*tx, before), 0);
  EXPECT_TRUE(db->query(who).rows().empty());
  ASSERT_TRUE(tx->commit().ok());
  auto outside = db->query(who);
  ASSERT_TRUE(outside.ok());
  ASSERT_EQ(outside.rows().size(), 1u);
  EXPECT_EQ(outside.rows()[0][1].asList().size(), 1u);
  EXPECT_EQ(outside.rows()[0][1].asList()[0].asString(), "CNN");
  EXPECT_EQ(outside.rows()[0][2].asString(), "CNN");
  EXPECT_EQ(scalar(*db, before), 0);
}

TEST(TransactionTest, PreparedStatementsRunInside) {
  auto db = tempDb();
  auto create = db->prepare("CREATE (:Item {k: $k})");
  auto count = db->prepare("MATCH (n:Item) RETURN count(n)");
  ASSERT_TRUE(create.ok() && count.ok());
  auto tx = begin(*db);
  for (int64_t k = 0; k < 3; ++k) ASSERT_TRUE(tx->execute(**create, {{"k", Value(k)}}).ok());
  auto inside = tx->execute(**count);
  ASSERT_TRUE(inside.ok());
  EXPECT_EQ(inside.rows()[0][0].asInt(), 3);
  EXPECT_EQ(db->execute(**count).rows()[0][0].asInt(), 0);
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(db->execute(**count).rows()[0][0].asInt(), 3);
}

TEST(TransactionTest, ReadOnlyDatabaseReadsButRefusesWrites) {
  testing::TempDir dir;
  std::string path = dir.path() + "/db";
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->query("CREATE (:Item)").ok());
  }
  OpenOptions o;
  o.read_only = true;
  auto db = Database::open(path, o);
  ASSERT_TRUE(db.ok()) << db.error().message();
  auto tx = begin(**db);
  EXPECT_EQ(scalar(*tx, "MATCH (n) RETURN count(n)"), 1);
  auto w = tx->query("CREATE (:Item)");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code(), ErrorCode::kReadOnly);
}

// Eight threads move money between accounts in explicit transactions (read both balances,
// write both), retrying on conflict, while readers check on snapshots that the total never
// changes. Lost updates or torn commits would change it.
TEST(TransactionTest, ConcurrentTransfersKeepTheTotal) {
  auto db = tempDb(OpenOptions{.sync_writes = false});  // durability is not what is tested
  constexpr int kAccounts = 10, kThreads = 8, kTransfersEach = 40;
  constexpr int64_t kInitial = 1000, kTotal = kAccounts * kInitial;
  ASSERT_TRUE(db->query("UNWIND range(0, $n - 1) AS i CREATE (:Account {id: i, balance: $b})",
                        {{"n", Value(int64_t{kAccounts})}, {"b", Value(kInitial)}})
                  .ok());
  auto read = db->prepare(
      "MATCH (a:Account {id: $from}), (b:Account {id: $to}) "
      "RETURN a.balance, b.balance");
  auto write = db->prepare(
      "MATCH (a:Account {id: $from}), (b:Account {id: $to}) "
      "SET a.balance = a.balance - $amount, b.balance = b.balance + $amount");
  auto total = db->prepare("MATCH (a:Account) RETURN sum(a.balance), count(a)");
  ASSERT_TRUE(read.ok() && write.ok() && total.ok());

  std::atomic<bool> done{false};
  std::atomic<int> conflicts{0}, checks{0}, bad_totals{0}, errors{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!done) {
        auto res = db->execute(**total);
        if (!res.ok() || res.rows()[0][1].asInt() != kAccounts) {
          ++errors;
        } else if (res.rows()[0][0].asInt() != kTotal) {
          ++bad_totals;
        }
        ++checks;
      }
    });
  }
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      std::mt19937 rng(1234 + t);
      for (int i = 0; i < kTransfersEach; ++i) {
        int64_t from = rng() % kAccounts, to = (from + 1 + rng() % (kAccounts - 1)) % kAccounts;
        int64_t amount = 1 + rng() % 50;
        Map p{{"from", Value(from)}, {"to", Value(to)}, {"amount", Value(amount)}};
        for (;;) {  // retried on conflict
          auto tx = db->beginTransaction();
          if (!tx.ok()) {
            ++errors;
            return;
          }
          auto seen = (*tx)->execute(**read, p);
          if (!seen.ok() || seen.rows().size() != 1) {
            ++errors;
            return;
          }
          // A snapshot inside a transaction keeps the total too (on the two rows it read,
          // nothing to check alone; the write below depends on them).
          if (!(*tx)->execute(**write, p).ok()) {
            ++errors;
            return;
          }
          auto c = (*tx)->commit();
          if (c.ok()) break;
          if (c.error().code() != ErrorCode::kTransactionConflict) {
            ++errors;
            return;
          }
          ++conflicts;
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(bad_totals.load(), 0) << "of " << checks.load() << " snapshot checks";
  auto end = db->execute(**total);
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end.rows()[0][0].asInt(), kTotal);
  EXPECT_EQ(end.rows()[0][1].asInt(), kAccounts);
  RecordProperty("conflicts_retried", std::to_string(conflicts.load()));
}

}  // namespace
}  // namespace entente
