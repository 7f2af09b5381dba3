// kill -9 during a write load: the store always reopens, every acknowledged transaction is
// there, no transaction is there in part, and the indexes agree with the data.
//
// The parent re-executes this test binary as a child (fork + exec, so the child starts with
// a clean RocksDB: a fork of a process running RocksDB threads would not be realistic). The
// child opens the store (durable commits, the default), makes sure a UNIQUE constraint on
// Item.seq and an index on Item.group exist, and runs two threads committing explicit
// (optimistic) transactions of several steps each: read the anchor's `last`, create an item
// node (name "item-<seq>", seq, group = seq % 7), an edge anchor->item, an edge item->anchor,
// set the anchor's `last` to seq. Both threads write the anchor, so they conflict and retry;
// after commit() returns the thread writes seq to a pipe. The parent SIGKILLs the child at a
// random moment, reopens the store and checks. Rounds: 30, or $ENTENTE_CRASH_ROUNDS.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

#include "store_test_util.h"

namespace entente::storage {
namespace {

constexpr const char* kChildDbEnv = "ENTENTE_CRASH_CHILD_DB";
constexpr const char* kChildFdEnv = "ENTENTE_CRASH_CHILD_FD";

struct Ids {
  LabelId item;
  TypeId has, back;
  KeyId name, seq, last, group;
};

constexpr int64_t kGroups = 7;

bool internAll(GraphStore& store, Ids* ids) {
  auto w = store.beginWrite();
  auto get = [&](std::string_view s, uint32_t* out) {
    auto r = w->internString(s);
    if (r.ok()) *out = *r;
    return r.ok();
  };
  bool ok = get("Item", &ids->item) && get("HAS", &ids->has) && get("BACK", &ids->back) &&
            get("name", &ids->name) && get("seq", &ids->seq) && get("last", &ids->last) &&
            get("group", &ids->group);
  if (!ok) return false;
  // The constraint and the index the transactions keep in step (created once).
  if (!w->findIndex("item_seq") &&
      !w->createIndex(
            {"item_seq", IndexEntity::kNode, ids->item, {ids->seq}, ConstraintKind::kUnique})
           .ok())
    return false;
  if (!w->findIndex("item_group") &&
      !w->createIndex({"item_group", IndexEntity::kNode, ids->item, {ids->group}}).ok())
    return false;
  return w->commit().ok();
}

int64_t lastOf(const NodeRecord& anchor, KeyId last) {
  for (const auto& [k, v] : anchor.props)
    if (k == last && v.isInt()) return v.asInt();
  return -1;
}

// The child: commit statements until killed.
[[noreturn]] void runChild(const char* db, int fd) {
  auto opened = GraphStore::open(db);
  if (!opened.ok()) {
    fprintf(stderr, "crash child: %s\n", opened.status().message().c_str());
    _exit(3);
  }
  GraphStore& store = **opened;
  Ids ids;
  if (!internAll(store, &ids)) _exit(4);
  NodeId anchor;
  {
    auto w = store.beginWrite();
    auto found = w->findByName("anchor");
    if (found.empty()) {
      auto n = w->createNode({}, {{ids.name, Value("anchor")}});
      if (!n.ok() || !w->commit().ok()) _exit(5);
      anchor = *n;
    } else {
      anchor = found[0];
    }
  }
  auto writer = [&] {
    for (;;) {
      auto w = store.beginOptimistic();
      auto rec = w->getNode(anchor);
      if (!rec) _exit(6);
      int64_t seq = lastOf(*rec, ids.last) + 1;
      auto item = w->createNode({ids.item}, {{ids.name, Value("item-" + std::to_string(seq))},
                                             {ids.seq, Value(seq)},
                                             {ids.group, Value(seq % kGroups)}});
      if (!item.ok()) _exit(7);
      if (!w->createEdge(anchor, ids.has, *item, {}).ok() ||
          !w->createEdge(*item, ids.back, anchor, {}).ok())
        _exit(8);
      if (!w->updateNode({anchor, {}, {{ids.name, Value("anchor")}, {ids.last, Value(seq)}}}).ok())
        _exit(9);
      Status s = w->commit();
      if (s.code() == Status::Code::kConflict) continue;  // the other thread got there first
      if (!s.ok()) _exit(10);
      if (write(fd, &seq, sizeof seq) != sizeof seq) _exit(11);  // acknowledged (atomic write)
    }
  };
  std::thread other(writer);
  writer();
  other.join();
}

// Runs the child when this binary is started as one: from a global test environment, so
// inside main() once every static initialiser (RocksDB's included) has run.
class ChildHook : public ::testing::Environment {
 public:
  void SetUp() override {
    const char* db = std::getenv(kChildDbEnv);
    const char* fd = std::getenv(kChildFdEnv);
    if (db && fd) runChild(db, std::atoi(fd));
  }
};
[[maybe_unused]] ::testing::Environment* const child_hook =
    ::testing::AddGlobalTestEnvironment(new ChildHook);

TEST(CrashRecovery, KillNineNeverLosesAcknowledgedWritesNorTearsAStatement) {
  int rounds = 30;
  if (const char* r = std::getenv("ENTENTE_CRASH_ROUNDS")) rounds = std::max(1, std::atoi(r));
  std::string path = testing::tempPath("crash");
  std::mt19937 rng(std::random_device{}());
  int64_t max_acked = -1;
  size_t total_acks = 0;
  for (int round = 0; round < rounds; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    std::string db_env = std::string(kChildDbEnv) + "=" + path,
                fd_env = std::string(kChildFdEnv) + "=" + std::to_string(fds[1]);
    std::vector<char*> envp;
    for (char** e = environ; *e; ++e) envp.push_back(*e);
    envp.push_back(db_env.data());
    envp.push_back(fd_env.data());
    envp.push_back(nullptr);
    char self[] = "/proc/self/exe";
    char filter[] = "--gtest_filter=CrashRecovery.*";
    char* argv[] = {self, filter, nullptr};
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      execve(self, argv, envp.data());
      _exit(2);
    }
    close(fds[1]);
    std::vector<int64_t> acked;
    auto drain = [&](int timeout_ms) {
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) return false;
      int64_t seq;
      ssize_t n = read(fds[0], &seq, sizeof seq);
      if (n == sizeof seq) acked.push_back(seq);
      return n > 0;
    };
    // Kill at a random moment: on even rounds counted from the start (often while the
    // child is still opening or recovering), on odd rounds from its first acknowledged
    // commit (so a slow machine or a sanitizer build still kills mid-load).
    if (round % 2 == 1) {
      auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (acked.empty() && std::chrono::steady_clock::now() < give_up) drain(5);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(rng() % 120);
    while (std::chrono::steady_clock::now() < deadline) drain(1);
    kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with status " << WEXITSTATUS(status);
    while (drain(0)) {
    }
    close(fds[0]);
    total_acks += acked.size();
    for (int64_t s : acked) max_acked = std::max(max_acked, s);

    auto opened = GraphStore::open(path);
    ASSERT_TRUE(opened.ok()) << "round " << round << ": " << opened.status().message();
    GraphStore& store = **opened;
    auto t = store.beginRead();
    auto anchors = t->findByName("anchor");
    if (anchors.empty()) {  // killed before the anchor's commit: nothing may be there
      ASSERT_EQ(max_acked, -1);
      continue;
    }
    ASSERT_EQ(anchors.size(), 1u);
    auto anchor = t->getNode(anchors[0]);
    ASSERT_TRUE(anchor);
    auto item_label = t->lookupString("Item"), last_key = t->lookupString("last"),
         seq_key = t->lookupString("seq");
    ASSERT_TRUE(item_label && last_key && seq_key);
    int64_t last = lastOf(*anchor, *last_key);
    ASSERT_GE(last, max_acked) << "round " << round << ": an acknowledged statement is missing";
    // Exactly items 0..last exist, each whole: node, seq, two edges.
    std::vector<NodeId> items;
    t->scanLabel(*item_label, [&](NodeId n) { return items.push_back(n), true; });
    ASSERT_EQ(static_cast<int64_t>(items.size()), last + 1) << "round " << round;
    std::vector<bool> seen(items.size());
    for (NodeId n : items) {
      auto rec = t->getNode(n);
      ASSERT_TRUE(rec);
      auto seq = findProperty(encodeProperties(rec->props), *seq_key);
      ASSERT_TRUE(seq && seq->isInt());
      ASSERT_TRUE(seq->asInt() >= 0 && seq->asInt() <= last);
      ASSERT_FALSE(seen[seq->asInt()]);
      seen[seq->asInt()] = true;
      ASSERT_EQ(t->degree(n, Direction::kBoth, {}), 2u) << "item " << seq->asInt() << " torn";
      ASSERT_EQ(t->findByName("item-" + std::to_string(seq->asInt())), std::vector<NodeId>{n});
    }
    ASSERT_EQ(t->degree(anchors[0], Direction::kOut, {}), items.size());
    ASSERT_EQ(store.approxNodeCount(), items.size() + 1);
    ASSERT_EQ(store.approxLabelCount(*item_label), items.size());
    // The indexes agree with the data: one entry per item, found by its own value.
    auto unique = t->findIndex("item_seq"), by_group = t->findIndex("item_group");
    if (!unique || !by_group) {  // killed before the setup committed: no item either
      ASSERT_TRUE(items.empty());
      continue;
    }
    auto group_key = t->lookupString("group");
    ASSERT_TRUE(group_key);
    std::vector<std::vector<NodeId>> groups(kGroups);
    for (NodeId n : items) {
      auto seq = t->nodeProperty(n, *seq_key);
      auto group = t->nodeProperty(n, *group_key);
      ASSERT_TRUE(seq && group && group->isInt());
      ASSERT_EQ(group->asInt(), seq->asInt() % kGroups);
      groups[group->asInt()].push_back(n);
      std::vector<uint64_t> found;
      ASSERT_TRUE(t->indexSeek(unique->id, IndexRange::equals(*seq), [&](uint64_t e) {
                     return found.push_back(e), true;
                   }).ok());
      ASSERT_EQ(found, std::vector<uint64_t>{n}) << "round " << round << " seq " << seq->asInt();
    }
    for (int64_t g = 0; g < kGroups; ++g) {
      std::vector<uint64_t> found;
      ASSERT_TRUE(t->indexSeek(by_group->id, IndexRange::equals(Value(g)), [&](uint64_t e) {
                     return found.push_back(e), true;
                   }).ok());
      std::sort(found.begin(), found.end());
      ASSERT_EQ(found, std::vector<uint64_t>(groups[g].begin(), groups[g].end()))
          << "round " << round << " group " << g;
    }
    auto unique_stats = t->indexStats(unique->id), group_stats = t->indexStats(by_group->id);
    ASSERT_TRUE(unique_stats.ok() && group_stats.ok());
    ASSERT_EQ(unique_stats->entries, items.size());
    ASSERT_EQ(unique_stats->distinct, items.size());
    ASSERT_EQ(group_stats->entries, items.size());
    ASSERT_EQ(group_stats->distinct,
              static_cast<uint64_t>(std::count_if(groups.begin(), groups.end(),
                                                  [](const auto& v) { return !v.empty(); })));
  }
  std::filesystem::remove_all(path);
  RecordProperty("acknowledged_statements", std::to_string(total_acks));
  EXPECT_GT(total_acks, 0u) << "the child never got to commit: the test proved nothing";
}

}  // namespace
}  // namespace entente::storage
