package dev.airbag.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the no-harm matrix for a terminal: one line per cell, without → with. Stateless. */
final class NoHarmTable {
  private static final String ROW = "%-46s %15s %13s %17s %19s  %-7s %s%n";

  private NoHarmTable() {
  }

  static void print(NoHarmResults results, PrintStream out) {
    out.printf("%n== no_harm (%d cells, %.0f s; closed loop: %d calls; open loop: %.0f/s for %.0f s)%n",
        results.rows().size(), results.seconds(), results.closedCalls(), results.openRate(), results.openSeconds());
    out.printf(ROW, "cell (client/load/pattern/fallback)", "success", "requests", "p50 ms", "p99 ms", "verdict",
        "target");
    for (NoHarmResults.Row row : results.rows()) {
      out.print(line(row) + System.lineSeparator());
    }
  }

  /** One cell, as the table prints it (also the progress line while the matrix runs). */
  static String line(NoHarmResults.Row row) {
    NoHarmVerdict.Side a = row.without();
    NoHarmVerdict.Side b = row.with();
    NoHarmVerdict v = row.verdict();
    String target = v.target() == null ? "" : v.target() + ": " + (v.targetMet() ? "met" : "MISSED");
    return String.format(Locale.ROOT, ROW, row.cell().id(),
        pct(a.successPercent()) + " → " + pct(b.successPercent()),
        a.requests() + " → " + b.requests() + (v.requestSlack() > 0 ? "±" : ""),
        Numbers.format(a.p50Ms()) + " → " + Numbers.format(b.p50Ms()),
        Numbers.format(a.p99Ms()) + " → " + Numbers.format(b.p99Ms()), v.verdict(), target).stripTrailing();
  }

  static String pct(double percent) {
    return String.format(Locale.ROOT, "%.1f%%", percent);
  }
}
