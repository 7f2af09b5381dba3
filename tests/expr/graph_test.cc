// Graph-aware expressions over an in-memory transaction: property access, labels, types,
// id/properties/keys, and the Entente extensions validAt, sources, saidBy, confidence.
#include "tests/expr/expr_test_util.h"

namespace entente::query::testing {
namespace {

class GraphExpr : public ::testing::Test {
 protected:
  void SetUp() override {
    turkey = txn.addNode({"State"}, {{"name", "Turkey"}, {"aliases", List{"Türkiye"}}});
    sna = txn.addNode({"ArmedGroup", "Coalition"}, {{"name", "SNA"}});
    reuters = txn.addNode({"Source"}, {{"name", "Reuters"}});
    tass = txn.addNode({"Source"}, {{"name", "TASS"}});
    backs = txn.addEdge(turkey, "BACKS", sna,
                        {{"since", Date::fromCivil(2017, 12, 30)},
                         {"until", Date::fromCivil(2025, 1, 1)},
                         {"source", List{int64_t(reuters), int64_t(tass), int64_t{999}}},
                         {"said_by", "TASS"},
                         {"confidence", 0.8}});
    open = txn.addEdge(sna, "FIGHTS", turkey, {{"since", "2024-11"}, {"source", int64_t(reuters)}});
    bare = txn.addEdge(sna, "PART_OF", sna, {});
    ctx.txn = &txn;
  }

  RValue eval(const ExprPtr& e) {
    TestScope scope({"t", "s", "r", "o", "b"});
    auto p = compileExpression(*e, scope);
    Row row = {RValue(NodeRef{turkey}), RValue(NodeRef{sna}), RValue(backs), RValue(open),
               RValue(bare)};
    row.resize(static_cast<size_t>(scope.width()));
    return p->eval(row, ctx);
  }
  std::string run(const ExprPtr& e) { return show(eval(e)); }
  std::string err(const ExprPtr& e) {
    try {
      eval(e);
    } catch (const QueryError& q) {
      return std::string(name(q.code()));
    }
    return "";
  }

