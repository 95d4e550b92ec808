package dev.airbag.agent.engine.retry;

/**
 * Backoff arithmetic as pure functions: the random number is an argument, so the same inputs always give the
 * same delay and tests check exact values. Thread-safe (stateless).
 */
public final class Backoff {
  private Backoff() {
  }

  /**
   * The delay in nanoseconds before retry number {@code retry} (1 = the first retry).
   *
   * <p>The exponential delay is {@code base * 2^(retry-1)} capped at {@code max} (no overflow for any retry
   * number), then jittered:
   * <ul>
   *   <li>SDK: capped - uniform in [0, capped/4), so within (3/4 capped, capped], as the Stainless SDKs do;</li>
   *   <li>FULL: uniform in [0, capped);</li>
   *   <li>EQUAL: capped/2 + uniform in [0, capped - capped/2), so within [capped/2, capped);</li>
   *   <li>NONE: capped;</li>
   *   <li>DECORRELATED: min(max, uniform in [base, previous * 3)), ignoring {@code retry}; a previous delay below
   *       {@code base} (such as 0 before the first retry) counts as {@code base}, as in the AWS blog.</li>
   * </ul>
   * Negative durations count as 0; a random number outside [0, 1) is clamped into it.
   *
   * @param previousDelayNanos the delay this call waited before its previous attempt (only DECORRELATED reads it)
   * @param random a number in [0, 1), normally from {@link RandomSource#nextDouble()}
   */
  public static long delayNanos(Jitter jitter, long baseNanos, long maxNanos, int retry,
      long previousDelayNanos, double random) {
    long base = Math.max(0, baseNanos);
    long max = Math.max(0, maxNanos);
    double r = clampRandom(random);
    switch (jitter) {
      case SDK: {
        long capped = exponential(base, max, retry);
        return capped - uniform(0, capped / 4, r);
      }
      case FULL:
        return uniform(0, exponential(base, max, retry), r);
      case EQUAL: {
        long capped = exponential(base, max, retry);
        long half = capped / 2;
        return half + uniform(0, capped - half, r);
      }
      case DECORRELATED: {
        long previous = Math.max(base, previousDelayNanos);
        // Saturate rather than wrap: the result is capped at max anyway.
        long upper = previous > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : previous * 3;
        return Math.min(max, uniform(base, upper, r));
      }
      case NONE:
        return exponential(base, max, retry);
      default:
        throw new IllegalArgumentException("unknown jitter " + jitter);
    }
  }

  /** {@code base * 2^(retry-1)} capped at {@code max}; a retry number below 1 counts as 1. */
  static long exponential(long base, long max, int retry) {
    int shift = Math.max(1, retry) - 1;
    // Past 62 doublings any positive base exceeds every long; checking against max >> shift avoids the overflow.
    if (shift >= Long.SIZE - 1 || base > (max >> shift)) {
      return max;
    }
    return base << shift;
  }

  /** A value in [lo, hi) picked by {@code r}; {@code lo} when the range is empty. */
  private static long uniform(long lo, long hi, double r) {
    if (hi <= lo) {
      return lo;
    }
    long span = hi - lo;
    long offset = (long) (span * r);
    // Rounding of span * r can reach span itself for huge spans; keep the upper bound exclusive.
    return lo + Math.min(offset, span - 1);
  }

  private static double clampRandom(double random) {
    if (!(random >= 0)) {
      return 0;
    }
    return random < 1 ? random : Math.nextDown(1.0);
  }
}
