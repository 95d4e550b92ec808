package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.wiring.Resilience;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that keep an app at least as well off as with its SDK alone, at the engine's defaults. */
class DoNoHarmPipelineRulesTest {
  private static final String MODEL = "claude-sonnet-4-5";
  private static final String OVERLOADED = CallPipelineTest.OVERLOADED;

  private final FakeClock clock = new FakeClock();
  private final List<Long> sleeps = new ArrayList<>();
  /** Runs after each wait of the engine: what other calls did meanwhile. */
  private Runnable afterSleep = () -> { };
  private final List<CallRecord> records = new ArrayList<>();
  private FallbackPolicy fallback = FallbackPolicy.none();
  private RetryBudgets budgets = new RetryBudgets(0.2, 3, clock);
  private boolean hold = true;
  private CircuitBreakers breakers;

  private CallPipeline pipeline() {
    breakers = new CircuitBreakers(Resilience.breakerConfig(AirbagConfig.defaults()), fallback::hasChainFor, clock,
        TransitionListener.NONE, 100);
    return TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), records::add, clock)
        .sleeper(nanos -> {
          sleeps.add(nanos);
          clock.advance(Duration.ofNanos(nanos));
          afterSleep.run();
        })
        .random(() -> 0.5)
        .budgets(budgets)
        .breakers(breakers)
        .fallback(fallback)
        .holdWhileOpen(hold)
        .build();
  }

  private static FakeExchange overloaded() {
    return new FakeExchange().otherwise(attempt -> new FakeExchange.Answer(529, OVERLOADED, false));
  }

  /** Fails 50 attempts in a row, 100 ms apart, so that the model's circuit opens. */
  private void openTheCircuit(CallPipeline pipeline) throws IOException {
    for (int i = 0; i < 50; i++) {
      pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 2), overloaded());
      clock.advance(Duration.ofMillis(100));
    }
    assertEquals(CircuitState.OPEN, breakers.forKey(new CircuitKey("anthropic", MODEL)).state());
    sleeps.clear();
    records.clear();
  }

  @Test
  void theBudgetNeverRefusesTheAttemptsTheSdkWouldHaveMade() throws IOException {
    budgets = new RetryBudgets(0, 0, clock);
    FakeExchange exchange = overloaded();

    FakeExchange.Answer answer = pipeline().execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertEquals(3, exchange.sent.size());
    assertEquals("false", answer.headers.get("X-Should-Retry"), "Airbag made the SDK's attempts: no more on top");
    // The SDKs' own schedule: 500 ms and 1 s, less an eighth with the random number at one half.
    assertEquals(List.of(437_500_000L, 875_000_000L), sleeps);
  }

  @Test
  void anSdksOwnRetryGetsOneAttemptAndTheSdkStaysFreeToRetry() throws IOException {
    FakeExchange exchange = overloaded();

    FakeExchange.Answer answer = pipeline().execute(CallPipelineTest.sdkAttempt(MODEL, 1), exchange);

    assertEquals(1, exchange.sent.size());
    assertNull(answer.headers.get("X-Should-Retry"));
  }

  @Test
  void aClientsOwnReSendCountedByItsAdapterIsAnsweredFromMemoryAfterAirbagExhaustedTheCall() throws IOException {
    CallPipeline pipeline = pipeline();
    CallRequest first = CallPipelineTest.request(MODEL, false).withClientRetry(0);
    FakeExchange exchange = overloaded();

    pipeline.execute(first, exchange);
    FakeExchange.Answer resent = pipeline.execute(first.withClientRetry(1), exchange);

    assertEquals(3, exchange.sent.size(), "Airbag's three attempts; the client's re-send never reached the provider");
    assertEquals(529, resent.status);
    FakeExchange fresh = overloaded();
    pipeline.execute(first.withClientRetry(0), fresh);
    assertEquals(3, fresh.sent.size(), "the app's own next call is never answered from memory");
  }

  @Test
  void eachAttemptOfTheAwsSdkGetsOneTryForItRetriesOnItsOwnAndReadsNoShouldRetry() throws IOException {
    CallPipeline pipeline = pipeline();
    for (int attempt = 1; attempt <= 3; attempt++) {
      FakeExchange exchange = overloaded();
      CallRequest request = CallPipelineTest.request(MODEL, false)
          .with(TestHeaders.of("amz-sdk-request", "attempt=" + attempt + "; max=3"), null, 0);

      FakeExchange.Answer answer = pipeline.execute(request, exchange);

      assertEquals(1, exchange.sent.size(), "attempt " + attempt);
      assertEquals(529, answer.status);
      assertNull(answer.headers.get("X-Should-Retry"));
    }
    assertEquals(1, Resends.sdkRetryCount(CallPipelineTest.request(MODEL, false)
        .with(TestHeaders.of("amz-sdk-request", "attempt=2; max=3"), null, 0)));
    assertEquals(-1, Resends.sdkRetryCount(CallPipelineTest.request(MODEL, false)
        .with(TestHeaders.of("amz-sdk-request", "ttl=20261203T160000Z; attempt=x"), null, 0)));
  }

  @Test
  void aClientThatMustChooseTheModelBeforeSendingIsToldToRouteAroundAnOpenCircuitButNotPastADueProbe()
      throws IOException {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5")), Map.of(),
        EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    CallPipeline pipeline = pipeline();
    Endpoint endpoint = CallPipelineTest.ANTHROPIC;
    assertNull(pipeline.routeAround(endpoint, MODEL), "a circuit never seen: the call goes as written");

    openTheCircuit(pipeline);

    assertEquals("claude-haiku-4-5", pipeline.routeAround(endpoint, MODEL));
    assertNull(pipeline.routeAround(endpoint, "claude-haiku-4-5"), "a model without its own chain stays");
    clock.advance(Duration.ofMinutes(5));
    assertNull(pipeline.routeAround(endpoint, MODEL), "a probe is due: the call goes to the primary to be it");
  }

  @Test
  void aClientThatRetriesAndSignsItselfSendsItsLastAttemptsDownTheChainOneModelEach() {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5", "claude-3-haiku")), Map.of(),
        EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    CallPipeline pipeline = pipeline();
    Endpoint endpoint = CallPipelineTest.ANTHROPIC;
    Classification overloaded = Classification.builder(Category.OVERLOADED).build();

    assertNull(pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 1, 3), "a first attempt is the app's");
    assertEquals("claude-haiku-4-5", pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 2, 3));
    assertEquals("claude-3-haiku", pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 3, 3));
    assertNull(pipeline.modelForClientRetry(endpoint, MODEL, Classification.builder(Category.BAD_REQUEST).build(), 2,
        3), "another model cannot fix the caller's request");
    assertNull(pipeline.modelForClientRetry(endpoint, MODEL, null, 2, 3), "nothing known of the last attempt");
    assertNull(pipeline.modelForClientRetry(endpoint, "claude-3-haiku", overloaded, 2, 3), "a model without a chain");
  }

  @Test
  void withOneFallbackThePrimaryKeepsEveryAttemptButTheLastAndARefusingFallbackIsSkipped() throws IOException {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5"), "claude-opus-4", List.of(MODEL,
        "claude-3-haiku")), Map.of(), EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    CallPipeline pipeline = pipeline();
    Endpoint endpoint = CallPipelineTest.ANTHROPIC;
    Classification overloaded = Classification.builder(Category.OVERLOADED).build();

    assertNull(pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 2, 3));
    assertEquals("claude-haiku-4-5", pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 3, 3));
    assertNull(pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 4, 5));
    assertEquals("claude-haiku-4-5", pipeline.modelForClientRetry(endpoint, MODEL, overloaded, 5, 5));
    openTheCircuit(pipeline);
    assertEquals("claude-3-haiku", pipeline.modelForClientRetry(endpoint, "claude-opus-4", overloaded, 2, 3),
        "the first fallback's circuit is open");
  }

  @Test
  void noRoutingAroundWhenCircuitOpenIsNotAFallbackCategory() throws IOException {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5")), Map.of(),
        EnumSet.of(Category.OVERLOADED));
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);

    assertNull(pipeline.routeAround(CallPipelineTest.ANTHROPIC, MODEL));
  }

  @Test
  void aSignedRequestIsRetriedAsItIsAndNeverRewrittenForAFallback() throws IOException {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5")), Map.of(),
        EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    CallRequest signed = CallPipelineTest.request(MODEL, false).with(TestHeaders.of("Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/bedrock/aws4_request, Signature=abc"), null, 0);
    FakeExchange exchange = overloaded();

    FakeExchange.Answer answer = pipeline().execute(signed, exchange);

    assertEquals(529, answer.status);
    assertEquals(3, exchange.sent.size());
    exchange.sent.forEach(attempt -> assertNull(attempt.body(), "every attempt sent the signed bytes as they were"));
    exchange.sent.forEach(attempt -> assertNull(attempt.path()));
    assertTrue(records.get(0).notes().stream().anyMatch(note -> note.contains("signed")), records.toString());
  }

  @Test
  void aCallThatAirbagDidNotRetryLeavesTheSdkFreeToRetry() throws IOException {
    String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
    FakeExchange exchange = new FakeExchange().then(429, limited, "Retry-After", "120");

    FakeExchange.Answer answer = pipeline().execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertEquals(1, exchange.sent.size());
    assertNull(answer.headers.get("X-Should-Retry"), "the SDK would have retried: so it may");
  }

  @Test
  void theModelsOfTheChainTakeTheCallsLastTriesAtTheSdksPace() throws IOException {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5")), Map.of(),
        EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    FakeExchange exchange = new FakeExchange().then(529, OVERLOADED).then(529, OVERLOADED)
        .then(200, CallPipelineTest.OK);

    FakeExchange.Answer answer = pipeline().execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertEquals(200, answer.status);
    assertEquals(3, exchange.sent.size(), "two on the primary, one on the fallback: never more than the SDK's three");
    assertNull(exchange.sent.get(1).body());
    assertNotNull(exchange.sent.get(2).body());
    assertEquals(2, sleeps.size(), "the fallback waited the backoff the SDK would have waited");
  }

  @Test
  void anOpenCircuitWithoutAFallbackHoldsTheCallForItsRetriesTimeAndSendsNothing() throws IOException {
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    FakeExchange exchange = overloaded();

    FakeExchange.Answer answer = pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertTrue(exchange.sent.size() <= 2, "at most the circuit's own probes: " + exchange.sent.size());
    assertEquals(2, sleeps.size(), "the call waited as its retries would have");
    assertTrue(sleeps.get(0) >= 437_500_000L, "the backoff, plus what a failing attempt takes: " + sleeps);
    assertEquals(529, answer.status, "the real failure the probe got");
    assertEquals("false", answer.headers.get("X-Should-Retry"));
  }

  /**
   * Many held calls reach their last try together, and one try per base delay goes through the open circuit: the
   * others wait for its verdict, in short steps, rather than fail at once, and are served when it finds the provider
   * back (an open loop through a 5 s outage served 47.5% of calls where the SDK alone served 53.8%; 54.4% so).
   */
  @Test
  void aHeldCallWhoseLastTryIsRefusedWaitsBrieflyForAnotherCallsLastTryToFindTheProviderBack() throws IOException {
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    // The circuit's pause grows to 2 s, longer than the held call's waits.
    growThePauseToTwoSeconds(pipeline);
    CircuitBreaker breaker = breakers.forKey(new CircuitKey("anthropic", MODEL));
    List<CircuitBreaker.Permit> others = new ArrayList<>();
    afterSleep = () -> {
      if (sleeps.size() == 2) {
        // Just before this call's last try, another held call's last try goes through the open circuit.
        others.add(breaker.tryAcquireLastChance(0, 0));
      } else if (sleeps.size() == 3) {
        // While this call asks again, that try comes back with an answer.
        others.get(0).onSuccess(1);
      }
    };
    FakeExchange back = new FakeExchange().then(200, CallPipelineTest.OK);

    FakeExchange.Answer answer = pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 0), back);

    assertEquals(200, answer.status, "served once the other call found the provider back");
    assertEquals(1, back.sent.size());
    assertTrue(sleeps.get(2) <= Duration.ofMillis(50).toNanos(), "asked again after a short step: " + sleeps);
  }

  /**
   * A call that failed twice while the circuit was closed meets it open at its last try (other calls opened it
   * meanwhile), and the provider is back: the SDK's last attempt would have been served, so this one asks again as a
   * held call's last try does (an open loop through a 2 s burst: 91.3% served alone, 87.5% with Airbag before).
   */
  @Test
  void aCallWhoseLastTryMeetsACircuitOpenedMeanwhileStillGetsItsLastChance() throws IOException {
    CallPipeline pipeline = pipeline();
    CircuitBreaker breaker = breakers.forKey(new CircuitKey("anthropic", MODEL));
    afterSleep = () -> {
      // Meanwhile other calls fail until the circuit opens, just before this call's last try.
      for (int i = 0; sleeps.size() == 2 && i < 50 && breaker.state() == CircuitState.CLOSED; i++) {
        breaker.tryAcquire().onFailure(1);
        clock.advance(Duration.ofMillis(25));
      }
    };
    FakeExchange exchange = new FakeExchange().then(529, OVERLOADED).then(529, OVERLOADED)
        .then(200, CallPipelineTest.OK);

    FakeExchange.Answer answer = pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertTrue(sleeps.size() > 2, "it asked again: " + sleeps);
    assertEquals(CircuitState.CLOSED, breaker.state(), "its last try found the provider back");
    assertEquals(200, answer.status);
    assertEquals(3, exchange.sent.size(), "the SDK's three attempts, no more");
  }

  @Test
  void aHeldCallIsServedWhenItsProbeFindsTheProviderBack() throws IOException {
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    FakeExchange exchange = new FakeExchange().then(200, CallPipelineTest.OK);

    FakeExchange.Answer answer = pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertEquals(200, answer.status);
    assertEquals(1, exchange.sent.size());
    assertEquals(Outcome.RECOVERED, records.get(0).outcome());
    assertEquals(CircuitState.CLOSED, breakers.forKey(new CircuitKey("anthropic", MODEL)).state());
  }

  @Test
  void insideAFrameworksRetryLoopAnOpenCircuitWhoseProbeIsNotDueSoonAnswersAtOnceAndTheLoopPacesTheCall()
      throws IOException {
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    growThePauseToTwoSeconds(pipeline);
    CallRequest plain = CallPipelineTest.request(MODEL, false);

    FakeExchange.Answer answer = inLangChainsLoop(() -> pipeline.execute(plain, overloaded()));

    assertTrue(answer.synthesized);
    assertTrue(sleeps.isEmpty(), "no hold: " + sleeps);
    assertNull(answer.headers.get("X-Should-Retry"));
  }

  /**
   * The provider came back while the circuit is open, and its probe is due before the loop's next attempt would be:
   * the loop's attempt waits for it (and is that probe) instead of failing; LangChain4j in an open loop through a 2 s
   * burst lost the calls whose last attempt fell between the provider's recovery and the probe that saw it.
   */
  @Test
  void insideAFrameworksRetryLoopAnAttemptWaitsForAProbeDueWithinABaseDelay() throws IOException {
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    CallRequest plain = CallPipelineTest.request(MODEL, false);
    FakeExchange back = new FakeExchange().then(200, CallPipelineTest.OK);

    FakeExchange.Answer answer = inLangChainsLoop(() -> pipeline.execute(plain, back));

    assertEquals(200, answer.status);
    assertEquals(1, back.sent.size(), "the circuit's own probe, no other request");
    long waited = sleeps.stream().mapToLong(Long::longValue).sum();
    assertTrue(waited <= Duration.ofMillis(500).toNanos(), "at most a base delay: " + sleeps);
    assertEquals(CircuitState.CLOSED, breakers.forKey(new CircuitKey("anthropic", MODEL)).state());
  }

  /**
   * A loop's attempt may be its last, which Airbag cannot tell: one in three refused tries goes through the open
   * circuit (here the third, the provider back by then), so that a lone caller sends about one request per call.
   */
  @Test
  void insideAFrameworksRetryLoopOneRefusedAttemptInThreeMayGoThroughTheOpenCircuit() throws IOException {
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    growThePauseToTwoSeconds(pipeline);
    CallRequest plain = CallPipelineTest.request(MODEL, false);
    List<FakeExchange.Answer> answers = new ArrayList<>();
    FakeExchange back = new FakeExchange().otherwise(attempt -> new FakeExchange.Answer(200, CallPipelineTest.OK,
        false));

    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMillis(600));
      answers.add(inLangChainsLoop(() -> pipeline.execute(plain, back)));
    }

    assertTrue(answers.get(0).synthesized && answers.get(1).synthesized, "the first two answered at once");
    assertEquals(200, answers.get(2).status, "the third went through and found the provider back");
    assertEquals(1, back.sent.size());
    assertTrue(sleeps.isEmpty(), "no probe or try was due within a base delay: " + sleeps);
  }

  /** Three failed probes: the open pause grows to 2 s, longer than a base delay. */
  private void growThePauseToTwoSeconds(CallPipeline pipeline) throws IOException {
    clock.advance(Duration.ofMillis(400));
    pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 2), overloaded());
    clock.advance(Duration.ofMillis(500));
    pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 2), overloaded());
    clock.advance(Duration.ofSeconds(1));
    pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 2), overloaded());
    sleeps.clear();
    records.clear();
  }

  @Test
  void eachAttemptOfAFrameworksRetryLoopGetsOneTryAndNothingIsAnsweredFromMemory() throws IOException {
    CallPipeline pipeline = pipeline();
    CallRequest plain = CallPipelineTest.request(MODEL, false);
    FakeExchange first = overloaded();
    FakeExchange second = new FakeExchange().then(200, CallPipelineTest.OK);

    FakeExchange.Answer failed = inLangChainsLoop(() -> pipeline.execute(plain, first));
    FakeExchange.Answer served = inLangChainsLoop(() -> pipeline.execute(plain, second));

    assertEquals(529, failed.status);
    assertEquals(1, first.sent.size(), "the loop retries in its own rhythm: no attempts of Airbag's inside it");
    assertTrue(sleeps.isEmpty());
    assertEquals(200, served.status, "the loop's next attempt, or the app's next call, reaches the provider");
    assertEquals(1, second.sent.size());
  }

  @Test
  void insideAFrameworksRetryLoopTheFallbackStillServes() throws IOException {
    fallback = new FallbackPolicy(Map.of(MODEL, List.of("claude-haiku-4-5")), Map.of(),
        EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN));
    CallPipeline pipeline = pipeline();
    FakeExchange exchange = new FakeExchange().then(529, OVERLOADED).then(200, CallPipelineTest.OK);

    FakeExchange.Answer answer = inLangChainsLoop(() -> pipeline.execute(CallPipelineTest.request(MODEL, false),
        exchange));

    assertEquals(200, answer.status);
    assertEquals(2, exchange.sent.size(), "one try on the primary, one on the fallback");
  }

  private interface Call {
    FakeExchange.Answer run() throws IOException;
  }

  private static FakeExchange.Answer inLangChainsLoop(Call call) {
    return dev.langchain4j.internal.RetryUtils.withRetry(() -> {
      try {
        return call.run();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void failingFastIsAnOptInAndLeavesTheSdkFreeToRetry() throws IOException {
    hold = false;
    CallPipeline pipeline = pipeline();
    openTheCircuit(pipeline);
    FakeExchange exchange = overloaded();

    FakeExchange.Answer answer = pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 0), exchange);

    assertTrue(exchange.sent.isEmpty());
    assertTrue(sleeps.isEmpty());
    assertTrue(answer.synthesized);
    assertEquals(503, answer.status);
    assertNull(answer.headers.get("X-Should-Retry"));
    assertEquals(Outcome.SHORT_CIRCUITED, records.get(0).outcome());
  }

  @Test
  void aPermanentFailureIsNeverAnsweredFromMemory() throws IOException {
    CallPipeline pipeline = pipeline();
    String auth = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
    pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 0), new FakeExchange().then(401, auth));
    FakeExchange again = new FakeExchange().then(401, auth);

    pipeline.execute(CallPipelineTest.sdkAttempt(MODEL, 1), again);

    assertEquals(1, again.sent.size());
  }
}
