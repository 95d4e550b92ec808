package dev.airbag.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side by side at a fine grain: one live child JVM per variant, all started together, taking turns to run a batch
 * of calls (A, B, A, B... with the order rotated every batch), so that whatever else the shared machine is doing
 * weighs on every variant within a fraction of a second. Warm-up batches take turns too and are discarded; warm-up
 * lasts until every child's JIT has gone quiet ({@link JitQuiet}), at least the batches asked for. Repeated
 * for several rounds of fresh JVMs, so that one JVM's compilation luck cannot decide a figure. Not thread-safe.
 */
final class BatchAlternation {
  /** Warm-up goes on past its batches while a child's JIT is busy ({@link JitQuiet}), up to this many times them. */
  static final int MAX_WARMUP_FACTOR = 10;

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

  /** What a child measures of a batch beyond its times, by its place in the BATCH line. */
  enum Cost {
    THREAD_CPU_NS(4), THREAD_BYTES(5), ALL_BYTES(6),
    /**
     * The voluntary context switches per call of every thread but the servers' on a CPU of their own; negative where
     * the child cannot tell.
     */
    SWITCHES(9);

    final int field;

    Cost(int field) {
      this.field = field;
    }
  }
  private final Map<String, List<Map<String, Double>>> finals = new LinkedHashMap<>();
  private final List<Warmup> warmups = new ArrayList<>();

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
      System.err.printf("  round %d/%d: %s, %d batches of %d calls each after at least %d warm-up batches%n",
          round + 1, rounds, String.join(", ", variants), batches, batchSize, warmupBatches);
      Map<String, LiveChild> children = new LinkedHashMap<>();
      try {
        for (String v : variants) {
          children.put(v, starter.start(v));
        }
        Map<String, JitQuiet> jit = new LinkedHashMap<>();
        variants.forEach(v -> jit.put(v, new JitQuiet()));
        // --warmup 0 asks for cold JVMs: measured from the first call, compiling or not.
        int maxWarmup = MAX_WARMUP_FACTOR * warmupBatches;
        int turn = 0;
        while (turn < warmupBatches || (turn < maxWarmup && !JitQuiet.allQuiet(jit.values()))) {
          result.turn(children, variants, turn++, batchSize, jit, false);
        }
        result.warmups.add(new Warmup(turn * batchSize, JitQuiet.allQuiet(jit.values()), jit));
        System.err.println("    " + result.warmups.get(result.warmups.size() - 1));
        for (int b = 0; b < batches; b++) {
          result.turn(children, variants, turn++, batchSize, jit, true);
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

  /** One batch of every variant, in an order rotated by turn; kept when {@code measured}, else warm-up. */
  private void turn(Map<String, LiveChild> children, List<String> variants, int turn, int batchSize,
      Map<String, JitQuiet> jit, boolean measured) throws Exception {
    for (int i = 0; i < variants.size(); i++) {
      String v = variants.get((i + turn) % variants.size());
      String[] answer = children.get(v).ask("calls " + batchSize, "BATCH ").split(" ");
      jit.get(v).observe(answer);
      if (!measured) {
        continue;
      }
      p50s.get(v).add(Double.parseDouble(answer[1]));
      p99s.get(v).add(Double.parseDouble(answer[2]));
      if (answer.length > 3) {
        cpus.get(v).add(Double.parseDouble(answer[3]));
      }
      for (Cost cost : Cost.values()) {
        if (answer.length <= cost.field) {
          continue;
        }
        double value = Double.parseDouble(answer[cost.field]);
        // -1: the child cannot count its switches (no /proc).
        if (cost != Cost.SWITCHES || value >= 0) {
          costs.get(v).get(cost).add(value);
        }
      }
    }
  }

  /** How one round warmed up: its calls per child, whether every JIT went quiet, and each child's JIT time then. */
  static final class Warmup {
    final int calls;
    final boolean quiet;
    final Map<String, Long> jitNanos = new LinkedHashMap<>();

    Warmup(int calls, boolean quiet, Map<String, JitQuiet> jit) {
      this.calls = calls;
      this.quiet = quiet;
      jit.forEach((variant, state) -> jitNanos.put(variant, state.jitNanos()));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(String.format("warm-up: %,d calls per child, JIT %s; compiled so far:",
          calls, quiet ? "quiet" : "still compiling at the cap"));
      jitNanos.forEach((variant, nanos) -> text.append(nanos < 0 ? String.format(" %s (not reported)", variant)
          : String.format(" %s %.0f ms", variant, nanos / 1e6)));
      return text.toString();
    }
  }

  /**
   * Warms one child alone as a round warms its children: at least {@code minCalls}, then on until its JIT is quiet,
   * up to {@link #MAX_WARMUP_FACTOR} times as many. Returns the calls made.
   */
  static int warmAlone(LiveChild child, int minCalls, int batchSize) throws Exception {
    JitQuiet jit = new JitQuiet();
    int calls = 0;
    while (calls < minCalls || (calls < MAX_WARMUP_FACTOR * minCalls && !jit.quiet())) {
      jit.observe(child.ask("calls " + batchSize, "BATCH ").split(" "));
      calls += batchSize;
    }
    return calls;
  }

  List<Warmup> warmups() {
    return warmups;
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

  /** True when the children reported {@code cost} for this variant's batches. */
  boolean has(String variant, Cost cost) {
    return !costs.get(variant).get(cost).isEmpty();
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

  static double median(List<Double> values) {
    return Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
