package dev.airbag.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet storm ({@code --only storm}): a fleet of app instances against a provider of fixed capacity that loses
 * part of it for a while, simulated in one child JVM on the agent's own engine in simulated time (so the figures do
 * not depend on how busy the machine is). For each storm, fleet size and variant (the SDK alone, Airbag per instance
 * or with one state for the fleet, each at its defaults and with load shedding) over a few seeds: the app calls
 * answered, the provider's requests per call and the seconds the apps need after the provider's recovery, each
 * judged against the SDK alone (do no harm: answered within 1 point, requests no more). The same storm with real
 * child JVMs and a real Redis: {@link StormProcesses}.
 */
final class StormSection {
  static final String SECTION = "fleet_storm";
  static final String MAIN = "dev.airbag.bench.inprocess.storm.StormSimulation";
  static final List<String> STORMS = List.of("reject", "queue");
  /** Variant ids and labels, in the simulation's order; the first is the baseline. */
  static final Map<String, String> VARIANTS = orderedVariants();
  static final String BASELINE = "sdk";

  private StormSection() {
  }

  /** What the child printed, read back by storm, fleet size, variant and seed. */
  record Results(Map<String, Double> raw, int seeds, List<Integer> fleets) {
    double[] values(String storm, int instances, String variant, String metric) {
      double[] values = new double[seeds];
      for (int seed = 0; seed < seeds; seed++) {
        values[seed] = raw.get(key(storm, instances, variant, seed) + "." + metric);
      }
      return values;
    }

    /** The first seed's count per second of {@code metric} (answered, failed, requests, rejected). */
    int[] series(String storm, int instances, String variant, String metric) {
      List<Integer> counts = new ArrayList<>();
      String prefix = key(storm, instances, variant, 0) + "." + metric + ".";
      for (int second = 0; raw.containsKey(prefix + second); second++) {
        counts.add(raw.get(prefix + second).intValue());
      }
      return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String key(String storm, int instances, String variant, int seed) {
      return storm + ".n" + instances + "." + variant + "." + seed;
    }
  }

  static Results run(BenchEnvironment env, BenchOptions o) throws Exception {
    List<Integer> fleets = o.quick ? List.of(4) : List.of(4, 40);
    int seeds = o.quick ? 1 : 5;
    System.err.println("storm: " + fleets + " instances against a provider that loses capacity, simulated, " + seeds
        + " seeds");
    Map<String, Double> raw = new ChildJvm(env, env.runDir("storm")).run(env.inProcessClasspath, MAIN,
        Integer.toString(seeds), String.join(",", STORMS),
        String.join(",", fleets.stream().map(String::valueOf).toList()));
    Results results = new Results(raw, seeds, fleets);
    for (String storm : STORMS) {
      for (int instances : fleets) {
        for (String variant : VARIANTS.keySet()) {
          System.err.printf(Locale.ROOT, "  %-6s %2d instances %-16s answered %s, requests/call %s, recovered after %s%n",
              storm, instances, variant, spread(results.values(storm, instances, variant, "success_pct"), "%"),
              spread(results.values(storm, instances, variant, "requests_per_call"), ""),
              spread(results.values(storm, instances, variant, "recovery_s"), " s"));
        }
      }
    }
    return results;
  }

  static List<Figure> figures(Results results) {
    List<Figure> figures = new ArrayList<>();
    for (String storm : STORMS) {
      for (int instances : results.fleets()) {
        double[] aloneSuccess = results.values(storm, instances, BASELINE, "success_pct");
        double[] aloneRequests = results.values(storm, instances, BASELINE, "requests_per_call");
        double[] aloneRecovery = results.values(storm, instances, BASELINE, "recovery_s");
        for (Map.Entry<String, String> variant : VARIANTS.entrySet()) {
          if (variant.getKey().equals(BASELINE)) {
            continue;
          }
          double[] success = results.values(storm, instances, variant.getKey(), "success_pct");
          double[] requests = results.values(storm, instances, variant.getKey(), "requests_per_call");
          double[] recovery = results.values(storm, instances, variant.getKey(), "recovery_s");
          boolean noHarm = mean(success) >= mean(aloneSuccess) - 1 && mean(requests) <= mean(aloneRequests) + 1e-9;
          String name = String.format(Locale.ROOT, "%s storm, %d instances: %s", storm, instances, variant.getValue());
          figures.add(Figure.compared(SECTION, name + ", app calls answered", "% of calls", "variant vs SDK alone",
                  mean(aloneSuccess), mean(success), 1, "points", results.seeds())
              .target("answered >= SDK alone - 1 point, requests <= SDK alone", noHarm)
              .note("answered " + spread(success, "%") + " (SDK alone " + spread(aloneSuccess, "%")
                  + "); provider requests per call " + spread(requests, "") + " (alone " + spread(aloneRequests, "")
                  + "); seconds from the provider's recovery to the app's " + spread(recovery, " s") + " (alone "
                  + spread(aloneRecovery, " s") + ")"));
        }
      }
    }
    return figures;
  }

  static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** The mean and, over several seeds, the range: {@code 75.9% (75.1 to 76.4)}. */
  static String spread(double[] values, String unit) {
    double min = Arrays.stream(values).min().orElse(Double.NaN);
    double max = Arrays.stream(values).max().orElse(Double.NaN);
    String mean = String.format(Locale.ROOT, "%.2f", mean(values)) + unit;
    return values.length < 2 || min == max ? mean
        : mean + String.format(Locale.ROOT, " (%.2f to %.2f)", min, max);
  }

  private static Map<String, String> orderedVariants() {
    Map<String, String> variants = new java.util.LinkedHashMap<>();
    variants.put(BASELINE, "the SDK alone");
    variants.put("airbag", "Airbag, defaults, each instance alone");
    variants.put("airbag-fleet", "Airbag, defaults, a fleet (sync every 200 ms)");
    variants.put("airbag-shared", "Airbag, defaults, one state outright");
    variants.put("shedding", "Airbag, load shedding (exempt-attempts=1), each instance alone");
    variants.put("shedding-fleet", "Airbag, load shedding, a fleet");
    variants.put("shedding-shared", "Airbag, load shedding, one state outright");
    return variants;
  }
}
