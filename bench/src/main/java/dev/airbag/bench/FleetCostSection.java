package dev.airbag.bench;

import dev.airbag.bench.apps.HappyPathApp;
import dev.airbag.faultserver.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the fleet costs an app's calls: openai-java's happy path with the agent, its fleet off and on (a real
 * redis-server on loopback), batch against batch in two live children, and the Redis commands one instance sends
 * meanwhile. The fleet keeps Redis off the calls' threads, so the target is a microsecond; the commands follow the
 * sync interval and the circuits held, not the call rate, which the figure shows beside the calls per second.
 */
final class FleetCostSection {
  static final String SECTION = "fleet_cost";
  static final double TARGET_US = 1.0;
  private static final String OFF = "openai+agent";
  private static final String ON = "openai+agent+fleet";

  private FleetCostSection() {
  }

  static List<Figure> run(BenchEnvironment env, BenchOptions o) throws Exception {
    Path binary = RedisServer.locate();
    if (binary == null) {
      System.err.println("fleet cost: no redis-server on this machine and it could not be installed; skipped");
      return List.of();
    }
    List<Figure> figures = new ArrayList<>();
    try (RedisServer redis = RedisServer.start(binary)) {
      System.err.println("fleet cost: openai-java with the agent, fleet off and on (Redis " + redis.url() + ")");
      int batchSize = Math.min(o.batch, o.calls);
      long commandsBefore = commandsSent(redis);
      long start = System.nanoTime();
      BatchAlternation runs = BatchAlternation.run(o.rounds, List.of(OFF, ON), v -> start(env, v, redis),
          o.warmup / batchSize, Math.max(1, o.calls / batchSize), batchSize);
      double seconds = (System.nanoTime() - start) / 1e9;
      // One fleet child at a time (one per round), so the commands over the whole run are one instance's.
      double commandsPerSecond = (commandsSent(redis) - commandsBefore) / seconds;
      for (Map<String, Double> results : runs.finals(ON)) {
        Checks.agentAttached(ON, results, true);
        Checks.equal(ON + " upstream requests per call", 1.0, results.get("upstream_requests_per_call"));
      }
      double[] us = HappyServersSection.micros(runs.pairedDifferences(OFF, ON));
      double median = Stats.median(us.clone());
      Figure added = Figure.compared(SECTION, "openai-java with the agent, fleet on vs off, median per call",
          "us/call (median)", "fleet vs none", runs.p50(OFF) / 1000, runs.p50(ON) / 1000, 1, "us/call", us.length);
      figures.add(new Figure(added.section(), added.name(), added.unit(), added.compares(), added.baseline(),
          added.measured(), added.ratio(), median, added.addedUnit(), null, null, added.samples(), null)
          .target("added <= " + TARGET_US + " us/call (median of pairs)", median <= TARGET_US)
          .note("added " + HappyServersSection.spread(us, "us") + "; calling thread's CPU added "
              + HappyServersSection.spread(HappyServersSection.micros(
                  runs.pairedDifferences(OFF, ON, BatchAlternation.Cost.THREAD_CPU_NS)), "us")
              + "; bytes allocated added, every thread, "
              + HappyServersSection.spread(runs.pairedDifferences(OFF, ON, BatchAlternation.Cost.ALL_BYTES), "B")));
      double callsPerSecond = 1e9 / runs.p50(ON);
      figures.add(Figure.alone(SECTION, "Redis commands per second from one instance (one circuit, sync every 200 ms)",
          "commands/s", commandsPerSecond, 1).note(String.format(
              "the instance calling at about %.0f calls/s during its batches; the count follows the syncs, not the"
              + " calls", callsPerSecond)));
      System.err.println("  " + figures.get(0).note() + "; " + String.format("%.1f", commandsPerSecond)
          + " Redis commands/s; by command: " + commandStats(redis));
    }
    return figures;
  }

  private static LiveChild start(BenchEnvironment env, String variant, RedisServer redis) throws Exception {
    Path dir = env.runDir(variant.replace('+', '-'));
    int port = BenchEnvironment.freePort();
    Map<String, String> settings = variant.equals(ON) ? Map.of("airbag.fleet.redis.url", redis.url()) : Map.of();
    Path config = env.agentConfig(dir, port, settings);
    return new ChildJvm(env, dir).agent(config).jvmArgs(HappyPathSection.HEAP)
        .start(env.appClasspath, HappyPathApp.class.getName(), "openai", Integer.toString(port), "fault");
  }

  /** The commands an instance sends, by name, from INFO commandstats (which also counts those its scripts run). */
  private static Map<String, Long> commandStats(RedisServer redis) throws Exception {
    Map<String, Long> stats = new java.util.TreeMap<>();
    for (String line : redis.command("INFO", "commandstats").split("\\r?\\n")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)").matcher(line);
      if (m.find() && SENT.contains(m.group(1))) {
        stats.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return stats;
  }

  /** What a client sends itself; the rest (HGET, HINCRBY, ZADD ...) run inside the two scripts. */
  private static final java.util.Set<String> SENT = java.util.Set.of("evalsha", "zrangebyscore", "script|load",
      "client|setname", "select", "auth", "hello", "ping");

  private static long commandsSent(RedisServer redis) throws Exception {
    return commandStats(redis).values().stream().mapToLong(Long::longValue).sum();
  }
}
