package dev.airbag.bench;

import java.util.Arrays;

/** Medians and percentiles of measured samples. Stateless; the arrays passed in are sorted in place. */
public final class Stats {
  private Stats() {
  }

  /** The median (the mean of the two middle values for an even count). */
  public static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** The nearest-rank percentile ({@code p} from 0 to 100) of samples already sorted. */
  public static long percentileOfSorted(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Sorts the samples and returns {p50, p99, p99.9}. */
  public static long[] p50p99p999(long[] samples) {
    Arrays.sort(samples);
    return new long[] {percentileOfSorted(samples, 50), percentileOfSorted(samples, 99),
        percentileOfSorted(samples, 99.9)};
  }
}
