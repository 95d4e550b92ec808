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
 * <p>In a fleet, the other instances' requests and retries in the window, as last synced ({@link #fleetCounts}),
 * count here as well, so that the ratio and the reserve bound the fleet's retries, not each instance's.
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
  /** Counted here since the fleet last took them. */
  private long unsyncedRequests;
  private long unsyncedRetries;
  /** The other instances' counts in the window, as of the last sync; 0 outside a fleet. */
  private long fleetRequests;
  private long fleetRetries;

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
      unsyncedRequests++;
    } finally {
      lock.unlock();
    }
  }

  /** Grants one retry and counts it if the window's allowance is not used up; otherwise false, counting nothing. */
  public boolean tryAcquireRetry() {
    lock.lock();
    try {
      int slot = advance();
      if (retryTotal + fleetRetries >= allowance()) {
        return false;
      }
      retries[slot]++;
      retryTotal++;
      unsyncedRetries++;
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

  /**
   * The requests and retries counted here since the last take, as {@code {requests, retries}}, and starts afresh:
   * what the fleet has not heard yet.
   */
  public long[] takeUnsynced() {
    lock.lock();
    try {
      long[] counts = {unsyncedRequests, unsyncedRetries};
      unsyncedRequests = 0;
      unsyncedRetries = 0;
      return counts;
    } finally {
      lock.unlock();
    }
  }

  /**
   * What the whole fleet counted in the window, this instance's reported counts included: the rest, the other
   * instances' part, counts here from now on, until the next sync.
   */
  public void fleetCounts(long requestsInFleet, long retriesInFleet) {
    lock.lock();
    try {
      advance();
      fleetRequests = Math.max(0, requestsInFleet - requestTotal);
      fleetRetries = Math.max(0, retriesInFleet - retryTotal);
    } finally {
      lock.unlock();
    }
  }

  /** Back to this instance's own counts (the fleet is unreachable); what it had not heard is dropped. */
  public void leaveFleet() {
    lock.lock();
    try {
      fleetRequests = 0;
      fleetRetries = 0;
      unsyncedRequests = 0;
      unsyncedRetries = 0;
    } finally {
      lock.unlock();
    }
  }

  /** The window in whole seconds, as the fleet counts it in Redis. */
  public int windowSeconds() {
    return (int) Math.max(1, Math.round(bucketNanos * BUCKETS / 1e9));
  }

  private long allowance() {
    return (long) Math.floor(ratio * (requestTotal + fleetRequests) + reserve + TOLERANCE);
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
