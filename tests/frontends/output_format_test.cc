#include <gtest/gtest.h>

#include <sstream>

#include "shell/completion.h"
#include "shell/output.h"

namespace entente::shell {
namespace {

QueryResult result(std::vector<std::string> columns, std::vector<std::vector<Value>> rows) {
  return QueryResult::success(std::move(columns), std::move(rows));
}

TEST(TableFormat, AlignsColumnsAndCountsRows) {
  std::ostringstream out;
  writeTable(out, result({"name", "n"}, {{Value("Turkey"), Value(12)}, {Value("HTS"), Value(3)}}),
             0);
  EXPECT_EQ(out.str(),
            "┌────────┬────┐\n"
            "│ name   │ n  │\n"
            "├────────┼────┤\n"
            "│ Turkey │ 12 │\n"
            "│ HTS    │  3 │\n"
            "└────────┴────┘\n"
            "(2 rows)\n");
}

TEST(TableFormat, ShrinksWideColumnsToTheTerminalWidth) {
  std::ostringstream out;
  std::string long_text(200, 'x');
  writeTable(out, result({"id", "text"}, {{Value(1), Value(long_text)}}), 40);
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(displayWidth(line), 40) << line;
  EXPECT_NE(out.str().find("…"), std::string::npos);
  EXPECT_NE(out.str().find("(1 row)"), std::string::npos);
}

TEST(TableFormat, WidthCountsCharactersNotBytes) {
  EXPECT_EQ(displayWidth("Türkiye"), 7);
  EXPECT_EQ(displayWidth("حلب"), 3);
  EXPECT_EQ(displayWidth("中国"), 4);
}

TEST(TableFormat, EmptyResultShowsHeaderAndZeroRows) {
  std::ostringstream out;
  writeTable(out, result({"x"}, {}), 0);
  EXPECT_NE(out.str().find("│ x │"), std::string::npos);
  EXPECT_NE(out.str().find("(0 rows)"), std::string::npos);
}

TEST(CsvFormat, QuotesAsRfc4180) {
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
  std::ostringstream out;
  writeCsv(out, result({"s", "n", "missing"}, {{Value("x, \"y\""), Value(2.5), Value()}}));
  EXPECT_EQ(out.str(), "s,n,missing\n\"x, \"\"y\"\"\",2.5,\n");
}

TEST(DotFormat, DrawsNodesAndRelationshipsFromAnyValue) {
  Node turkey{1, {"State"}, {{"name", Value("Turkey")}}};
  Node fsa{2, {"Group"}, {{"name", Value("Free Syrian Army")}}};
  Relationship backs{10, "BACKS", 1, 2, {}};
  Path path{{turkey, fsa}, {backs}};
  std::ostringstream out;
  writeDot(out, result({"p", "x"}, {{Value(path), Value(1)},
                                    {Value(List{Value(turkey)}), Value(2)},
                                    {Value(3), Value("no graph")}}));
  std::string dot = out.str();
  EXPECT_EQ(dot.rfind("digraph entente {", 0), 0u);
  EXPECT_NE(dot.find("n1 [label=\"Turkey\"];"), std::string::npos);
  EXPECT_NE(dot.find("n2 [label=\"Free Syrian Army\"];"), std::string::npos);
  EXPECT_NE(dot.find("n1 -> n2 [label=\"BACKS\"];"), std::string::npos);
  EXPECT_NE(dot.find("// 1 row without nodes or relationships ignored"), std::string::npos);
  EXPECT_EQ(dot.find("n1 [label", dot.find("n1 [label") + 1), std::string::npos)
      << "node drawn twice";
}

TEST(DotFormat, EndpointWithoutNameOrNodeIsLabelledById) {
  std::ostringstream out;
  writeDot(out, result({"r"}, {{Value(Relationship{5, "ALLIED_WITH", 7, 8, {}})}}));
  EXPECT_NE(out.str().find("n7 [label=\"7\"];"), std::string::npos);
  EXPECT_NE(out.str().find("n7 -> n8 [label=\"ALLIED_WITH\"];"), std::string::npos);
}

TEST(StatsSummary, NamesWhatChanged) {
  Stats s;
  EXPECT_EQ(statsSummary(s), "");
  s.nodes_created = 1;
  s.properties_set = 3;
  EXPECT_EQ(statsSummary(s), "1 node created, 3 properties set");
}

TEST(Completion, OffersRelationTypesInsideBrackets) {
  Vocabulary v;
  v.relation_types = {"BACKS", "BACKED_BY", "FORMERLY"};
  v.labels = {"Actor", "Source"};
  size_t start = 0;
  auto c = completeAt("MATCH (a)-[:BA", v, &start);
  EXPECT_EQ(c, (std::vector<std::string>{"BACKED_BY", "BACKS"}));
  EXPECT_EQ(start, 12u);
  EXPECT_EQ(completeAt("MATCH (a:Ac", v, &start), (std::vector<std::string>{"Actor"}));
  EXPECT_EQ(completeAt("MATCH (a)-[:BACKS|FO", v, &start), (std::vector<std::string>{"FORMERLY"}));
}

TEST(Completion, OffersKeysNamesKeywordsAndDotCommands) {
  Vocabulary v;
  v.property_keys = {"name", "since"};
  v.entity_names = {"Free Syrian Army", "Turkey"};
  v.dot_commands = {".help", ".mode", ".schema"};
  size_t start = 0;
  EXPECT_EQ(completeAt("MATCH (n) RETURN n.na", v, &start), (std::vector<std::string>{"name"}));
  EXPECT_EQ(completeAt("MATCH (n {si", v, &start), (std::vector<std::string>{"since"}));
  EXPECT_EQ(completeAt("MATCH (s)-->(\"free", v, &start),
            (std::vector<std::string>{"\"Free Syrian Army\""}));
  EXPECT_EQ(start, 13u);
  EXPECT_EQ(completeAt("MAT", v, &start), (std::vector<std::string>{"MATCH"}));
  EXPECT_EQ(completeAt("mat", v, &start), (std::vector<std::string>{"match"}));
  EXPECT_EQ(completeAt(".m", v, &start), (std::vector<std::string>{".mode"}));
  EXPECT_EQ(commonPrefix({"BACKED_BY", "BACKS"}), "BACK");
}

}  // namespace
}  // namespace entente::shell
