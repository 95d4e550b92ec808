package dev.airbag.demo;

/** How the demo writes its numbers, the same in the console and in the HTML report. */
final class Formats {
  private Formats() {}

  static String percent(double value) {
    return String.format("%.1f%%", value);
  }

  static String millis(double value) {
    return value < 1000 ? String.format("%.0f ms", value) : String.format("%.2f s", value / 1000);
  }

  static String ratio(double value) {
    return String.format("%.2f", value);
  }

  /** The row's cells for {@code stats}: the table rows in order. */
  static String[] cells(WayStats stats, boolean agent) {
    return new String[] {
        percent(stats.successRate()),
        Integer.toString(stats.rawErrors()),
        Integer.toString(stats.truncated()),
        ratio(stats.upstreamPerCall()),
        millis(stats.p50Ms()),
        millis(stats.p99Ms()),
        Integer.toString(stats.fallbackServed()),
        agent ? stats.events() + " / " + stats.alerts() : "none"};
  }

  static final String[] ROWS = {
      "success seen by the app",
      "raw errors shown to users",
      "answers cut short, shown as whole",
      "upstream requests per app call",
      "p50 latency",
      "p99 latency",
      "calls served by a fallback model",
      "events / alerts produced"};

  static String shorten(String text, int max) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
