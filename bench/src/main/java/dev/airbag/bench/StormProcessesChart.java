package dev.airbag.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The storm's processes part drawn and written up: the answered calls and the provider's requests per second of each
 * variant's first run ({@link StormChart}'s panels), and its part of {@code RESULTS.md}: the totals per variant over
 * the runs and the first runs' seconds side by side. Stateless.
 */
final class StormProcessesChart {
  private StormProcessesChart() {
  }

  static String svg(StormProcesses.Results results) {
    List<StormProcessRun> firsts = firstRuns(results);
    int[][] answered = firsts.stream().map(StormProcessRun::answered).toArray(int[][]::new);
    int[][] requests = firsts.stream().map(StormProcessRun::requestsPerSecond).toArray(int[][]::new);
    int seconds = seconds(firsts);
    int width = StormChart.LEFT + 2 * StormChart.PANEL_W + StormChart.GAP + 20;
    int height = StormChart.TOP + StormChart.PANEL_H + 60;
    StringBuilder s = StormChart.start(width, height, String.format(Locale.ROOT, "Fleet storm, %d child JVMs of "
        + "openai-java, real processes: answered calls and provider load per second", StormProcesses.INSTANCES));
    StormChart.legend(s, firsts.stream().map(r -> r.variant().label).toList());
    int top = StormChart.TOP + 20;
    StormChart.panel(s, answered, seconds, StormChart.LEFT, top, StormProcesses.DROP_FROM_S,
        StormProcesses.DROP_TO_S, "app calls answered per second");
    StormChart.panel(s, requests, seconds, StormChart.LEFT + StormChart.PANEL_W + StormChart.GAP, top,
        StormProcesses.DROP_FROM_S, StormProcesses.DROP_TO_S, "requests the provider received per second");
    return s.append("</svg>\n").toString();
  }

  static String markdown(StormProcesses.Results results, String chart) {
    StringBuilder m = new StringBuilder("\n## Fleet storm, real processes\n\n");
    m.append(String.format(Locale.ROOT, "%d child JVMs of openai-java at its defaults (2 retries), each an open loop "
            + "of %.1f calls/s for %d s (70%% of the capacity), without or with the packaged agent, against one loopback "
            + "fault server of %d concurrent requests of %d ms, a request beyond them answered at once with OpenAI's "
            + "overloaded 503; %.0f%% of the slots from %d s to %d s. The variants ran one after the other, each against "
            + "a fresh server (the fleet with a fresh `redis-server`); mean of the runs, range in brackets.%n%n",
        StormProcesses.INSTANCES, StormProcesses.RATE_PER_INSTANCE, StormProcesses.SECONDS, StormProcesses.SLOTS,
        StormProcesses.SERVICE.toMillis(), 100 * StormProcesses.SHARE_LEFT, StormProcesses.DROP_FROM_S,
        StormProcesses.DROP_TO_S));
    m.append("| variant | runs | app calls answered | provider requests per call | requests turned away | "
        + "load average at each run's end |\n|---|---|---|---|---|---|\n");
    for (StormProcessVariant variant : StormProcessVariant.values()) {
      List<StormProcessRun> runs = results.of(variant);
      if (runs.isEmpty()) {
        continue;
      }
      m.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", variant.label, runs.size(),
          StormSection.spread(results.answeredPercent(variant), "%"),
          StormSection.spread(results.requestsPerCall(variant), ""),
          runs.stream().map(r -> Integer.toString(r.rejected())).collect(Collectors.joining(", ")),
          runs.stream().map(StormProcessRun::loadAverage).collect(Collectors.joining("; "))));
    }
    List<StormProcessRun> firsts = firstRuns(results);
    m.append("\nThe first run of each, second by second (calls answered / requests the provider received):\n\n| second |");
    firsts.forEach(r -> m.append(' ').append(r.variant().label).append(" |"));
    m.append("\n|---|").append("---|".repeat(firsts.size())).append('\n');
    for (int second = 0; second < seconds(firsts); second++) {
      boolean dropped = second >= StormProcesses.DROP_FROM_S && second < StormProcesses.DROP_TO_S;
      m.append("| ").append(second).append(dropped ? " (half)" : "").append(" |");
      for (StormProcessRun run : firsts) {
        m.append(' ').append(run.answered()[second]).append(" / ").append(run.requestsPerSecond()[second]).append(" |");
      }
      m.append('\n');
    }
    return m.append("\n![fleet storm, processes](").append(chart).append(")\n").toString();
  }

  private static List<StormProcessRun> firstRuns(StormProcesses.Results results) {
    return Arrays.stream(StormProcessVariant.values()).map(results::of).filter(runs -> !runs.isEmpty())
        .map(runs -> runs.get(0)).toList();
  }

  private static int seconds(List<StormProcessRun> runs) {
    return runs.stream().mapToInt(StormProcesses::shownSeconds).max().orElse(StormProcesses.SECONDS);
  }
}
