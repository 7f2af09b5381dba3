// Statements and clauses: prefixes (EXPLAIN, PROFILE, AS OF), every clause, UNION, the
// schema extensions, and the syntax rules checked after parsing.
#include <gtest/gtest.h>

#include "ast_dump.h"
#include "query/error.h"
#include "query/parse/parser.h"

namespace entente::query {
namespace {

using testing::dump;
using testing::parseError;

template <class C>
const C& clause(const ast::Statement& st, size_t i, size_t part = 0) {
  return std::get<C>(st.query.parts.at(part).clauses.at(i));
}

bool hasError(const std::string& q, const std::string& needle) {
  std::string msg = parseError(q);
  bool ok = msg.find(needle) != std::string::npos;
  if (!ok) ADD_FAILURE() << q << "\n  gave: " << msg << "\n  wanted: " << needle;
  return ok;
}

TEST(ClauseTest, DesignExamplesParse) {
  for (const char* q :
       {"MATCH (s)-[:BACKS]->(\"Free Syrian Army\") RETURN s.name;",
        "MATCH (\"HTS\")-[:FORMERLY]->(old) RETURN old.name;",
        "MATCH p = shortestPath((\"Turkey\")-[:BACKS|PART_OF|LEADS*..4]-(\"HTS\")) RETURN p;",
        "AS OF '2024-11-01' MATCH (who)-[:CONTROLS]->(\"Tal Rifaat\") RETURN who.name;",
        "MATCH (a)-[:CONSIDERS_TERRORIST]->(t)<-[:PART_OF]-(g) RETURN a.name, t.name, g.name;",
        "CALL alliance.stance(\"Turkey\", \"SDF\") YIELD stance, because RETURN stance, because;",
        "CALL alliance.blocs() YIELD bloc, members RETURN bloc, members;"}) {
    EXPECT_NO_THROW(parse(q)) << q;
  }
}

TEST(ClauseTest, ExplainProfileAndAsOf) {
  EXPECT_EQ(parse("MATCH (n) RETURN n").explain, ast::ExplainMode::kNone);
  EXPECT_EQ(parse("EXPLAIN MATCH (n) RETURN n").explain, ast::ExplainMode::kExplain);
  EXPECT_EQ(parse("profile MATCH (n) RETURN n").explain, ast::ExplainMode::kProfile);
  ast::Statement st = parse("EXPLAIN AS OF '2024-11-01' MATCH (w)-[:CONTROLS]->(p) RETURN w");
  EXPECT_EQ(st.explain, ast::ExplainMode::kExplain);
  ASSERT_TRUE(st.as_of);
  EXPECT_EQ(dump(st.as_of.get()), "'2024-11-01'");
  EXPECT_EQ(dump(parse("AS OF $when MATCH (n) RETURN n").as_of.get()), "$when");
  EXPECT_EQ(dump(parse("AS OF date('2016-08-24') RETURN 1").as_of.get()),
            "(call date '2016-08-24')");
  EXPECT_FALSE(parse("RETURN 1").as_of);
  EXPECT_EQ(st.kind, ast::StatementKind::kQuery);
}

TEST(ClauseTest, MatchAndOptionalMatch) {
  ast::Statement st =
      parse("MATCH (a:State) WHERE a.name = 'Turkey' OPTIONAL MATCH (a)-[:BACKS]->(g) RETURN a, g");
  const auto& m = clause<ast::MatchClause>(st, 0);
  EXPECT_FALSE(m.optional);
  EXPECT_EQ(dump(m.where.get()), "(= (. a name) 'Turkey')");
  const auto& om = clause<ast::MatchClause>(st, 1);
  EXPECT_TRUE(om.optional);
  EXPECT_FALSE(om.where);
  EXPECT_EQ(dump(om.pattern), "(a)-[:BACKS]->(g)");
}

TEST(ClauseTest, ReturnProjection) {
  ast::Statement st = parse(
      "MATCH (n) RETURN DISTINCT n.name AS name, n ORDER BY name DESC, n.x ASC, n.y "
      "DESCENDING, n.z ASCENDING SKIP 5 LIMIT $k");
  const auto& p = clause<ast::ReturnClause>(st, 1).projection;
  EXPECT_TRUE(p.distinct);
  EXPECT_FALSE(p.star);
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(p.items[0].alias, "name");
  EXPECT_EQ(p.items[1].expr->text, "n");
  ASSERT_EQ(p.order_by.size(), 4u);
  EXPECT_TRUE(p.order_by[0].descending);
  EXPECT_FALSE(p.order_by[1].descending);
  EXPECT_TRUE(p.order_by[2].descending);
  EXPECT_FALSE(p.order_by[3].descending);
  EXPECT_EQ(dump(p.skip.get()), "5");
  EXPECT_EQ(dump(p.limit.get()), "$k");
  EXPECT_EQ(p.pos.column, 11);

  ast::Statement st1 = parse("MATCH (n) RETURN *");
  const auto& star = clause<ast::ReturnClause>(st1, 1).projection;
  EXPECT_TRUE(star.star);
  EXPECT_TRUE(star.items.empty());
  ast::Statement st2 = parse("MATCH (n) RETURN *, 1 AS one");
  const auto& star2 = clause<ast::ReturnClause>(st2, 1);
  EXPECT_TRUE(star2.projection.star);
  EXPECT_EQ(star2.projection.items.size(), 1u);
}

TEST(ClauseTest, WithAndUnwind) {
  ast::Statement st = parse(
      "UNWIND ['Turkey', 'Russia'] AS name MATCH (s {name: name}) WITH DISTINCT s, count(*) AS c "
      "ORDER BY c DESC SKIP 1 LIMIT 2 WHERE c > 1 RETURN s");
  const auto& u = clause<ast::UnwindClause>(st, 0);
  EXPECT_EQ(u.alias, "name");
  EXPECT_EQ(dump(u.list.get()), "['Turkey', 'Russia']");
  const auto& w = clause<ast::WithClause>(st, 2);
  EXPECT_TRUE(w.projection.distinct);
  EXPECT_EQ(w.projection.items.size(), 2u);
  EXPECT_EQ(w.projection.items[1].alias, "c");
  EXPECT_EQ(w.projection.order_by.size(), 1u);
  ASSERT_TRUE(w.projection.skip && w.projection.limit && w.where);
  EXPECT_EQ(dump(w.where.get()), "(> c 1)");
  ast::Statement with_star = parse("MATCH (n) WITH * RETURN n");
  EXPECT_TRUE(clause<ast::WithClause>(with_star, 1).projection.star);
}

TEST(ClauseTest, WithExpressionsMustBeAliased) {
  EXPECT_TRUE(hasError("MATCH (n) WITH n.name RETURN 1", "Expression in WITH must be aliased"));
  EXPECT_TRUE(hasError("MATCH (n) WITH n, count(*) RETURN n", "must be aliased (use AS)"));
  EXPECT_NO_THROW(parse("MATCH (n) WITH n, n.name AS name RETURN n"));
  try {
    parse("MATCH (n)\nWITH n, n.x\nRETURN n");
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 9);
  }
}

TEST(ClauseTest, Union) {
  ast::Statement st = parse("RETURN 1 AS x UNION RETURN 2 AS x UNION RETURN 3 AS x");
  EXPECT_EQ(st.query.parts.size(), 3u);
  EXPECT_EQ(st.query.union_all, (std::vector<bool>{false, false}));
  ast::Statement all = parse("MATCH (a) RETURN a UNION ALL MATCH (b) RETURN b AS a");
  EXPECT_EQ(all.query.union_all, (std::vector<bool>{true}));
  EXPECT_TRUE(hasError("RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x",
                       "Invalid combination of UNION and UNION ALL"));
}

TEST(ClauseTest, QueryMustEndProperly) {
  EXPECT_TRUE(hasError("MATCH (n)", "Query cannot conclude with MATCH (must be a RETURN clause"));
  EXPECT_TRUE(hasError("MATCH (n) WITH n AS m", "Query cannot conclude with WITH"));
  EXPECT_TRUE(hasError("UNWIND [1] AS x", "Query cannot conclude with UNWIND"));
  EXPECT_TRUE(hasError("OPTIONAL MATCH (n)", "Query cannot conclude with OPTIONAL MATCH"));
  EXPECT_TRUE(hasError("MATCH (n) CALL db.labels() YIELD label", "cannot conclude with CALL"));
  EXPECT_TRUE(hasError("RETURN 1 MATCH (n) RETURN n", "RETURN can only be used at the end"));
  EXPECT_TRUE(hasError("RETURN 1 AS x UNION MATCH (n)", "cannot conclude with MATCH"));
  EXPECT_NO_THROW(parse("CREATE (n:State {name: 'Qatar'})"));
  EXPECT_NO_THROW(parse("MATCH (n) DELETE n"));
  EXPECT_NO_THROW(parse("MATCH (n) SET n.x = 1"));
  EXPECT_NO_THROW(parse("MATCH (n) REMOVE n.x"));
  EXPECT_NO_THROW(parse("MERGE (n:State {name: 'Qatar'})"));
  EXPECT_NO_THROW(parse("CALL db.labels() YIELD label"));  // standalone CALL may YIELD
  EXPECT_NO_THROW(parse("MATCH (n) CALL alliance.refresh(n)"));
}

TEST(ClauseTest, CreateAndDelete) {
  ast::Statement st = parse(
      "CREATE (t:State {name: 'Turkey'})-[:BACKS {since: '2016'}]->(f:ArmedGroup), (x) "
      "WITH t MATCH (n) DETACH DELETE n, t");
  const auto& c = clause<ast::CreateClause>(st, 0);
  EXPECT_EQ(dump(c.pattern),
            "(t:State {name: 'Turkey'})-[:BACKS {since: '2016'}]->(f:ArmedGroup), (x)");
  const auto& d = clause<ast::DeleteClause>(st, 3);
  EXPECT_TRUE(d.detach);
  EXPECT_EQ(d.targets.size(), 2u);
  ast::Statement plain = parse("MATCH (n) DELETE n");
  EXPECT_FALSE(clause<ast::DeleteClause>(plain, 1).detach);
  EXPECT_TRUE(hasError("CREATE (a)-[:BACKS]-(b)", "Only directed relationships"));
  EXPECT_TRUE(hasError("CREATE (a)-[:A|B]->(b)", "Exactly one relationship type"));
  EXPECT_TRUE(hasError("CREATE (a)-->(b)", "Exactly one relationship type"));
  EXPECT_TRUE(hasError("CREATE (a)-[:BACKS*2]->(b)", "Variable length relationships"));
}

TEST(ClauseTest, Merge) {
  ast::Statement st = parse(
      "MERGE (a:State {name: 'Turkey'})-[r:BACKS]-(b) ON CREATE SET r.since = 2016, r.n = 1 "
      "ON MATCH SET r.seen = true ON CREATE SET a:Actor");
  const auto& m = clause<ast::MergeClause>(st, 0);
  EXPECT_EQ(dump(m.part), "(a:State {name: 'Turkey'})-[r:BACKS]-(b)");
  ASSERT_EQ(m.on_create.size(), 3u);
  ASSERT_EQ(m.on_match.size(), 1u);
  EXPECT_EQ(m.on_create[2].kind, ast::SetKind::kLabels);
  EXPECT_EQ(dump(m.on_match[0].target.get()), "(. r seen)");
  EXPECT_TRUE(
      hasError("MERGE (a)-[:T*]->(b)", "Variable length relationships cannot be used in MERGE"));
}

TEST(ClauseTest, SetAndRemove) {
  ast::Statement st = parse(
      "MATCH (n) SET n.name = 'HTS', n.meta.x = 1, n = {name: 'x'}, n += $props, n:A:B "
      "REMOVE n.aliases, n:A:B");
  const auto& s = clause<ast::SetClause>(st, 1);
  ASSERT_EQ(s.items.size(), 5u);
  EXPECT_EQ(s.items[0].kind, ast::SetKind::kProperty);
  EXPECT_EQ(dump(s.items[0].target.get()), "(. n name)");
  EXPECT_EQ(dump(s.items[0].value.get()), "'HTS'");
  EXPECT_EQ(dump(s.items[1].target.get()), "(. (. n meta) x)");
  EXPECT_EQ(s.items[2].kind, ast::SetKind::kReplaceAll);
  EXPECT_EQ(s.items[2].variable, "n");
  EXPECT_EQ(s.items[3].kind, ast::SetKind::kMergeMap);
  EXPECT_EQ(dump(s.items[3].value.get()), "$props");
  EXPECT_EQ(s.items[4].kind, ast::SetKind::kLabels);
  EXPECT_EQ(s.items[4].labels, (std::vector<std::string>{"A", "B"}));
  const auto& r = clause<ast::RemoveClause>(st, 2);
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].kind, ast::RemoveKind::kProperty);
  EXPECT_EQ(dump(r.items[0].target.get()), "(. n aliases)");
  EXPECT_EQ(r.items[1].kind, ast::RemoveKind::kLabels);
  EXPECT_EQ(r.items[1].variable, "n");
}

