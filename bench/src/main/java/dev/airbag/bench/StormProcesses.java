package dev.airbag.bench;

import dev.airbag.bench.apps.StormApp;
import dev.airbag.faultserver.CapacityPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.faultserver.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The fleet storm with real processes (part of {@code --only storm}, left out under {@code --quick}): four child
 * JVMs of openai-java at its defaults ({@link StormApp}), with the packaged agent or without, in an open loop at 70%
 * of the capacity of one loopback fault server ({@link FaultPlans#capacity}: 20 slots of 1 s, requests beyond them
 * turned away at once with the overloaded answer), which keeps half its slots from 7 s to 13 s of a 20 s run. The
 * variants ({@link StormProcessVariant}) run one after the other, each against a fresh server (and, as a fleet, a
 * fresh {@code redis-server}); with several runs the order turns round every other run. Not thread-safe.
 */
final class StormProcesses {
  static final int INSTANCES = 4;
  static final int SLOTS = 20;
  static final Duration SERVICE = Duration.ofSeconds(1);
  static final double RATE_PER_INSTANCE = 3.5;
  static final int SECONDS = 20;
  static final int DROP_FROM_S = 7;
  static final int DROP_TO_S = 13;
  static final double SHARE_LEFT = 0.5;
  /** How long an instance waits for its last calls after its last arrival; later ones count as failed. */
  static final int DRAIN_SECONDS = 10;
  private static final String MODEL = "gpt-4o";

  private StormProcesses() {
  }

  /** Every run of every variant, in the order they ran. */
  record Results(List<StormProcessRun> runs) {
    List<StormProcessRun> of(StormProcessVariant variant) {
      return runs.stream().filter(r -> r.variant() == variant).toList();
    }

    double[] answeredPercent(StormProcessVariant variant) {
      return of(variant).stream().mapToDouble(StormProcessRun::answeredPercent).toArray();
    }

    double[] requestsPerCall(StormProcessVariant variant) {
      return of(variant).stream().mapToDouble(StormProcessRun::requestsPerCall).toArray();
    }
  }

  static Results run(BenchEnvironment env, BenchOptions o) throws Exception {
    Path redis = RedisServer.locate();
    System.err.printf(Locale.ROOT, "storm, processes: %d child JVMs of openai-java at %.1f calls/s each against %d "
        + "slots of %d ms, %.0f%% of them left from %d s to %d s of %d s; %d run(s) per variant; load average %s%n",
        INSTANCES, RATE_PER_INSTANCE, SLOTS, SERVICE.toMillis(), 100 * SHARE_LEFT, DROP_FROM_S, DROP_TO_S, SECONDS,
        o.stormRuns, Machine.loadAverage());
    List<StormProcessRun> runs = new ArrayList<>();
    for (int r = 0; r < o.stormRuns; r++) {
      List<StormProcessVariant> order = new ArrayList<>(List.of(StormProcessVariant.values()));
      if (r % 2 == 1) {
        Collections.reverse(order);
      }
      for (StormProcessVariant variant : order) {
        if (variant.fleet && redis == null) {
          System.err.println("  " + variant.id + ": no redis-server on this machine and it could not be installed; skipped");
          continue;
        }
        StormProcessRun run = runOnce(env, variant, redis);
        runs.add(run);
        print(run);
      }
    }
    return new Results(runs);
  }

  private static StormProcessRun runOnce(BenchEnvironment env, StormProcessVariant variant, Path redisBinary)
      throws Exception {
    try (FaultServer server = FaultServer.start(); FaultServer warmup = FaultServer.start();
        RedisServer redis = variant.fleet ? RedisServer.start(redisBinary) : null) {
      List<LiveChild> children = startInstances(env, variant, server, warmup, redis);
      try {
        CapacityPlan plan = FaultPlans.capacity(SLOTS, SERVICE, Duration.ofSeconds(DROP_FROM_S),
            Duration.ofSeconds(DROP_TO_S), SHARE_LEFT);
        server.plan(plan);
        // The provider's clock and every instance's arrivals start together, after every JVM has warmed up.
        server.reset();
        long zero = System.nanoTime();
        for (LiveChild child : children) {
          child.ask("go", "GO");
        }
        int seconds = SECONDS + DRAIN_SECONDS + 1;
        int[] answered = new int[seconds];
        int[] failed = new int[seconds];
        int calls = 0;
        int ok = 0;
        for (LiveChild child : children) {
          Map<String, Double> report = child.end();
          Checks.agentAttached(variant.id, report, variant.agent);
          calls += report.get("calls").intValue();
          ok += report.get("ok").intValue();
          for (int s = 0; s < seconds; s++) {
            answered[s] += report.get("answered." + s).intValue();
            failed[s] += report.get("failed." + s).intValue();
          }
        }
        int[] requests = new int[seconds];
        for (RecordedRequest request : server.requests()) {
          if (MODEL.equals(request.model())) {
            requests[(int) Math.max(0, Math.min(seconds - 1, (request.arrivalNanos() - zero) / 1_000_000_000L))]++;
          }
        }
        return new StormProcessRun(variant, answered, failed, requests, calls, ok, server.requestCount(),
            plan.rejected(), Machine.loadAverage());
      } finally {
        for (LiveChild child : children) {
          child.close();
        }
      }
    }
  }

  /** Starts the instances side by side (each JVM's start and warm-up take seconds) and waits for every READY. */
  private static List<LiveChild> startInstances(BenchEnvironment env, StormProcessVariant variant, FaultServer server,
      FaultServer warmup, RedisServer redis) throws Exception {
    ExecutorService starter = Executors.newFixedThreadPool(INSTANCES);
    List<Future<LiveChild>> starting = new ArrayList<>();
    try {
      long periodMs = Math.round(1000 / RATE_PER_INSTANCE);
      for (int i = 0; i < INSTANCES; i++) {
        Path dir = env.runDir("storm-" + variant.id);
        Map<String, String> settings = variant.fleet ? Map.of("airbag.fleet.redis.url", redis.url()) : Map.of();
        Path config = variant.agent ? env.agentConfig(dir, server.port(), settings) : null;
        // Each instance's arrivals a quarter of a period after the previous one's, as independent users would come.
        String phaseMs = Long.toString(i * periodMs / INSTANCES);
        starting.add(starter.submit(() -> new ChildJvm(env, dir).agent(config).jvmArgs(HappyPathSection.HEAP)
            .start(env.appClasspath, StormApp.class.getName(), server.baseUrl(), MODEL,
                Double.toString(RATE_PER_INSTANCE), Integer.toString(SECONDS), Integer.toString(DRAIN_SECONDS),
                phaseMs, warmup.baseUrl())));
      }
      List<LiveChild> children = new ArrayList<>();
      Exception failure = null;
      for (Future<LiveChild> future : starting) {
        try {
          children.add(future.get());
        } catch (ExecutionException e) {
          failure = failure != null ? failure : new IllegalStateException("an instance did not start", e.getCause());
        }
      }
      if (failure != null) {
        for (LiveChild child : children) {
          child.close();
        }
        throw failure;
      }
      return children;
    } finally {
      starter.shutdown();
    }
  }

  private static void print(StormProcessRun run) {
    System.err.printf(Locale.ROOT, "  %-13s answered %.1f%% (%d of %d), %.2f provider requests per call, %d turned "
            + "away; load average %s%n", run.variant().id, run.answeredPercent(), run.ok(), run.calls(),
        run.requestsPerCall(), run.rejected(), run.loadAverage());
    int shown = shownSeconds(run);
    System.err.println("    answered/s " + series(run.answered(), shown));
    System.err.println("    failed/s   " + series(run.failed(), shown));
    System.err.println("    requests/s " + series(run.requestsPerSecond(), shown));
  }

  /** The seconds up to the last in which anything happened (the run's own seconds at least). */
  static int shownSeconds(StormProcessRun run) {
    int last = IntStream.range(0, run.answered().length).filter(s -> run.answered()[s] + run.failed()[s]
        + run.requestsPerSecond()[s] > 0).max().orElse(0);
    return Math.max(SECONDS, last + 1);
  }

  private static String series(int[] counts, int shown) {
    return String.join(" ", Arrays.stream(counts).limit(shown).mapToObj(c -> String.format("%3d", c)).toList());
  }

  /** Each Airbag variant against the SDK alone: answered within 1 point and no more requests per call. */
  static List<Figure> figures(Results results) {
    List<Figure> figures = new ArrayList<>();
    double[] aloneAnswered = results.answeredPercent(StormProcessVariant.SDK);
    double[] aloneRequests = results.requestsPerCall(StormProcessVariant.SDK);
    if (aloneAnswered.length == 0) {
      return figures;
    }
    for (StormProcessVariant variant : List.of(StormProcessVariant.AIRBAG, StormProcessVariant.FLEET)) {
      double[] answered = results.answeredPercent(variant);
      double[] requests = results.requestsPerCall(variant);
      if (answered.length == 0) {
        continue;
      }
      boolean noHarm = StormSection.mean(answered) >= StormSection.mean(aloneAnswered) - 1
          && StormSection.mean(requests) <= StormSection.mean(aloneRequests) + 1e-9;
      String name = String.format(Locale.ROOT, "reject storm, %d processes: %s, app calls answered", INSTANCES,
          variant.label);
      figures.add(Figure.compared(StormSection.SECTION, name, "% of calls", "variant vs SDK alone",
              StormSection.mean(aloneAnswered), StormSection.mean(answered), 1, "points", answered.length)
          .target("answered >= SDK alone - 1 point, requests <= SDK alone", noHarm)
          .note("real child JVMs and loopback server; answered " + StormSection.spread(answered, "%")
              + " (SDK alone " + StormSection.spread(aloneAnswered, "%") + "); provider requests per call "
              + StormSection.spread(requests, "") + " (alone " + StormSection.spread(aloneRequests, "") + ")"));
    }
    return figures;
  }
}
