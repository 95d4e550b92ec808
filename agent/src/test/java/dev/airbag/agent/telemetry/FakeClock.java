package dev.airbag.agent.telemetry;

import dev.airbag.agent.engine.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test advances it. */
final class FakeClock implements Clock {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicLong millis;

  FakeClock(long epochMillis) {
    this.millis = new AtomicLong(epochMillis);
  }

  void advance(long amount, TimeUnit unit) {
    nanos.addAndGet(unit.toNanos(amount));
    millis.addAndGet(unit.toMillis(amount));
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long currentTimeMillis() {
    return millis.get();
  }
}
