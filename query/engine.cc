// Engine: plan cache, transactions, execution, and conversion of results to public values.
#include "query/engine.h"

#include <mutex>
#include <unordered_map>

#include "analytics/projection.h"
#include "query/batch_transaction.h"
#include "query/error.h"
#include "query/exec/exec_state.h"
#include "query/exec/operator.h"
#include "query/index_commands.h"
#include "query/materialize.h"
#include "query/parse/parser.h"
#include "query/prepared.h"
#include "query/status_error.h"

namespace entente::query {

std::vector<Row> schemaRows(const storage::Transaction& txn);  // procedures/builtin_procedures.cc
const std::vector<std::string>& schemaColumns();

namespace {

constexpr size_t kMaxCachedPlans = 4096;

Date today() {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  int64_t days = secs.count() / 86400;
  if (secs.count() < 0 && secs.count() % 86400) --days;
  return Date{static_cast<int32_t>(days)};
}

RMap toRMap(const Map& params) {
  RMap m;
  m.reserve(params.size());
  for (const auto& [k, v] : params) m.emplace_back(k, RValue::fromValue(v));  // std::map: sorted
  return m;
}

}  // namespace

struct Engine::Impl {
  Impl(storage::GraphStore& s, std::string import_dir)
      : store(s), import_directory(std::move(import_dir)) {}
  storage::GraphStore& store;
  const std::string import_directory;
  std::mutex mu;
  std::unordered_map<std::string, std::shared_ptr<const PreparedStatement>> cache;
  // Projections of this store only, freed with the engine (see QueryOptions::projections).
  analytics::ProjectionCache projections;

