package dev.airbag.bench;

import java.util.Locale;

/** Renders the no-harm matrix as a section of {@code RESULTS.md}, linking its chart. Stateless. */
final class NoHarmMarkdown {
  private NoHarmMarkdown() {
  }

  static String render(NoHarmResults results, String chartFile) {
    long failed = results.rows().stream().filter(r -> r.verdict().failed()).count();
    long missed = results.rows().stream().filter(r -> Boolean.FALSE.equals(r.verdict().targetMet())).count();
    StringBuilder md = new StringBuilder();
    md.append("\n## Do no harm\n\n")
        .append("Each cell runs the same app twice, with its SDK alone and with Airbag at its defaults (only the ")
        .append("loopback endpoint declared and, in a fallback cell, the chain), one after the other against a ")
        .append("fresh fault server following the same seeded plan; the plan fails the primary model only, a ")
        .append("fallback model stays healthy. Closed loop: ").append(results.closedCalls())
        .append(" calls one after another, all with the same prompt. Open loop: ")
        .append(String.format(Locale.ROOT, "%.0f calls a second for %.0f s", results.openRate(),
            results.openSeconds()))
        .append(" from a pool of 64 threads, each with its own prompt; a call's time counts from its arrival. ")
        .append("**PASS**: success with Airbag >= without minus 1 pp, and upstream requests with <= without; ")
        .append("**BETTER**: also more than 1 pp more success or fewer requests. Requests are compared exactly ")
        .append("where both runs meet the same faults for the same attempts; in a timed cell (marked ±) the ")
        .append("SDK's own jitter moves an attempt or two across a window's edge between any two runs, so 3% ")
        .append("(at least 2 requests) is allowed. ")
        .append(String.format(Locale.ROOT, "%d of %d cells fail the invariant, %d miss a target; %.0f s in all.",
            failed, results.rows().size(), missed, results.seconds()))
        .append("\n\n![no-harm matrix: success and upstream requests, without and with Airbag](").append(chartFile)
        .append(")\n\n")
        .append("| app | load | fault pattern | fallback | success without → with | requests without → with ")
        .append("| p50 ms | p99 ms | verdict | target |\n")
        .append("|---|---|---|---|---:|---:|---:|---:|---|---|\n");
    for (NoHarmResults.Row row : results.rows()) {
      NoHarmCell c = row.cell();
      NoHarmVerdict v = row.verdict();
      md.append("| ").append(c.client()).append(" | ").append(c.load()).append(" | ").append(c.pattern().id())
          .append(" | ").append(c.fallback() ? "healthy" : "none").append(" | ")
          .append(NoHarmTable.pct(row.without().successPercent())).append(" → ")
          .append(NoHarmTable.pct(row.with().successPercent())).append(" | ")
          .append(row.without().requests()).append(" → ").append(row.with().requests())
          .append(v.requestSlack() > 0 ? " ±" : "").append(" | ")
          .append(Numbers.format(row.without().p50Ms())).append(" → ").append(Numbers.format(row.with().p50Ms()))
          .append(" | ").append(Numbers.format(row.without().p99Ms())).append(" → ")
          .append(Numbers.format(row.with().p99Ms())).append(" | ")
          .append(v.failed() ? "**FAIL**" : v.verdict()).append(" | ")
          .append(v.target() == null ? "" : v.target().replace("<", "&lt;") + ": " + (v.targetMet() ? "met" : "**missed**"))
          .append(" |\n");
    }
    md.append("\nFault patterns: ");
    FaultPattern.ALL.forEach(p -> md.append("`").append(p.id()).append("` ").append(p.description()).append("; "));
    md.setLength(md.length() - 2);
    md.append(". Reproduce: `./bench.sh --only no-harm` (the whole matrix), `--quick` for a handful of cells, ")
        .append("`--no-harm-cells REGEX` for the cells whose id matches (e.g. `anthropic-java/closed/random`).\n");
    return md.toString();
  }
}
