#include "query/procedures/registry.h"

#include <algorithm>
#include <cctype>

#include "query/exec/exec_state.h"

namespace entente::query {

void registerBuiltinProcedures(ProcedureRegistry& registry);    // builtin_procedures.cc
void registerAllianceProcedures(ProcedureRegistry& registry);   // alliance_procedures.cc
void registerAlgorithmProcedures(ProcedureRegistry& registry);  // algorithm_procedures.cc

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

const storage::Transaction& ProcedureContext::txn() const { return st_.tx; }
storage::Transaction& ProcedureContext::writableTxn() { return st_.tx; }
const storage::GraphStore& ProcedureContext::store() const { return st_.store; }
std::optional<Date> ProcedureContext::asOf() const { return st_.as_of; }
const QueryOptions& ProcedureContext::options() const { return st_.options; }
void ProcedureContext::checkBudget() const { st_.checkBudget(); }
analytics::Interrupt ProcedureContext::interrupt() const {
  ExecState* st = &st_;
  return analytics::Interrupt([st] { return st->expired(); }, [st] { st->checkBudget(); });
}
void ProcedureContext::notice(std::string text) { st_.notice(std::move(text)); }
Stats& ProcedureContext::stats() { return st_.stats; }

ProcedureRegistry::ProcedureRegistry() = default;

ProcedureRegistry& ProcedureRegistry::instance() {
  static ProcedureRegistry* registry = [] {
    auto* r = new ProcedureRegistry();
    registerBuiltinProcedures(*r);
    registerAllianceProcedures(*r);
    registerAlgorithmProcedures(*r);
    return r;
  }();
  return *registry;
}

void ProcedureRegistry::add(Procedure p) {
  std::lock_guard lock(mu_);
  std::string key = lower(p.name);
  auto& slot = procs_[key];
  if (slot) retired_.push_back(std::move(slot));
  slot = std::make_unique<Procedure>(std::move(p));
}

const Procedure* ProcedureRegistry::find(std::string_view name) const {
  std::lock_guard lock(mu_);
  auto it = procs_.find(lower(name));
  return it == procs_.end() ? nullptr : it->second.get();
}

std::vector<const Procedure*> ProcedureRegistry::all() const {
  std::lock_guard lock(mu_);
  std::vector<const Procedure*> out;
  for (const auto& [k, p] : procs_) out.push_back(p.get());
  std::sort(out.begin(), out.end(),
            [](const Procedure* a, const Procedure* b) { return a->name < b->name; });
  return out;
}

}  // namespace entente::query
