// analytics/interrupt.h — how long-running analytics notice that their query was cancelled
// or ran out of time.
//
// The query layer hands the analytics code an Interrupt built from the statement's cancel
// flag and time budget. Inner loops call tick(); every few thousand units of work it asks
// whether to stop and, if so, throws the caller's own error (the query's Cancelled or
// Timeout), so a cancelled CALL fails exactly like a cancelled MATCH. Storage scans, whose
// callbacks must not throw, stop when tickExpired() says so and call check() after the scan.
// One Interrupt serves one statement on one thread (its counter is not synchronised); the
// default one never stops and is safe to share.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

namespace entente::analytics {

class Interrupt {
 public:
  //! Never stops.
  Interrupt() = default;
  //! `expired`: whether to stop (cheap, must not throw). `raise`: throws the caller's error.
  Interrupt(std::function<bool()> expired, std::function<void()> raise)
      : expired_(std::move(expired)), raise_(std::move(raise)) {}

  bool expired() const { return expired_ && expired_(); }
  //! Throws through `raise` when the work should stop.
  void check() const {
    if (expired()) raise_();
  }
  //! Counts `units` of work; every kPeriod units, check().
  void tick(uint64_t units = 1) const {
    if (due(units)) check();
  }
  //! Non-throwing tick for storage callbacks: true when the scan should stop.
  bool tickExpired(uint64_t units = 1) const { return due(units) && expired(); }

 private:
  static constexpr uint64_t kPeriod = 4096;
  bool due(uint64_t units) const {
    if (!expired_) return false;  // the default Interrupt: nothing to count, nothing shared written
    ticks_ += units;
    if (ticks_ < next_) return false;
    next_ = ticks_ + kPeriod;
    return true;
  }

  std::function<bool()> expired_;
  std::function<void()> raise_;
  mutable uint64_t ticks_ = 0, next_ = kPeriod;
};

}  // namespace entente::analytics
