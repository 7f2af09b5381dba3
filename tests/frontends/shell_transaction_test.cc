// BEGIN / COMMIT / ROLLBACK in the real `entente` shell: through pipes (scripts), and on a
// pseudo-terminal (the prompt shows an open transaction; leaving rolls it back).
#include <gtest/gtest.h>

#include "process_util.h"

namespace entente::testing {
namespace {

class ShellTransaction : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db() const { return dir.file("db"); }
  RunResult shell(const std::string& input, std::vector<std::string> args = {}) {
    std::vector<std::string> argv = {shellBinary(), db(), "--mode", "csv"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, input);
  }
  std::string countItems() {
    auto r =
        run({shellBinary(), db(), "--mode", "csv", "-c", "MATCH (n:Item) RETURN count(n) AS n"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
};

TEST_F(ShellTransaction, CommitKeepsRollbackDropsAndInsideSeesItsWrites) {
  auto r = shell(
      "BEGIN;\n"
      "CREATE (:Item {k: 1});\n"
      "MATCH (n:Item) RETURN count(n) AS inside;\n"
      "ROLLBACK;\n"
      "MATCH (n:Item) RETURN count(n) AS after_rollback;\n"
      "begin transaction;\n"
      "CREATE (:Item {k: 2});\n"
      "CREATE (:Item {k: 3});\n"
      "Commit;\n"
      "MATCH (n:Item) RETURN count(n) AS after_commit;\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("inside\n1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("after_rollback\n0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("after_commit\n2\n"), std::string::npos) << r.out;
  EXPECT_EQ(countItems(), "n\n2\n");
}

TEST_F(ShellTransaction, AFailedStatementFailsTheTransactionUntilItEnds) {
  auto r = shell(
      "BEGIN;\n"
      "CREATE (:Item {k: 1});\n"
      "RETURN 1 / 0;\n"  // fails while running
      "CREATE (:Item {k: 2});\n"
      "COMMIT;\n"
      "CREATE (:Item {k: 3});\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error: ArgumentError"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Error: TransactionError: The transaction failed and was rolled back"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("ROLLBACK to end it"), std::string::npos) << r.err;
  EXPECT_EQ(countItems(), "n\n1\n");  // only k: 3, run after COMMIT ended the failed one
}

TEST_F(ShellTransaction, AScriptEndingInsideATransactionRollsItBackAndFails) {
  auto r = shell("BEGIN;\nCREATE (:Item);\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("transaction open: it was rolled back"), std::string::npos) << r.err;
  EXPECT_EQ(countItems(), "n\n0\n");
  auto c = run({shellBinary(), db(), "-c", "BEGIN", "-c", "CREATE (:Item)"});
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_EQ(countItems(), "n\n0\n");
  auto stray = shell("COMMIT;\n");
  EXPECT_EQ(stray.exit_code, 1);
  EXPECT_NE(stray.err.find("TransactionError: There is no open transaction to commit"),
            std::string::npos)
      << stray.err;
}

TEST_F(ShellTransaction, ThePromptShowsTheTransactionAndLeavingRollsItBack) {
  PtyProcess p({shellBinary(), db()}, {"HOME=" + dir.path(), "TERM=xterm", "EDITRC=/dev/null"});
  ASSERT_TRUE(p.waitForPrompt("entente> ")) << p.output();
  p.send("BEGIN;\r");
  ASSERT_TRUE(p.waitForPrompt("entente*> ")) << p.output();
  p.send("CREATE (:Item);\r");
  ASSERT_TRUE(p.waitFor("1 node created")) << p.output();
  p.send("RETURN 1 / 0;\r");
  ASSERT_TRUE(p.waitForPrompt("entente!> ")) << p.output();
  p.send("ROLLBACK;\r");
  p.send("BEGIN;\r");
  p.send("CREATE (:Item);\r");
  p.send(".quit\r");
  EXPECT_EQ(p.wait(), 0) << p.output();
  // The prompts, in order: none, open, open, failed, none (after ROLLBACK), open, open.
  const std::string out = p.output();
  size_t at = 0;
  for (const char* prompt : {"entente> ", "entente*> ", "entente*> ", "entente!> ", "entente> ",
                             "entente*> ", "entente*> "}) {
    at = out.find(prompt, at);
    ASSERT_NE(at, std::string::npos) << "missing " << prompt << " in order:\n" << out;
    at += 1;
  }
  EXPECT_NE(out.find("it was rolled back", at), std::string::npos) << out;
  EXPECT_EQ(countItems(), "n\n0\n");
}

}  // namespace
}  // namespace entente::testing
