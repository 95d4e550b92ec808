package dev.airbag.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Draws the fleet storm as one hand-written SVG: for each storm, the app's answered calls per second (left) and the
 * requests the provider received per second (right) over the run, for the SDK alone and Airbag per instance and
 * with one fleet state, the first seed of the smallest fleet; the provider's lost capacity shaded. Also the
 * section's part of {@code RESULTS.md}. Stateless.
 */
final class StormChart {
  static final int PANEL_W = 420;
  static final int PANEL_H = 170;
  static final int LEFT = 50;
  static final int GAP = 70;
  static final int TOP = 60;
  private static final int ROW = PANEL_H + 70;
  private static final List<String> DRAWN = List.of("sdk", "airbag", "airbag-fleet");
  static final List<String> COLOURS = List.of("#8c959f", "#0969da", "#1a7f37");

  private StormChart() {
  }

  static String svg(StormSection.Results results) {
    int instances = results.fleets().get(0);
    int width = LEFT + 2 * PANEL_W + GAP + 20;
    int height = TOP + StormSection.STORMS.size() * ROW;
    StringBuilder s = start(width, height, "Fleet storm, " + instances + " instances, simulated: answered calls and "
        + "provider load per second");
    legend(s, DRAWN.stream().map(StormSection.VARIANTS::get).toList());
    for (int row = 0; row < StormSection.STORMS.size(); row++) {
      String storm = StormSection.STORMS.get(row);
      int top = TOP + row * ROW + 20;
      double dropStart = results.raw().getOrDefault(storm + ".drop_start_s", 0.0);
      double dropEnd = results.raw().getOrDefault(storm + ".drop_end_s", 0.0);
      panel(s, results, storm, instances, "answered", LEFT, top, dropStart, dropEnd,
          storm + ": app calls answered per second");
      panel(s, results, storm, instances, "requests", LEFT + PANEL_W + GAP, top, dropStart, dropEnd,
          storm + ": requests the provider received per second");
    }
    return s.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder s, StormSection.Results results, String storm, int instances,
      String metric, int left, int top, double dropStart, double dropEnd, String title) {
    int[][] series = DRAWN.stream().map(v -> results.series(storm, instances, v, metric)).toArray(int[][]::new);
    // The last second holds every call that ended after the run: it is not a second of the run.
    panel(s, series, Math.max(1, series[0].length - 1), left, top, dropStart, dropEnd, title);
  }

  /**
   * One panel: each series (drawn in {@link #COLOURS}' order) over its first {@code seconds}, on a shared scale,
   * the seconds from {@code dropStart} to {@code dropEnd} shaded.
   */
  static void panel(StringBuilder s, int[][] series, int seconds, int left, int top, double dropStart,
      double dropEnd, String title) {
    int max = Math.max(1, IntStream.range(0, series.length)
        .flatMap(i -> IntStream.of(series[i]).limit(seconds)).max().orElse(1));
    text(s, left, top - 8, "start", "bold", title);
    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fff1e5\"/>%n",
        x(left, dropStart, seconds), top, x(left, dropEnd, seconds) - x(left, dropStart, seconds), PANEL_H));
    line(s, left, top + PANEL_H, left + PANEL_W, top + PANEL_H, "#57606a", 1);
    line(s, left, top, left, top + PANEL_H, "#57606a", 1);
    text(s, left - 4, top + 4, "end", "", Integer.toString(max));
    text(s, left - 4, top + PANEL_H + 4, "end", "", "0");
    int tick = seconds > 60 ? 20 : 5;
    for (int t = 0; t <= seconds; t += tick) {
      text(s, x(left, t, seconds), top + PANEL_H + 14, "middle", "", t + " s");
    }
    for (int i = 0; i < series.length; i++) {
      StringBuilder points = new StringBuilder();
      for (int t = 0; t < seconds && t < series[i].length; t++) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(left, t + 0.5, seconds),
            top + PANEL_H - PANEL_H * (double) series[i][t] / max));
      }
      s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
          points.toString().trim(), COLOURS.get(i)));
    }
  }

  /** The opening of an SVG of {@code width} by {@code height} on white, with its bold title. */
  static StringBuilder start(int width, int height, String title) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
        width, height));
    text(s, 8, 16, "start", "bold", title);
    return s;
  }

  /** The legend: one coloured line and label per series, in {@link #COLOURS}' order. */
  static void legend(StringBuilder s, List<String> labels) {
    for (int i = 0; i < labels.size(); i++) {
      line(s, 8 + i * 230, 34, 28 + i * 230, 34, COLOURS.get(i), 2);
      text(s, 32 + i * 230, 38, "start", "", labels.get(i));
    }
  }

  /** The section's part of RESULTS.md: what each storm is, the figures per variant, and the chart. */
  static String markdown(StormSection.Results results, String chart) {
    StringBuilder m = new StringBuilder("\n## Fleet storm (simulated)\n\n");
    m.append("A fleet of app instances (open loop, 70% of the provider's capacity) against a provider of 100 "
        + "concurrent requests of 2 s that loses part of its capacity for a while, simulated on the agent's own engine "
        + "in simulated time. `reject`: half the capacity for 10 s, a request beyond it turned away at once with 529. "
        + "`queue`: a fifth of the capacity for 20 s, requests beyond it queued (up to 2,000), the app's timeout 10 s, "
        + "the provider serving timed-out requests all the same. Mean of " + results.seeds() + " seeds, range in "
        + "brackets.\n\n");
    m.append("| storm | instances | variant | app calls answered | requests per call | recovered after |\n");
    m.append("|---|---|---|---|---|---|\n");
    for (String storm : StormSection.STORMS) {
      for (int instances : results.fleets()) {
        for (var variant : StormSection.VARIANTS.entrySet()) {
          m.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", storm, instances, variant.getValue(),
              StormSection.spread(results.values(storm, instances, variant.getKey(), "success_pct"), "%"),
              StormSection.spread(results.values(storm, instances, variant.getKey(), "requests_per_call"), ""),
              StormSection.spread(results.values(storm, instances, variant.getKey(), "recovery_s"), " s")));
        }
      }
    }
    return m.append("\n![fleet storm](").append(chart).append(")\n").toString();
  }

  private static double x(int left, double second, int seconds) {
    return left + PANEL_W * Math.min(second, seconds) / seconds;
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String colour, double w) {
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
        + "stroke-width=\"%.1f\"/>%n", x1, y1, x2, y2, colour, w));
  }

  private static void text(StringBuilder s, double x, double y, String anchor, String weight, String text) {
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
        weight.isEmpty() ? "" : " font-weight=\"" + weight + "\"",
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
  }
}
