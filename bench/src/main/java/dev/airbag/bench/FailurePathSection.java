package dev.airbag.bench;

import dev.airbag.bench.apps.FailurePathApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Failure path through the real SDK: an always-529 server, the agent's circuit open, each call failing fast inside
 * the JVM; the reference is the same SDK receiving the real 529 over loopback without the agent (its own retries
 * off on both sides). Airbag's own part is measured in-process by {@code EngineBenchmark}.
 */
final class FailurePathSection {
  static final String SECTION = "failure_path";
  /** A circuit that opens after ten failed attempts and stays open for the whole run; one attempt per call. */
  private static final Map<String, String> OPEN_CIRCUIT = Map.of(
      "airbag.circuit.window", "10",
      "airbag.circuit.minimum-calls", "10",
      "airbag.circuit.open-duration", "1h",
      // The model has no fallback: only the hopeless rule opens its circuit.
      "airbag.circuit.hopeless-after", "10",
      "airbag.circuit.hopeless-span", "0s",
      "airbag.circuit.first-open-duration", "1h",
      "airbag.circuit.when-open", "fail-fast",
      "airbag.retry.max-attempts", "1",
      // Identical failing calls would otherwise be answered by the replay of an exhausted call, not the breaker.
      "airbag.retry.replay-window", "0s");

  private FailurePathSection() {
  }

  static List<Figure> run(BenchEnvironment env, BenchOptions o) throws Exception {
    System.err.println("failure path: openai-java against an always-529 server, circuit open");
    Alternation runs = Alternation.run(o.rounds, List.of("failure", "failure+agent"), (variant, round) -> {
      boolean agent = variant.endsWith("+agent");
      Path dir = env.runDir("failure");
      int port = BenchEnvironment.freePort();
      Path config = agent ? env.agentConfig(dir, port, OPEN_CIRCUIT) : null;
      Map<String, Double> results = new ChildJvm(env, dir).agent(config).jvmArgs(HappyPathSection.HEAP)
          .run(env.appClasspath, FailurePathApp.class.getName(), Integer.toString(o.failureCalls),
              Integer.toString(o.warmup), Integer.toString(port));
      Checks.agentAttached(variant, results, agent);
      // With the circuit open no call may reach the server; without the agent every call does, once.
      Checks.equal(variant + " upstream requests per call", agent ? 0.0 : 1.0, results.get("upstream_requests_per_call"));
      return results;
    });
    String compares = "circuit open (agent) vs real 529 over loopback (none)";
    return List.of(
        Figure.compared(SECTION, "openai-java call while the circuit is open, p50", "us/call", compares,
            runs.median("failure", "call.p50_ns") / 1000, runs.median("failure+agent", "call.p50_ns") / 1000, 1,
            "us/call", runs.rounds("failure")).note("includes the SDK building and throwing its exception"),
        Figure.compared(SECTION, "openai-java call while the circuit is open, p99", "us/call", compares,
            runs.median("failure", "call.p99_ns") / 1000, runs.median("failure+agent", "call.p99_ns") / 1000, 1,
            "us/call", runs.rounds("failure")).note("includes the SDK's part and the event written per call"));
  }
}
