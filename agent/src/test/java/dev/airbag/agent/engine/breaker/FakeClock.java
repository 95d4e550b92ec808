package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test advances it; starts near overflow to catch comparisons that break. */
final class FakeClock implements Clock {
  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofHours(1).toNanos());

  void advance(Duration amount) {
    nanos.addAndGet(amount.toNanos());
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long currentTimeMillis() {
    return 1_795_341_600_000L;
  }
}