  FakeTxn txn;
  EvalContext ctx;
  storage::NodeId turkey = 0, sna = 0, reuters = 0, tass = 0;
  RelRef backs{}, open{}, bare{};
};

TEST_F(GraphExpr, PropertyAccessOnNodesAndRelationships) {
  EXPECT_EQ(run(prop(var("t"), "name")), "'Turkey'");
  EXPECT_EQ(run(prop(var("t"), "aliases")), "['Türkiye']");
  EXPECT_EQ(run(prop(var("t"), "missing")), "null");     // never-interned key
  EXPECT_EQ(run(prop(var("t"), "confidence")), "null");  // key known, not on this node
  EXPECT_EQ(run(prop(var("r"), "confidence")), "0.8");
  EXPECT_EQ(run(prop(prop(var("r"), "since"), "year")), "2017");
  EXPECT_EQ(run(index(var("t"), lit("name"))), "'Turkey'");
}

TEST_F(GraphExpr, LabelsTypesAndIds) {
  EXPECT_EQ(run(fn("labels", var("s"))), "['ArmedGroup', 'Coalition']");
  EXPECT_EQ(run(fn("type", var("r"))), "'BACKS'");
  EXPECT_EQ(run(fn("id", var("s"))), std::to_string(sna));
  EXPECT_EQ(run(fn("startNode", var("r"))), "(#" + std::to_string(turkey) + ")");
  EXPECT_EQ(run(fn("endNode", var("r"))), "(#" + std::to_string(sna) + ")");
  EXPECT_EQ(run(labelCheck(var("s"), {"Coalition"})), "true");
  EXPECT_EQ(run(labelCheck(var("s"), {"Coalition", "State"})), "false");
  EXPECT_EQ(run(labelCheck(var("s"), {"NeverSeen"})), "false");
  EXPECT_EQ(run(labelCheck(var("r"), {"BACKS"})), "true");
  EXPECT_EQ(run(labelCheck(null(), {"State"})), "null");
  EXPECT_EQ(err(fn("type", var("t"))), "TypeError");
  EXPECT_EQ(err(fn("labels", var("r"))), "TypeError");
  EXPECT_EQ(err(fn("id", lit(1))), "SyntaxError");  // known before running
  EXPECT_EQ(err(fn("id", fn("type", var("r")))), "SyntaxError");
}

TEST_F(GraphExpr, PropertiesAndKeys) {
  EXPECT_EQ(run(fn("properties", var("t"))), "{aliases: ['Türkiye'], name: 'Turkey'}");
  EXPECT_EQ(run(fn("keys", var("r"))), "['confidence', 'said_by', 'since', 'source', 'until']");
  EXPECT_EQ(run(fn("keys", var("b"))), "[]");
  EXPECT_EQ(run(fn("properties", null())), "null");
  EXPECT_EQ(err(fn("keys", lit(1))), "SyntaxError");  // known before running
  EXPECT_EQ(err(fn("keys", fn("coalesce", lit(1)))), "TypeError");
}

TEST_F(GraphExpr, ValidAtUsesSinceAndUntil) {
  auto at = [&](const char* var_name, Value date) {
    return run(fn("validAt", var(var_name), lit(date)));
  };
  EXPECT_EQ(at("r", Date::fromCivil(2020, 6, 1)), "true");
  EXPECT_EQ(at("r", Date::fromCivil(2017, 12, 30)), "true");  // since is inclusive
  EXPECT_EQ(at("r", Date::fromCivil(2017, 12, 29)), "false");
  EXPECT_EQ(at("r", Date::fromCivil(2025, 1, 1)), "false");  // until is exclusive
  EXPECT_EQ(at("r", "2024-12-31"), "true");                  // ISO strings are accepted
  EXPECT_EQ(at("o", "2024-10-31"), "false");                 // since stored as "2024-11"
  EXPECT_EQ(at("o", "2030-01-01"), "true");                  // open end
  EXPECT_EQ(at("b", "1900-01-01"), "true");                  // no bounds at all
  EXPECT_EQ(at("r", Value()), "null");
  EXPECT_EQ(err(fn("validAt", var("r"), lit("not a date"))), "ArgumentError");
  EXPECT_EQ(err(fn("validAt", var("r"), lit(2020))), "TypeError");
  EXPECT_EQ(err(fn("validAt", var("t"), lit("2020-01-01"))), "TypeError");
  // With one argument: the statement's AS OF date.
  ctx.as_of = Date::fromCivil(2016, 1, 1);
  EXPECT_EQ(run(fn("validAt", var("r"))), "false");
  EXPECT_TRUE(relationValidAt(txn, backs, Date::fromCivil(2019, 1, 1)));
}

TEST_F(GraphExpr, ProvenanceFunctions) {
  // Ids that do not exist (999) are dropped.
  EXPECT_EQ(run(fn("sources", var("r"))),
            "[(#" + std::to_string(reuters) + "), (#" + std::to_string(tass) + ")]");
  EXPECT_EQ(run(fn("sources", var("o"))), "[(#" + std::to_string(reuters) + ")]");
  EXPECT_EQ(run(fn("sources", var("b"))), "[]");
  EXPECT_EQ(run(fn("saidBy", var("r"))), "'TASS'");
  EXPECT_EQ(run(fn("saidBy", var("o"))), "null");
  EXPECT_EQ(run(fn("confidence", var("r"))), "0.8");
  EXPECT_EQ(run(fn("confidence", var("b"))), "null");
  EXPECT_EQ(run(fn("sources", null())), "null");
  EXPECT_EQ(err(fn("sources", var("t"))), "TypeError");
}

TEST_F(GraphExpr, HelpersByName) {
  EXPECT_EQ(show(nodeProperty(txn, NodeRef{turkey}, "name")), "'Turkey'");
  EXPECT_EQ(show(relProperty(txn, backs, "said_by")), "'TASS'");
  EXPECT_EQ(show(nodeProperty(txn, NodeRef{12345}, "name")), "null");
}

}  // namespace
}  // namespace entente::query::testing
