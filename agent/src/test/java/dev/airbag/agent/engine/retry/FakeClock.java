package dev.airbag.agent.engine.retry;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test advances it; starts near the wrap-around of nanoTime to prove it is safe. */
final class FakeClock implements Clock {
  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - 5_000_000_000L);
  private final AtomicLong millis = new AtomicLong(1_795_341_600_000L);

  void advance(Duration amount) {
    nanos.addAndGet(amount.toNanos());
    millis.addAndGet(amount.toMillis());
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
