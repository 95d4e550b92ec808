package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Airbag's retries stay inside the caller's own timeout, and hand back the last real failure when it runs out. */
class CallerTimeoutTest {
  private static final long FIVE_SECONDS = Duration.ofSeconds(5).toNanos();

  private final FakeClock clock = new FakeClock();
  private final List<CallRecord> records = new ArrayList<>();

  private CallPipeline pipeline() {
    return TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), records::add, clock)
        .sleeper(nanos -> clock.advance(Duration.ofNanos(nanos)))
        .random(() -> 0.5)
        .retry(new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(2), Jitter.NONE, Duration.ofSeconds(5),
            Duration.ofSeconds(20)))
        .budgets(new RetryBudgets(0.2, 100, new FakeClock()))
        .build();
  }

  private static CallRequest request(long callerTimeoutNanos) {
    return CallPipelineTest.request("claude-haiku-4-5", false).with(null, null, callerTimeoutNanos);
  }

  /** An answer that takes {@code took} of the fake clock to come. */
  private FakeExchange slow(Duration took, int status) {
    return new FakeExchange().otherwise(attempt -> {
      clock.advance(took);
      return status == 0 ? new ConnectException("refused") : new FakeExchange.Answer(status, CallPipelineTest.OVERLOADED, false);
    });
  }

  @Test
  void aSlowFailureIsNotRetriedPastTheCallersTimeoutAndReachesTheSdkUnchanged() throws IOException {
    FakeExchange exchange = slow(Duration.ofSeconds(3), 529);

    FakeExchange.Answer answer = pipeline().execute(request(FIVE_SECONDS), exchange);

    assertEquals(529, answer.status);
    assertEquals(1, exchange.sent.size(), "a second 3 s attempt cannot end inside the 2 s left");
    assertNull(answer.headers.get("X-Should-Retry"), "Airbag retried nothing, so the SDK's own retry stays");
    assertEquals(Outcome.FAILED, records.get(0).outcome());
    assertTrue(records.get(0).note().contains("caller's own timeout"), records.get(0).note());
  }

  @Test
  void aCallCutByTheCallersTimeoutBeforeAnyRetryIsNotReplayedToTheSdksOwnRetry() throws IOException {
    CallPipeline pipeline = pipeline();
    pipeline.execute(request(FIVE_SECONDS), slow(Duration.ofSeconds(3), 529));
    FakeExchange again = slow(Duration.ofSeconds(3), 529);

    pipeline.execute(request(FIVE_SECONDS), again);

    assertEquals(1, again.sent.size(), "the SDK's re-send reached the provider");
  }

  @Test
  void aSlowTransportFailureIsNotRetriedPastTheCallersTimeoutNorReplayed() throws IOException {
    CallPipeline pipeline = pipeline();
    FakeExchange exchange = slow(Duration.ofSeconds(3), 0);

    assertThrows(ConnectException.class, () -> pipeline.execute(request(FIVE_SECONDS), exchange));
    FakeExchange again = slow(Duration.ofSeconds(3), 0);
    assertThrows(ConnectException.class, () -> pipeline.execute(request(FIVE_SECONDS), again));

    assertEquals(1, exchange.sent.size());
    assertEquals(1, again.sent.size());
  }

  @Test
  void fastFailuresAreRetriedInsideTheCallersTimeoutAndTheSdkIsToldNotToRetry() throws IOException {
    FakeExchange exchange = slow(Duration.ofMillis(50), 529);

    FakeExchange.Answer answer = pipeline().execute(request(FIVE_SECONDS), exchange);

    assertEquals(4, exchange.sent.size());
    assertEquals("false", answer.headers.get("X-Should-Retry"));
  }

  @Test
  void retriesThatRunIntoTheCallersTimeoutStopAndTellTheSdkNotToMultiplyThem() throws IOException {
    FakeExchange exchange = slow(Duration.ofMillis(1500), 529);

    FakeExchange.Answer answer = pipeline().execute(request(FIVE_SECONDS), exchange);

    // 1.5 s, wait 0.5 s, 1.5 s (3.5 s): a 1 s wait and another 1.5 s attempt no longer fit.
    assertEquals(2, exchange.sent.size());
    assertEquals("false", answer.headers.get("X-Should-Retry"));
    assertTrue(records.get(0).durationNanos() <= FIVE_SECONDS);
  }

  @Test
  void withoutACallerTimeoutAirbagsOwnDeadlineAloneBoundsTheRetries() throws IOException {
    FakeExchange exchange = slow(Duration.ofSeconds(3), 529);

    FakeExchange.Answer answer = pipeline().execute(request(0), exchange);

    assertEquals(4, exchange.sent.size());
    assertEquals("false", answer.headers.get("X-Should-Retry"));
  }
}
