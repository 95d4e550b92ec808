package dev.airbag.bench.inprocess;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.fleet.FleetCircuits;
import dev.airbag.bench.apps.ChildReport;
import dev.airbag.agent.wiring.Resilience;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Airbag's own part of a call, timed call by call (p50, p99, p99.9) through {@link CallPipeline#execute} with a
 * trivial exchange: a successful call, and a fast failure with the call's circuit open. Then 64 threads through one
 * breaker ({@link BreakerThroughput}).
 * Run by the driver in a child JVM on the test class path. Arguments: {@code CALLS THREAD_SECONDS}.
 */
public final class EngineBenchmark {
  static final Endpoint ENDPOINT = Endpoint.onHost("bench", Provider.OPENAI, "127.0.0.1", 8080, "/v1");

  private EngineBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    double threadSeconds = Double.parseDouble(args[1]);
    ChildReport.putLatencies("success", successNanos(calls));
    ChildReport.putLatencies("fastfail", fastFailNanos(calls));
    fleetListeners(calls);
    ChildReport.put("breaker64.closed_calls_per_s", BreakerThroughput.closed(64, threadSeconds));
    ChildReport.put("breaker64.open_calls_per_s", BreakerThroughput.open(64, threadSeconds));
  }

  /** A successful call with the agent's defaults (circuit closed, replay window on): the engine's happy-path part. */
  static long[] successNanos(int calls) throws Exception {
    CallPipeline pipeline = Resilience.pipelineBuilder(AirbagConfig.defaults(), new Classifier(ClassificationRules.NONE, Clock.SYSTEM),
        record -> { }, Clock.SYSTEM)
        .breakers(breakers())
        .build();
    CannedExchange exchange = new CannedExchange(200);
    return timed(calls, () -> pipeline.execute(request(), exchange), 200);
  }

  /**
   * What a fleet adds to a call on the app's thread: the same successful call through a pipeline with the fleet's
   * listeners and probe gate (as {@code FleetWiring} attaches them) and through one without, five rounds each way,
   * alternating. Redis is the sync thread's and is not on this path.
   */
  static void fleetListeners(int calls) throws Exception {
    FleetCircuits fleet = new FleetCircuits(Clock.SYSTEM);
    CallPipeline alone = Resilience.pipelineBuilder(AirbagConfig.defaults(), new Classifier(ClassificationRules.NONE,
        Clock.SYSTEM), record -> { }, Clock.SYSTEM).breakers(breakers()).build();
    CallPipeline withFleet = Resilience.pipelineBuilder(AirbagConfig.defaults(), new Classifier(
            ClassificationRules.NONE, Clock.SYSTEM), record -> { }, Clock.SYSTEM)
        .attempts(fleet)
        .breakers(Resilience.breakers(AirbagConfig.defaults(), Clock.SYSTEM, fleet, fleet, 100))
        .build();
    CannedExchange exchange = new CannedExchange(200);
    double[] added = new double[5];
    long[] base = new long[added.length];
    long[] with = new long[added.length];
    for (int round = 0; round < added.length; round++) {
      base[round] = p50(timed(calls, () -> alone.execute(request(), exchange), 200));
      with[round] = p50(timed(calls, () -> withFleet.execute(request(), exchange), 200));
      added[round] = with[round] - base[round];
    }
    java.util.Arrays.sort(added);
    java.util.Arrays.sort(base);
    java.util.Arrays.sort(with);
    ChildReport.put("fleet.base_p50_ns", base[base.length / 2]);
    ChildReport.put("fleet.with_p50_ns", with[with.length / 2]);
    ChildReport.put("fleet.added_median_ns", added[added.length / 2]);
    ChildReport.put("fleet.added_min_ns", added[0]);
    ChildReport.put("fleet.added_max_ns", added[added.length - 1]);
  }

  private static long p50(long[] nanos) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static long[] fastFailNanos(int calls) throws Exception {
    CircuitBreakers breakers = breakers();
    CallPipeline pipeline = Resilience.pipelineBuilder(AirbagConfig.defaults(), new Classifier(ClassificationRules.NONE, Clock.SYSTEM),
        record -> { }, Clock.SYSTEM)
        .breakers(breakers)
        .sleeper(nanos -> { })
        // Identical failing calls would otherwise be answered by the replay of an exhausted call, not the breaker.
        .replayWindow(Duration.ZERO)
        // airbag.circuit.when-open=fail: a held call's last chance would send a request through the open circuit
        // now and then (one per base delay), and the figure is the short-circuit's own cost.
        .holdWhileOpen(false)
        .build();
    CallRequest request = request();
    CannedExchange exchange = new CannedExchange(529);
    for (int i = 0; i < 100 && !breakers.snapshot().containsValue(CircuitState.OPEN); i++) {
      pipeline.execute(request, exchange);
    }
    if (!breakers.snapshot().containsValue(CircuitState.OPEN)) {
      throw new IllegalStateException("the circuit did not open: " + breakers.snapshot());
    }
    exchange.offline();
    // The short-circuit answer is a provider-shaped 503.
    return timed(calls, () -> pipeline.execute(request, exchange), 503);
  }

  private static CircuitBreakers breakers() {
    return new CircuitBreakers(new BreakerConfig(10, 10, 50, null, Duration.ofHours(1), 3), Clock.SYSTEM,
        TransitionListener.NONE, 100);
  }

  private static CallRequest request() {
    byte[] body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise.\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    return CallRequest.of(ENDPOINT, "POST", "http://127.0.0.1:8080/v1/chat/completions", "/v1/chat/completions",
        body, true, false, null);
  }

  /** Times each of {@code calls} calls after as many warm-up calls; every answer must have {@code status}. */
  private static long[] timed(int calls, Call call, int status) throws Exception {
    for (int i = 0; i < calls; i++) {
      check(call.execute(), status);
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      CannedExchange.Reply reply = call.execute();
      nanos[i] = System.nanoTime() - t0;
      check(reply, status);
    }
    return nanos;
  }

  private static void check(CannedExchange.Reply reply, int status) {
    if (reply.status != status) {
      throw new IllegalStateException("expected " + status + ", got " + reply.status);
    }
  }

  /** One call through the pipeline. */
  @FunctionalInterface
  private interface Call {
    CannedExchange.Reply execute() throws Exception;
  }
}
