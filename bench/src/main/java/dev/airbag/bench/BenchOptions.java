package dev.airbag.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's flags, each with a default that keeps {@code ./bench.sh} within a few minutes on 2 cores.
 * {@code --quick} shrinks every count for a smoke run. Immutable once parsed.
 */
public final class BenchOptions {
  static final Set<String> SECTIONS = Set.of("happy", "servers", "fleet", "startup", "failure", "engine", "export",
      "no-harm", "storm");
  /** The clients of the servers and start-up sections, by {@code Workload.named}'s names. */
  static final List<String> CLIENTS = List.of("openai", "anthropic", "langchain4j", "apache5", "apache5async",
      "apache4", "reactornetty", "urlconnection", "urlconnection-buffered");
  private static final Set<String> FLAGS = Set.of("clients", "profile-calls", "calls", "batch", "warmup", "rounds", "startup-runs",
      "demo-runs", "failure-calls", "engine-calls", "threads-seconds", "export-events", "no-harm-calls",
      "no-harm-rate", "no-harm-seconds", "no-harm-cells", "no-harm-repeat", "storm-runs", "storm-processes", "only",
      "out", "quick", "attached", "unpinned", "one-cpu", "help");
  private static final String USAGE = "flags: --calls N (20000 per JVM) --batch N (1000)"
      + " --warmup N (10000; at least: it goes on while a child's JIT is busy, up to ten times N; 0: none)"
      + " --rounds N (3) --startup-runs N (10) --demo-runs N (5; 0 skips)"
      + " --failure-calls N (20000) --engine-calls N (200000) --threads-seconds S (2) --export-events N (200000)"
      + " --no-harm-calls N (40, closed loop) --no-harm-rate R (20 calls/s, open loop) --no-harm-seconds S (8)"
      + " --no-harm-cells REGEX (cells of the whole matrix whose id matches; --quick: a handful)"
      + " --no-harm-repeat N (1; pairs of runs per cell, judged on their pooled counts)"
      + " --storm-runs N (3; runs of each variant and storm of the storm's processes part, judged on their pooled"
      + " counts; --quick leaves the part out) --storm-processes reject,queue (the storms it runs with processes)"
      + " --clients " + String.join(",", CLIENTS) + " (the servers and start-up sections' clients; all by default)"
      + " --profile-calls N (50000; calls of the servers section's profiled child per client and server, 0 skips)"
      + " --attached (the servers section adds a third child: the agent attached, no endpoint matching its calls)"
      + " --unpinned (the happy and servers sections' children run on any CPU)"
      + " --one-cpu (those sections' loopback servers run on the clients' CPU, not on another)"
      + " --only happy,servers,fleet,startup,failure,engine,export,no-harm,storm --out DIR (bench/results) --quick";

  final int calls;
  final int batch;
  final int warmup;
  final int rounds;
  final int startupRuns;
  final int demoRuns;
  final int failureCalls;
  final int engineCalls;
  final double threadsSeconds;
  final int exportEvents;
  final int noHarmCalls;
  final double noHarmRate;
  final double noHarmSeconds;
  final String noHarmCells;
  final int noHarmRepeat;
  final int stormRuns;
  final List<String> stormProcesses;
  final Set<String> only;
  final List<String> clients;
  final int profileCalls;
  /** The servers section's third child, which tells what being attached costs from what handling a call costs. */
  final boolean attached;
  /** The happy and servers sections' children run where the scheduler puts them ({@link CpuPinning}). */
  final boolean unpinned;
  /** The happy and servers sections' loopback servers share the clients' CPU ({@link CpuPinning}). */
  final boolean oneCpu;
  final Path out;
  final boolean quick;

