package dev.airbag.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the variants of one comparison in turn, round after round (A, B, A, B...), rotating which goes first in
 * each round, so that a machine getting busier or quieter during the run weighs on every variant alike. Collects
 * every run's values per variant; figures are medians over the rounds. Not thread-safe.
 */
final class Alternation {
  /** One run of one variant in one round; returns the child's RESULT values. */
  @FunctionalInterface
  interface Runner {
    Map<String, Double> run(String variant, int round) throws Exception;
  }

  private final Map<String, List<Map<String, Double>>> runs = new LinkedHashMap<>();

  private Alternation() {
  }

  static Alternation run(int rounds, List<String> variants, Runner runner) throws Exception {
    Alternation result = new Alternation();
    variants.forEach(v -> result.runs.put(v, new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < variants.size(); i++) {
        String variant = variants.get((i + round) % variants.size());
        System.err.printf("  round %d/%d: %s%n", round + 1, rounds, variant);
        result.runs.get(variant).add(runner.run(variant, round));
      }
    }
    return result;
  }

  /** The median over this variant's runs of one reported value. */
  double median(String variant, String key) {
    List<Map<String, Double>> list = runs.get(variant);
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      Double value = list.get(i).get(key);
      if (value == null) {
        throw new IllegalStateException(variant + " did not report " + key + ": " + list.get(i));
      }
      values[i] = value;
    }
    return Stats.median(values);
  }

  /** The lowest value over this variant's runs (a sanity check such as agent_attached). */
  double min(String variant, String key) {
    return runs.get(variant).stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).min().orElse(Double.NaN);
  }

  double max(String variant, String key) {
    return runs.get(variant).stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).max().orElse(Double.NaN);
  }

  int rounds(String variant) {
    return runs.get(variant).size();
  }
}
