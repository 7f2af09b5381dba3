#include "shell/statement_splitter.h"

#include <gtest/gtest.h>

namespace entente::shell {
namespace {

std::vector<std::string> texts(const std::vector<Piece>& pieces) {
  std::vector<std::string> out;
  for (const auto& p : pieces)
    out.push_back((p.kind == Piece::Kind::kDotCommand ? "DOT " : "") + p.text);
  return out;
}

TEST(StatementSplitter, SplitsOnSemicolonsAcrossAndWithinLines) {
  StatementSplitter s;
  EXPECT_TRUE(s.feedLine("MATCH (n)").empty());
  EXPECT_TRUE(s.pending());
  EXPECT_EQ(texts(s.feedLine("RETURN n; RETURN 1;RETURN 2")),
            (std::vector<std::string>{"MATCH (n)\nRETURN n", "RETURN 1"}));
  EXPECT_TRUE(s.pending());
  EXPECT_EQ(texts(s.finish()), (std::vector<std::string>{"RETURN 2"}));
  EXPECT_FALSE(s.pending());
}

TEST(StatementSplitter, SemicolonInStringsNamesAndCommentsDoesNotEnd) {
  StatementSplitter s;
  auto pieces =
      s.feed("RETURN 'a;b' AS x, \"c;\\\";d\" AS `e;f` // not; the end\n/* nor; this */ ;");
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].text,
            "RETURN 'a;b' AS x, \"c;\\\";d\" AS `e;f` // not; the end\n/* nor; this */");
  EXPECT_FALSE(s.pending());
}

TEST(StatementSplitter, StringSpanningLinesKeepsStatementOpen) {
  StatementSplitter s;
  EXPECT_TRUE(s.feedLine("RETURN 'multi").empty());
  EXPECT_TRUE(s.feedLine("line;still' AS x").empty());
  EXPECT_EQ(texts(s.feedLine(";")), (std::vector<std::string>{"RETURN 'multi\nline;still' AS x"}));
}

TEST(StatementSplitter, EscapedQuoteDoesNotCloseString) {
  StatementSplitter s;
  EXPECT_EQ(texts(s.feed("RETURN 'it\\'s; fine';")),
            (std::vector<std::string>{"RETURN 'it\\'s; fine'"}));
}

TEST(StatementSplitter, CommentsAndBlanksAloneAreNotStatements) {
  StatementSplitter s;
  EXPECT_TRUE(s.feed("// just a comment\n   \n;;\n/* block */\n").empty());
  EXPECT_FALSE(s.pending());
  EXPECT_TRUE(s.finish().empty());
}

TEST(StatementSplitter, BlockCommentSpanningLinesIsPending) {
  StatementSplitter s;
  s.feedLine("/* start");
  EXPECT_TRUE(s.pending());
  s.feedLine("end */");
  EXPECT_FALSE(s.pending());
}

TEST(StatementSplitter, DotCommandsOnlyAtStatementStart) {
  StatementSplitter s;
  EXPECT_EQ(texts(s.feed("  .mode csv  \nRETURN 1;\n")),
            (std::vector<std::string>{"DOT .mode csv", "RETURN 1"}));
  s.feedLine("MATCH (n)");
  EXPECT_TRUE(s.feedLine(".5 < n.x").empty());  // inside a statement: just text
  EXPECT_EQ(texts(s.feedLine("RETURN n;")),
            (std::vector<std::string>{"MATCH (n)\n.5 < n.x\nRETURN n"}));
}

TEST(StatementSplitter, ClearDropsPendingStatement) {
  StatementSplitter s;
  s.feedLine("RETURN 'open");
  s.clear();
  EXPECT_FALSE(s.pending());
  EXPECT_EQ(texts(s.feedLine("RETURN 1;")), (std::vector<std::string>{"RETURN 1"}));
}

}  // namespace
}  // namespace entente::shell