  //! `outer`: the explicit transaction to run in (not committed here), or null.
  void runQuery(const PreparedStatement& ps, const Map& params, const QueryOptions& options,
                QueryOutput& out, storage::Transaction* outer);
};

Engine::Engine(storage::GraphStore& store, std::string import_directory)
    : impl_(std::make_unique<Impl>(store, std::move(import_directory))) {}
Engine::~Engine() = default;

std::shared_ptr<const PreparedStatement> Engine::prepare(std::string_view text) {
  std::string key(text);
  {
    std::lock_guard lock(impl_->mu);
    auto it = impl_->cache.find(key);
    if (it != impl_->cache.end()) return it->second;
  }
  auto ps = std::make_shared<PreparedStatement>();
  ps->text = key;
  ps->ast = parse(text);
  const ast::Statement& st = ps->ast;
  switch (st.kind) {
    case ast::StatementKind::kDeclareRelType: ps->read_only = false; break;
    case ast::StatementKind::kShowSchema: ps->columns = schemaColumns(); break;
    case ast::StatementKind::kIndexCommand:
      ps->columns = indexCommandColumns(st.index);
      ps->read_only = indexCommandReadOnly(st.index);
      break;
    case ast::StatementKind::kQuery: {
      auto txn = impl_->store.beginRead();
      planQuery(st, impl_->store, *txn, ps->plan);
      ps->read_only = ps->plan.read_only || st.explain == ast::ExplainMode::kExplain;
      if (st.explain == ast::ExplainMode::kExplain) {
        ps->columns = {"plan"};
      } else if (st.explain == ast::ExplainMode::kProfile) {
        ps->columns = {"operator", "rows", "time_ms"};
      } else {
        ps->columns = ps->plan.columns;
      }
      break;
    }
  }
  std::lock_guard lock(impl_->mu);
  if (impl_->cache.size() >= kMaxCachedPlans) impl_->cache.clear();
  impl_->cache.emplace(key, ps);
  return ps;
}

const std::vector<std::string>& Engine::columns(const PreparedStatement& statement) {
  return statement.columns;
}
bool Engine::isReadOnly(const PreparedStatement& statement) { return statement.read_only; }
const analytics::ProjectionCache& Engine::projections() const { return impl_->projections; }

QueryOutput Engine::execute(const PreparedStatement& ps, const Map& params,
                            const QueryOptions& options) {
  return executeIn(ps, params, options, nullptr);
}

QueryOutput Engine::execute(const PreparedStatement& ps, const Map& params,
                            const QueryOptions& options, storage::Transaction& txn) {
  return executeIn(ps, params, options, &txn);
}

QueryOutput Engine::executeIn(const PreparedStatement& ps, const Map& params,
                              const QueryOptions& options, storage::Transaction* outer) {
  auto t0 = std::chrono::steady_clock::now();
  QueryOutput out;
  out.columns = ps.columns;
  const ast::Statement& st = ps.ast;
  if (st.kind == ast::StatementKind::kDeclareRelType) {
    const ast::DeclareRelType& d = st.declare;
    storage::RelTypeDef def;
    def.name = d.name;
    def.sign = d.sign > 0   ? storage::Sign::kPositive
               : d.sign < 0 ? storage::Sign::kNegative
                            : storage::Sign::kNeutral;
    def.symmetric = d.symmetric;
    def.transitive = d.transitive;
    def.inverse = d.inverse;
    def.description = d.description;
    def.declared = true;
    if (outer) {
      throwIfFailed(outer->putRelType(def));
    } else {
      auto txn = impl_->store.beginWrite();
      throwIfFailed(txn->putRelType(def));
      throwIfFailed(txn->commit());
    }
  } else if (st.kind == ast::StatementKind::kShowSchema) {
    std::unique_ptr<storage::Transaction> own;
    storage::Transaction* txn = outer;
    if (!txn) txn = (own = impl_->store.beginRead()).get();
    std::unordered_map<uint32_t, std::string> names;
    for (const auto& row : schemaRows(*txn)) {
      std::vector<Value> r;
      for (const auto& v : row) r.push_back(materialize(v, *txn, names));
      out.rows.push_back(std::move(r));
    }
  } else if (st.kind == ast::StatementKind::kIndexCommand) {
    if (outer && !indexCommandReadOnly(st.index))
      throw QueryError(ErrorCode::kTransactionError,
                       "Indexes and constraints cannot be created or dropped inside an explicit "
                       "transaction (their entries could miss concurrent writes); COMMIT or "
                       "ROLLBACK first and run the statement on its own");
    runIndexCommand(st.index, impl_->store, out);
    if (!indexCommandReadOnly(st.index)) {  // cached plans chose their seeks from the old catalog
      std::lock_guard lock(impl_->mu);
      impl_->cache.clear();
    }
  } else if (st.explain == ast::ExplainMode::kExplain) {
    for (auto& line : explainLines(*ps.plan.root, ps.plan.names))
      out.rows.push_back({Value(std::move(line))});
  } else {
    QueryOptions run_options = options;
    run_options.projections = &impl_->projections;
    run_options.import_directory = impl_->import_directory;
    impl_->runQuery(ps, params, run_options, out, outer);
  }
  out.stats.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

void Engine::Impl::runQuery(const PreparedStatement& ps, const Map& params,
                            const QueryOptions& options, QueryOutput& out,
                            storage::Transaction* outer) {
  const PlannedQuery& plan = ps.plan;
  if (outer && plan.batched)
    throw QueryError(ErrorCode::kTransactionError,
                     "CALL { ... } IN TRANSACTIONS commits its own transactions, so it cannot run "
                     "inside an explicit transaction; COMMIT or ROLLBACK first");
  std::unique_ptr<storage::Transaction> own;
  BatchTransaction* batches = nullptr;  // CALL { } IN TRANSACTIONS: one write transaction per batch
  if (!outer) {
    own = ps.read_only ? store.beginRead() : store.beginWrite();
    if (plan.batched) {
      auto b =
          std::make_unique<BatchTransaction>(std::move(own), [this] { return store.beginWrite(); });
      batches = b.get();
      own = std::move(b);
    }
  }
  storage::Transaction* txn = outer ? outer : own.get();
  ExecState st(store, *txn, plan.names, options, plan.width);
  if (batches) st.commit_batch = [batches] { batches->commitBatch(); };
  RMap rparams = toRMap(params);
  st.params = &rparams;
  st.today = today();
  st.profiling = ps.ast.explain == ast::ExplainMode::kProfile;
  st.subplans.resize(plan.subplans);
  st.subrows.resize(plan.subplans);
  Row row(plan.width);
  if (plan.as_of) {
    RValue d = plan.as_of->eval(row, st);
    st.as_of = storage::dateOrIsoString(d);
    if (!st.as_of) {
      throw QueryError(ErrorCode::kTypeError,
                       std::string("AS OF expects a date or an ISO date string, got ") +
                           (d.isString() ? "'" + d.asString() + "'" : d.kindName()),
                       ps.ast.as_of->pos, ErrorDetail::kInvalidArgumentType);
    }
    st.valid_time = storage::ValidTimeKeys::of(*txn);
  }
  OperatorPtr root = plan.root->open(st);
  std::unordered_map<uint32_t, std::string> names;
  const bool collect = !st.profiling && !plan.column_slots.empty();
  try {
    while (root->next(row)) {
      if (!collect) continue;
      if (options.max_rows && out.rows.size() >= options.max_rows)
        throw QueryError(ErrorCode::kLimitExceeded,
                         "The result has more than " + std::to_string(options.max_rows) + " rows");
      std::vector<Value> r;
      r.reserve(plan.column_slots.size());
      for (int slot : plan.column_slots) r.push_back(materialize(row[slot], *txn, names));
      out.rows.push_back(std::move(r));
    }
  } catch (const QueryError& e) {
    // Raised while a LOAD CSV record was being processed: say which one.
    if (!st.csv_file) throw;
    throw QueryError(e.code(),
                     std::string(e.what()) + " (LOAD CSV: line " + std::to_string(st.csv_line) +
                         " of " + *st.csv_file + ")",
                     e.pos(), e.detail());
  }
  if (own && txn->writable()) throwIfFailed(txn->commit());
  if (st.profiling) {
    for (auto& line : profileLines(*plan.root, st))
      out.rows.push_back({Value(std::move(line.text)), Value(static_cast<int64_t>(line.rows)),
                          Value(line.time_ms)});
  }
  out.stats = st.stats;
  out.notices = std::move(st.notices);
}

}  // namespace entente::query
