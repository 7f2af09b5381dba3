// Index maintenance under random operations: node create / update (properties and labels)
// / delete / detach delete, relationship create / update / delete, in transactions that
// commit or roll back, with a UNIQUE constraint refusing some of them. After every
// transaction (and inside open ones: read-your-writes) each index must hold exactly what a
// brute-force scan of the data computes — entries, order, counts, equality and range
// seeks — and a snapshot taken earlier must still answer as it did. Reopens in between.
#include <cmath>
#include <iostream>
#include <random>

#include "storage/index_key_codec.h"
#include "storage/property_codec.h"
#include "store_test_util.h"

namespace entente::storage {
namespace {

using testing::StoreTest;

struct Expected {
  std::vector<uint64_t> all;  // entity ids in (tuple, id) order
  uint64_t distinct = 0;
  std::vector<std::pair<std::string, uint64_t>> entries;
  std::vector<std::pair<Value, uint64_t>> first_values;  // first key's value per entry
};

class IndexRandomTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (int i = 0; i < 3; ++i) labels_.push_back(id("L" + std::to_string(i)));
    for (int i = 0; i < 2; ++i) types_.push_back(id("T" + std::to_string(i)));
    for (int i = 0; i < 2; ++i) keys_.push_back(id("k" + std::to_string(i)));
    auto t = store_->beginWrite();
    auto mk = [&](IndexSpec s) {
      auto r = t->createIndex(s);
      ASSERT_TRUE(r.ok()) << r.status().message();
      indexes_.push_back(*r);
    };
    mk({"a", IndexEntity::kNode, labels_[0], {keys_[0]}, ConstraintKind::kNone});
    mk({"b", IndexEntity::kNode, labels_[1], {keys_[0], keys_[1]}, ConstraintKind::kNone});
    mk({"c", IndexEntity::kRelationship, types_[0], {keys_[0]}, ConstraintKind::kNone});
    mk({"u", IndexEntity::kNode, labels_[2], {keys_[1]}, ConstraintKind::kUnique});
    ASSERT_TRUE(t->commit().ok());
  }

  Value randomValue() {
    switch (rng_() % 9) {
      case 0: return Value(static_cast<int64_t>(rng_() % 7) - 3);
      case 1: return Value(static_cast<double>(static_cast<int64_t>(rng_() % 7) - 3));
      case 2: return Value(static_cast<double>(static_cast<int64_t>(rng_() % 13) - 6) / 2);
      case 3: return Value(std::string(1 + rng_() % 2, static_cast<char>('a' + rng_() % 3)));
      case 4: return Value(rng_() % 2 == 0);
      case 5: return Value(Date{static_cast<int32_t>(rng_() % 5)});
      case 6: return Value(std::nan(""));
      case 7: return Value(List{Value(1)});
      default: return Value(static_cast<int64_t>(rng_() % 40));
    }
  }
  Properties randomProps() {
    Properties p;
    for (KeyId k : keys_)
      if (rng_() % 4 != 0) p.emplace_back(k, randomValue());
    return p;
  }
  std::vector<LabelId> randomLabels() {
    std::vector<LabelId> ls;
    for (LabelId l : labels_)
      if (rng_() % 2) ls.push_back(l);
    return ls;
  }

  //! What index `i` must hold, computed from the data `t` sees.
  Expected expected(const Transaction& t, IndexId i) {
    IndexDef def = t.indexStats(i)->def;
    Expected e;
    auto add = [&](uint64_t id, const Properties& props) {
      std::string tuple;
      if (!ikeys::encodeTuple(props, def.keys, &tuple)) return;
      e.entries.emplace_back(tuple, id);
      for (auto& [k, v] : props)
        if (k == def.keys[0]) e.first_values.emplace_back(v, id);
    };
    if (def.entity == IndexEntity::kNode) {
      std::vector<NodeId> ids;
      t.scanNodes([&](NodeId n) { return ids.push_back(n), true; });
      for (NodeId n : ids) {
        auto rec = t.getNode(n);
        if (std::find(rec->labels.begin(), rec->labels.end(), def.target) != rec->labels.end())
          add(n, rec->props);
      }
    } else {
      t.scanEdges([&](const EdgeRef& r) {
        Properties p;
        EXPECT_TRUE(decodeProperties(r.raw_props, &p));
        if (r.type == def.target) add(r.id, p);
        return true;
      });
    }
    std::sort(e.entries.begin(), e.entries.end());
    for (size_t j = 0; j < e.entries.size(); ++j) {
      e.all.push_back(e.entries[j].second);
      e.distinct += j == 0 || e.entries[j].first != e.entries[j - 1].first;
    }
    return e;
  }

