package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CallPipelineTest {
  static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
  static final String OK = "{\"id\":\"msg_1\",\"type\":\"message\"}";
  static final Endpoint ANTHROPIC = Endpoint.onHost("anthropic", Provider.ANTHROPIC, "api.anthropic.com", -1, "");

  final FakeClock clock = new FakeClock();
  final List<Long> sleeps = new ArrayList<>();
  final List<CallRecord> records = new ArrayList<>();
  CircuitBreakers breakers = new CircuitBreakers(new BreakerConfig(4, 4, 50, null, Duration.ofSeconds(30), 1), clock,
      TransitionListener.NONE, 100);
  FallbackPolicy fallback = new FallbackPolicy(Map.of("claude-opus-4-1", List.of("claude-sonnet-4-5", "claude-haiku-4-5"),
      "claude-sonnet-4-5", List.of("claude-haiku-4-5")),
      Map.of("claude-haiku-4-5", "claude-sonnet-4-5"), EnumSet.of(Category.OVERLOADED, Category.TRANSIENT,
          Category.RATE_LIMITED, Category.TIMEOUT, Category.CIRCUIT_OPEN, Category.NOT_FOUND));
  RetryBudgets budgets = new RetryBudgets(0.2, 100, new FakeClock());
  Duration replayWindow = Duration.ofSeconds(10);
  boolean holdWhileOpen = true;
  int budgetExemptAttempts = 3;

  CallPipeline pipeline() {
    return TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), records::add, clock)
        .sleeper(nanos -> {
          sleeps.add(nanos);
          clock.advance(Duration.ofNanos(nanos));
        })
        .random(() -> 0.5)
        .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Jitter.FULL, Duration.ofSeconds(5),
            Duration.ofSeconds(60)))
        .budgets(budgets)
        .breakers(breakers)
        .fallback(fallback)
        .replayWindow(replayWindow)
        .holdWhileOpen(holdWhileOpen)
        .budgetExemptAttempts(budgetExemptAttempts)
        .build();
  }

  /** The app's call as an OpenAI or Anthropic SDK sends it: its first attempt, or its own retry number n. */
  static CallRequest sdkAttempt(String model, int retryCount) {
    return request(model, false).with(TestHeaders.of("X-Stainless-Retry-Count", Integer.toString(retryCount),
        "x-api-key", "sk-ant-tenant-a"), null, 0);
  }

  static CallRequest request(String model, boolean streamed) {
    byte[] body = ("{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[]}").getBytes(StandardCharsets.UTF_8);
    return CallRequest.of(ANTHROPIC, "POST", "https://api.anthropic.com:443/v1/messages", "/v1/messages", body, true, streamed, null);
  }

  @Test
  void anOverloadedAnswerIsRetriedWithJitteredBackoffUntilItSucceeds() throws IOException {
    FakeExchange exchange = new FakeExchange().then(529, OVERLOADED).then(529, OVERLOADED).then(200, OK);

    FakeExchange.Answer answer = pipeline().execute(request("claude-haiku-4-5", false), exchange);

    assertEquals(200, answer.status);
    assertEquals(3, exchange.sent.size());
    assertEquals(2, exchange.discarded.size(), "every failed attempt was released");
    // Full jitter with random 0.5: half of 100ms, then half of 200ms.
    assertEquals(List.of(50_000_000L, 100_000_000L), sleeps);
    CallRecord record = records.get(0);
    assertEquals(Outcome.RECOVERED, record.outcome());
    assertEquals(3, record.attempts());
    assertEquals(Category.OVERLOADED, record.failure().category());
    assertEquals(150_000_000L, record.waitedNanos());
  }

  @Test
  void quotaErrorsAreNeverRetriedAndTellTheSdkNotToRetryEither() throws IOException {
    String quota = "{\"error\":{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\",\"message\":\"quota\"}}";
    Endpoint openai = Endpoint.onHost("openai", Provider.OPENAI, "api.openai.com", -1, "");
    CallRequest request = CallRequest.of(openai, "POST", "https://api.openai.com:443/v1/chat/completions",
        "/v1/chat/completions", "{\"model\":\"gpt-4o\"}".getBytes(StandardCharsets.UTF_8), true, false, null);
    FakeExchange exchange = new FakeExchange().then(429, quota);

    FakeExchange.Answer answer = pipeline().execute(request, exchange);

    assertEquals(429, answer.status);
    assertEquals(1, exchange.sent.size());
    assertEquals("false", answer.headers.get("X-Should-Retry"));
    assertEquals(Outcome.FAILED, records.get(0).outcome());
    assertEquals(Category.QUOTA_EXHAUSTED, records.get(0).failure().category());
  }

  @Test
  void theNextModelOfTheChainServesWithOnlyTheModelRewritten() throws IOException {
    FakeExchange exchange = new FakeExchange().then(529, OVERLOADED).then(200, OK);
    CallRequest request = request("claude-opus-4-1", false);

    FakeExchange.Answer answer = pipeline().execute(request, exchange);

    assertEquals(200, answer.status);
    assertEquals("claude-sonnet-4-5", answer.headers.get("x-airbag-served-model"));
    assertNull(exchange.sent.get(0).body(), "the primary model's attempts send the app's own body");
    String original = new String(request.body(), StandardCharsets.UTF_8);
    assertArrayEquals(original.replace("claude-opus-4-1", "claude-sonnet-4-5").getBytes(StandardCharsets.UTF_8),
        exchange.sent.get(1).body());
    CallRecord record = records.get(0);
    assertEquals(List.of("claude-opus-4-1", "claude-sonnet-4-5"), record.modelsTried());
    assertEquals("claude-sonnet-4-5", record.servedModel());
    assertEquals(Outcome.RECOVERED, record.outcome());
  }

  @Test
  void aWaitHintLongerThanTheCapIsNotWaitedOutButFallsBack() throws IOException {
    String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
    FakeExchange exchange = new FakeExchange().then(429, limited, "Retry-After", "120").then(200, OK);

    FakeExchange.Answer answer = pipeline().execute(request("claude-sonnet-4-5", false), exchange);

    assertEquals(200, answer.status);
    assertEquals(List.of(50_000_000L), sleeps, "the fallback waited the backoff, not the 120 s asked for");
    assertEquals("claude-haiku-4-5", records.get(0).servedModel());
    assertTrue(records.get(0).note().contains("max-retry-after"), records.get(0).note());
  }

  @Test
  void aWaitHintWithinTheCapIsHonouredExactly() throws IOException {
    String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
    FakeExchange exchange = new FakeExchange().then(429, limited, "Retry-After", "2").then(200, OK);

    pipeline().execute(request("claude-haiku-4-5", false), exchange);

    assertEquals(List.of(2_000_000_000L), sleeps);
  }

  @Test
  void contentPolicyFailsAtOnceWithoutFallback() throws IOException {
    String policy = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Output blocked by content filtering policy\"}}";
    FakeExchange exchange = new FakeExchange().then(400, policy);

    FakeExchange.Answer answer = pipeline().execute(request("claude-opus-4-1", false), exchange);

    assertEquals(400, answer.status);
    assertEquals(1, exchange.sent.size());
    assertEquals(List.of("claude-opus-4-1"), records.get(0).modelsTried());
  }

  @Test
  void aContextLengthFailureMovesToTheLargerContextModelOnly() throws IOException {
    String tooLong = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 300000 tokens > 200000 maximum\"}}";
    FakeExchange exchange = new FakeExchange().then(400, tooLong).then(200, OK);

    pipeline().execute(request("claude-haiku-4-5", false), exchange);

    assertEquals(2, exchange.sent.size());
    assertEquals("claude-sonnet-4-5", records.get(0).servedModel());
  }

  @Test
  void anOpenCircuitAnswersWithoutTheNetworkInTheProvidersShape() throws IOException {
    fallback = FallbackPolicy.none();
    // The same request again and again: without this, re-sends would be answered from the last outcome.
    replayWindow = Duration.ZERO;
    // Failing fast, so that no held call's last try probes the circuit (a held call's last try may).
    holdWhileOpen = false;
    CallPipeline pipeline = pipeline();
    for (int i = 0; i < 2; i++) {
      pipeline.execute(request("claude-haiku-4-5", false),
          new FakeExchange().then(529, OVERLOADED).then(529, OVERLOADED).then(529, OVERLOADED));
    }
    records.clear();
    FakeExchange exchange = new FakeExchange();

    FakeExchange.Answer answer = pipeline.execute(request("claude-haiku-4-5", false), exchange);

    assertTrue(exchange.sent.isEmpty(), "no attempt reached the network");
    assertTrue(answer.synthesized);
    assertEquals(503, answer.status);
    assertEquals("open", answer.headers.get("x-airbag-circuit"));
    assertNull(answer.headers.get("X-Should-Retry"), "after no try, the SDK retries as it would without Airbag");
    assertEquals("30", answer.headers.get("Retry-After"));
    assertTrue(answer.bodyText().contains("\"overloaded_error\""), answer.bodyText());
    assertEquals(Outcome.SHORT_CIRCUITED, records.get(0).outcome());
    assertEquals(Category.CIRCUIT_OPEN, records.get(0).failure().category());
  }

  @Test
  void anOpenCircuitOnThePrimarySendsTheCallToTheFallbackAtOnce() throws IOException {
    CallPipeline pipeline = pipeline();
    for (int i = 0; i < 4; i++) {
      // The primary (sent with the app's own body) is overloaded; the fallback (a rewritten body) serves.
      pipeline.execute(request("claude-opus-4-1", false), new FakeExchange().otherwise(attempt -> attempt.body() == null
          ? new FakeExchange.Answer(529, OVERLOADED, false) : new FakeExchange.Answer(200, OK, false)));
    }
    records.clear();
    FakeExchange exchange = new FakeExchange().then(200, OK);

    pipeline.execute(request("claude-opus-4-1", false), exchange);

    assertEquals(1, exchange.sent.size(), "the primary was skipped");
    assertEquals("claude-sonnet-4-5", records.get(0).servedModel());
    assertEquals(Category.CIRCUIT_OPEN, records.get(0).failure().category());
  }

  @Test
  void aTransportFailureIsRetriedAndFinallyRethrownUnchanged() {
    fallback = FallbackPolicy.none();
    ConnectException refused = new ConnectException("Connection refused");
    FakeExchange exchange = new FakeExchange().otherwise(attempt -> refused);

    IOException thrown = assertThrows(IOException.class,
        () -> pipeline().execute(request("claude-haiku-4-5", false), exchange));

    assertSame(refused, thrown);
    assertEquals(3, exchange.sent.size());
    assertEquals(Category.TRANSIENT, records.get(0).failure().category());
  }

  @Test
  void aSpentRetryBudgetStopsRetriesPastTheExemptAttemptsAndSaysSo() throws IOException {
    replayWindow = Duration.ZERO;
    // Load shedding, an opt-in: every retry spends the budget.
    budgetExemptAttempts = 1;
    budgets = new RetryBudgets(0.0, 0.1, clock);
    fallback = FallbackPolicy.none();
    FakeExchange exchange = new FakeExchange().otherwise(attempt -> new FakeExchange.Answer(529, OVERLOADED, false));

    pipeline().execute(request("claude-haiku-4-5", false), exchange);
    FakeExchange second = new FakeExchange().otherwise(attempt -> new FakeExchange.Answer(529, OVERLOADED, false));
    pipeline().execute(request("claude-haiku-4-5", false), second);

    // 0.1 per second over a 10 s window allows exactly one retry.
    assertEquals(2, exchange.sent.size());
    assertEquals(1, second.sent.size());
    assertTrue(records.get(1).note().contains("retry budget"), records.get(1).note());
  }

  @Test
  void aStreamedAnswerIsMonitoredAndABreakIsReportedOnce() throws IOException {
    FakeExchange exchange = new FakeExchange().then(200, "event: message_start\n\n");

    FakeExchange.Answer answer = pipeline().execute(request("claude-haiku-4-5", true), exchange);
    answer.monitor.onBroken(new IOException("unexpected end of stream"), 1234);
    answer.monitor.onBroken(new IOException("again"), 2000);

    assertEquals(2, records.size(), "the success record, then one interruption");
    CallRecord interrupted = records.get(1);
    assertEquals(Outcome.STREAM_INTERRUPTED, interrupted.outcome());
    assertEquals(1234, interrupted.bytesDelivered());
    assertEquals(Category.TRANSIENT, interrupted.failure().category());
  }

  @Test
  void theSdksOwnReSendOfAnExhaustedCallIsAnsweredWithoutTheNetworkAndCounted() throws IOException {
    fallback = FallbackPolicy.none();
    CallPipeline pipeline = pipeline();
    FakeExchange first = new FakeExchange().otherwise(attempt -> new FakeExchange.Answer(529, OVERLOADED, false));
    pipeline.execute(sdkAttempt("claude-haiku-4-5", 0), first);
    FakeExchange resend = new FakeExchange();

    FakeExchange.Answer answer = pipeline.execute(sdkAttempt("claude-haiku-4-5", 1), resend);

    assertEquals(3, first.sent.size());
    assertTrue(resend.sent.isEmpty(), "the framework's re-send reached no server");
    assertEquals(529, answer.status);
    assertEquals(OVERLOADED, answer.bodyText());
    assertEquals("false", answer.headers.get("X-Should-Retry"));
    assertEquals("true", answer.headers.get("x-airbag-replayed"));
    assertEquals(2, records.size(), "the call answered from memory has its own record");
    assertEquals(Outcome.FAILED, records.get(1).outcome());
    assertEquals(Category.OVERLOADED, records.get(1).failure().category());
    assertTrue(records.get(1).note().contains("answered from memory"), records.get(1).note());
  }

  @Test
  void aReplayedOutcomeExpiresWithItsWindow() throws IOException {
    fallback = FallbackPolicy.none();
    CallPipeline pipeline = pipeline();
    pipeline.execute(request("claude-haiku-4-5", false),
        new FakeExchange().otherwise(attempt -> new FakeExchange.Answer(529, OVERLOADED, false)));
    clock.advance(Duration.ofSeconds(11));
    FakeExchange later = new FakeExchange().then(200, OK);

    FakeExchange.Answer answer = pipeline.execute(request("claude-haiku-4-5", false), later);

    assertEquals(200, answer.status);
    assertEquals(1, later.sent.size());
  }

  @Test
  void theAsyncDriverMakesTheSameDecisionsWithoutSleeping() throws Exception {
    List<Long> scheduled = new ArrayList<>();
    CallPipeline pipeline = TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), records::add, clock)
        .sleeper(nanos -> {
          throw new AssertionError("the async driver never sleeps");
        })
        .scheduler(nanos -> {
          scheduled.add(nanos);
          return CompletableFuture.completedFuture(null);
        })
        .random(() -> 0.5)
        .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Jitter.FULL, Duration.ofSeconds(5),
            Duration.ofSeconds(60)))
        .build();
    FakeAsyncExchange exchange = new FakeAsyncExchange(new FakeExchange().then(529, OVERLOADED).then(200, OK));

    FakeExchange.Answer answer = pipeline.executeAsync(request("claude-haiku-4-5", false), exchange).get();

    assertEquals(200, answer.status);
    assertEquals(List.of(50_000_000L), scheduled);
    assertEquals(Outcome.RECOVERED, records.get(0).outcome());
  }

  @Test
  void anAnswerThatComesBeforeTheSendReturnsIsDecidedWhereItComes() throws Exception {
    List<String> decidedOn = new ArrayList<>();
    CallPipeline pipeline = TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock),
        record -> decidedOn.add(Thread.currentThread().getName()), clock).build();
    FakeExchange served = new FakeExchange().then(200, OK);
    List<Boolean> finishedWhenCompleted = new ArrayList<>();
    AsyncExchange<FakeExchange.Answer> exchange = new FakeAsyncExchange(served) {
      @Override
      public void sendAsync(AttemptRequest attempt, CompletableFuture<FakeExchange.Answer> answer) {
        // A loopback answer, on the client's I/O thread, while the calling thread is still inside the send.
        Thread io = new Thread(() -> {
          try {
            answer.complete(served.send(attempt));
          } catch (IOException e) {
            answer.completeExceptionally(e);
          }
          finishedWhenCompleted.add(!decidedOn.isEmpty());
        }, "io-dispatch");
        io.start();
        try {
          io.join();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    };

    FakeExchange.Answer answer = pipeline.executeAsync(request("claude-haiku-4-5", false), exchange).get();

    assertEquals(200, answer.status);
    assertEquals(List.of("io-dispatch"), decidedOn);
    assertEquals(List.of(true), finishedWhenCompleted, "decided before complete() returned, with nothing waited for");
  }

  @Test
  void aCancelledCallMakesNoFurtherAttempt() throws IOException {
    FakeExchange exchange = new FakeExchange().then(529, OVERLOADED);
    exchange.otherwise(attempt -> {
      throw new AssertionError("no attempt after cancel");
    });
    CallPipeline pipeline = TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), records::add, clock).sleeper(nanos -> exchange.canceled = true).random(() -> 0.5).build();

    FakeExchange.Answer answer = pipeline.execute(request("claude-haiku-4-5", false), exchange);

    assertEquals(529, answer.status);
    assertEquals(1, exchange.sent.size());
  }
}
