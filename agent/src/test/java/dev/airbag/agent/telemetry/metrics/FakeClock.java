package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test advances it. */
public final class FakeClock implements Clock {
  public static final long START_MILLIS = 1_700_000_000_000L;

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final AtomicLong millis = new AtomicLong(START_MILLIS);

  public void advance(Duration amount) {
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
