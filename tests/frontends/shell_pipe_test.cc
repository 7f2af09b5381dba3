// The real `entente` binary driven through pipes: -c, scripts on stdin, output modes,
// dot-commands, errors and exit status.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process_util.h"

namespace entente::testing {
namespace {

RunResult shell(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv = {shellBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, input);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

class ShellPipe : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db() const { return dir.file("db"); }
};

TEST_F(ShellPipe, CommandPrintsTableWithRowCount) {
  auto r = shell({db(), "-c", "RETURN 1 AS x"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("│ x │"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ 1 │"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(1 row)"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST_F(ShellPipe, ScratchDatabaseAnswersTheBundledQuestion) {
  auto r =
      shell({"--mode", "csv", "-c", "MATCH (s)-[:BACKS]->(\"Free Syrian Army\") RETURN s.name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Turkey"), std::string::npos) << r.out;
}

TEST_F(ShellPipe, SyntaxErrorGoesToStderrWithCaretAndFailsTheRun) {
  auto r = shell({db(), "-c", "MATCH (a RETURN a", "-c", "RETURN 2 AS y"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("Error: SyntaxError (UnexpectedSyntax): ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find('^'), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("│ 2 │"), std::string::npos) << "later statements still run: " << r.out;
}

TEST_F(ShellPipe, StdinScriptSplitsStatementsLikeTheParserDoes) {
  auto r = shell({db(), "--mode", "csv"},
                 "// a script\nRETURN 'a;b' AS s;\nRETURN\n  2 AS n; /* trailing; comment "
                 "*/\nRETURN 3 AS last");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "s\na;b\nn\n2\nlast\n3\n");
  EXPECT_EQ(r.out.find("entente>"), std::string::npos) << "no prompt when stdin is not a terminal";
}

TEST_F(ShellPipe, StdinScriptFailureSetsExitStatus) {
  auto r = shell({db()}, "RETURN 1 AS x;\nRETURN nosuchvariable;\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error: "), std::string::npos);
}

TEST_F(ShellPipe, JsonModePrintsOneServerObjectPerStatement) {
  auto r = shell({db(), "--mode", "json", "-c",
                  "RETURN 1 AS i, 1.0 AS f, 'x' AS s; RETURN $p AS p; MATCH (a RETURN a", "--param",
                  "p={\"k\":[1,2]}"});
  EXPECT_EQ(r.exit_code, 1);
  auto out = lines(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  auto first = nlohmann::json::parse(out[0]);
  EXPECT_EQ(first["columns"], nlohmann::json({"i", "f", "s"}));
  EXPECT_NE(out[0].find("[1,1.0,\"x\"]"), std::string::npos) << out[0];
  EXPECT_TRUE(first["stats"].contains("nodes_created"));
  EXPECT_EQ(nlohmann::json::parse(out[1])["rows"][0][0], nlohmann::json::parse("{\"k\":[1,2]}"));
  EXPECT_EQ(nlohmann::json::parse(out[2])["error"]["code"], "SyntaxError");
  EXPECT_EQ(nlohmann::json::parse(out[2])["error"]["detail"], "UnexpectedSyntax");
}

TEST_F(ShellPipe, JsonModeCarriesTheOpenCypherDetailOfAnError) {
  auto r = shell({db(), "--mode", "json", "-c", "RETURN nosuchvariable AS v; RETURN 1 AS one"});
  EXPECT_EQ(r.exit_code, 1);
  auto out = lines(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;
  auto e = nlohmann::json::parse(out[0])["error"];
  EXPECT_EQ(e["code"], "SyntaxError");
  EXPECT_EQ(e["detail"], "UndefinedVariable");
  // A success has no error object at all.
  EXPECT_FALSE(nlohmann::json::parse(out[1]).contains("error"));
}

TEST_F(ShellPipe, TableModeNamesTheDetailBesideTheCode) {
  auto r = shell({db(), "-c", "RETURN nosuchvariable AS v"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind(
                "Error: SyntaxError (UndefinedVariable): Variable `nosuchvariable` not defined", 0),
            0u)
      << r.err;
}

TEST_F(ShellPipe, CsvModeQuotesFields) {
  auto r = shell({db(), "--mode", "csv", "-c", "RETURN 'x, \"y\"' AS s, null AS n"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "s,n\n\"x, \"\"y\"\"\",\n");
}

TEST_F(ShellPipe, DotModeDrawsReturnedGraph) {
  auto w = shell({db(), "-c", "CREATE (:Actor {name: 'Turkey'})-[:BACKS]->(:Actor {name: 'FSA'})"});
  ASSERT_EQ(w.exit_code, 0) << w.err;
  EXPECT_NE(w.out.find("2 nodes created"), std::string::npos) << w.out;
  auto r = shell({db(), "--mode", "dot", "-c", "MATCH (a)-[r:BACKS]->(b) RETURN a, r, b"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("digraph entente {", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("[label=\"Turkey\"]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[label=\"BACKS\"]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" -> "), std::string::npos) << r.out;
}

TEST_F(ShellPipe, WritesPersistInADatabaseDirectory) {
  ASSERT_EQ(shell({db(), "-c", "CREATE (:Probe {k: 1}); CREATE (:Probe {k: 2})"}).exit_code, 0);
  auto r = shell({db(), "--mode", "csv", "-c", "MATCH (n:Probe) RETURN count(n) AS c"});
  EXPECT_EQ(r.out, "c\n2\n") << r.err;
}

TEST_F(ShellPipe, DotCommandsModeTimerParamAndRead) {
  writeFile(dir.file("script.cypher"), "RETURN $who AS who;\n");
  auto r = shell({db()}, ".mode csv\n.param who \"Turkey\"\n.params\n.read " +
                             dir.file("script.cypher") + "\n.timer on\nRETURN 1 AS one;\n.mode\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("$who = \"Turkey\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("who\nTurkey\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("one\n1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("Run Time: "), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("mode: csv"), std::string::npos) << r.out;
}

TEST_F(ShellPipe, HelpListsEveryCommandAndUnknownCommandFails) {
  auto r = shell({db()}, ".help\n.frobnicate\n");
  for (const char* c : {".help", ".schema", ".mode", ".timer", ".read", ".import", ".export",
                        ".param", ".params", ".quit", ".exit"})
    EXPECT_NE(r.out.find(c), std::string::npos) << c;
  EXPECT_NE(r.err.find("unknown command .frobnicate"), std::string::npos) << r.err;
  EXPECT_EQ(r.exit_code, 1);
}

TEST_F(ShellPipe, SchemaListsTheBundledRelationTypes) {
  auto r = shell({"--mode", "csv"}, ".schema\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("BACKS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CONSIDERS_TERRORIST"), std::string::npos) << r.out;
}

TEST_F(ShellPipe, QuitStopsTheScript) {
  auto r = shell({db(), "--mode", "csv"}, "RETURN 1 AS a;\n.quit\nRETURN 2 AS b;\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a\n1\n");
}

TEST_F(ShellPipe, ExportThenImportCopiesTheDatabase) {
  ASSERT_EQ(shell({db(), "-c", "CREATE (:Actor {name: 'Turkey'})-[:BACKS]->(:Actor {name: 'FSA'})"})
                .exit_code,
            0);
  std::string file = dir.file("dump.json");
  auto e = shell({db()}, ".export " + file + "\n");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_FALSE(readFile(file).empty());
  auto i = shell({dir.file("copy")}, ".import " + file + "\n");
  ASSERT_EQ(i.exit_code, 0) << i.err;
  auto r = shell(
      {dir.file("copy"), "--mode", "csv", "-c", "MATCH (a)-[:BACKS]->(b) RETURN a.name, b.name"});
  EXPECT_EQ(r.out, "a.name,b.name\nTurkey,FSA\n") << r.err;
}

TEST_F(ShellPipe, ExportDotWritesLastResult) {
  ASSERT_EQ(shell({db(), "-c", "CREATE (:Actor {name: 'Turkey'})-[:BACKS]->(:Actor {name: 'FSA'})"})
                .exit_code,
            0);
  std::string file = dir.file("graph.dot");
  auto r = shell({db()}, "MATCH p = (a)-[:BACKS]->(b) RETURN p;\n.export " + file + " --dot\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(readFile(file).find("[label=\"BACKS\"]"), std::string::npos) << readFile(file);
}

TEST_F(ShellPipe, BadParamIsAUsageError) {
  auto r = shell({db(), "--param", "p={not json", "-c", "RETURN $p AS p"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("Error: "), std::string::npos);
}

}  // namespace
}  // namespace entente::testing
