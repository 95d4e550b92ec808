package dev.airbag.bench;

import java.io.PrintStream;
import java.util.List;

/** Prints the figures as a table for a terminal, one block per section. Stateless. */
final class ResultsTable {
  private static final String ROW = "%-62s %12s %12s %7s %12s  %-24s %s%n";

  private ResultsTable() {
  }

  static void print(List<Figure> figures, PrintStream out) {
    String section = null;
    for (Figure f : figures) {
      if (!f.section().equals(section)) {
        section = f.section();
        out.printf("%n== %s%n", section);
        out.printf(ROW, "figure [unit]", "without", "with", "ratio", "added", "target", "met");
      }
      out.printf(ROW, f.name() + " [" + f.unit() + "]", Numbers.format(f.baseline()), Numbers.format(f.measured()),
          Numbers.ratio(f.ratio()), f.added() == null ? "" : Numbers.signed(f.added()) + " " + f.addedUnit(),
          f.target() == null ? "" : f.target(), Numbers.met(f.met()));
      if (f.compares() != null && !f.compares().equals("agent vs none")) {
        out.printf("    (%s)%n", f.compares());
      }
      if (f.note() != null) {
        out.printf("    %s%n", f.note());
      }
    }
  }
}
