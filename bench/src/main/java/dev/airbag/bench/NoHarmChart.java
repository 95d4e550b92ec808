package dev.airbag.bench;

import java.util.List;
import java.util.Locale;

/**
 * Draws the no-harm matrix as one hand-written SVG (no dependency): a row per cell; left, the app's success
 * without (grey) and with Airbag (coloured by verdict); right, upstream requests with Airbag as a share of
 * without, on a log scale where 1 is "the same as the SDK alone". Stateless.
 */
final class NoHarmChart {
  private static final int LABEL = 330;
  private static final int PANEL = 260;
  private static final int GAP = 40;
  private static final int ROW = 16;
  private static final int TOP = 64;
  private static final double MIN_LOG2 = -5;
  private static final double MAX_LOG2 = 2;

  private NoHarmChart() {
  }

  static String svg(NoHarmResults results) {
    List<NoHarmResults.Row> rows = results.rows();
    int width = LABEL + 2 * PANEL + GAP + 90;
    int height = TOP + rows.size() * ROW + 30;
    int bx = LABEL + PANEL + GAP;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
        width, height));
    text(s, 8, 16, "start", "bold", "Do no harm: the same app with its SDK alone (grey) and with Airbag");
    text(s, 8, 32, "start", "", "green BETTER, blue PASS, red FAIL (success >= SDK alone - 1 pp, requests <= it)");
    text(s, LABEL, TOP - 14, "start", "bold", "app-visible success");
    text(s, bx, TOP - 14, "start", "bold", "upstream requests, with / without");
    for (int p = 0; p <= 100; p += 25) {
      double x = LABEL + PANEL * p / 100.0;
      line(s, x, TOP - 6, x, TOP + rows.size() * ROW, "#d0d7de", 1);
      text(s, x, TOP + rows.size() * ROW + 14, "middle", "", p + "%");
    }
    for (int e = (int) MIN_LOG2; e <= MAX_LOG2; e++) {
      double x = ratioX(bx, Math.pow(2, e));
      line(s, x, TOP - 6, x, TOP + rows.size() * ROW, e == 0 ? "#57606a" : "#d0d7de", e == 0 ? 1.5 : 1);
      text(s, x, TOP + rows.size() * ROW + 14, "middle", "", e >= 0 ? "x" + (int) Math.pow(2, e) : "1/" + (1 << -e));
    }
    for (int i = 0; i < rows.size(); i++) {
      NoHarmResults.Row row = rows.get(i);
      double y = TOP + i * ROW + ROW / 2.0;
      String colour = row.verdict().failed() ? "#cf222e" : row.verdict().verdict().equals("BETTER") ? "#1a7f37"
          : "#0969da";
      text(s, LABEL - 8, y + 4, "end", "", row.cell().id());
      double a = LABEL + PANEL * row.without().successPercent() / 100;
      double b = LABEL + PANEL * row.with().successPercent() / 100;
      line(s, a, y, b, y, colour, 2);
      dot(s, a, y, "#8c959f");
      dot(s, b, y, colour);
      if (row.without().requests() > 0) {
        double r = ratioX(bx, row.with().requests() / (double) row.without().requests());
        line(s, ratioX(bx, 1), y, r, y, colour, 2);
        dot(s, r, y, colour);
      }
      text(s, bx + PANEL + 10, y + 4, "start", row.verdict().failed() ? "bold" : "", row.verdict().verdict());
    }
    return s.append("</svg>\n").toString();
  }

  /** Where a with/without ratio sits on the log scale, clamped to the panel. */
  private static double ratioX(int left, double ratio) {
    double log2 = ratio <= 0 ? MIN_LOG2 : Math.log(ratio) / Math.log(2);
    double clamped = Math.max(MIN_LOG2, Math.min(MAX_LOG2, log2));
    return left + PANEL * (clamped - MIN_LOG2) / (MAX_LOG2 - MIN_LOG2);
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String colour, double w) {
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
        + "stroke-width=\"%.1f\"/>%n", x1, y1, x2, y2, colour, w));
  }

  private static void dot(StringBuilder s, double x, double y, String colour) {
    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", x, y, colour));
  }

  private static void text(StringBuilder s, double x, double y, String anchor, String weight, String text) {
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
        weight.isEmpty() ? "" : " font-weight=\"" + weight + "\"",
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
  }
}