TEST(ClauseTest, Call) {
  ast::Statement st = parse(
      "CALL alliance.stance('Turkey', 'SDF') YIELD stance AS s, because WHERE s <> 'unknown' "
      "RETURN s, because");
  const auto& c = clause<ast::CallClause>(st, 0);
  EXPECT_EQ(c.procedure, "alliance.stance");
  EXPECT_EQ(c.args.size(), 2u);
  EXPECT_FALSE(c.yield_star);
  ASSERT_EQ(c.yields.size(), 2u);
  EXPECT_EQ(c.yields[0].field, "stance");
  EXPECT_EQ(c.yields[0].alias, "s");
  EXPECT_EQ(c.yields[1].alias, "");
  ASSERT_TRUE(c.where);

  ast::Statement bare_st = parse("CALL db.schema");
  const auto& bare = clause<ast::CallClause>(bare_st, 0);
  EXPECT_EQ(bare.procedure, "db.schema");
  EXPECT_TRUE(bare.args.empty());
  EXPECT_TRUE(bare.yield_star);
  ast::Statement star = parse("CALL alliance.blocs() YIELD *");
  EXPECT_TRUE(clause<ast::CallClause>(star, 0).yield_star);
  ast::Statement dotted = parse("CALL a.b.c()");
  EXPECT_EQ(clause<ast::CallClause>(dotted, 0).procedure, "a.b.c");
}

