package dev.airbag.bench;

import dev.airbag.bench.apps.HappyPathApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The happy path of every client on more than one server: openai-java, anthropic-java, LangChain4j (java.net.http)
 * and hand-written Apache HttpClient 5 (classic and async), 4.5, Reactor Netty and HttpURLConnection calls
 * against the project's fault server and against the JDK's {@code com.sun.net.httpserver} answering OpenAI's and
 * Anthropic's full header sets, so that a cost that shows only with real responses cannot hide. Each batch of the
 * agent's child is paired with the batch of the child without it that ran next to it; the figure is the median of
 * the pairs' differences, with their spread, not the best run. Both children run on one CPU and their loopback
 * servers on another ({@link CpuPinning}; {@code --one-cpu} keeps the servers with them, {@code --unpinned} lets
 * everything roam), and the voluntary context switches per call of every thread but the servers' are counted beside
 * the times, so that a thread hop the pinning could hide still shows.
 */
final class HappyServersSection {
  static final String SECTION = "happy_servers";
  static final double TARGET_US = 5.0;
  /** The variant suffix of {@code --attached}'s child. */
  private static final String ATTACHED = "+attached";
  private static final List<String> SERVERS = List.of("fault", "jdk");

  private HappyServersSection() {
  }

  static List<Figure> run(BenchEnvironment env, BenchOptions o) throws Exception {
    List<Figure> figures = new ArrayList<>();
    CpuPinning pinning = CpuPinning.chosenBy(o);
    System.err.println("happy path on the servers: " + pinning.description());
    for (String server : SERVERS) {
      for (String client : o.clients) {
        System.err.printf("happy path on the %s server: %s, without and with the agent%n", server, client);
        int batchSize = Math.min(o.batch, o.calls);
        List<String> variants = o.attached ? List.of(client, client + "+agent", client + ATTACHED)
            : List.of(client, client + "+agent");
        BatchAlternation runs = BatchAlternation.run(o.rounds, variants,
            v -> start(env, v, server, pinning), o.warmup / batchSize, Math.max(1, o.calls / batchSize), batchSize);
        for (String withAgent : variants.subList(1, variants.size())) {
          for (Map<String, Double> results : runs.finals(withAgent)) {
            Checks.agentAttached(withAgent, results, true);
            Checks.equal(withAgent + " upstream requests per call", 1.0, results.get("upstream_requests_per_call"));
          }
        }
        if (pinning.serverCpu() >= 0) {
          for (String variant : variants) {
            for (Map<String, Double> results : runs.finals(variant)) {
              Checks.serversApart(variant, pinning.serverCpu(), results);
            }
          }
        }
        if (o.attached) {
          Figure attached = attachedFigure(runs, client, server);
          figures.add(attached);
          System.err.println("  attached, no endpoint matching: " + attached.note());
        }
        Figure figure = figure(runs, client, server, pinning);
        if (server.equals("jdk")) {
          // A pooled client opens one connection for all its calls: more would be a cost no header explains.
          figure = figure.note(figure.note() + String.format("; connections per 10,000 calls %.1f without, %.1f with",
              10_000 * runs.finalMedian(client, "connections_per_call"), 10_000 * runs.finalMedian(client + "+agent",
              "connections_per_call")));
        }
        figures.add(figure);
        System.err.println("  " + figure.note());
        List<Figure> costs = costs(runs, client, server, pinning);
        figures.addAll(costs);
        Figure jit = jit(runs, client, server);
        if (jit != null) {
          figures.add(jit);
          System.err.println("  " + jit.name() + ": " + jit.note());
        }
        System.err.println("  calling thread's CPU " + costs.get(0).note() + "\n  bytes allocated " + costs.get(1).note()
            + (costs.size() > 2 ? "\n  voluntary context switches " + costs.get(2).note() : ""));
        if (o.profileCalls > 0) {
          Figure own = ownFrames(env, o, client, server, pinning);
          if (own != null) {
            figures.add(own);
            System.err.println("  " + own.name() + ": " + own.note());
          }
        }
      }
    }
    return figures;
  }

