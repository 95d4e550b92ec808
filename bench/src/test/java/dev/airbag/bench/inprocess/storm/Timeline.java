package dev.airbag.bench.inprocess.storm;

/**
 * What one simulated run counts, second by second of simulated time: calls the app started, calls that ended in an
 * answer or a failure (by the second they ended), requests that reached the provider and those it turned away.
 */
final class Timeline {
  final int[] started;
  final int[] answered;
  final int[] failed;
  final int[] requests;
  final int[] rejected;

  Timeline(int seconds) {
    started = new int[seconds];
    answered = new int[seconds];
    failed = new int[seconds];
    requests = new int[seconds];
    rejected = new int[seconds];
  }

  int seconds() {
    return started.length;
  }

  /** Adds one to {@code counts} at the second of {@code nanos}; later seconds fold into the last. */
  void count(int[] counts, long nanos) {
    counts[(int) Math.min(counts.length - 1, nanos / 1_000_000_000L)]++;
  }

  static int sum(int[] counts) {
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    return total;
  }
}
