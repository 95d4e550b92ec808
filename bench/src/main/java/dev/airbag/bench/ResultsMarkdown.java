package dev.airbag.bench;

import java.util.List;
import java.util.Map;

/**
 * Renders {@code RESULTS.md}: the figures as a markdown table, the machine they were measured on and how to
 * reproduce them, for the README. Stateless.
 */
final class ResultsMarkdown {
  private ResultsMarkdown() {
  }

  static String render(List<Figure> figures, Map<String, Object> machine, String command) {
    StringBuilder md = new StringBuilder();
    md.append("## What it costs\n\n")
        .append("Measured by `").append(command).append("` on ").append(machine.get("cores")).append(" cores (")
        .append(machine.get("cpu")).append("), ").append(machine.get("java")).append(", load average at start ")
        .append(machine.get("load_average_at_start")).append(". Every comparison runs child JVMs without and ")
        .append("with `-javaagent` (same JDK, same flags). Happy path: the JVMs stay alive side by side and take ")
        .append("turns, batch by batch (A, B, A, B, order rotated every batch), after warm-up batches; each figure is ")
        .append("the median over all batches of the batch median, over several rounds of fresh JVMs. Start-up and ")
        .append("failure path: fresh JVMs alternating run by run; medians over the runs. The cores are shared with ")
        .append("other work, so ratios near 1 carry a few percent of noise (a ratio below 1 is noise).\n\n")
        .append("| figure | unit | without agent | with agent | ratio | added | target | met |\n")
        .append("|---|---|---:|---:|---:|---:|---|---|\n");
    for (Figure f : figures) {
      String name = f.name() + (f.compares() != null && !f.compares().equals("agent vs none")
          ? " (" + f.compares() + ")" : "") + (f.note() != null ? "; " + f.note() : "");
      md.append("| ").append(name.replace("|", "\\|")).append(" | ").append(f.unit()).append(" | ")
          .append(Numbers.format(f.baseline())).append(" | ").append(Numbers.format(f.measured())).append(" | ")
          .append(Numbers.ratio(f.ratio())).append(" | ")
          .append(f.added() == null ? "" : Numbers.signed(f.added()) + " " + f.addedUnit()).append(" | ")
          .append(f.target() == null ? "" : f.target().replace("<", "&lt;")).append(" | ")
          .append(Numbers.met(f.met())).append(" |\n");
    }
    md.append("\nReproduce: `./bench.sh` (builds what is missing, then about 5 minutes on 2 cores); ")
        .append("`./bench.sh --calls 100000 --rounds 5` for tighter figures, `./bench.sh --quick` for a smoke run, ")
        .append("`./bench.sh --help` for every flag. Machine-readable: `bench/results/benchmark-results.json`.\n");
    return md.toString();
  }
}
