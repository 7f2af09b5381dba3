// CommitLog: which commits an optimistic transaction is validated against, and that the log
// holds nothing no open transaction needs.
#include <gtest/gtest.h>

#include "storage/commit_log.h"

namespace entente::storage {
namespace {

TEST(CommitLogTest, ConflictsOnlyWithLaterCommitsThatShareAKey) {
  CommitLog log;
  EXPECT_FALSE(log.active());
  log.append(5, {1, 2});  // nobody open: not kept
  EXPECT_EQ(log.size(), 0u);
  CommitLog::Ticket t = log.open([] { return uint64_t{10}; });
  EXPECT_TRUE(log.active());
  log.append(10, {7});  // in t's snapshot: not kept
  log.append(11, {3, 9});
  log.append(12, {20});
  EXPECT_EQ(log.size(), 2u);
  EXPECT_FALSE(log.conflicts(t, {1, 2, 7}));  // 7 was committed before t's snapshot ended
  EXPECT_TRUE(log.conflicts(t, {9}));
  EXPECT_TRUE(log.conflicts(t, {4, 5, 6, 20}));
  EXPECT_FALSE(log.conflicts(t, {}));
  // A transaction opened later is checked only against what followed its snapshot.
  CommitLog::Ticket u = log.open([] { return uint64_t{11}; });
  EXPECT_FALSE(log.conflicts(u, {3, 9}));
  EXPECT_TRUE(log.conflicts(u, {20}));
  log.close(t);  // entries up to u's snapshot are dropped
  EXPECT_EQ(log.size(), 1u);
  log.close(u);
  EXPECT_FALSE(log.active());
  EXPECT_EQ(log.size(), 0u);
}

TEST(CommitLogTest, InvalidationHitsOnlyTransactionsOpenAtTheTime) {
  CommitLog log;
  CommitLog::Ticket before = log.open([] { return uint64_t{1}; });
  log.invalidateOpen();
  CommitLog::Ticket after = log.open([] { return uint64_t{2}; });
  EXPECT_TRUE(log.conflicts(before, {}));
  EXPECT_FALSE(log.conflicts(after, {42}));
  log.close(before);
  log.close(after);
}

TEST(CommitLogTest, KeyHashesSeparateColumnFamilies) {
  EXPECT_EQ(writeKeyHash(3, "abc"), writeKeyHash(3, "abc"));
  EXPECT_NE(writeKeyHash(3, "abc"), writeKeyHash(4, "abc"));
  EXPECT_NE(writeKeyHash(3, "abc"), writeKeyHash(3, "abd"));
}

}  // namespace
}  // namespace entente::storage
