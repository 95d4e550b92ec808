package dev.airbag.it.fleet;

import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Several instances of one service ({@link FleetApp} in child JVMs with the packaged agent) against one fault
 * server, started together, sharing a Redis when given its URL. Not thread-safe; one run per call.
 */
final class Fleet {
  static final String KEY = "sk-test-fleet-key-0001";

  /** What one run of an instance printed, with its name and its events file. */
  record Instance(String name, ChildJvm.Result result, Path events) {
    /** When this instance's circuit for {@code model} first opened (epoch millis), or Long.MAX_VALUE if never. */
    long firstOpened(String model) {
      return Events.read(events).stream()
          .filter(e -> "circuit".equals(e.path("kind").asText()) && "open".equals(e.path("circuit_state").asText())
              && model.equals(e.path("model").asText()))
          .mapToLong(e -> Instant.parse(e.path("timestamp").asText()).toEpochMilli()).min().orElse(Long.MAX_VALUE);
    }

    /** How many of its circuit events were learnt from the fleet. */
    long learnt() {
      return Events.read(events).stream().filter(e -> "fleet".equals(e.path("decided_by").asText())).count();
    }

    /** The RESULT lines: wall-clock millis, then what the call got. */
    List<String[]> results() {
      List<String[]> lines = new ArrayList<>();
      for (String line : result.stdoutLines()) {
        if (line.startsWith("RESULT ")) {
          lines.add(line.substring(7).split(" ", 2));
        }
      }
      return lines;
    }

    long failed() {
      return results().stream().filter(r -> r[1].startsWith("error")).count();
    }
  }

  private Fleet() {
  }

  /**
   * Runs {@code count} instances at once (after each has warmed up), each calling {@code model} for {@code durationMs} on two threads, a call
   * every 100 ms at most per thread, the SDK at its default 2 retries.
   *
   * @param redisUrl the fleet's Redis, or null for instances that each work alone
   */
  static List<Instance> run(Path dir, FaultServer server, int count, String redisUrl, Map<String, String> settings,
      String model, long durationMs) throws Exception {
    return run(dir, "i", server, count, redisUrl, settings, model, durationMs);
  }

  /** As {@link #run(Path, FaultServer, int, String, Map, String, long)}, the instances named {@code prefix} 1, 2 ... */
  static List<Instance> run(Path dir, String prefix, FaultServer server, int count, String redisUrl,
      Map<String, String> settings, String model, long durationMs) throws Exception {
    return run(dir, prefix, server, count, redisUrl, settings, model, durationMs, List.of());
  }

  /** As above, each instance's JVM started with {@code jvmArgs} too (a trust store, say). */
  static List<Instance> run(Path dir, String prefix, FaultServer server, int count, String redisUrl,
      Map<String, String> settings, String model, long durationMs, List<String> jvmArgs) throws Exception {
    Path barrier = Files.createDirectories(dir.resolve("barrier"));
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<Instance>> runs = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        String name = prefix + i;
        Path home = Files.createDirectories(dir.resolve(name));
        AgentConfig config = AgentConfig.in(home).faultServer(server.port());
        settings.forEach(config::set);
        if (redisUrl != null) {
          config.set("airbag.fleet.redis.url", redisUrl);
        }
        Path file = config.write();
        Path events = config.eventsFile();
        ChildJvm jvm = ChildJvm.on(Jdks.current()).testClasspath();
        jvmArgs.forEach(jvm::jvmArg);
        runs.add(pool.submit(() -> new Instance(name, jvm
            .agentWithConfig(file).timeout(Duration.ofMillis(durationMs).plusMinutes(2))
            .run(FleetApp.class.getName(), server.baseUrl() + "/v1", KEY, name, model, Long.toString(durationMs), "100", "2",
                "2", barrier.toString()), events)));
      }
      // Real time on purpose: child JVMs start at their own pace on a busy machine; they call together.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (countReady(barrier) < count && System.nanoTime() < deadline && runs.stream().noneMatch(Future::isDone)) {
        Thread.sleep(20);
      }
      Files.writeString(barrier.resolve("go"), "go");
      List<Instance> instances = new ArrayList<>();
      for (Future<Instance> run : runs) {
        instances.add(run.get());
      }
      return instances;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long countReady(Path barrier) throws java.io.IOException {
    try (var files = Files.list(barrier)) {
      return files.filter(f -> f.getFileName().toString().startsWith("ready-")).count();
    }
  }

  /** The server's arrival time of a request as epoch millis: it runs in this JVM, whose clocks are read together. */
  static long arrivalMillis(RecordedRequest request) {
    long offset = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    return offset + TimeUnit.NANOSECONDS.toMillis(request.arrivalNanos());
  }

  /** The requests for {@code model} the server got, from the instance named, or from all when null. */
  static List<RecordedRequest> requests(FaultServer server, String model, String instance) {
    return server.requests().stream().filter(r -> model.equals(r.model()))
        .filter(r -> instance == null || instance.equals(r.headers().get("X-Instance"))).toList();
  }
}