  private BenchOptions(Map<String, String> flags) {
    quick = flags.containsKey("quick");
    calls = integer(flags, "calls", quick ? 300 : 20_000);
    batch = integer(flags, "batch", quick ? 100 : 1_000);
    warmup = integer(flags, "warmup", quick ? 200 : 10_000);
    rounds = integer(flags, "rounds", quick ? 1 : 3);
    startupRuns = integer(flags, "startup-runs", quick ? 1 : 10);
    demoRuns = integer(flags, "demo-runs", quick ? 1 : 5);
    failureCalls = integer(flags, "failure-calls", quick ? 300 : 20_000);
    engineCalls = integer(flags, "engine-calls", quick ? 5_000 : 200_000);
    threadsSeconds = Double.parseDouble(flags.getOrDefault("threads-seconds", quick ? "0.2" : "2"));
    exportEvents = integer(flags, "export-events", quick ? 2_000 : 200_000);
    // Closed loop keeps 40 calls in --quick too: the burst of 60 failed requests needs them.
    noHarmCalls = integer(flags, "no-harm-calls", 40);
    noHarmRate = Double.parseDouble(flags.getOrDefault("no-harm-rate", quick ? "10" : "20"));
    noHarmSeconds = Double.parseDouble(flags.getOrDefault("no-harm-seconds", quick ? "5" : "8"));
    noHarmCells = flags.get("no-harm-cells");
    noHarmRepeat = integer(flags, "no-harm-repeat", 1);
    if (noHarmRepeat < 1) {
      throw new IllegalArgumentException("--no-harm-repeat must be at least 1; " + USAGE);
    }
    stormRuns = integer(flags, "storm-runs", 3);
    if (stormRuns < 1) {
      throw new IllegalArgumentException("--storm-runs must be at least 1; " + USAGE);
    }
    stormProcesses = List.of(flags.getOrDefault("storm-processes", "reject,queue").split(","));
    for (String storm : stormProcesses) {
      if (StormProcessStorm.ALL.stream().noneMatch(s -> s.id().equals(storm))) {
        throw new IllegalArgumentException("unknown storm " + storm + " for --storm-processes; " + USAGE);
      }
    }
    only = flags.containsKey("only") ? Set.of(flags.get("only").split(",")) : SECTIONS;
    clients = flags.containsKey("clients") ? List.of(flags.get("clients").split(",")) : CLIENTS;
    for (String client : clients) {
      if (!CLIENTS.contains(client)) {
        throw new IllegalArgumentException("unknown client " + client + " for --clients; " + USAGE);
      }
    }
    profileCalls = integer(flags, "profile-calls", quick ? 300 : 50_000);
    if (profileCalls < 0) {
      throw new IllegalArgumentException("--profile-calls must be 0 or more; " + USAGE);
    }
    attached = flags.containsKey("attached");
    unpinned = flags.containsKey("unpinned");
    oneCpu = flags.containsKey("one-cpu");
    if (unpinned && oneCpu) {
      throw new IllegalArgumentException("--unpinned and --one-cpu exclude each other; " + USAGE);
    }
    out = Path.of(flags.getOrDefault("out", "bench/results"));
    for (String section : only) {
      if (!SECTIONS.contains(section)) {
        throw new IllegalArgumentException("unknown section " + section + "; " + USAGE);
      }
    }
  }

  /** Parses {@code --name value} pairs and the bare {@code --quick}; anything else is an error naming the flags. */
  public static BenchOptions parse(String... args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i] + "; " + USAGE);
      }
      String name = args[i].substring(2);
      if (!FLAGS.contains(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + "; " + USAGE);
      }
      if (name.equals("quick") || name.equals("attached") || name.equals("unpinned") || name.equals("one-cpu")
          || name.equals("help")) {
        flags.put(name, "");
      } else if (i + 1 < args.length) {
        flags.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("flag --" + name + " needs a value; " + USAGE);
      }
    }
    if (flags.containsKey("help")) {
      throw new IllegalArgumentException(USAGE);
    }
    return new BenchOptions(flags);
  }

  boolean runs(String section) {
    return only.contains(section);
  }

  /** The options as they were in force, for the results file. */
  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("calls", calls);
    map.put("batch", batch);
    map.put("warmup", warmup);
    map.put("rounds", rounds);
    map.put("startup_runs", startupRuns);
    map.put("demo_runs", demoRuns);
    map.put("failure_calls", failureCalls);
    map.put("engine_calls", engineCalls);
    map.put("threads_seconds", threadsSeconds);
    map.put("export_events", exportEvents);
    map.put("no_harm_calls", noHarmCalls);
    map.put("no_harm_rate", noHarmRate);
    map.put("no_harm_seconds", noHarmSeconds);
    map.put("no_harm_cells", noHarmCells);
    map.put("no_harm_repeat", noHarmRepeat);
    map.put("storm_runs", stormRuns);
    map.put("storm_processes", String.join(",", stormProcesses));
    map.put("clients", String.join(",", clients));
    map.put("profile_calls", profileCalls);
    map.put("attached", attached);
    map.put("unpinned", unpinned);
    map.put("one_cpu", oneCpu);
    map.put("quick", quick);
    return map;
  }

  private static int integer(Map<String, String> flags, String name, int dflt) {
    String value = flags.get(name);
    try {
      return value == null ? dflt : Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a whole number, was " + value);
    }
  }
}
