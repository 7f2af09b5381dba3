#include "query/exec/exec_state.h"

#include <algorithm>
#include <mutex>

#include "query/error.h"
#include "query/exec/operator.h"
#include "query/status_error.h"

namespace entente::query {
namespace {
thread_local ExecState* tl_current = nullptr;
}  // namespace

int NameTable::add(std::string_view name) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<int>(i);
  names_.emplace_back(name);
  ids_.emplace_back(-1);
  return static_cast<int>(names_.size() - 1);
}

ExecState::ExecState(const storage::GraphStore& s, storage::Transaction& t, const NameTable& n,
                     const QueryOptions& o, int width)
    : store(s), tx(t), names(n), options(o), row_width(width), ids_(n.size(), -1) {
  txn = &t;
  deleted_node_ids = &deleted_nodes;
  deleted_rel_ids = &deleted_rels;
  for (size_t i = 0; i < n.size(); ++i) ids_[i] = n.cached(static_cast<int>(i));
  if (o.timeout.count() > 0) {
    has_deadline_ = true;
    deadline_ = (o.clock ? o.clock() : std::chrono::steady_clock::now()) + o.timeout;
  }
  previous_ = tl_current;
  tl_current = this;
}

ExecState::~ExecState() { tl_current = previous_; }

ExecState* ExecState::current() { return tl_current; }

std::optional<uint32_t> ExecState::id(int index) {
  int64_t v = ids_[index];
  if (v >= 0) return static_cast<uint32_t>(v);
  if (v == -2) return std::nullopt;
  auto found = tx.lookupString(names.name(index));
  if (found) {
    ids_[index] = *found;
    if (!tx.writable()) names.remember(index, *found);  // committed: safe to share
    return found;
  }
  if (!tx.writable()) ids_[index] = -2;  // a snapshot cannot gain it
  return std::nullopt;
}

uint32_t ExecState::intern(std::string_view s) {
  auto r = tx.internString(s);
  if (!r.ok())
    throw QueryError(errorCodeOf(r.status().code()),
                     "Cannot intern '" + std::string(s) + "': " + r.status().message());
  return r.value();
}

uint32_t ExecState::internId(int index) {
  if (ids_[index] >= 0) return static_cast<uint32_t>(ids_[index]);
  uint32_t v = intern(names.name(index));
  ids_[index] = v;
  return v;
}

void ExecState::notice(std::string text) {
  for (const auto& n : notices)
    if (n == text) return;
  notices.push_back(std::move(text));
}

const std::vector<uint32_t>& ExecState::symmetricTypes() {
  if (symmetric_) return *symmetric_;
  // Shared across executions until the store changes (the schema is read at most once per
  // commit, not once per query).
  struct Cached {
    const storage::GraphStore* store = nullptr;
    std::string path;
    uint64_t version = ~uint64_t{0};
    std::shared_ptr<const std::vector<uint32_t>> types;
  };
  static std::mutex mu;
  static std::vector<Cached> cache;
  uint64_t version = store.version();
  {
    std::lock_guard lock(mu);
    for (const auto& c : cache)
      if (c.store == &store && c.path == store.path() && c.version == version && !tx.writable())
        symmetric_ = c.types;
  }
  if (symmetric_) return *symmetric_;
  auto types = std::make_shared<std::vector<uint32_t>>();
  for (const auto& def : tx.relTypes()) {
    if (!def.symmetric) continue;
    if (auto id = tx.lookupString(def.name)) types->push_back(*id);
  }
  std::sort(types->begin(), types->end());
  symmetric_ = types;
  if (!tx.writable()) {
    std::lock_guard lock(mu);
    auto it = std::find_if(cache.begin(), cache.end(),
                           [&](const Cached& c) { return c.store == &store; });
    if (it == cache.end()) {
      if (cache.size() >= 16) cache.erase(cache.begin());
      cache.push_back({&store, store.path(), version, symmetric_});
    } else {
      *it = {&store, store.path(), version, symmetric_};
    }
  }
  return *symmetric_;
}

bool ExecState::pastDeadline() const {
  if (!has_deadline_) return false;
  return (options.clock ? options.clock() : std::chrono::steady_clock::now()) > deadline_;
}

bool ExecState::expired() const {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed)) return true;
  return pastDeadline();
}

void ExecState::checkBudget() const {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed))
    throw QueryError(ErrorCode::kCancelled, "Query cancelled");
  if (pastDeadline())
    throw QueryError(ErrorCode::kTimeout, "Query exceeded its time budget of " +
                                              std::to_string(options.timeout.count()) + " ms");
}

}  // namespace entente::query
