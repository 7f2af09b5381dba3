// The real entente-server over loopback sockets: answers, ids, pipelining, concurrency,
// protocol errors, limits, tokens, misbehaving clients and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "process_util.h"

namespace entente::testing {
namespace {

using Json = nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db() const { return dir.file("db"); }
  std::unique_ptr<ServerProcess> start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--db", db()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto s = std::make_unique<ServerProcess>(args);
    EXPECT_GT(s->port(), 0) << s->log();
    return s;
  }
};

TEST_F(ServerTest, AnswersWithColumnsRowsStatsAndEchoesIdsVerbatim) {
  auto server = start();
  Client c(server->port());
  ASSERT_TRUE(c.ok());
  std::string line = c.request(R"j({"id": 1.0, "query": "RETURN 1 AS x, 'a' AS s"})j");
  EXPECT_EQ(line.rfind("{\"id\":1.0,", 0), 0u) << line;
  Json r = Json::parse(line);
  EXPECT_EQ(r["columns"], Json({"x", "s"}));
  EXPECT_EQ(r["rows"], Json::parse(R"j([[1, "a"]])j"));
  for (const char* key :
       {"nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
        "properties_set", "properties_removed", "labels_added", "labels_removed", "elapsed_ms"})
    EXPECT_TRUE(r["stats"].contains(key)) << key;

  EXPECT_EQ(c.request(R"j({"id":"r\u00e9q","query":"RETURN 2 AS y"})j")
                .rfind(R"j({"id":"r\u00e9q",)j", 0),
            0u);
  EXPECT_EQ(Json::parse(c.request(R"j({"id":{"batch":[7,8]},"query":"RETURN 3 AS z"})j"))["id"],
            Json::parse(R"j({"batch":[7,8]})j"));
  // Blanks between the id's tokens (a carriage return too) are dropped, never those in strings.
  EXPECT_EQ(c.request("{\"id\": [1, \r\t{\"k\": \"a b\"}], \"query\": \"RETURN 3 AS z\"}")
                .rfind(R"j({"id":[1,{"k":"a b"}],)j", 0),
            0u);
  EXPECT_TRUE(Json::parse(c.request(R"j({"query":"RETURN 4 AS w"})j"))["id"].is_null());
  Json p = Json::parse(
      c.request(R"j({"id":5,"query":"RETURN $who AS who","params":{"who":"Turkey"}})j"));
  EXPECT_EQ(p["rows"][0][0], "Turkey");
}

