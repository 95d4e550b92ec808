package dev.airbag.agent.uncaught;

import static dev.airbag.agent.uncaught.FingerprintTest.frame;
import static dev.airbag.agent.uncaught.FingerprintTest.withStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;
import dev.airbag.agent.engine.redact.RecentCredentials;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import dev.airbag.agent.testing.FakeClock;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExceptionReporterTest {
  private static final ExceptionSettings DEFAULTS = ExceptionSettings.from(AirbagConfig.defaults(), "svc");
  private final FakeClock clock = new FakeClock();
  private final RecordingEvents events = new RecordingEvents();
  private final ExceptionReporter reporter = ExceptionReporter.builder(DEFAULTS)
      .events(events).clock(clock).service("orders").host("web-1").build();

  @Test
  void anEventCarriesTheFingerprintVerdictStackAndWhereItWasCaught() {
    Throwable error = withStack(new IllegalStateException("order 17 is closed", new IOException("disk full")),
        frame("com.acme.Orders", "place", 42), frame("com.acme.Api", "post", 7));
    Thread thread = new Thread(() -> { }, "http-nio-8080-exec-3");

    reporter.report(error, thread, CaptureSource.SERVLET, Map.of("http.method", "POST",
        "url.path", "/orders/17/lines?token=secret123456789", "http.header.cookie", "session=abc"));

    Event event = events.last();
    assertEquals(EventKinds.EXCEPTION, event.kind());
    assertEquals(Fingerprint.of(error, AppFrames.platformOnly()).value(), event.get(EventFields.FINGERPRINT));
    assertEquals("java.lang.IllegalStateException", event.get(EventFields.EXCEPTION_TYPE));
    assertEquals("order 17 is closed", event.get(EventFields.DETAIL));
    assertEquals(List.of("java.io.IOException"), event.get(EventFields.CAUSE_CHAIN));
    assertEquals("warning", event.get(EventFields.SEVERITY), "the IOException cause is covered by a rule");
    assertEquals("ticket", event.get(EventFields.ESCALATION));
    assertEquals("rule", event.get(EventFields.LABELLED_BY));
    assertEquals("servlet", event.get(EventFields.SOURCE));
    assertEquals("http-nio-8080-exec-3", event.get(EventFields.THREAD));
    assertEquals("POST", event.get(EventFields.HTTP_METHOD));
    assertEquals("/orders/17/lines", event.get(EventFields.URL_PATH));
    assertEquals(true, event.get(EventFields.NEW_FINGERPRINT));
    assertEquals(0L, event.get(EventFields.SUPPRESSED));
    assertEquals("orders", event.get(EventFields.SERVICE));
    assertEquals("web-1", event.get(EventFields.HOST));
    assertEquals(List.of("com.acme.Orders.place(Orders.java:42)", "com.acme.Api.post(Api.java:7)",
        "Caused by: java.io.IOException: disk full"), ((List<?>) event.get(EventFields.STACK)).subList(0, 3));
    assertFalse(event.toString().contains("cookie") || event.toString().contains("secret123456789"));
  }

  @Test
  void aCredentialOfARecentFailedCallIsMaskedInTheMessageCausesAndThreadName() {
    String key = "azurelike0key0with0no0known0shape0123";
    RecentCredentials recent = new RecentCredentials(clock, java.time.Duration.ofMinutes(10).toNanos());
    recent.remember(List.of(key));
    ExceptionReporter masking = ExceptionReporter.builder(DEFAULTS).events(events).clock(clock)
        .secrets(recent).build();
    Throwable error = withStack(new IllegalStateException("call failed with " + key,
        new IOException("401: key " + key + " denied")), frame("com.acme.Orders", "place", 42));

    masking.report(error, new Thread(() -> { }, "worker-" + key), CaptureSource.UNCAUGHT, null);

    String event = events.last().toString();
    assertFalse(event.contains(key) || event.contains(key.substring(0, 12)), event);
    assertEquals("call failed with ****", events.last().get(EventFields.DETAIL));
    assertEquals("****", events.last().get(EventFields.THREAD));
  }

  @Test
  void anUnlabelledFingerprintAsksForHumanReviewUntilSomeoneLabelsIt() {
    Throwable error = withStack(new IllegalArgumentException("odd"), frame("com.acme.Orders", "place", 1));

    reporter.report(error, null, CaptureSource.UNCAUGHT, null);
    reporter.report(error, null, CaptureSource.UNCAUGHT, null);

    for (Event event : events.events) {
      assertEquals("human_review", event.get(EventFields.ESCALATION));
      assertEquals("unlabelled", event.get(EventFields.LABELLED_BY));
    }
    assertEquals(true, events.events.get(0).get(EventFields.NEW_FINGERPRINT));
    assertEquals(false, events.events.get(1).get(EventFields.NEW_FINGERPRINT));
    assertEquals(Thread.currentThread().getName(), events.last().get(EventFields.THREAD));
  }

  @Test
  void aBurstOfOneHundredThousandIsRateLimitedAndCountedIntoTheNextEvent() {
    AtomicInteger counted = new AtomicInteger();
    ExceptionReporter limited = ExceptionReporter.builder(DEFAULTS).events(events).clock(clock)
        .metrics((category, severity, source) -> counted.incrementAndGet()).build();
    Throwable error = withStack(new IllegalStateException("boom"), frame("com.acme.Loop", "spin", 3));

    for (int i = 0; i < 100_000; i++) {
      limited.report(error, null, CaptureSource.EXECUTOR, null);
    }
    assertEquals(10, events.events.size());
    events.events.forEach(e -> assertEquals(0L, e.get(EventFields.SUPPRESSED)));

    clock.advance(java.time.Duration.ofMinutes(1));
    limited.report(error, null, CaptureSource.EXECUTOR, null);

    assertEquals(11, events.events.size());
    assertEquals(99_990L, events.last().get(EventFields.SUPPRESSED));
    assertEquals(100_001, counted.get(), "metrics count every occurrence, suppressed or not");
  }

  @Test
  void theRateLimitIsPerFingerprint() {
    for (int i = 0; i < 20; i++) {
      reporter.report(withStack(new IllegalStateException(), frame("com.acme.A", "a", i)), null,
          CaptureSource.UNCAUGHT, null);
      reporter.report(withStack(new IllegalStateException(), frame("com.acme.B", "b", i)), null,
          CaptureSource.UNCAUGHT, null);
    }

    assertEquals(20, events.events.size());
  }

  @Test
  void perFingerprintStateIsBoundedAndEvictsTheLeastRecentlySeen() {
    FingerprintStates states = new FingerprintStates(3, 1, 1_000);
    for (String fp : List.of("a", "b", "c")) {
      states.admit(fp, 0);
    }
    states.admit("a", 0);
    states.admit("d", 0);

    assertEquals(3, states.size());
    assertFalse(states.admit("a", 0).emit(), "a was seen recently and is still limited");
    assertTrue(states.admit("b", 0).firstSeen(), "b was evicted, so it starts afresh");
  }

  @Test
  void secretsInTheMessageAndTheCausesNeverLeaveTheProcess() {
    Throwable cause = new IllegalStateException("Authorization: Bearer abcdefghijklmnop0123456789");
    Throwable error = new RuntimeException("call failed for bob@example.com with api_key=sk-proj-abcdef1234567890",
        cause);

    reporter.report(error, null, CaptureSource.UNCAUGHT, null);

    String json = events.last().toString();
    assertFalse(json.contains("sk-proj-abcdef1234567890"), json);
    assertFalse(json.contains("bob@example.com"), json);
    assertFalse(json.contains("abcdefghijklmnop0123456789"), json);
    assertTrue(((String) events.last().get(EventFields.DETAIL)).contains(MessageMasker.EMAIL));
  }

  @Test
  void reportNeverThrowsEvenWhenTheExceptionOrTheSinkMisbehaves() {
    RuntimeException hostile = new RuntimeException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("getMessage is broken");
      }

      @Override
      public StackTraceElement[] getStackTrace() {
        throw new IllegalStateException("so is getStackTrace");
      }
    };
    reporter.report(hostile, null, CaptureSource.UNCAUGHT, null);
    assertNull(events.last().get(EventFields.DETAIL));

    RecordingLog log = new RecordingLog();
    ExceptionReporter broken = ExceptionReporter.builder(DEFAULTS).clock(clock).log(log)
        .events(e -> {
          throw new IllegalStateException("sink down");
        }).build();
    broken.report(new IllegalStateException(), null, CaptureSource.UNCAUGHT, null);
    broken.report(new IllegalStateException(), null, CaptureSource.UNCAUGHT, null);

    assertEquals(2, broken.failures());
    assertEquals(1, log.warnings().size(), "logged at most once a minute");
  }

  @Test
  void anExceptionReportedWhileAirbagIsAtWorkOnTheThreadIsIgnored() {
    ReentrancyGuard.enter();
    try {
      reporter.report(new IllegalStateException(), null, CaptureSource.UNCAUGHT, null);
    } finally {
      ReentrancyGuard.exit();
    }

    assertTrue(events.events.isEmpty());
    assertFalse(ReentrancyGuard.isActive());
  }

  @Test
  void theMetricsListenerHearsTheCategoryAndSeverity() {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExceptionReporter withMetrics = ExceptionReporter.builder(DEFAULTS).clock(clock)
        .metrics((category, severity, source) -> heard.add(category + "/" + severity + "/" + source)).build();

    withMetrics.report(new java.net.SocketTimeoutException(), null, CaptureSource.COMPLETABLE_FUTURE, null);
    withMetrics.report(new OutOfMemoryError(), null, CaptureSource.UNCAUGHT, null);

    assertEquals(List.of(Category.TIMEOUT + "/" + Severity.WARNING + "/COMPLETABLE_FUTURE",
        "null/" + Severity.CRITICAL + "/UNCAUGHT"), heard);
  }
}
