// Explicit transactions over the real entente-server: BEGIN / COMMIT / ROLLBACK bound to the
// connection, isolation from other connections, conflicts, rollback on disconnect and after
// the idle timeout.
#include <gtest/gtest.h>
#include <signal.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "process_util.h"

namespace entente::testing {
namespace {

using Json = nlohmann::json;

class ServerTransactionTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<ServerProcess> start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--db", dir.file("db")};
    args.insert(args.end(), extra.begin(), extra.end());
    auto s = std::make_unique<ServerProcess>(args);
    EXPECT_GT(s->port(), 0) << s->log();
    return s;
  }
  static Json ask(Client& c, const std::string& query) {
    return Json::parse(c.request(Json{{"id", 1}, {"query", query}}.dump()));
  }
  static int64_t count(Client& c, const std::string& query) {
    Json r = ask(c, query);
    EXPECT_TRUE(r.contains("rows")) << r.dump();
    return r.contains("rows") ? r["rows"][0][0].get<int64_t>() : -1;
  }
};

TEST_F(ServerTransactionTest, ATransactionBelongsToItsConnection) {
  auto server = start();
  Client a(server->port()), b(server->port());
  EXPECT_FALSE(ask(a, "BEGIN").contains("error"));
  EXPECT_EQ(ask(a, "CREATE (:Item {k: 1})")["stats"]["nodes_created"], 1);
  EXPECT_EQ(count(a, "MATCH (n:Item) RETURN count(n)"), 1);  // its own write
  EXPECT_EQ(count(b, "MATCH (n:Item) RETURN count(n)"), 0);  // not another connection's
  EXPECT_FALSE(ask(a, "commit;").contains("error"));
  EXPECT_EQ(count(b, "MATCH (n:Item) RETURN count(n)"), 1);

  EXPECT_FALSE(ask(b, "Begin Transaction").contains("error"));
  ASSERT_FALSE(ask(b, "CREATE (:Item {k: 2})").contains("error"));
  EXPECT_FALSE(ask(b, "ROLLBACK").contains("error"));
  EXPECT_EQ(count(a, "MATCH (n:Item) RETURN count(n)"), 1);

  // Out-of-place control statements are errors; the connection carries on.
  Json commit = ask(a, "COMMIT");
  EXPECT_EQ(commit["error"]["code"], "TransactionError") << commit.dump();
  ASSERT_FALSE(ask(a, "BEGIN").contains("error"));
  Json nested = ask(a, "BEGIN");
  EXPECT_EQ(nested["error"]["code"], "TransactionError") << nested.dump();
  EXPECT_FALSE(ask(a, "ROLLBACK").contains("error"));
}

TEST_F(ServerTransactionTest, TheLaterOfTwoConflictingCommitsFails) {
  auto server = start();
  Client a(server->port()), b(server->port());
  ASSERT_FALSE(ask(a, "CREATE (:Account {id: 1, balance: 100})").contains("error"));
  ASSERT_FALSE(ask(a, "BEGIN").contains("error"));
  ASSERT_FALSE(ask(b, "BEGIN").contains("error"));
  ASSERT_FALSE(ask(a, "MATCH (x:Account) SET x.balance = x.balance - 10").contains("error"));
  ASSERT_FALSE(ask(b, "MATCH (x:Account) SET x.balance = x.balance - 20").contains("error"));
  EXPECT_FALSE(ask(a, "COMMIT").contains("error"));
  Json lost = ask(b, "COMMIT");
  EXPECT_EQ(lost["error"]["code"], "TransactionConflict") << lost.dump();
  EXPECT_EQ(count(b, "MATCH (x:Account) RETURN x.balance"), 90);  // auto-commit again
}

TEST_F(ServerTransactionTest, DisconnectingRollsTheTransactionBack) {
  auto server = start();
  {
    Client a(server->port());
    ASSERT_FALSE(ask(a, "BEGIN").contains("error"));
    ASSERT_FALSE(ask(a, "CREATE (:Item)").contains("error"));
  }  // closed with the transaction open
  {
    Client a(server->port());
    ASSERT_FALSE(ask(a, "BEGIN").contains("error"));
    ASSERT_FALSE(ask(a, "CREATE (:Item)").contains("error"));
    a.abort();  // reset, not an orderly close
  }
  Client b(server->port());
  EXPECT_EQ(count(b, "MATCH (n) RETURN count(n)"), 0);
  server->signal(SIGTERM);
  EXPECT_EQ(server->wait(), 0);
  std::string log = server->log();
  size_t first = log.find("rolled back its open transaction");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_NE(log.find("rolled back its open transaction", first + 1), std::string::npos) << log;
}

TEST_F(ServerTransactionTest, AnIdleTransactionIsRolledBackAndTheClientToldWhy) {
  auto server = start({"--transaction-timeout-ms", "100"});
  Client a(server->port()), b(server->port());
  ASSERT_FALSE(ask(a, "BEGIN").contains("error"));
  ASSERT_FALSE(ask(a, "CREATE (:Item)").contains("error"));
  // Wait (without sending: that would be activity) until the server logs the rollback.
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (server->log().find("idle timeout") == std::string::npos &&
         std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_NE(server->log().find("rolled back its transaction (idle timeout)"), std::string::npos)
      << server->log();
  Json next = ask(a, "CREATE (:Item)");
  EXPECT_EQ(next["error"]["code"], "TransactionError") << next.dump();
  EXPECT_NE(next["error"]["message"].get<std::string>().find("idle"), std::string::npos);
  Json commit = ask(a, "COMMIT");  // ends it, reporting the rollback
  EXPECT_EQ(commit["error"]["code"], "TransactionError") << commit.dump();
  EXPECT_EQ(count(b, "MATCH (n) RETURN count(n)"), 0);
  EXPECT_EQ(count(a, "MATCH (n) RETURN count(n)"), 0);  // auto-commit again
}

}  // namespace
}  // namespace entente::testing