TEST_F(ServerTest, QueryErrorsComeBackAsErrorObjects) {
  auto server = start();
  Client c(server->port());
  Json r = Json::parse(c.request(R"j({"id":1,"query":"MATCH (a RETURN a"})j"));
  EXPECT_EQ(r["id"], 1);
  EXPECT_EQ(r["error"]["code"], "SyntaxError");
  EXPECT_EQ(r["error"]["detail"], "UnexpectedSyntax");
  EXPECT_EQ(r["error"]["line"], 1);
  EXPECT_GT(r["error"]["column"].get<int>(), 0);
  EXPECT_FALSE(r.contains("rows"));
  Json m = Json::parse(c.request(R"j({"id":2,"query":"RETURN $missing AS m"})j"));
  EXPECT_EQ(m["error"]["code"], "ParameterMissing");
  EXPECT_EQ(m["error"]["detail"], "MissingParameter");
  Json u = Json::parse(c.request(R"j({"id":3,"query":"MATCH (a) RETURN b"})j"));
  EXPECT_EQ(u["error"]["code"], "SyntaxError");
  EXPECT_EQ(u["error"]["detail"], "UndefinedVariable");
}

TEST_F(ServerTest, MalformedRequestsAreAnsweredAndTheConnectionStaysUsable) {
  auto server = start();
  Client c(server->port());
  for (const char* bad : {"{not json", "[1,2]", R"j({"id":3})j",
                          R"j({"id":4,"query":"RETURN 1 AS x","params":[1]})j"}) {
    Json r = Json::parse(c.request(bad));
    EXPECT_EQ(r["error"]["code"], "ArgumentError") << bad;
    EXPECT_EQ(r["error"]["detail"], "") << "no openCypher detail for a protocol error: " << bad;
    EXPECT_NE(r["error"]["message"].get<std::string>().find("malformed request"), std::string::npos)
        << bad;
  }
  EXPECT_EQ(Json::parse(c.request(R"j({"id":4,"query":"RETURN 1 AS x","params":[1]})j"))["id"], 4);
  EXPECT_EQ(Json::parse(c.request(R"j({"id":9,"query":"RETURN 9 AS n"})j"))["rows"][0][0], 9);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto server = start();
  Client c(server->port());
  std::string batch;
  for (int i = 0; i < 200; ++i)
    batch += R"j({"id":)j" + std::to_string(i) + R"j(,"query":"RETURN $i AS i","params":{"i":)j" +
             std::to_string(i) + "}}\n";
  c.send(batch);
  for (int i = 0; i < 200; ++i) {
    Json r = Json::parse(c.readLine());
    ASSERT_EQ(r["id"], i);
    ASSERT_EQ(r["rows"][0][0], i);
  }
}

TEST_F(ServerTest, ManyConcurrentClientsGetTheirOwnAnswers) {
  auto server = start();
  constexpr int kClients = 24, kRequests = 25;
  std::atomic<int> wrong{0}, created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      Client c(server->port());
      for (int i = 0; i < kRequests; ++i) {
        int k = t * 1000 + i;
        bool write = i % 5 == 0;
        std::string q = write ? "CREATE (:Probe {k: $k})" : "RETURN $k AS k";
        Json r = Json::parse(c.request(R"j({"id":)j" + std::to_string(k) + R"j(,"query":")j" + q +
                                       R"j(","params":{"k":)j" + std::to_string(k) + "}}"),
                             nullptr, false);
        if (r.is_discarded() || r["id"] != k || r.contains("error"))
          ++wrong;
        else if (write)
          created += r["stats"]["nodes_created"].get<int>();
        else if (r["rows"][0][0] != k)
          ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(created, kClients * kRequests / 5);
  Client c(server->port());
  EXPECT_EQ(
      Json::parse(c.request(R"j({"query":"MATCH (n:Probe) RETURN count(n) AS c"})j"))["rows"][0][0],
      kClients * kRequests / 5);
}

TEST_F(ServerTest, OversizedLineIsRefusedAndTheConnectionClosed) {
  auto server = start({"--max-request-bytes", "1000"});
  Client c(server->port());
  c.send(R"j({"id":1,"query":"RETURN ')j" + std::string(5000, 'x') + "' AS big\"}\n");
  Json r = Json::parse(c.readLine());
  EXPECT_EQ(r["error"]["code"], "LimitExceeded");
  bool eof = false;
  c.readLine(&eof);
  EXPECT_TRUE(eof);
  Client other(server->port());
  EXPECT_EQ(Json::parse(other.request(R"j({"id":2,"query":"RETURN 2 AS n"})j"))["rows"][0][0], 2);
}

TEST_F(ServerTest, TokenIsRequiredWhenConfigured) {
  auto server = start({"--token", "s3cret"});
  Client c(server->port());
  for (const char* req : {R"j({"id":1,"query":"CREATE (:Probe {k: 1})"})j",
                          R"j({"id":2,"query":"CREATE (:Probe {k: 1})","token":"wrong"})j"}) {
    Json r = Json::parse(c.request(req));
    EXPECT_EQ(r["error"]["code"], "Unauthorized") << req;
  }
  Json ok = Json::parse(
      c.request(R"j({"id":3,"query":"MATCH (n:Probe) RETURN count(n) AS c","token":"s3cret"})j"));
  EXPECT_EQ(ok["rows"][0][0], 0) << "the unauthorised writes must not have run";
}

TEST_F(ServerTest, StalledHalfLineAndAbruptDisconnectsDoNotBlockOthers) {
  auto server = start({"--threads", "2"});
  Client stalled(server->port());
  stalled.send(R"j({"id":1,"que)j");
  std::vector<std::unique_ptr<Client>> rude;
  for (int i = 0; i < 4; ++i) {
    auto c = std::make_unique<Client>(server->port());
    c->send(R"j({"id":1,"query":"RETURN 1 AS x"})j"
            "\n"
            R"j({"id":2,"query")j");
    if (i % 2) c->abort();
    rude.push_back(std::move(c));
  }
  rude.clear();
  Client c(server->port());
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(Json::parse(c.request(R"j({"id":7,"query":"RETURN 7 AS n"})j"))["rows"][0][0], 7);
  stalled.send(R"j(ry":"RETURN 5 AS n"})j"
               "\n");
  EXPECT_EQ(Json::parse(stalled.readLine())["rows"][0][0], 5);
}

