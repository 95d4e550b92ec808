package dev.airbag.bench;

import dev.airbag.bench.apps.StormApp;
import dev.airbag.faultserver.CapacityPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.faultserver.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * of the capacity of one loopback fault server ({@link FaultPlans#queueing}), which loses part of its slots for a
 * while: the storms of {@link StormProcessStorm}. The variants ({@link StormProcessVariant}) run one after the other,
 * each against a fresh server (and, as a fleet, a fresh {@code redis-server}); over several runs the order turns
 * round every other run, and each Airbag variant is judged on the runs' pooled counts against the SDK alone's, with
 * the no-harm matrix's rule for a timed cell ({@link NoHarmVerdict}). Not thread-safe.
 */
final class StormProcesses {
  static final int INSTANCES = 4;
  private static final String MODEL = "gpt-4o";

  private StormProcesses() {
  }

  /** Every run of every storm and variant, in the order they ran, and each run of the three variants' wall time. */
  record Results(List<StormProcessRun> runs, Map<String, List<Double>> roundSeconds) {
    Results(List<StormProcessRun> runs) {
      this(runs, Map.of());
    }

    List<StormProcessStorm> storms() {
      return runs.stream().map(StormProcessRun::storm).distinct().toList();
    }

    List<StormProcessRun> of(StormProcessStorm storm, StormProcessVariant variant) {
      return runs.stream().filter(r -> r.storm().equals(storm) && r.variant() == variant).toList();
    }

    double[] answeredPercent(StormProcessStorm storm, StormProcessVariant variant) {
      return of(storm, variant).stream().mapToDouble(StormProcessRun::answeredPercent).toArray();
    }

    double[] requestsPerCall(StormProcessStorm storm, StormProcessVariant variant) {
      return of(storm, variant).stream().mapToDouble(StormProcessRun::requestsPerCall).toArray();
    }

    double[] requests(StormProcessStorm storm, StormProcessVariant variant) {
      return of(storm, variant).stream().mapToDouble(StormProcessRun::requests).toArray();
    }

    /** Each run's seconds to recover after the provider; infinite where it never did within the run. */
    double[] recoverySeconds(StormProcessStorm storm, StormProcessVariant variant) {
      return of(storm, variant).stream().mapToDouble(r -> r.neverRecovered() ? Double.POSITIVE_INFINITY
          : r.recoverySeconds()).toArray();
    }

    /** The runs' counts added up, as the no-harm matrix pools its repeats. */
    NoHarmVerdict.Side pooled(StormProcessStorm storm, StormProcessVariant variant) {
      return of(storm, variant).stream().map(StormProcessRun::side)
          .reduce(new NoHarmVerdict.Side(0, 0, 0, 0, 0), NoHarmVerdict.Side::plus);
    }
  }

  static Results run(BenchEnvironment env, BenchOptions o) throws Exception {
    Path redis = RedisServer.locate();
    List<StormProcessRun> runs = new ArrayList<>();
    Map<String, List<Double>> roundSeconds = new LinkedHashMap<>();
    for (StormProcessStorm storm : StormProcessStorm.ALL) {
      if (!o.stormProcesses.contains(storm.id())) {
        continue;
      }
      System.err.printf(Locale.ROOT, "storm, processes, %s: %s; %d run(s) per variant; load average %s%n", storm.id(),
          storm.describe(), o.stormRuns, Machine.loadAverage());
      List<Double> seconds = new ArrayList<>();
      for (int r = 0; r < o.stormRuns; r++) {
        long roundStart = System.nanoTime();
        List<StormProcessVariant> order = new ArrayList<>(List.of(StormProcessVariant.values()));
        if (r % 2 == 1) {
          Collections.reverse(order);
        }
        for (StormProcessVariant variant : order) {
          if (variant.fleet && redis == null) {
            System.err.println("  " + variant.id + ": no redis-server on this machine and it could not be installed; "
                + "skipped");
            continue;
          }
          StormProcessRun run = runOnce(env, storm, variant, redis);
          runs.add(run);
          print(run);
        }
        seconds.add((System.nanoTime() - roundStart) / 1e9);
        System.err.printf(Locale.ROOT, "  run %d of the three variants took %.0f s%n", r + 1, seconds.get(r));
      }
      roundSeconds.put(storm.id(), seconds);
      printSummary(new Results(runs), storm);
    }
    return new Results(runs, roundSeconds);
  }

  private static StormProcessRun runOnce(BenchEnvironment env, StormProcessStorm storm, StormProcessVariant variant,
      Path redisBinary) throws Exception {
    try (FaultServer server = FaultServer.start(); FaultServer warmup = FaultServer.start();
        RedisServer redis = variant.fleet ? RedisServer.start(redisBinary) : null) {
      List<LiveChild> children = startInstances(env, storm, variant, server, warmup, redis);
      try {
        CapacityPlan plan = storm.plan();
        server.plan(plan);
        // The provider's clock and every instance's arrivals start together, after every JVM has warmed up.
        server.reset();
        long zero = System.nanoTime();
        for (LiveChild child : children) {
          child.ask("go", "GO");
        }
        int seconds = storm.seconds() + storm.drainSeconds() + 1;
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
        return new StormProcessRun(storm, variant, answered, failed, requests, calls, ok, server.requestCount(),
            plan.rejected(), plan.peakQueued(), Machine.loadAverage());
      } finally {
        for (LiveChild child : children) {
          child.close();
        }
      }
    }
  }

  /** Starts the instances side by side (each JVM's start and warm-up take seconds) and waits for every READY. */
  private static List<LiveChild> startInstances(BenchEnvironment env, StormProcessStorm storm,
      StormProcessVariant variant, FaultServer server, FaultServer warmup, RedisServer redis) throws Exception {
    ExecutorService starter = Executors.newFixedThreadPool(INSTANCES);
    List<Future<LiveChild>> starting = new ArrayList<>();
    try {
      long periodMs = Math.round(1000 / storm.ratePerInstance());
      String timeoutMs = storm.clientTimeout() == null ? "0" : Long.toString(storm.clientTimeout().toMillis());
      for (int i = 0; i < INSTANCES; i++) {
        Path dir = env.runDir("storm-" + storm.id() + "-" + variant.id);
        Map<String, String> settings = variant.fleet ? Map.of("airbag.fleet.redis.url", redis.url()) : Map.of();
        Path config = variant.agent ? env.agentConfig(dir, server.port(), settings) : null;
        // Each instance's arrivals a quarter of a period after the previous one's, as independent users would come.
        String phaseMs = Long.toString(i * periodMs / INSTANCES);
        starting.add(starter.submit(() -> new ChildJvm(env, dir).agent(config).jvmArgs(HappyPathSection.HEAP)
            .start(env.appClasspath, StormApp.class.getName(), server.baseUrl(), MODEL,
                Double.toString(storm.ratePerInstance()), Integer.toString(storm.seconds()),
                Integer.toString(storm.drainSeconds()), phaseMs, warmup.baseUrl(), timeoutMs)));
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
    System.err.printf(Locale.ROOT, "  %-13s answered %.1f%% (%d of %d), %d provider requests (%.2f per call), %d "
            + "turned away, %d queued at most, %s; load average %s%n", run.variant().id, run.answeredPercent(),
        run.ok(), run.calls(), run.requests(), run.requestsPerCall(), run.rejected(), run.peakQueued(),
        recovery(run), run.loadAverage());
    int shown = shownSeconds(run);
    System.err.println("    answered/s " + series(run.answered(), shown));
    System.err.println("    failed/s   " + series(run.failed(), shown));
    System.err.println("    requests/s " + series(run.requestsPerSecond(), shown));
  }

  /** Each variant's runs side by side: the range of each count, then the pooled verdict. */
  private static void printSummary(Results results, StormProcessStorm storm) {
    System.err.println("  " + storm.id() + " storm over the runs (min to max per variant):");
    for (StormProcessVariant variant : StormProcessVariant.values()) {
      if (!results.of(storm, variant).isEmpty()) {
        System.err.println(String.format(Locale.ROOT, "    %-13s ", variant.id)
            + StormProcessVerdicts.summary(results, storm, variant));
      }
    }
  }

  static String recovery(StormProcessRun run) {
    return run.neverRecovered() ? "never answering every call again within the run"
        : "answering every call again " + run.recoverySeconds() + " s after the provider";
  }

  /** The seconds up to the last in which anything happened (the run's own seconds at least). */
  static int shownSeconds(StormProcessRun run) {
    int last = IntStream.range(0, run.answered().length).filter(s -> run.answered()[s] + run.failed()[s]
        + run.requestsPerSecond()[s] > 0).max().orElse(0);
    return Math.max(run.storm().seconds(), last + 1);
  }

  private static String series(int[] counts, int shown) {
    return String.join(" ", Arrays.stream(counts).limit(shown).mapToObj(c -> String.format("%3d", c)).toList());
  }
}
