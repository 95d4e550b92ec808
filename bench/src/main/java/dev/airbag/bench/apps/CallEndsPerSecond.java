package dev.airbag.bench.apps;

/**
 * The app calls that ended in an answer or a failure, counted by the second they ended in, from a zero the run
 * sets: what a storm's goodput looks like over time. Calls ending after the last second count in the last.
 * Thread-safe (pool threads record as their calls end).
 */
final class CallEndsPerSecond {
  private final long zeroNanos;
  private final int[] answered;
  private final int[] failed;

  CallEndsPerSecond(long zeroNanos, int seconds) {
    this.zeroNanos = zeroNanos;
    this.answered = new int[seconds];
    this.failed = new int[seconds];
  }

  synchronized void record(boolean served, long endNanos) {
    int second = (int) Math.max(0, Math.min(answered.length - 1, (endNanos - zeroNanos) / 1_000_000_000L));
    (served ? answered : failed)[second]++;
  }

  /** {@code answered.S} and {@code failed.S} RESULT lines, one per second. */
  synchronized void report() {
    for (int second = 0; second < answered.length; second++) {
      ChildReport.put("answered." + second, answered[second]);
      ChildReport.put("failed." + second, failed[second]);
    }
  }
}
