package dev.airbag.bench.inprocess;

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
import dev.airbag.bench.apps.ChildReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Airbag's own part of a fast failure: {@link CallPipeline#execute} with the call's circuit open and a trivial
 * exchange, timed call by call (p50, p99, p99.9), then 64 threads through one breaker ({@link BreakerThroughput}).
 * Run by the driver in a child JVM on the test class path. Arguments: {@code CALLS THREAD_SECONDS}.
 */
public final class EngineBenchmark {
  static final Endpoint ENDPOINT = Endpoint.onHost("bench", Provider.OPENAI, "127.0.0.1", 8080, "/v1");

  private EngineBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    double threadSeconds = Double.parseDouble(args[1]);
    ChildReport.putLatencies("fastfail", fastFailNanos(calls));
    ChildReport.put("breaker64.closed_calls_per_s", BreakerThroughput.closed(64, threadSeconds));
    ChildReport.put("breaker64.open_calls_per_s", BreakerThroughput.open(64, threadSeconds));
  }

  static long[] fastFailNanos(int calls) throws Exception {
    CircuitBreakers breakers = new CircuitBreakers(new BreakerConfig(10, 10, 50, null, Duration.ofHours(1), 3),
        Clock.SYSTEM, TransitionListener.NONE, 100);
    CallPipeline pipeline = CallPipeline.builder(new Classifier(ClassificationRules.NONE, Clock.SYSTEM), record -> { })
        .breakers(breakers)
        .sleeper(nanos -> { })
        .replayWindow(Duration.ZERO)
        .build();
    byte[] body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise.\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    CallRequest request = CallRequest.of(ENDPOINT, "POST", "http://127.0.0.1:8080/v1/chat/completions",
        "/v1/chat/completions", body, true, false, null);
    CannedExchange exchange = new CannedExchange();
    for (int i = 0; i < 100 && !breakers.snapshot().containsValue(CircuitState.OPEN); i++) {
      pipeline.execute(request, exchange);
    }
    if (!breakers.snapshot().containsValue(CircuitState.OPEN)) {
      throw new IllegalStateException("the circuit did not open: " + breakers.snapshot());
    }
    exchange.offline();
    for (int i = 0; i < calls; i++) {
      check(pipeline.execute(request, exchange));
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      CannedExchange.Reply reply = pipeline.execute(request, exchange);
      nanos[i] = System.nanoTime() - t0;
      check(reply);
    }
    return nanos;
  }

  /** The short-circuit answer is a provider-shaped 503. */
  private static void check(CannedExchange.Reply reply) {
    if (reply.status != 503) {
      throw new IllegalStateException("expected the open circuit's 503, got " + reply.status);
    }
  }
}
