package dev.airbag.agent.uncaught;

import static dev.airbag.agent.uncaught.FingerprintTest.frame;
import static dev.airbag.agent.uncaught.FingerprintTest.withStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.engine.time.Sleeper;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.testing.FakeClock;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional AI classifier against a real OpenAI-compatible server on loopback. */
class AiClassifierTest {
  private static final String GOOD = ChatAnswerTest.completion(
      "{\"severity\":\"info\",\"escalation\":\"none\",\"category\":null,\"reason\":\"a user typo\"}");

  private final FakeClock clock = new FakeClock();
  private final RecordingEvents events = new RecordingEvents();
  private final LinkedBlockingQueue<String> reviewed = new LinkedBlockingQueue<>();
  private final List<Long> waits = new CopyOnWriteArrayList<>();
  private final Sleeper recordingSleeper = waits::add;
  private ExceptionReporter reporter;

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    if (reporter != null) {
      reporter.close();
    }
  }

  @Test
  void aGoodAnswerLabelsTheNextOccurrenceAndIsCachedAcrossRestarts() throws Exception {
    try (FakeChatServer server = new FakeChatServer().answering(200, GOOD)) {
      reporter = reporter(server.endpoint(), Duration.ofSeconds(5));
      Throwable error = bug("name 'x' not found for user 981 <ann@corp.io>");

      reporter.report(error, null, CaptureSource.UNCAUGHT, null);
      assertEquals("unlabelled", events.last().get(EventFields.LABELLED_BY), "the rules decide until it answers");
      awaitReview();
      reporter.report(error, null, CaptureSource.UNCAUGHT, null);

      Event labelled = events.last();
      assertEquals("ai", labelled.get(EventFields.LABELLED_BY));
      assertEquals("info", labelled.get(EventFields.SEVERITY));
      assertEquals("none", labelled.get(EventFields.ESCALATION));
      assertEquals("ai: a user typo", labelled.get(EventFields.REASON));
      assertEquals(1, server.bodies.size());
      assertEquals("Bearer test-key-123", server.authorizations.get(0));
      assertFalse(server.bodies.get(0).contains("981") || server.bodies.get(0).contains("ann@corp.io"));
      assertTrue(Files.readString(dir.resolve("ai-labels.txt")).contains("severity=info escalation=none"));

      reporter.close();
      reporter = reporter(server.endpoint(), Duration.ofSeconds(5));
      reporter.report(error, null, CaptureSource.UNCAUGHT, null);
      assertEquals("ai", events.last().get(EventFields.LABELLED_BY), "the cache file answers after a restart");
      assertEquals(1, server.bodies.size());
    }
  }

  @Test
  void aGarbageAnswerRoutesTheFingerprintToHumanReview() throws Exception {
    try (FakeChatServer server = new FakeChatServer().answering(200,
        ChatAnswerTest.completion("Sure! It's probably fine, maybe."))) {
      reporter = reporter(server.endpoint(), Duration.ofSeconds(5));
      Throwable error = bug("odd");

      reporter.report(error, null, CaptureSource.UNCAUGHT, null);
      awaitReview();
      reporter.report(error, null, CaptureSource.UNCAUGHT, null);

      assertEquals("human_review", events.last().get(EventFields.ESCALATION));
      assertEquals("ai", events.last().get(EventFields.LABELLED_BY));
      assertTrue(((String) events.last().get(EventFields.REASON)).startsWith("ai answer rejected"));
    }
  }

  @Test
  void aSlowServerTimesOutAndTheRulesDecideUntilALaterOccurrenceAsksAgain() throws Exception {
    try (FakeChatServer server = new FakeChatServer().answering(200, GOOD)) {
      CountDownLatch release = server.holding();
      reporter = reporter(server.endpoint(), Duration.ofMillis(300));
      Throwable error = bug("odd");

      reporter.report(error, null, CaptureSource.UNCAUGHT, null);
      awaitReview();
      assertEquals(2, server.bodies.size(), "one retry after the first timeout");
      assertEquals(1, waits.size(), "the retry waited through the injected sleeper");
      reporter.report(error, null, CaptureSource.UNCAUGHT, null);

      assertEquals("unlabelled", events.last().get(EventFields.LABELLED_BY));
      assertEquals("human_review", events.last().get(EventFields.ESCALATION));
      release.countDown();
      awaitReview();
      assertEquals(3, server.bodies.size(), "no answer was cached, so the next occurrence asked again");
    }
  }

  @Test
  void aServerThatIsNotThereLeavesTheRulesInCharge() throws Exception {
    URI refused;
    try (ServerSocket socket = new ServerSocket(0)) {
      refused = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/chat/completions");
    }
    reporter = reporter(refused, Duration.ofSeconds(2));
    Throwable error = bug("odd");

    reporter.report(error, null, CaptureSource.UNCAUGHT, null);
    awaitReview();
    reporter.report(error, null, CaptureSource.UNCAUGHT, null);

    assertEquals("unlabelled", events.last().get(EventFields.LABELLED_BY));
    assertEquals(2, events.events.size());
  }

  @Test
  void reportReturnsWhileTheModelIsStillThinking() throws Exception {
    try (FakeChatServer server = new FakeChatServer().answering(200, GOOD)) {
      CountDownLatch release = server.holding();
      reporter = reporter(server.endpoint(), Duration.ofSeconds(20));

      reporter.report(bug("odd"), null, CaptureSource.UNCAUGHT, null);

      assertTrue(server.entered.await(10, TimeUnit.SECONDS), "the request is in flight on the worker");
      assertEquals(1, events.events.size(), "report() returned its event while the server holds the answer");
      assertTrue(reviewed.isEmpty());
      release.countDown();
      awaitReview();
    }
  }

  @Test
  void aFailingServerOpensTheBreakerAndIsLeftAlone() throws Exception {
    try (FakeChatServer server = new FakeChatServer().answering(503, "{\"error\":\"overloaded\"}")) {
      reporter = reporter(server.endpoint(), Duration.ofSeconds(5));
      for (int i = 0; i < 4; i++) {
        reporter.report(withStack(new IllegalStateException(), frame("com.acme.Bug" + i, "run", 1)), null,
            CaptureSource.UNCAUGHT, Map.of());
        awaitReview();
      }

      // Two attempts for the first fingerprint, one for the second: three failures open the circuit.
      assertEquals(3, server.bodies.size());
    }
  }

  private ExceptionReporter reporter(URI endpoint, Duration timeout) {
    ExceptionSettings settings = ExceptionSettings.from(TestConfig.with("airbag.ai-classifier.endpoint", endpoint,
        "airbag.ai-classifier.model", "gpt-4o-mini", "airbag.ai-classifier.api-key-env", "AI_KEY",
        "airbag.ai-classifier.timeout", timeout.toMillis() + "ms", "airbag.ai-classifier.max-attempts", "2",
        "airbag.ai-classifier.cache-file", dir.resolve("ai-labels.txt")), "svc");
    return ExceptionReporter.builder(settings)
        .events(events).clock(clock).env(Map.of("AI_KEY", "test-key-123")::get)
        .sleeper(recordingSleeper).onReviewed(reviewed::add).log(new RecordingLog()).build();
  }

  private void awaitReview() throws InterruptedException {
    assertTrue(reviewed.poll(20, TimeUnit.SECONDS) != null, "the review worker finished");
  }

  private static Throwable bug(String message) {
    return withStack(new IllegalStateException(message), frame("com.acme.Orders", "place", 42));
  }
}