  /**
   * The third child's figure ({@code --attached}): the agent attached with no endpoint that matches the calls, so that
   * none reaches the engine. Beside the full agent's, it tells what being attached costs (the instrumentation, its
   * classes, its threads) from what handling a call costs. No target: the target is the full agent's.
   */
  private static Figure attachedFigure(BatchAlternation runs, String client, String server) {
    double[] us = micros(runs.pairedDifferences(client, client + ATTACHED));
    return medianOfPairs(runs, client, client + ATTACHED, us,
        client + " on the " + server + " server, agent attached with no endpoint matching, median per call",
        "attached vs none")
        .note("added " + spread(us, "us") + "; " + perRound(us, runs.warmups().size(), "us"));
  }

  private static Figure figure(BatchAlternation runs, String client, String server, CpuPinning pinning) {
    double[] us = micros(runs.pairedDifferences(client, client + "+agent"));
    String spread = "added " + spread(us, "us") + "; " + perRound(us, runs.warmups().size(), "us")
        + "; CPU per call (all threads) added " + spread(micros(runs.pairedCpuDifferences(client, client + "+agent")),
        "us") + "; " + pinning.description();
    Figure figure = medianOfPairs(runs, client, client + "+agent", us,
        client + " on the " + server + " server, median per call", "agent vs none");
    return figure.target("added <= " + TARGET_US + " us/call (median of pairs)", figure.added() <= TARGET_US)
        .note(spread);
  }

  /**
   * {@code variant}'s median call time beside {@code base}'s, its added µs being the median of the pairs' differences
   * {@code us}: the target is on that, not on the difference of the two medians.
   */
  private static Figure medianOfPairs(BatchAlternation runs, String base, String variant, double[] us, String name,
      String compares) {
    Figure figure = Figure.compared(SECTION, name, "us/call (median)", compares, runs.p50(base) / 1000,
        runs.p50(variant) / 1000, 1, "us/call", us.length);
    return new Figure(figure.section(), figure.name(), figure.unit(), figure.compares(), figure.baseline(),
        figure.measured(), figure.ratio(), Stats.median(us.clone()), figure.addedUnit(), null, null,
        figure.samples(), null);
  }

  /**
   * What the agent costs once, before the per-call figures start: the JIT's compile time until both children went
   * quiet, median over rounds. Null when a child does not report it.
   */
  private static Figure jit(BatchAlternation runs, String client, String server) {
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<Integer> calls = new ArrayList<>();
    int quiet = 0;
    for (BatchAlternation.Warmup warmup : runs.warmups()) {
      long a = warmup.jitNanos.get(client);
      long b = warmup.jitNanos.get(client + "+agent");
      if (a < 0 || b < 0) {
        return null;
      }
      without.add(a / 1e6);
      with.add(b / 1e6);
      calls.add(warmup.calls);
      quiet += warmup.quiet ? 1 : 0;
    }
    Figure figure = Figure.compared(SECTION, client + " on the " + server + " server, JIT compile time until quiet",
        "ms (median)", "agent vs none", BatchAlternation.median(without), BatchAlternation.median(with), 1, "ms",
        without.size());
    return figure.note(String.format("warm-up calls per child %s; JIT quiet (compiling under %.0f%% of %d batches)"
        + " in %d of %d rounds; the per-call figures are measured after it", calls, 100 * JitQuiet.SHARE,
        JitQuiet.TURNS, quiet, runs.warmups().size()));
  }

