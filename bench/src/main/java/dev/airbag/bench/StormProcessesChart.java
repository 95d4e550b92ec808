package dev.airbag.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One storm of the processes part drawn and written up: the answered calls and the provider's requests per second of
 * each variant's first run ({@link StormChart}'s panels), and its part of {@code RESULTS.md}: each variant's runs
 * (every run's counts, their range, the pooled verdict) and the first runs' seconds side by side. Stateless.
 */
final class StormProcessesChart {
  private StormProcessesChart() {
  }

  static String svg(StormProcesses.Results results, StormProcessStorm storm) {
    List<StormProcessRun> firsts = firstRuns(results, storm);
    int[][] answered = firsts.stream().map(StormProcessRun::answered).toArray(int[][]::new);
    int[][] requests = firsts.stream().map(StormProcessRun::requestsPerSecond).toArray(int[][]::new);
    int seconds = seconds(firsts, storm);
    int width = StormChart.LEFT + 2 * StormChart.PANEL_W + StormChart.GAP + 20;
    int height = StormChart.TOP + StormChart.PANEL_H + 60;
    StringBuilder s = StormChart.start(width, height, String.format(Locale.ROOT, "Fleet storm '%s', %d child JVMs of "
        + "openai-java, real processes: answered calls and provider load per second", storm.id(),
        StormProcesses.INSTANCES));
    StormChart.legend(s, firsts.stream().map(r -> r.variant().label).toList());
    int top = StormChart.TOP + 20;
    StormChart.panel(s, answered, seconds, StormChart.LEFT, top, storm.dropFromS(), storm.dropToS(),
        "app calls answered per second");
    StormChart.panel(s, requests, seconds, StormChart.LEFT + StormChart.PANEL_W + StormChart.GAP, top,
        storm.dropFromS(), storm.dropToS(), "requests the provider received per second");
    return s.append("</svg>\n").toString();
  }

  static String markdown(StormProcesses.Results results, StormProcessStorm storm) {
    StringBuilder m = new StringBuilder("\n## Fleet storm '" + storm.id() + "', real processes\n\n");
    m.append(storm.describe()).append(". The variants ran one after the other, each against a fresh server (the fleet "
        + "with a fresh `redis-server`), the order turned round every other run. Each Airbag variant is judged on the "
        + "runs' pooled counts against the SDK alone's, as the no-harm matrix judges a timed cell (answered within 1 "
        + "point, requests within 3%, at least 2).");
    List<Double> took = results.roundSeconds().getOrDefault(storm.id(), List.of());
    if (!took.isEmpty()) {
      m.append(" One run of the three variants took ").append(took.stream()
          .map(t -> String.format(Locale.ROOT, "%.0f", t)).collect(Collectors.joining(", "))).append(" s.");
    }
    m.append("\n\n| variant | runs | app calls answered | provider requests | requests per call | recovered after | "
        + "turned away | queued at most | pooled, against the SDK alone | load average at each run's end |\n"
        + "|---|---|---|---|---|---|---|---|---|---|\n");
    for (StormProcessVariant variant : StormProcessVariant.values()) {
      List<StormProcessRun> runs = results.of(storm, variant);
      if (runs.isEmpty()) {
        continue;
      }
      NoHarmVerdict.Side pooled = results.pooled(storm, variant);
      String verdict = variant == StormProcessVariant.SDK || results.of(storm, StormProcessVariant.SDK).isEmpty()
          ? String.format(Locale.ROOT, "%d of %d answered, %d requests", pooled.ok(), pooled.calls(),
              pooled.requests())
          : StormProcessVerdicts.verdict(results, storm, variant);
      m.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", variant.label,
          runs.size(), joined(runs, r -> String.format(Locale.ROOT, "%.1f%%", r.answeredPercent())),
          joined(runs, r -> Integer.toString(r.requests())),
          joined(runs, r -> String.format(Locale.ROOT, "%.2f", r.requestsPerCall())),
          joined(runs, r -> r.neverRecovered() ? "never" : r.recoverySeconds() + " s"),
          joined(runs, r -> Integer.toString(r.rejected())), joined(runs, r -> Integer.toString(r.peakQueued())),
          verdict, runs.stream().map(StormProcessRun::loadAverage).collect(Collectors.joining("; "))));
    }
    List<StormProcessRun> firsts = firstRuns(results, storm);
    m.append("\nThe first run of each, second by second (calls answered / requests the provider received):\n\n| second |");
    firsts.forEach(r -> m.append(' ').append(r.variant().label).append(" |"));
    m.append("\n|---|").append("---|".repeat(firsts.size())).append('\n');
    for (int second = 0; second < seconds(firsts, storm); second++) {
      m.append("| ").append(second).append(storm.dropped(second) ? " (drop)" : "").append(" |");
      for (StormProcessRun run : firsts) {
        m.append(' ').append(run.answered()[second]).append(" / ").append(run.requestsPerSecond()[second]).append(" |");
      }
      m.append('\n');
    }
    return m.append("\n![fleet storm ").append(storm.id()).append(", processes](").append(storm.chart())
        .append(")\n").toString();
  }

  private static String joined(List<StormProcessRun> runs, Function<StormProcessRun, String> f) {
    return runs.stream().map(f).collect(Collectors.joining(", "));
  }

  private static List<StormProcessRun> firstRuns(StormProcesses.Results results, StormProcessStorm storm) {
    return Arrays.stream(StormProcessVariant.values()).map(v -> results.of(storm, v)).filter(runs -> !runs.isEmpty())
        .map(runs -> runs.get(0)).toList();
  }

  private static int seconds(List<StormProcessRun> runs, StormProcessStorm storm) {
    return runs.stream().mapToInt(StormProcesses::shownSeconds).max().orElse(storm.seconds());
  }
}
