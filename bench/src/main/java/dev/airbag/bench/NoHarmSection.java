package dev.airbag.bench;

import dev.airbag.bench.apps.NoHarmApp;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The no-harm matrix: for each cell, the same app with its SDK alone and with Airbag at its defaults, one run
 * after the other (which goes first alternates cell by cell), each against a fresh fault server following the
 * same seeded plan. The server counts the requests; the app counts the calls it saw served. With
 * {@code --no-harm-repeat N} each cell runs N such pairs and is judged on their pooled counts: an open loop's cell
 * can land far apart from one run to the next with the same agent, and one pair judges the draw, not the rule.
 */
final class NoHarmSection {
  static final String SECTION = "no_harm";
  private static final long SEED = 20_251_112L;

  private NoHarmSection() {
  }

  static NoHarmResults run(BenchEnvironment env, BenchOptions o) throws Exception {
    List<NoHarmCell> cells = o.noHarmCells != null ? NoHarmMatrix.filter(NoHarmMatrix.full(), o.noHarmCells)
        : o.quick ? NoHarmMatrix.quick() : NoHarmMatrix.full();
    System.err.printf("no-harm matrix: %d cells, each run without and with the agent%n", cells.size());
    long start = System.nanoTime();
    List<NoHarmResults.Row> rows = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      NoHarmCell cell = cells.get(i);
      Map<Boolean, NoHarmVerdict.Side> sides = new LinkedHashMap<>();
      for (int r = 0; r < o.noHarmRepeat; r++) {
        Map<Boolean, NoHarmVerdict.Side> pair = new LinkedHashMap<>();
        for (boolean agent : (i + r) % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          pair.put(agent, runOnce(env, o, cell, agent));
          sides.merge(agent, pair.get(agent), NoHarmVerdict.Side::plus);
        }
        if (o.noHarmRepeat > 1) {
          System.err.printf("      run %d: %.1f%% -> %.1f%%, %d -> %d requests%n", r + 1,
              pair.get(false).successPercent(), pair.get(true).successPercent(), pair.get(false).requests(),
              pair.get(true).requests());
        }
      }
      NoHarmResults.Row row = new NoHarmResults.Row(cell, sides.get(false), sides.get(true),
          NoHarmVerdict.judge(cell, sides.get(false), sides.get(true)));
      rows.add(row);
      System.err.printf("  [%d/%d %.0f s] %s%n", i + 1, cells.size(), (System.nanoTime() - start) / 1e9,
          NoHarmTable.line(row));
    }
    return new NoHarmResults(rows, (System.nanoTime() - start) / 1e9, o.noHarmCalls, o.noHarmRate,
        o.noHarmSeconds);
  }

  private static NoHarmVerdict.Side runOnce(BenchEnvironment env, BenchOptions o, NoHarmCell cell, boolean agent)
      throws Exception {
    Path dir = env.runDir("no-harm");
    boolean open = cell.load().equals("open");
    int calls = open ? (int) Math.round(o.noHarmRate * o.noHarmSeconds) : o.noHarmCalls;
    // Both runs of a cell follow the same plan from the same seed, on a fresh server whose indices start at 0.
    try (FaultServer server = FaultServer.start(); FaultServer warmup = FaultServer.start()) {
      server.plan(FaultPlans.forModel(cell.primaryModel(), cell.pattern().plan().apply(SEED)));
      Path config = agent ? env.agentConfig(dir, server.port(), agentSettings(cell, server.port())) : null;
      Map<String, Double> r = new ChildJvm(env, dir).agent(config).jvmArgs(HappyPathSection.HEAP)
          .timeout(Duration.ofMinutes(8)).run(env.appClasspath, NoHarmApp.class.getName(), cell.client(),
              cell.load(), server.baseUrl(), cell.primaryModel(), Integer.toString(calls),
              Double.toString(o.noHarmRate), Integer.toString(open ? 90 : 300), warmup.baseUrl());
      Checks.agentAttached(cell.id(), r, agent);
      return new NoHarmVerdict.Side(r.get("calls").intValue(), r.get("ok").intValue(), server.requestCount(),
          r.get("latency.p50_ns") / 1e6, r.get("latency.p99_ns") / 1e6);
    }
  }

  /** Airbag at its defaults: only where the provider is (both wire formats) and, in a fallback cell, the chain. */
  private static Map<String, String> agentSettings(NoHarmCell cell, int port) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("airbag.endpoint.bench-anthropic.url", "http://127.0.0.1:" + port + "/v1/messages");
    settings.put("airbag.endpoint.bench-anthropic.provider", "anthropic");
    if (cell.fallback()) {
      settings.put("airbag.fallback." + cell.primaryModel(), cell.fallbackModel());
    }
    return settings;
  }

  /** The section's lines in the main figures table: how many cells met the invariant and their targets. */
  static List<Figure> figures(NoHarmResults results) {
    List<NoHarmResults.Row> rows = results.rows();
    long passed = rows.stream().filter(r -> !r.verdict().failed()).count();
    long withTarget = rows.stream().filter(r -> r.verdict().targetMet() != null).count();
    long targetsMet = rows.stream().filter(r -> Boolean.TRUE.equals(r.verdict().targetMet())).count();
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.alone(SECTION, "cells meeting the invariant (success >= SDK alone - 1 pp, requests <= it)",
        "cells", passed, rows.size()).target("all " + rows.size(), passed == rows.size()));
    if (withTarget > 0) {
      figures.add(Figure.alone(SECTION, "cells meeting their target (outage: <= 10% of requests; fallback: 100%)",
          "cells", targetsMet, (int) withTarget).target("all " + withTarget, targetsMet == withTarget));
    }
    return figures;
  }
}