  static std::vector<uint64_t> seek(const Transaction& t, IndexId i, const IndexRange& r) {
    std::vector<uint64_t> out;
    Status s = t.indexSeek(i, r, [&](uint64_t e) { return out.push_back(e), true; });
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }

  static long double num(const Value& v) {
    return v.isInt() ? static_cast<long double>(v.asInt()) : v.asFloat();
  }

  //! Compares every index of `t` with the brute force.
  void check(const Transaction& t, const std::string& where) {
    for (IndexId i : indexes_) {
      Expected e = expected(t, i);
      ASSERT_EQ(seek(t, i, IndexRange::all()), e.all) << where << " index " << i;
      auto stats = t.indexStats(i);
      ASSERT_EQ(stats->entries, e.all.size()) << where << " index " << i;
      ASSERT_EQ(stats->distinct, e.distinct) << where << " index " << i;
      if (stats->def.unique()) {
        for (size_t j = 1; j < e.entries.size(); ++j) {
          bool nan = e.entries[j].first == ikeys::encodeValue(Value(std::nan("")));
          ASSERT_TRUE(nan || e.entries[j].first != e.entries[j - 1].first)
              << where << ": duplicate in a unique index";
        }
      }
      // A numeric range and an equality on the first key, against Cypher's comparison.
      for (int q = 0; q < 3; ++q) {
        double lo = static_cast<double>(static_cast<int64_t>(rng_() % 13) - 6) / 2,
               hi = lo + (rng_() % 8) / 2.0;
        bool lo_inc = rng_() % 2, hi_inc = rng_() % 2;
        std::vector<uint64_t> want;
        for (auto& [v, id] : e.first_values) {
          if (!v.isNumber() || std::isnan(v.asNumber())) continue;
          long double x = num(v);
          if ((lo_inc ? x >= lo : x > lo) && (hi_inc ? x <= hi : x < hi)) want.push_back(id);
        }
        IndexRange r =
            IndexRange::between(IndexBound{Value(lo), lo_inc}, IndexBound{Value(hi), hi_inc});
        if (stats->def.keys.size() > 1)
          continue;  // composite: the range is on key 1 only with a leading value
        std::vector<uint64_t> got = seek(t, i, r);
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        ASSERT_EQ(got, want) << where << " range " << lo << ".." << hi;
        Value eq = randomValue();
        if (eq.isList()) continue;
        std::vector<uint64_t> want_eq;
        std::string enc = ikeys::indexable(eq) ? ikeys::encodeValue(eq) : "";
        for (auto& [v, id] : e.first_values)
          if (!ikeys::isNaN(eq) && ikeys::indexable(v) && ikeys::encodeValue(v) == enc)
            want_eq.push_back(id);
        got = seek(t, i, IndexRange::equals(eq));
        std::sort(got.begin(), got.end());
        std::sort(want_eq.begin(), want_eq.end());
        ASSERT_EQ(got, want_eq) << where << " equality " << eq.toCypher();
      }
    }
  }

  //! One random write; a refused one must leave the transaction as it was.
  void randomOp(Transaction& t, std::vector<NodeId>& nodes) {
    auto pickNode = [&]() -> std::optional<NodeId> {
      if (nodes.empty()) return std::nullopt;
      return nodes[rng_() % nodes.size()];
    };
    auto edgeIds = [&] {
      std::vector<EdgeId> ids;
      t.scanEdges([&](const EdgeRef& r) { return ids.push_back(r.id), true; });
      return ids;
    };
    Status s;
    switch (rng_() % 8) {
      case 0:
      case 1: {
        auto r = t.createNode(randomLabels(), randomProps());
        if (r.ok()) nodes.push_back(*r);
        s = r.ok() ? Status::OK() : r.status();
        break;
      }
      case 2:
      case 3: {
        auto n = pickNode();
        if (!n || !t.nodeExists(*n)) return;
        NodeRecord rec = *t.getNode(*n);
        if (rng_() % 2) rec.props = randomProps();
        if (rng_() % 2) rec.labels = randomLabels();
        s = t.updateNode(rec);
        break;
      }
      case 4: {
        auto n = pickNode();
        if (!n || !t.nodeExists(*n)) return;
        s = t.deleteNode(*n, rng_() % 2 == 0);
        if (s.code() == Status::Code::kConstraint) s = Status::OK();  // still has relationships
        break;
      }
      case 5: {
        auto a = pickNode(), b = pickNode();
        if (!a || !b || !t.nodeExists(*a) || !t.nodeExists(*b)) return;
        s = t.createEdge(*a, types_[rng_() % 2], *b, randomProps()).status();
        break;
      }
      case 6: {
        auto ids = edgeIds();
        if (ids.empty()) return;
        s = t.updateEdgeProps(ids[rng_() % ids.size()], randomProps());
        break;
      }
      default: {
        auto ids = edgeIds();
        if (ids.empty()) return;
        s = t.deleteEdge(ids[rng_() % ids.size()]);
      }
    }
    ASSERT_TRUE(s.ok() || s.code() == Status::Code::kConstraintViolation) << s.message();
    ++(s.ok() ? applied_ : refused_);
  }
  int applied_ = 0, refused_ = 0;

