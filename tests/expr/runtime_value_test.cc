// RValue <-> Value conversions (parameters in, stored properties in, results out).
#include "tests/expr/expr_test_util.h"

namespace entente::query::testing {
namespace {

TEST(RuntimeValue, RoundTripsStorableValues) {
  Value v = Map{{"b", List{1, 2.5, "x", Value(), true}}, {"a", Date::fromCivil(2024, 11, 27)}};
  RValue r = RValue::fromValue(v);
  ASSERT_TRUE(r.isMap());
  ASSERT_EQ(r.asMap().size(), 2u);
  EXPECT_EQ(r.asMap()[0].first, "a");  // RMap is sorted by key
  EXPECT_TRUE(r.asMap()[0].second.isDate());
  EXPECT_EQ(r.toValue(), v);
}

TEST(RuntimeValue, GraphValuesKeepIdentity) {
  Node n;
  n.id = 42;
  n.labels = {"State"};
  EXPECT_EQ(RValue::fromValue(Value(n)).asNode().id, 42u);
  Relationship rel{7, "BACKS", 1, 2, {}};
  RValue r = RValue::fromValue(Value(rel));
  EXPECT_EQ(r.asRel().id, 7u);
  EXPECT_EQ(r.asRel().src, 1u);
  EXPECT_EQ(r.asRel().dst, 2u);
}

TEST(RuntimeValue, KindNames) {
  EXPECT_STREQ(RValue(1).kindName(), "Integer");
  EXPECT_STREQ(RValue(1.5).kindName(), "Float");
  EXPECT_STREQ(RValue("s").kindName(), "String");
  EXPECT_STREQ(RValue().kindName(), "Null");
  EXPECT_STREQ(RValue(true).kindName(), "Boolean");
  EXPECT_STREQ(RValue(RList{}).kindName(), "List");
  EXPECT_STREQ(RValue(RMap{}).kindName(), "Map");
  EXPECT_STREQ(RValue(NodeRef{1}).kindName(), "Node");
  EXPECT_STREQ(RValue(RelRef{1, 1, 1, 1}).kindName(), "Relationship");
  EXPECT_STREQ(RValue(PathRef{}).kindName(), "Path");
  EXPECT_STREQ(RValue(Date{}).kindName(), "Date");
}

}  // namespace
}  // namespace entente::query::testing
