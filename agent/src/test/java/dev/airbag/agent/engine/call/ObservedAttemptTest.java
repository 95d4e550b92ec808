package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.testing.FakeClock;
import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.wiring.Resilience;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedAttemptTest {
  private static final String MODEL = "claude-sonnet-4-5";

  private final FakeClock clock = new FakeClock();
  private final List<CallRecord> records = new ArrayList<>();
  private final List<String> attempts = new ArrayList<>();
  private CircuitBreakers breakers;

  private CallPipeline pipeline() {
    FallbackPolicy fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5")), Map.of(),
        EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    breakers = new CircuitBreakers(Resilience.breakerConfig(AirbagConfig.defaults()), fallback::hasChainFor, clock,
        TransitionListener.NONE, 100);
    return TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), records::add, clock)
        .breakers(breakers)
        .fallback(fallback)
        .attempts(new AttemptListener() {
          @Override
          public void onAttempt(CallRequest request, String model, Classification f) {
            attempts.add(model + ":" + (f == null ? "ok" : f.category().name()));
          }

          @Override
          public void onRetry(CallRequest request, String model) {}

          @Override
          public void onFallback(CallRequest request, String fromModel, String toModel) {}
        })
        .build();
  }

  private static HeaderLookup noHeaders() {
    return name -> null;
  }

  @Test
  void eachAttemptHasItsRecordAndItsMetricAndFailuresOpenTheCircuitThatRoutesTheNextCallsAround() {
    CallPipeline pipeline = pipeline();

    for (int i = 0; i < 5; i++) {
      pipeline.observe(CallPipelineTest.request(MODEL, false)).onResponse(503, noHeaders());
      clock.advance(Duration.ofMillis(100));
    }

    assertEquals(5, records.size());
    assertEquals(Outcome.FAILED, records.get(0).outcome());
    assertEquals(Category.OVERLOADED, records.get(0).failure().category());
    assertEquals(List.of(MODEL), records.get(0).modelsTried());
    assertEquals(MODEL + ":OVERLOADED", attempts.get(0));
    assertEquals(CircuitState.OPEN, breakers.forKey(new CircuitKey("anthropic", MODEL)).state());
    assertEquals("claude-haiku-4-5", pipeline.routeAround(CallPipelineTest.ANTHROPIC, MODEL));
  }

  @Test
  void anAttemptTheClientSendsThroughAnOpenCircuitIsNotCountedAndTheDueProbeCloses() {
    CallPipeline pipeline = pipeline();
    for (int i = 0; i < 5; i++) {
      pipeline.observe(CallPipelineTest.request(MODEL, false)).onResponse(529, noHeaders());
    }
    records.clear();

    pipeline.observe(CallPipelineTest.request(MODEL, false)).onResponse(200, noHeaders());
    assertEquals(CircuitState.OPEN, breakers.forKey(new CircuitKey("anthropic", MODEL)).state(),
        "an attempt without a permit says nothing to the circuit");
    assertTrue(records.get(0).note().contains("Airbag does not drive this client"), records.get(0).note());

    clock.advance(Duration.ofSeconds(1));
    pipeline.observe(CallPipelineTest.request(MODEL, false)).onResponse(200, noHeaders());
    assertEquals(CircuitState.CLOSED, breakers.forKey(new CircuitKey("anthropic", MODEL)).state(),
        "the attempt that came when a probe was due was the probe");
    assertNull(pipeline.routeAround(CallPipelineTest.ANTHROPIC, MODEL));
  }

  @Test
  void aTransportFailureCountsAndAnAbandonedAttemptDoesNotAndEachEndsOnce() {
    CallPipeline pipeline = pipeline();

    ObservedAttempt timedOut = pipeline.observe(CallPipelineTest.request(MODEL, false));
    timedOut.onFailure(new SocketTimeoutException("read timed out"));
    timedOut.onResponse(200, noHeaders());
    ObservedAttempt abandoned = pipeline.observe(CallPipelineTest.request(MODEL, false));
    abandoned.onAbandoned();
    abandoned.onFailure(new IOException("late"));

    assertEquals(1, records.size());
    assertEquals(Category.TIMEOUT, records.get(0).failure().category());
    assertEquals(List.of(MODEL + ":TIMEOUT"), attempts);
    assertTrue(timedOut.ended() && abandoned.ended());
    assertEquals(1, breakers.forKey(new CircuitKey("anthropic", MODEL)).metrics().failedAttempts());
  }

  @Test
  void aSuccessIsRecordedAsServedByItsModel() {
    CallPipeline pipeline = pipeline();

    pipeline.observe(CallPipelineTest.request(MODEL, false)).onResponse(200, noHeaders());

    assertEquals(Outcome.SUCCEEDED, records.get(0).outcome());
    assertEquals(MODEL, records.get(0).servedModel());
    assertEquals(List.of(MODEL + ":ok"), attempts);
  }
}
