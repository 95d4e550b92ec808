package dev.airbag.agent.engine.retry;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The retry budget of one endpoint, shared by every call to it, so that during an outage retries add a bounded
 * share of load instead of multiplying it (the Finagle / Envoy retry budget).
 *
 * <p>Rule: within the window, a retry is granted while {@code retries < ratio * requests + minPerSecond *
 * windowSeconds} (rounded down, with a tolerance of 1e-9 for floating-point products), so retries never exceed
 * that allowance. Every logical call counts one request ({@link #onRequest()}) at its first attempt; retries
 * count only when granted. With no traffic, {@code minPerSecond * windowSeconds} retries are still allowed, so a
 * lightly used endpoint can retry.
 *
 * <p>The window is a ring of ten buckets, each a tenth of the window long (one second for the default 10 s),
 * with running totals: the current bucket and the nine before it, so counts cover between 9 and 10 seconds
 * and expire bucket by bucket as the injected clock moves.
 *
 * <p>Thread-safe: each operation holds a {@link ReentrantLock} (not {@code synchronized}, which pins virtual
 * threads) for a few arithmetic steps; catching up after a long idle gap clears at most ten buckets.
 */
public final class RetryBudget {
  /** The default window: ten one-second buckets. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  private static final int BUCKETS = 10;
  private static final double TOLERANCE = 1e-9;

  private final double ratio;
  private final double minPerSecond;
  private final Clock clock;
  private final long bucketNanos;
  private final double reserve;
  private final long originNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final long[] requests = new long[BUCKETS];
  private final long[] retries = new long[BUCKETS];
  private long currentBucket;
  private long requestTotal;
  private long retryTotal;

  /**
   * @param ratio retries allowed per request in the window (0.2 = one retry per five calls); at least 0
   * @param minPerSecond retries allowed per second regardless of traffic; at least 0
   * @param window how long requests and retries are remembered; at least 10 ns
   */
  public RetryBudget(double ratio, double minPerSecond, Duration window, Clock clock) {
    if (!(ratio >= 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException("ratio must be a finite number >= 0, got " + ratio);
    }
    if (!(minPerSecond >= 0) || Double.isInfinite(minPerSecond)) {
      throw new IllegalArgumentException("minPerSecond must be a finite number >= 0, got " + minPerSecond);
    }
    long windowNanos = window == null ? 0 : Nanos.of(window);
    if (windowNanos < BUCKETS) {
      throw new IllegalArgumentException("window must be at least " + BUCKETS + " ns, got " + window);
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    this.ratio = ratio;
    this.minPerSecond = minPerSecond;
    this.clock = clock;
    this.bucketNanos = windowNanos / BUCKETS;
    this.reserve = minPerSecond * (bucketNanos * BUCKETS / 1e9);
    this.originNanos = clock.nanoTime();
  }

  /** A budget over the default 10 s window. */
  public RetryBudget(double ratio, double minPerSecond, Clock clock) {
    this(ratio, minPerSecond, DEFAULT_WINDOW, clock);
  }

  /** Counts one logical call; call it once per call, at its first attempt. */
  public void onRequest() {
    lock.lock();
    try {
      int slot = advance();
      requests[slot]++;
      requestTotal++;
    } finally {
      lock.unlock();
    }
  }

  /** Grants one retry and counts it if the window's allowance is not used up; otherwise false, counting nothing. */
  public boolean tryAcquireRetry() {
    lock.lock();
    try {
      int slot = advance();
      if (retryTotal >= allowance()) {
        return false;
      }
      retries[slot]++;
      retryTotal++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  public long requestsInWindow() {
    lock.lock();
    try {
      advance();
      return requestTotal;
    } finally {
      lock.unlock();
    }
  }

  public long retriesInWindow() {
    lock.lock();
    try {
      advance();
      return retryTotal;
    } finally {
      lock.unlock();
    }
  }

  /** How many retries the window allows right now, granted ones included; for events that explain a refusal. */
  public long allowedRetriesInWindow() {
    lock.lock();
    try {
      advance();
      return allowance();
    } finally {
      lock.unlock();
    }
  }

  private long allowance() {
    return (long) Math.floor(ratio * requestTotal + reserve + TOLERANCE);
  }

  /** Moves the ring to the clock's bucket, clearing the buckets that left the window; returns the current slot. */
  private int advance() {
    long bucket = (clock.nanoTime() - originNanos) / bucketNanos;
    // A clock that steps back (only a broken one) keeps writing into the newest bucket.
    if (bucket > currentBucket) {
      long stale = Math.min(bucket - currentBucket, BUCKETS);
      for (long i = 1; i <= stale; i++) {
        int slot = (int) ((currentBucket + i) % BUCKETS);
        requestTotal -= requests[slot];
        retryTotal -= retries[slot];
        requests[slot] = 0;
        retries[slot] = 0;
      }
      currentBucket = bucket;
    }
    return (int) (currentBucket % BUCKETS);
  }
}