  /**
   * Airbag's own CPU per call from a profile: one more child with the agent, warmed up as the paired ones, makes
   * {@code --profile-calls} calls under async-profiler; the share of its samples in Airbag's own frames
   * ({@code OwnFrames}) times the CPU per call it measured over those calls. A share of samples holds still where
   * a difference of two timings moves with the machine, and names what is Airbag's rather than the client's. Null,
   * said on stderr, where the profiler cannot run.
   */
  private static Figure ownFrames(BenchEnvironment env, BenchOptions o, String client, String server,
      CpuPinning pinning) throws Exception {
    String[] answer;
    try (LiveChild child = start(env, client + "+agent", server, pinning)) {
      BatchAlternation.warmAlone(child, Math.max(1, o.warmup), Math.min(o.batch, Math.max(1, o.warmup)));
      answer = child.ask("profile " + o.profileCalls, "PROFILE ").split(" ");
      child.end();
    }
    if (answer[1].equals("unavailable")) {
      System.err.println("  no profile: async-profiler cannot run here (" + answer[2] + ")");
      return null;
    }
    double callingOwn = Double.parseDouble(answer[1]);
    double callingAll = Double.parseDouble(answer[2]);
    double everyOwn = Double.parseDouble(answer[3]);
    double everyAll = Double.parseDouble(answer[4]);
    double everyCpuUs = Double.parseDouble(answer[5]) / 1000;
    double callingCpuUs = Double.parseDouble(answer[6]) / 1000;
    double callingShare = callingAll == 0 ? 0 : callingOwn / callingAll;
    double everyShare = everyAll == 0 ? 0 : everyOwn / everyAll;
    Figure figure = Figure.alone(SECTION, client + " on the " + server + " server, Airbag's own CPU per call (profile)",
        "us/call", callingShare * callingCpuUs, (int) callingAll);
    return figure.note(String.format("calling thread: %.1f%% of its %d samples x %.1f us of CPU per call = %.2f us;"
        + " every thread: %.1f%% of %d samples x %.1f us = %.2f us; %d calls", 100 * callingShare, (long) callingAll,
        callingCpuUs, callingShare * callingCpuUs, 100 * everyShare, (long) everyAll, everyCpuUs,
        everyShare * everyCpuUs, o.profileCalls));
  }

  /**
   * What the agent adds to each call as counted, not timed: the calling thread's CPU time and the bytes it and every
   * thread allocate per call ({@code com.sun.management.ThreadMXBean}), paired batch by batch like the times. Counters
   * of this JVM's own work, they move far less than wall time with what else the machine runs.
   */
  private static List<Figure> costs(BatchAlternation runs, String client, String server,
      CpuPinning pinning) {
    String agent = client + "+agent";
    double[] cpu = micros(runs.pairedDifferences(client, agent, BatchAlternation.Cost.THREAD_CPU_NS));
    double[] threadBytes = runs.pairedDifferences(client, agent, BatchAlternation.Cost.THREAD_BYTES);
    double[] allBytes = runs.pairedDifferences(client, agent, BatchAlternation.Cost.ALL_BYTES);
    String where = client + " on the " + server + " server, ";
    Figure cpuFigure = Figure.compared(SECTION, where + "calling thread's CPU per call", "us/call (median)",
        "agent vs none", runs.median(client, BatchAlternation.Cost.THREAD_CPU_NS) / 1000,
        runs.median(agent, BatchAlternation.Cost.THREAD_CPU_NS) / 1000, 1, "us/call", cpu.length);
    Figure bytesFigure = Figure.compared(SECTION, where + "bytes allocated per call, every thread", "B/call (median)",
        "agent vs none", runs.median(client, BatchAlternation.Cost.ALL_BYTES),
        runs.median(agent, BatchAlternation.Cost.ALL_BYTES), 1, "B/call", allBytes.length);
    List<Figure> figures = new ArrayList<>(List.of(withAdded(cpuFigure, Stats.median(cpu.clone())).note("added "
        + spread(cpu, "us") + "; " + perRound(cpu, runs.warmups().size(), "us")),
        withAdded(bytesFigure, Stats.median(allBytes.clone())).note("added " + spread(allBytes, "B")
            + " on every thread, " + spread(threadBytes, "B") + " on the calling thread")));
    if (runs.has(client, BatchAlternation.Cost.SWITCHES) && runs.has(agent, BatchAlternation.Cost.SWITCHES)) {
      double[] switches = runs.pairedDifferences(client, agent, BatchAlternation.Cost.SWITCHES);
      // With the servers on a CPU of their own, their threads' switches are left out: the JDK server's dispatcher woke
      // 3.0 times per call in one JVM and 4.0 in the next, agent or not, which would pass for a hop of Airbag's.
      String threads = pinning.serverCpu() >= 0 ? "every thread but the servers'" : "every thread";
      Figure switchFigure = Figure.compared(SECTION, where + "voluntary context switches per call, " + threads,
          "switches/call (median)", "agent vs none", runs.median(client, BatchAlternation.Cost.SWITCHES),
          runs.median(agent, BatchAlternation.Cost.SWITCHES), 1, "switches/call", switches.length);
      // A thread hop of Airbag's in each call would be one more switch per call; the cells move by up to a tenth.
      double added = Stats.median(switches.clone());
      figures.add(withAdded(switchFigure, added).target("added < 0.5 switches/call (no thread hop)", added < 0.5)
          .note("added " + spread(switches, "switches") + "; a thread hop added to each call would count +1"));
    }
    return figures;
  }

