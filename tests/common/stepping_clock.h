// tests/common/stepping_clock.h — a clock that time-budget tests drive, for
// query::QueryOptions::clock.
//
// Every read advances the clock by a fixed step, so a statement with budget B and step S
// passes its deadline at the budget check after ceil(B / S) reads — after a fixed amount of
// work, on any machine under any load. A test asserts "the statement ends with Timeout"
// without any dependence on wall time (the workload only has to reach that many checks).
// onRead() runs an action at a given read instead, e.g. setting a cancel flag "from within
// the N-th budget check". Not thread-safe: one statement on one thread reads it.
#pragma once

#include <chrono>
#include <functional>
#include <utility>

namespace entente::testing {

class SteppingClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit SteppingClock(std::chrono::milliseconds step) : step_(step) {}

  //! Runs `action` at the `n`-th read (1 = the read when the statement starts).
  void onRead(int n, std::function<void()> action) {
    action_at_ = n;
    action_ = std::move(action);
  }
  TimePoint now() {
    ++reads_;
    if (reads_ == action_at_ && action_) action_();
    return TimePoint{} + step_ * reads_;
  }
  int reads() const { return reads_; }
  //! For QueryOptions::clock (the clock must outlive the statement).
  std::function<TimePoint()> fn() {
    return [this] { return now(); };
  }

 private:
  std::chrono::milliseconds step_;
  int reads_ = 0;
  int action_at_ = 0;
  std::function<void()> action_;
};

}  // namespace entente::testing
