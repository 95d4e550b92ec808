package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultServer;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed provider answers, each for a model and a body of its own, through OkHttp and java.net.http
 * with the agent attached (circuits, replay window and metrics on, as by default), do not grow the heap: after a
 * warm-up longer than every per-model bound (10,000 circuits, 100 model tags, the replay window's 1,024 entries),
 * the live heap after the measured phase is within a few MiB of the live heap before it. The same app without the
 * agent gives the baseline; both are printed.
 */
class FuzzMemoryTest {
  // Past the circuit registry's 10,000, so that every bounded structure is full before the first checkpoint.
  private static final int WARMUP_CALLS = 11_000;
  private static final int MEASURED_CALLS = 9_000;
  /**
   * Allowed growth of the live heap over the measured calls. Measured: +0.1 to +0.5 MiB, because what bounded
   * structures hold at each checkpoint varies a little (the circuit gauges' cached snapshot may name up to 10,000
   * circuits evicted since, about 1 MiB; the replay window's mix of bodies and exceptions). A leak of 470 bytes per
   * call exceeds it, so keeping one circuit (about 550 bytes), one event (1 to 2 KiB) or one replayed error per call
   * fails this test.
   */
  private static final long MAX_GROWTH_BYTES = 4L * 1024 * 1024;
  /**
   * What the agent may add to the live heap once every bound is full: 10,000 circuits (about 6 MiB), the replay
   * window (at most 4 MiB), meters for 100 model tags per provider (about 2 MiB each) and its fixed part (about
   * 3 MiB); measured about 14 MiB.
   */
  private static final long MAX_AGENT_SHARE_BYTES = 24L * 1024 * 1024;
  private static final Pattern HEAP = Pattern.compile("HEAP checkpoint=(\\w+) live=(\\d+) used=(\\d+)");

  @TempDir Path dir;

  @Test
  void fuzzedAnswersWithAFreshModelEachDoNotGrowTheHeapPastTheAgentsBounds() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      server.plan(new FuzzAnswers());
      AgentConfig settings = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
      Path config = settings.write();
      String[] args = {server.baseUrl(), String.valueOf(WARMUP_CALLS), String.valueOf(MEASURED_CALLS), "8"};

      ChildJvm.Result without = child().run(FuzzMemoryApp.class.getName(), args);
      server.reset();
      ChildJvm.Result with = child().agentWithConfig(config).run(FuzzMemoryApp.class.getName(), args);

      long[] baseline = report("without agent", without);
      long[] agent = report("with agent", with);
      long growth = agent[1] - agent[0];
      long share = agent[0] - baseline[0];
      System.out.printf("[it] fuzz memory: the agent's share of the live heap with its bounds full: %.2f MiB%n",
          mib(share));
      assertTrue(with.airbagLines().stream().anyMatch(line -> line.contains("active")), with.toString());
      assertFalse(with.stderr().contains("internal error"), with.toString());
      assertTrue(replayed(with) > 0, "the replay window answered re-sends: " + with.stdout());
      assertEquals(0, replayed(without));
      assertEquals(outcomes(without), outcomes(with), "every answer reached the app as without the agent");
      try (var events = Files.lines(settings.eventsFile())) {
        assertTrue(events.count() > MEASURED_CALLS / 4, "the agent reported the failures");
      }
      assertTrue(growth < MAX_GROWTH_BYTES, "live heap grew by " + mib(growth) + " MiB with the agent (without: "
          + mib(baseline[1] - baseline[0]) + " MiB)\n" + with.stdout());
      assertTrue(share < MAX_AGENT_SHARE_BYTES, "the agent holds " + mib(share) + " MiB\n" + with.stdout());
    }
  }

  private static ChildJvm child() {
    // With the agent most of the run is its backoff between retries (fast, but 20,000 calls of which most fail):
    // 215 s on a loaded 2-core machine, where the app alone took 37 s: the bound leaves room for a slower one.
    return ChildJvm.on(Jdks.current()).testClasspath().jvmArg("-Xmx512m").timeout(Duration.ofSeconds(900));
  }

  /** Prints the run's figures with the [it] prefix and returns its live heap at the two checkpoints. */
  private static long[] report(String label, ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    long warmLive = 0;
    long endLive = 0;
    long warmUsed = 0;
    long endUsed = 0;
    Matcher heap = HEAP.matcher(result.stdout());
    while (heap.find()) {
      boolean warm = heap.group(1).equals("warm");
      long live = Long.parseLong(heap.group(2));
      long used = Long.parseLong(heap.group(3));
      if (warm) {
        warmLive = live;
        warmUsed = used;
      } else {
        endLive = live;
        endUsed = used;
      }
    }
    assertTrue(warmLive > 0 && endLive > 0, result.toString());
    System.out.printf("[it] fuzz memory %s: live heap %.2f -> %.2f MiB (%+.2f MiB over %d calls), used after GC"
        + " %.2f -> %.2f MiB; %s%n", label, mib(warmLive), mib(endLive), mib(endLive - warmLive), MEASURED_CALLS,
        mib(warmUsed), mib(endUsed), line(result, "TIME"));
    System.out.println("[it] fuzz memory " + label + ": " + line(result, "CALLS"));
    result.stdoutLines().stream().filter(l -> l.startsWith("GROWTH")).limit(5)
        .forEach(l -> System.out.println("[it]   " + label + " " + l));
    return new long[] {warmLive, endLive};
  }

  private static long replayed(ChildJvm.Result result) {
    Matcher m = Pattern.compile("replayed=(\\d+)").matcher(result.stdout());
    assertTrue(m.find(), result.toString());
    return Long.parseLong(m.group(1));
  }

  private static String outcomes(ChildJvm.Result result) {
    String calls = line(result, "CALLS");
    return calls.substring(calls.indexOf("outcomes="));
  }

  private static String line(ChildJvm.Result result, String prefix) {
    return result.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
