package dev.airbag.agent.uncaught;

import static dev.airbag.agent.uncaught.FingerprintTest.frame;
import static dev.airbag.agent.uncaught.FingerprintTest.withStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.time.Sleeper;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The AI labeller gets the engine's retry, budget and circuit rules; a scripted transport, a fake clock, no sleeps. */
class AiLabellerTest {
  private static final String GOOD = ChatAnswerTest.completion(
      "{\"severity\":\"info\",\"escalation\":\"none\",\"category\":null,\"reason\":\"a user typo\"}");
  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final List<Long> waits = new ArrayList<>();
  private final Sleeper sleeper = nanos -> {
    waits.add(nanos);
    clock.advance(nanos, TimeUnit.NANOSECONDS);
  };
  private final RecordingLog log = new RecordingLog();
  private final ScriptedTransport transport = new ScriptedTransport();

  @Test
  void a503IsRetriedAfterTheEnginesBackoffOnTheInjectedSleeper() throws Exception {
    // Given a model that is overloaded twice, then answers
    transport.answer(503).answer(503).answer(200, GOOD);
    AiLabeller labeller = labeller(3, null);

    // When a case is labelled
    Verdict verdict = labeller.label(review("Orders"));

    // Then it took three posts, with full-jitter waits of half of 500 ms and of 1 s (the random number is 0.5)
    assertNotNull(verdict);
    assertEquals("ai: a user typo", verdict.reason());
    assertEquals(3, transport.posts);
    assertEquals(List.of(250 * MS, 500 * MS), waits);
  }

  @Test
  void aRetryAfterHintIsReadByTheEnginesClassifier() throws Exception {
    // Given a model that is rate limited and asks for two seconds
    transport.answer(429, "{}", Map.of("Retry-After", "2")).answer(200, GOOD);
    AiLabeller labeller = labeller(3, null);

    // When a case is labelled
    assertNotNull(labeller.label(review("Orders")));

    // Then the retry waited what the model asked for
    assertEquals(List.of(2_000 * MS), waits);
  }

  @Test
  void a401IsNotRetriedNotCachedAndWarnedAboutOnce() throws Exception {
    // Given a key the endpoint refuses
    transport.answer(401).answer(401).answer(401).answer(401);
    AiLabeller labeller = labeller(3, null);

    // When four cases are labelled
    for (String type : List.of("Orders", "Billing", "Shipping", "Search")) {
      assertNull(labeller.label(review(type)));
    }

    // Then each got one post (an auth failure never counts against the circuit), no wait, and one warning in all
    assertEquals(4, transport.posts);
    assertTrue(waits.isEmpty());
    assertEquals(1, log.warnings().size());
    assertTrue(log.warnings().get(0).contains("answered HTTP 401"), log.warnings().get(0));
    assertNull(labeller.labelFor(review("Orders").fingerprint().value()), "no answer is cached");
  }

  @Test
  void aDeadEndpointIsLeftAloneOnceItsCircuitOpensAndProbedAfterTheOpenDuration() throws Exception {
    // Given an endpoint that refuses every connection
    transport.refuseAll = true;
    AiLabeller labeller = labeller(3, null);

    // When one case fails all its attempts, and a second case comes
    assertNull(labeller.label(review("Orders")));
    int afterFirst = transport.posts;
    assertNull(labeller.label(review("Billing")));

    // Then the three failures opened the circuit and the second case posted nothing
    assertEquals(3, afterFirst);
    assertEquals(3, transport.posts);
    assertTrue(log.lines.stream().anyMatch(line -> line.contains("circuit closed -> open")), log.lines.toString());

    // When the open duration has passed, the next case sends one probe, which fails, and nothing more
    clock.advance(Duration.ofMinutes(1));
    assertNull(labeller.label(review("Shipping")));
    assertEquals(4, transport.posts);
  }

  @Test
  void theEnginesRetryBudgetLimitsTheLabellersRetries() throws Exception {
    // Given a budget of one retry per ten seconds and a model that stays overloaded
    transport.answer(503).answer(503).answer(503);
    AiLabeller labeller = labeller(3, new RetryBudgets(0, 0.1, clock));

    // When a case is labelled
    assertNull(labeller.label(review("Orders")));

    // Then the budget allowed one retry of the two the attempts would have
    assertEquals(2, transport.posts);
    assertEquals(1, waits.size());
  }

  @Test
  void anInterruptedPostEndsTheReviewWithoutRetryOrCache() {
    // Given a review worker that is being closed while it posts
    transport.interrupt = true;
    AiLabeller labeller = labeller(3, null);

    // When a case is labelled, then the interrupt reaches the worker and nothing is retried
    assertThrows(InterruptedException.class, () -> labeller.label(review("Orders")));
    assertFalse(Thread.currentThread().isInterrupted(), "the worker's InterruptedException carries the interrupt");
    assertEquals(1, transport.posts);
    assertTrue(waits.isEmpty());
    assertTrue(log.warnings().isEmpty(), "closing is not a failure of the endpoint");
  }

  private AiLabeller labeller(int maxAttempts, RetryBudgets budgets) {
    AiClassifierSettings settings = AiClassifierSettings.from(TestConfig.with(
        "airbag.ai-classifier.endpoint", "http://127.0.0.1:9/v1/chat/completions",
        "airbag.ai-classifier.model", "gpt-4o-mini", "airbag.ai-classifier.timeout", "5s",
        "airbag.ai-classifier.max-attempts", String.valueOf(maxAttempts),
        "airbag.ai-classifier.cache-file", "unused-ai-labels.txt"), "svc");
    return new AiLabeller(settings, transport, new AiLabelCache(null, 100, log), clock, sleeper, () -> 0.5,
        budgets, log);
  }

  private static ReviewCase review(String type) {
    Throwable error = withStack(new IllegalStateException("odd"), frame("com.acme." + type, "run", 1));
    return new ReviewCase(Fingerprint.of(error, AppFrames.platformOnly()), error.getMessage(), 0);
  }

  /** Answers from a script, one response per post; or refuses, or is interrupted, every post. */
  private static final class ScriptedTransport implements ChatTransport {
    private final Deque<ChatResponse> script = new ArrayDeque<>();
    int posts;
    boolean refuseAll;
    boolean interrupt;

    ScriptedTransport answer(int status) {
      return answer(status, "{\"error\":{\"message\":\"status " + status + "\"}}");
    }

    ScriptedTransport answer(int status, String body) {
      return answer(status, body, Map.of());
    }

    ScriptedTransport answer(int status, String body, Map<String, String> headers) {
      script.add(new ChatResponse(status, body, HeaderLookup.of(headers)));
      return this;
    }

    @Override
    public ChatResponse post(String jsonBody) throws IOException, InterruptedException {
      posts++;
      if (interrupt) {
        throw new InterruptedException();
      }
      if (refuseAll) {
        throw new ConnectException("Connection refused");
      }
      return script.remove();
    }
  }
}