TEST(ClauseTest, DeclareRelationType) {
  ast::Statement st =
      parse("CREATE RELATION TYPE BACKS POSITIVE TRANSITIVE INVERSE BACKED_BY COMMENT 'support'");
  EXPECT_EQ(st.kind, ast::StatementKind::kDeclareRelType);
  EXPECT_EQ(st.declare.name, "BACKS");
  EXPECT_EQ(st.declare.sign, 1);
  EXPECT_FALSE(st.declare.symmetric);
  EXPECT_TRUE(st.declare.transitive);
  EXPECT_EQ(st.declare.inverse, "BACKED_BY");
  EXPECT_EQ(st.declare.description, "support");

  ast::Statement fights = parse("create relation type FIGHTS negative symmetric;");
  EXPECT_EQ(fights.declare.sign, -1);
  EXPECT_TRUE(fights.declare.symmetric);
  EXPECT_EQ(parse("CREATE RELATION TYPE CONTROLS NEUTRAL").declare.sign, 0);
  EXPECT_TRUE(hasError("CREATE RELATION TYPE X POSITIVE SYMMETRIC SYMMETRIC", "given twice"));
  EXPECT_TRUE(hasError("CREATE RELATION TYPE X", "expected POSITIVE, NEGATIVE or NEUTRAL"));
  EXPECT_TRUE(hasError("CREATE RELATION TYPE X POSITVE", "did you mean POSITIVE?"));
  EXPECT_TRUE(hasError("EXPLAIN CREATE RELATION TYPE X POSITIVE", "apply to queries"));
}

TEST(ClauseTest, ShowSchema) {
  EXPECT_EQ(parse("SHOW SCHEMA").kind, ast::StatementKind::kShowSchema);
  EXPECT_EQ(parse("show schema;").kind, ast::StatementKind::kShowSchema);
}

TEST(ClauseTest, KeywordsAreCaseInsensitiveIdentifiersAreNot) {
  ast::Statement st = parse("match (N:State) where N.name = 'x' return N.name as Name");
  EXPECT_EQ(clause<ast::MatchClause>(st, 0).pattern.parts[0].nodes[0].variable, "N");
  EXPECT_EQ(clause<ast::ReturnClause>(st, 1).projection.items[0].alias, "Name");
  EXPECT_NO_THROW(parse("MaTcH (n) ReTuRn n"));
}

TEST(ClauseTest, CommentsAndTrailingSemicolon) {
  EXPECT_NO_THROW(parse("// who backs the FSA?\nMATCH (s)-[:BACKS]->(f) /* any */ RETURN s;"));
  EXPECT_NO_THROW(parse("RETURN 1 // trailing"));
  EXPECT_NO_THROW(parse("RETURN 1;   "));
}

}  // namespace
}  // namespace entente::query
