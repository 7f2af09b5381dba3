// tests/api/bundled_dataset_test.cc — the bundled Aleppo dataset loads and holds the facts
// the README's example questions rely on.
#include <gtest/gtest.h>

#include <cstdlib>

#include "api_test_util.h"

namespace entente {
namespace {

using testing::tempDb;

class BundledDataset : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("ENTENTE_DATA_DIR", ENTENTE_SOURCE_DIR "/data", 1);
    db_ = tempDb();
    auto s = db_->loadBundledDataset();
    ASSERT_TRUE(s.ok()) << s.error().message();
    ASSERT_GT(s->nodes_created, 10);
  }
  uint64_t idOf(const std::string& name) {
    auto found = db_->findByName(name);
    EXPECT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 1u) << name;
    return found->empty() ? 0 : (*found)[0].id;
  }
  bool hasRelation(uint64_t from, const std::string& type, uint64_t to,
                   std::optional<Date> as_of = std::nullopt) {
    auto rels = db_->relations(from, Direction::kOutgoing, {type}, as_of);
    EXPECT_TRUE(rels.ok());
    for (const auto& r : *rels)
      if (r.end == to) return true;
    return false;
  }
  std::unique_ptr<Database> db_;
};

TEST_F(BundledDataset, TurkeyBacksTheFreeSyrianArmy) {
  EXPECT_TRUE(hasRelation(idOf("Turkey"), "BACKS", idOf("Free Syrian Army")));
}

TEST_F(BundledDataset, HtsWasFormerlyAlNusraAndIsFoundByAlias) {
  uint64_t hts = idOf("HTS");
  EXPECT_EQ(idOf("Hayat Tahrir al-Sham"), hts);
  EXPECT_TRUE(hasRelation(hts, "FORMERLY", idOf("Al-Nusra Front")));
}

TEST_F(BundledDataset, TalRifaatWasHeldByTheSdfOnFirstNovember) {
  uint64_t tal = idOf("Tal Rifaat"), sdf = idOf("SDF");
  auto rels = db_->relations(tal, Direction::kIncoming, {"CONTROLS"}, Date::fromCivil(2024, 11, 1));
  ASSERT_TRUE(rels.ok());
  bool sdf_held = false;
  for (const auto& r : *rels) sdf_held = sdf_held || r.start == sdf;
  EXPECT_TRUE(sdf_held);
}

TEST_F(BundledDataset, LoadingTwiceIsRefusedAndChangesNothing) {
  size_t before = testing::countEntities(*db_);
  auto again = db_->loadBundledDataset();
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(testing::countEntities(*db_), before);
}

TEST(BundledDatasetLookup, MissingDirectoryIsAClearError) {
  // An explicit directory without the dataset is skipped; the compiled-in one still works.
  setenv("ENTENTE_DATA_DIR", "/nonexistent-entente-data", 1);
  auto db = tempDb();
  auto s = db->loadBundledDataset();
  EXPECT_TRUE(s.ok()) << s.error().message();
  unsetenv("ENTENTE_DATA_DIR");
}

}  // namespace
}  // namespace entente