  std::mt19937_64 rng_{1234};
  std::vector<LabelId> labels_;
  std::vector<TypeId> types_;
  std::vector<KeyId> keys_;
  std::vector<IndexId> indexes_;
};

TEST_F(IndexRandomTest, EveryWritePathMatchesBruteForce) {
  std::vector<NodeId> nodes;
  std::unique_ptr<Transaction> old_reader;
  std::vector<std::vector<uint64_t>> old_answers;
  for (int round = 0; round < 300; ++round) {
    auto t = store_->beginWrite();
    int ops = 1 + static_cast<int>(rng_() % 8);
    for (int i = 0; i < ops; ++i) {
      randomOp(*t, nodes);
      if (HasFatalFailure()) return;
    }
    if (round % 10 == 0) check(*t, "inside round " + std::to_string(round));
    if (HasFatalFailure()) return;
    if (rng_() % 5 == 0) {
      t->rollback();
    } else {
      ASSERT_TRUE(t->commit().ok());
    }
    t.reset();
    auto r = store_->beginRead();
    check(*r, "after round " + std::to_string(round));
    if (HasFatalFailure()) return;
    // A snapshot from some rounds ago still answers exactly as it did.
    if (old_reader) {
      for (size_t i = 0; i < indexes_.size(); ++i)
        ASSERT_EQ(seek(*old_reader, indexes_[i], IndexRange::all()), old_answers[i])
            << "snapshot, round " << round;
    }
    if (round % 7 == 0) {
      old_reader = store_->beginRead();
      old_answers.clear();
      for (IndexId i : indexes_) old_answers.push_back(seek(*old_reader, i, IndexRange::all()));
    }
    if (round % 100 == 99) {
      old_reader.reset();
      r.reset();
      reopen();
      check(*store_->beginRead(), "after reopen " + std::to_string(round));
      if (HasFatalFailure()) return;
    }
  }
  // Populating over the random data, then a bulk import into every index.
  {
    auto t = store_->beginWrite();
    for (IndexSpec sp :
         {IndexSpec{"late", IndexEntity::kNode, labels_[1], {keys_[1]}, ConstraintKind::kNone},
          IndexSpec{"late_rel",
                    IndexEntity::kRelationship,
                    types_[1],
                    {keys_[0], keys_[1]},
                    ConstraintKind::kNone}}) {
      auto r = t->createIndex(sp);
      ASSERT_TRUE(r.ok()) << r.status().message();
      indexes_.push_back(*r);
    }
    check(*t, "populated, before commit");
    ASSERT_TRUE(t->commit().ok());
  }
  check(*store_->beginRead(), "populated");
  std::vector<BulkNode> bulk;
  NodeId next = 1000000;
  for (int i = 0; i < 300; ++i) {
    std::vector<LabelId> ls = randomLabels();
    Properties p = randomProps();
    if (std::find(ls.begin(), ls.end(), labels_[2]) != ls.end())  // unique k1: a fresh value
      for (auto& kv : p)
        if (kv.first == keys_[1]) kv.second = Value("bulk" + std::to_string(i));
    bulk.push_back({next++, ls, p});
  }
  std::vector<BulkEdge> bulk_edges;
  for (int i = 0; i < 300; ++i)
    bulk_edges.push_back(
        {1000000 + rng_() % 300, types_[rng_() % 2], 1000000 + rng_() % 300, randomProps()});
  ASSERT_TRUE(store_->bulkImport(bulk, bulk_edges).ok());
  check(*store_->beginRead(), "after bulk import");
  if (HasFatalFailure()) return;
  reopen();
  check(*store_->beginRead(), "after bulk import and reopen");
  if (HasFatalFailure()) return;
  // The run exercised both outcomes.
  EXPECT_GT(applied_, 500);
  EXPECT_GT(refused_, 5);
  std::cout << applied_ << " writes applied, " << refused_ << " refused by the UNIQUE constraint\n";
}

}  // namespace
}  // namespace entente::storage
