package dev.airbag.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side by side at a fine grain: one live child JVM per variant, all started together, taking turns to run a batch
 * of calls (A, B, A, B... with the order rotated every batch), so that whatever else the shared machine is doing
 * weighs on every variant within a fraction of a second. Warm-up batches take turns too and are discarded. Repeated
 * for several rounds of fresh JVMs, so that one JVM's compilation luck cannot decide a figure. Not thread-safe.
 */
final class BatchAlternation {
  /** Starts the live child of one variant. */
  @FunctionalInterface
  interface Starter {
    LiveChild start(String variant) throws Exception;
  }

  private final Map<String, List<Double>> p50s = new LinkedHashMap<>();
  private final Map<String, List<Double>> p99s = new LinkedHashMap<>();
  private final Map<String, List<Double>> cpus = new LinkedHashMap<>();
  /** The calling thread's CPU ns, its allocated bytes and every thread's allocated bytes per call, by batch. */
  private final Map<String, Map<Cost, List<Double>>> costs = new LinkedHashMap<>();

  /** What a child measures of a batch beyond its times, in the order of its BATCH line after the CPU of all threads. */
  enum Cost { THREAD_CPU_NS, THREAD_BYTES, ALL_BYTES }
  private final Map<String, List<Map<String, Double>>> finals = new LinkedHashMap<>();

  private BatchAlternation() {
  }

  static BatchAlternation run(int rounds, List<String> variants, Starter starter, int warmupBatches, int batches,
      int batchSize) throws Exception {
    BatchAlternation result = new BatchAlternation();
    for (String v : variants) {
      result.p50s.put(v, new ArrayList<>());
      result.p99s.put(v, new ArrayList<>());
      result.cpus.put(v, new ArrayList<>());
      Map<Cost, List<Double>> byCost = new LinkedHashMap<>();
      for (Cost cost : Cost.values()) {
        byCost.put(cost, new ArrayList<>());
      }
      result.costs.put(v, byCost);
      result.finals.put(v, new ArrayList<>());
    }
    for (int round = 0; round < rounds; round++) {
      System.err.printf("  round %d/%d: %s, %d batches of %d calls each after %d warm-up batches%n", round + 1, rounds,
          String.join(", ", variants), batches, batchSize, warmupBatches);
      Map<String, LiveChild> children = new LinkedHashMap<>();
      try {
        for (String v : variants) {
          children.put(v, starter.start(v));
        }
        for (int b = 0; b < warmupBatches + batches; b++) {
          for (int i = 0; i < variants.size(); i++) {
            String v = variants.get((i + b) % variants.size());
            String[] answer = children.get(v).ask("calls " + batchSize, "BATCH ").split(" ");
            if (b >= warmupBatches) {
              result.p50s.get(v).add(Double.parseDouble(answer[1]));
              result.p99s.get(v).add(Double.parseDouble(answer[2]));
              if (answer.length > 3) {
                result.cpus.get(v).add(Double.parseDouble(answer[3]));
              }
              for (Cost cost : Cost.values()) {
                if (answer.length > 4 + cost.ordinal()) {
                  result.costs.get(v).get(cost).add(Double.parseDouble(answer[4 + cost.ordinal()]));
                }
              }
            }
          }
        }
        for (String v : variants) {
          result.finals.get(v).add(children.get(v).end());
        }
      } finally {
        for (LiveChild child : children.values()) {
          child.close();
        }
      }
    }
    return result;
  }

  /** The median over every measured batch of this variant of the batch's median call time, in ns. */
  double p50(String variant) {
    return median(p50s.get(variant));
  }

  /** The median over every measured batch of this variant of the batch's p99 call time, in ns. */
  double p99(String variant) {
    return median(p99s.get(variant));
  }

  /**
   * Per measured batch, {@code measured}'s batch median minus that of the {@code base} batch that ran beside it in
   * the same turn, in ns: pairs taken within a fraction of a second cancel out what the machine was doing.
   */
  double[] pairedDifferences(String base, String measured) {
    return differences(p50s.get(base), p50s.get(measured));
  }

  /** As {@link #pairedDifferences}, of the process's CPU time per call (every thread), where the child reports it. */
  double[] pairedCpuDifferences(String base, String measured) {
    return differences(cpus.get(base), cpus.get(measured));
  }

  /** As {@link #pairedDifferences}, of one of the costs per call the child counts, where it reports them. */
  double[] pairedDifferences(String base, String measured, Cost cost) {
    return differences(costs.get(base).get(cost), costs.get(measured).get(cost));
  }

  /** The median over every measured batch of this variant of one cost per call. */
  double median(String variant, Cost cost) {
    return median(costs.get(variant).get(cost));
  }

  private static double[] differences(List<Double> a, List<Double> b) {
    double[] diffs = new double[Math.min(a.size(), b.size())];
    for (int i = 0; i < diffs.length; i++) {
      diffs[i] = b.get(i) - a.get(i);
    }
    return diffs;
  }

  /** The median over rounds of a value reported at the end of each round. */
  double finalMedian(String variant, String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Double> run : finals.get(variant)) {
      values.add(run.get(key));
    }
    return median(values);
  }

  List<Map<String, Double>> finals(String variant) {
    return finals.get(variant);
  }

  int batches(String variant) {
    return p50s.get(variant).size();
  }

  private static double median(List<Double> values) {
    return Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
