package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test advances it. */
final class ManualClock implements Clock {
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final AtomicLong millis = new AtomicLong(TestEvents.T0);

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