TEST_F(ServerTest, ConnectionsOverTheLimitGetAnErrorLine) {
  auto server = start({"--max-connections", "2"});
  Client a(server->port()), b(server->port());
  ASSERT_EQ(Json::parse(a.request(R"j({"query":"RETURN 1 AS x"})j"))["rows"][0][0], 1);
  ASSERT_EQ(Json::parse(b.request(R"j({"query":"RETURN 1 AS x"})j"))["rows"][0][0], 1);
  Client c(server->port());
  Json r = Json::parse(c.readLine());
  EXPECT_EQ(r["error"]["code"], "LimitExceeded");
  bool eof = false;
  c.readLine(&eof);
  EXPECT_TRUE(eof);
}

TEST_F(ServerTest, TimeBudgetIsEnforced) {
  auto server = start({"--query-timeout-ms", "200"});
  Client c(server->port());
  // 10^11 rows: no machine counts them in 200 ms; the budget is checked every 1024 rows.
  Json t = Json::parse(c.request(
      R"j({"id":1,"query":"UNWIND range(1, 1000000) AS x UNWIND range(1, 100000) AS y RETURN count(*) AS c"})j"));
  EXPECT_EQ(t["error"]["code"], "Timeout") << t.dump();
  EXPECT_EQ(Json::parse(c.request(R"j({"id":3,"query":"RETURN 3 AS n"})j"))["rows"][0][0], 3);
}

TEST_F(ServerTest, RowLimitIsEnforced) {
  auto server = start({"--max-rows", "10"});
  Client c(server->port());
  Json l = Json::parse(c.request(R"j({"id":2,"query":"UNWIND range(1, 100) AS x RETURN x"})j"));
  EXPECT_EQ(l["error"]["code"], "LimitExceeded") << l.dump();
  EXPECT_EQ(
      Json::parse(c.request(R"j({"id":3,"query":"UNWIND range(1, 10) AS x RETURN x"})j"))["rows"]
          .size(),
      10u);
}

TEST_F(ServerTest, SigtermWhileBusyLosesNoAcknowledgedWrite) {
  std::set<int> acknowledged;
  std::mutex mu;
  {
    auto server = start();
    std::atomic<bool> go{true};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([&, t] {
        Client c(server->port());
        for (int i = 0; go || i < 3; ++i) {
          int k = t * 100000 + i;
          c.send(R"j({"id":)j" + std::to_string(k) +
                 R"j(,"query":"CREATE (:Probe {k: $k})","params":{"k":)j" + std::to_string(k) +
                 "}}\n");
          bool eof = false;
          std::string line = c.readLine(&eof);
          if (eof) return;
          Json r = Json::parse(line, nullptr, false);
          if (!r.is_discarded() && r["id"] == k && !r.contains("error")) {
            std::lock_guard<std::mutex> lock(mu);
            acknowledged.insert(k);
          }
        }
      });
    }
    // SIGTERM once writes are being acknowledged (however long the writers take to get
    // going on a loaded machine); they keep writing meanwhile.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < give_up) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (acknowledged.size() >= 8) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server->signal(SIGTERM);
    go = false;
    for (auto& w : writers) w.join();
    EXPECT_EQ(server->wait(), 0) << server->log();
  }
  ASSERT_FALSE(acknowledged.empty());
  auto server = start();
  Client c(server->port());
  Json r = Json::parse(c.request(R"j({"query":"MATCH (n:Probe) RETURN n.k AS k"})j"));
  std::set<int> stored;
  for (const auto& row : r["rows"]) stored.insert(row[0].get<int>());
  for (int k : acknowledged) EXPECT_TRUE(stored.count(k)) << "acknowledged write " << k << " lost";
}

TEST_F(ServerTest, LogsConnections) {
  auto server = start();
  {
    Client c(server->port());
    c.request(R"j({"query":"RETURN 1 AS x"})j");
  }
  server->signal(SIGTERM);
  EXPECT_EQ(server->wait(), 0);
  EXPECT_NE(server->log().find("connected"), std::string::npos) << server->log();
}

}  // namespace
}  // namespace entente::testing
