// The real `entente` on a pseudo-terminal: prompts, multi-line input, history across
// sessions, Tab completion, Ctrl-C and Ctrl-D.
#include <gtest/gtest.h>

#include <thread>

#include "process_util.h"

namespace entente::testing {
namespace {

class ShellPty : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db() const { return dir.file("db"); }
  std::vector<std::string> env() const {
    return {"HOME=" + dir.path(), "TERM=xterm", "EDITRC=/dev/null"};
  }
  PtyProcess start() { return PtyProcess({shellBinary(), db()}, env()); }
};

TEST_F(ShellPty, MultiLineStatementAndHistoryFile) {
  {
    PtyProcess p = start();
    ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
    p.send("RETURN\r");
    ASSERT_TRUE(p.waitForPrompt("...> ")) << p.output();
    p.send("  41 + 1 AS answer;\r");
    ASSERT_TRUE(p.waitFor("(1 row)")) << p.output();
    EXPECT_NE(p.output().find("42"), std::string::npos) << p.output();
    EXPECT_EQ(p.pressCtrlD(), 0) << p.output();  // Ctrl-D at an empty prompt leaves
  }
  std::string history = readFile(dir.file(".entente_history"));
  EXPECT_NE(history.find("41"), std::string::npos) << history;
  EXPECT_NE(history.find("answer"), std::string::npos) << history;

  // A second session recalls it with the Up arrow.
  PtyProcess p = start();
  ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
  p.send("\x1b[A\r");
  ASSERT_TRUE(p.waitFor("(1 row)")) << p.output();
  EXPECT_NE(p.output().find("42"), std::string::npos) << p.output();
  p.send(".quit\r");
  EXPECT_EQ(p.wait(), 0);
}

TEST_F(ShellPty, TabCompletesARelationType) {
  auto setup = run({shellBinary(), db(), "-c",
                    "CREATE (:Actor {name: 'A'})-[:FUNDS_SECRETLY]->(:Actor {name: 'B'})"});
  ASSERT_EQ(setup.exit_code, 0) << setup.err;
  PtyProcess p = start();
  ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
  p.send("MATCH (a)-[:FUNDS_S\t");
  // libedit redraws only what changed: the completed rest of the word.
  ASSERT_TRUE(p.waitFor("ECRETLY")) << p.output();
  p.send("]->(b) RETURN b.name AS funded;\r");
  ASSERT_TRUE(p.waitFor("(1 row)")) << p.output();
  EXPECT_NE(p.output().find("funded"), std::string::npos) << p.output();
  EXPECT_EQ(p.pressCtrlD(), 0) << p.output();
}

TEST_F(ShellPty, CtrlCAtThePromptClearsTheLineNotTheShell) {
  PtyProcess p = start();
  ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
  p.send("RETURN 'never");
  p.send("\x03");
  p.send("RETURN 7 AS seven;\r");
  ASSERT_TRUE(p.waitFor("(1 row)")) << p.output();
  EXPECT_EQ(p.output().find("Error"), std::string::npos) << p.output();
  EXPECT_EQ(p.pressCtrlD(), 0) << p.output();
}

TEST_F(ShellPty, CtrlCCancelsARunningQuery) {
  PtyProcess p = start();
  ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
  p.send("UNWIND range(1, 1000000) AS x UNWIND range(1, 100000) AS y RETURN count(*) AS c;\r");
  // 10^11 rows: the statement cannot end by itself. Ctrl-C cancels it only once it runs, and
  // it may still be starting on a loaded machine (a ^C then is ignored), so wait until the
  // line has been taken, then press Ctrl-C until the cancellation is reported.
  ASSERT_TRUE(p.waitFor("AS c;\r\n")) << p.output();
  bool cancelled = false;
  for (int i = 0; i < 60 && !cancelled; ++i) {
    p.send("\x03");
    cancelled = p.waitFor("Cancelled", std::chrono::milliseconds(500));
  }
  ASSERT_TRUE(cancelled) << p.output();
  p.send("RETURN 8 AS after;\r");
  ASSERT_TRUE(p.waitFor("(1 row)")) << p.output();  // not just the echo of the typed line
  EXPECT_NE(p.output().find("after"), std::string::npos);
  EXPECT_EQ(p.pressCtrlD(), 0) << p.output();
}

TEST_F(ShellPty, ScratchBannerSaysNothingIsSaved) {
  PtyProcess p({shellBinary()}, env());
  ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
  EXPECT_NE(p.output().find("scratch database"), std::string::npos) << p.output();
  EXPECT_NE(p.output().find("not saved"), std::string::npos) << p.output();
  EXPECT_EQ(p.pressCtrlD(), 0) << p.output();
}

}  // namespace
}  // namespace entente::testing
