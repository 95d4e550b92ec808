package dev.airbag.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The storm's processes part judged: each Airbag variant's runs pooled and compared with the SDK alone's by the
 * no-harm matrix's rule for a timed cell ({@link NoHarmVerdict#compare}, slack {@link NoHarmVerdict#timedSlack}),
 * and each variant's counts over its runs as min to max. A single run's requests scatter by about 3%, as much as the
 * variants differ by where they behave alike, so one run cannot tell them apart. Stateless.
 */
final class StormProcessVerdicts {
  private StormProcessVerdicts() {
  }

  /** One variant over its runs: answered, requests, requests per call and recovery, each as min to max. */
  static String summary(StormProcesses.Results results, StormProcessStorm storm, StormProcessVariant variant) {
    NoHarmVerdict.Side pooled = results.pooled(storm, variant);
    String line = String.format(Locale.ROOT, "%d runs: answered %s, provider requests %s, %s per call, recovery "
            + "%s; pooled %d of %d calls answered (%.1f%%), %d requests", results.of(storm, variant).size(),
        range(results.answeredPercent(storm, variant), "%.1f%%"), range(results.requests(storm, variant), "%.0f"),
        range(results.requestsPerCall(storm, variant), "%.2f"),
        range(results.recoverySeconds(storm, variant), "%.0f s"), pooled.ok(), pooled.calls(),
        pooled.successPercent(), pooled.requests());
    if (variant == StormProcessVariant.SDK || results.of(storm, StormProcessVariant.SDK).isEmpty()) {
      return line;
    }
    return line + "; " + verdict(results, storm, variant) + " against the SDK alone";
  }

  /** The pooled verdict of one Airbag variant against the SDK alone, with the slack the matrix allows. */
  static String verdict(StormProcesses.Results results, StormProcessStorm storm, StormProcessVariant variant) {
    NoHarmVerdict.Side alone = results.pooled(storm, StormProcessVariant.SDK);
    NoHarmVerdict.Side with = results.pooled(storm, variant);
    int slack = NoHarmVerdict.timedSlack(alone);
    return String.format(Locale.ROOT, "%s (%+.1f points answered, %+d requests, slack %d)",
        NoHarmVerdict.compare(slack, alone, with), with.successPercent() - alone.successPercent(),
        with.requests() - alone.requests(), slack);
  }

  /** {@code min to max} of a few runs' values, or the one value. */
  static String range(double[] values, String format) {
    double min = Arrays.stream(values).min().orElse(Double.NaN);
    double max = Arrays.stream(values).max().orElse(Double.NaN);
    return min == max ? value(min, format) : value(min, format) + " to " + value(max, format);
  }

  /** A run that never recovered has infinite seconds: "never". */
  private static String value(double value, String format) {
    return Double.isInfinite(value) ? "never" : String.format(Locale.ROOT, format, value);
  }

  /**
   * Each Airbag variant against the SDK alone in each storm, on the runs' pooled counts: answered within 1 point and
   * no more requests than the SDK alone's plus the matrix's timed slack (3%, at least 2); PASS and BETTER meet it.
   */
  static List<Figure> figures(StormProcesses.Results results) {
    List<Figure> figures = new ArrayList<>();
    for (StormProcessStorm storm : results.storms()) {
      NoHarmVerdict.Side alone = results.pooled(storm, StormProcessVariant.SDK);
      if (alone.calls() == 0) {
        continue;
      }
      for (StormProcessVariant variant : List.of(StormProcessVariant.AIRBAG, StormProcessVariant.FLEET)) {
        NoHarmVerdict.Side with = results.pooled(storm, variant);
        if (with.calls() == 0) {
          continue;
        }
        String verdict = NoHarmVerdict.compare(NoHarmVerdict.timedSlack(alone), alone, with);
        String name = String.format(Locale.ROOT, "%s storm, %d processes: %s, app calls answered", storm.id(),
            StormProcesses.INSTANCES, variant.label);
        figures.add(Figure.compared(StormSection.SECTION, name, "% of calls", "variant vs SDK alone",
                alone.successPercent(), with.successPercent(), 1, "points", results.of(storm, variant).size())
            .target("answered >= SDK alone - 1 point, requests <= SDK alone + 3% (pooled over the runs)",
                !verdict.equals("FAIL"))
            .note("real child JVMs and loopback server; " + summary(results, storm, variant) + " (SDK alone: "
                + summary(results, storm, StormProcessVariant.SDK) + ")"));
      }
    }
    return figures;
  }
}
