package dev.airbag.agent.testing;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when a test advances it. Its nanoTime starts an hour before the long wraps around, so
 * that any comparison written as {@code a < b} instead of {@code a - b < 0} breaks in tests rather than in
 * production. Thread-safe.
 */
public final class FakeClock implements Clock {
  public static final long DEFAULT_EPOCH_MILLIS = 1_795_341_600_000L;

  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofHours(1).toNanos());
  private final AtomicLong millis;

  public FakeClock() {
    this(DEFAULT_EPOCH_MILLIS);
  }

  public FakeClock(long epochMillis) {
    this.millis = new AtomicLong(epochMillis);
  }

  public void advance(Duration amount) {
    nanos.addAndGet(amount.toNanos());
    millis.addAndGet(amount.toMillis());
  }

  public void advance(long amount, TimeUnit unit) {
    advance(Duration.ofNanos(unit.toNanos(amount)));
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