  /** The figure with "added" set to the median of pairs, the measure this section reports throughout. */
  private static Figure withAdded(Figure f, double added) {
    return new Figure(f.section(), f.name(), f.unit(), f.compares(), f.baseline(), f.measured(), f.ratio(), added,
        f.addedUnit(), null, null, f.samples(), null);
  }

  /** "+m us/call, median of n pairs; quartiles a to b, range c to d". */
  static String spread(double[] values, String unit) {
    if (values.length == 0) {
      return "(not reported)";
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    String number = unit.equals("B") ? "%+.0f" : unit.equals("switches") ? "%+.2f" : "%+.1f";
    return String.format(number + " " + unit + "/call, median of %d pairs; quartiles " + number + " to " + number
        + ", range " + number + " to " + number, Stats.median(values.clone()), values.length, quantile(sorted, 0.25),
        quantile(sorted, 0.75), sorted[0], sorted[sorted.length - 1]);
  }

  /**
   * "median per round (fresh JVMs) +a, +b": the pairs come round after round, as many per round. A round's JVMs
   * compile the same code differently, so rounds can disagree by more than a round's pairs spread; a cell whose
   * rounds disagree is decided by neither.
   */
  static String perRound(double[] values, int rounds, String unit) {
    if (rounds < 2 || values.length < rounds) {
      return "one round";
    }
    String number = unit.equals("B") ? "%+.0f" : unit.equals("switches") ? "%+.2f" : "%+.1f";
    int perRound = values.length / rounds;
    StringBuilder text = new StringBuilder("median per round (fresh JVMs)");
    for (int round = 0; round < rounds; round++) {
      double[] own = Arrays.copyOfRange(values, round * perRound, (round + 1) * perRound);
      text.append(round == 0 ? " " : ", ").append(String.format(number, Stats.median(own)));
    }
    return text.toString();
  }

  static double[] micros(double[] nanos) {
    double[] us = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      us[i] = nanos[i] / 1000;
    }
    return us;
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  private static LiveChild start(BenchEnvironment env, String variant, String server, CpuPinning pinning)
      throws Exception {
    String workload = variant.replace("+agent", "").replace(ATTACHED, "");
    Path dir = env.runDir(workload + "-" + server);
    int port = BenchEnvironment.freePort();
    // --attached's child names a port that nothing of it calls: every call passes the agent untouched.
    int endpoints = variant.endsWith(ATTACHED) ? BenchEnvironment.freePort() : port;
    Path config = variant.equals(workload) ? null : env.agentConfig(dir, endpoints, Map.of(
        "airbag.endpoint.bench-anthropic.url", "http://127.0.0.1:" + endpoints + "/v1/messages",
        "airbag.endpoint.bench-anthropic.provider", "anthropic"));
    return new ChildJvm(env, dir).pinned(pinning).agent(config).jvmArgs(HappyPathSection.HEAP)
        .start(env.appClasspath, HappyPathApp.class.getName(), workload, Integer.toString(port), server,
            Integer.toString(pinning.serverCpu()));
  }
}
