package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentFailuresTest {
  private static final long WINDOW = Duration.ofSeconds(10).toNanos();

  private final FakeClock clock = new FakeClock();
  private final RecentFailures failures = new RecentFailures(WINDOW, clock);

  private static final Classification OVERLOADED = Classification.builder(Category.OVERLOADED).build();

  /** An SDK's own retry of a call (its retry count says so), with tenant {@code key}. */
  private static CallRequest request(String model, int bodyBytes) {
    return request(model, bodyBytes, "X-Stainless-Retry-Count", "1", "Authorization", "Bearer key-a");
  }

  private static CallRequest request(String model, int bodyBytes, String... headers) {
    byte[] start = ("{\"model\":\"" + model + "\",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[Math.max(bodyBytes, start.length + 2)];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(start, 0, body, 0, start.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';
    return CallRequest.of(CallPipelineTest.ANTHROPIC, "POST", "https://api.anthropic.com:443/v1/messages",
        "/v1/messages", body, true, false, null).with(TestHeaders.of(headers), null, 0);
  }

  private void rememberError(CallRequest request, int bodyBytes) {
    failures.remember(request, 529, Map.of("Content-Type", "application/json"), new byte[bodyBytes], null, OVERLOADED);
  }

  @Test
  void theAppsOwnNewCallIsNeverAnsweredFromMemory() {
    rememberError(request("m", 100, "X-Stainless-Retry-Count", "0"), 300);

    assertNull(failures.replayFor(request("m", 100, "X-Stainless-Retry-Count", "0")), "the SDK's first attempt");
    assertNull(failures.replayFor(request("m", 100)), "another tenant's retry");
    assertNotNull(failures.replayFor(request("m", 100, "X-Stainless-Retry-Count", "2")), "the SDK's own retry");
  }

  @Test
  void aCallWithOtherCredentialsOrIdentityHeadersNeverMatches() {
    rememberError(request("m", 100), 300);

    assertNull(failures.replayFor(request("m", 100, "X-Stainless-Retry-Count", "1", "Authorization", "Bearer key-b")));
    assertNull(failures.replayFor(request("m", 100, "X-Stainless-Retry-Count", "1", "Authorization", "Bearer key-a",
        "OpenAI-Organization", "org-2")));
    assertNull(failures.replayFor(request("m", 100, "X-Stainless-Retry-Count", "1", "Authorization", "Bearer key-a",
        "anthropic-beta", "prompt-caching")));
    assertNotNull(failures.replayFor(request("m", 100, "x-stainless-retry-count", "2", "traceparent", "00-ab-cd-01",
        "authorization", "Bearer key-a")), "only per-attempt headers differ");
  }

  @Test
  void aKeyInTheQueryKeepsTenantsApart() {
    CallRequest tenantA = request("m", 100).with(TestHeaders.of("X-Stainless-Retry-Count", "1"), "key=AAA", 0);
    CallRequest tenantB = request("m", 100).with(TestHeaders.of("X-Stainless-Retry-Count", "1"), "key=BBB", 0);
    rememberError(tenantA, 300);

    assertNull(failures.replayFor(tenantB));
    assertNotNull(failures.replayFor(tenantA));
  }

  @Test
  void aCallToAnotherApiVersionOrStreamingModeNeverMatches() {
    CallRequest v1 = request("m", 100).with(TestHeaders.of("X-Stainless-Retry-Count", "1"), "api-version=2024-10-21", 0);
    CallRequest v2 = request("m", 100).with(TestHeaders.of("X-Stainless-Retry-Count", "1"), "api-version=2025-01-01", 0);
    CallRequest sse = request("m", 100).with(TestHeaders.of("X-Stainless-Retry-Count", "1"),
        "api-version=2024-10-21&alt=sse", 0);
    rememberError(v1, 300);

    assertNull(failures.replayFor(v2));
    assertNull(failures.replayFor(sse));
    assertNotNull(failures.replayFor(v1));
  }

  @Test
  void permanentFailuresAreNeverRemembered() {
    for (Category permanent : new Category[] {Category.AUTH, Category.QUOTA_EXHAUSTED, Category.CONTEXT_LENGTH,
        Category.CONTENT_POLICY, Category.BAD_REQUEST, Category.NOT_FOUND}) {
      failures.remember(request("m", 100), 400, Map.of(), new byte[10], null,
          Classification.builder(permanent).build());
    }

    assertEquals(0, failures.size());
  }

  @Test
  void withoutAnSdkRetryCountOnlyARetryLoopOnTheSameThreadReSends() throws Exception {
    CallRequest plain = request("m", 100, "Authorization", "Bearer key-a");
    rememberError(plain, 300);

    assertNull(failures.replayFor(plain), "no retry loop on the stack: the app asks again");
    Thread other = new Thread(() -> assertNull(
        dev.langchain4j.internal.RetryUtils.withRetry(() -> failures.replayFor(plain)), "another thread"));
    other.start();
    other.join();
    assertNotNull(dev.langchain4j.internal.RetryUtils.withRetry(() -> failures.replayFor(plain)));
  }

  @Test
  void anIdenticalBodyInAnotherArrayIsRecognisedAndADifferentOneIsNot() {
    rememberError(request("m", 2048), 300);

    assertNotNull(failures.replayFor(request("m", 2048)));
    assertNull(failures.replayFor(request("n", 2048)), "one byte differs");
    assertNull(failures.replayFor(request("m", 2049)), "one byte longer");
  }

  @Test
  void aReSendIsAnsweredAtMostThreeTimes() {
    rememberError(request("m", 100), 300);

    for (int i = 0; i < 3; i++) {
      assertNotNull(failures.replayFor(request("m", 100)));
    }

    assertNull(failures.replayFor(request("m", 100)));
    assertEquals(0, failures.size());
  }

  @Test
  void theRequestBodyIsNotCountedNorKeptOnlyItsDigest() {
    rememberError(request("m", 8 * 1024 * 1024), 300);

    assertTrue(failures.retainedBytes() < 2048, "retained " + failures.retainedBytes());
    assertNotNull(failures.replayFor(request("m", 8 * 1024 * 1024)));
  }

  @Test
  void theRetainedBytesStayWithinTheBudgetByForgettingTheOldestFirst() {
    int body = 60 * 1024;
    for (int i = 0; i < 200; i++) {
      rememberError(request("model-" + i, 500), body);
      assertTrue(failures.retainedBytes() <= RecentFailures.MAX_RETAINED_BYTES, "after " + i);
    }

    assertTrue(failures.size() < 200 && failures.size() >= RecentFailures.MAX_RETAINED_BYTES / (body + 2048),
        "held " + failures.size());
    assertNull(failures.replayFor(request("model-0", 500)), "the oldest went first");
    assertNotNull(failures.replayFor(request("model-199", 500)));
  }

  @Test
  void theNumberOfEntriesIsBoundedToo() {
    for (int i = 0; i < 3000; i++) {
      rememberError(request("model-" + i, 100), 10);
    }

    assertEquals(1024, failures.size());
    assertNull(failures.replayFor(request("model-1975", 100)));
    assertNotNull(failures.replayFor(request("model-1976", 100)));
  }

  @Test
  void anOutcomeTooLargeForItsShareOfTheBudgetIsNotRemembered() {
    Map<String, String> hugeHeader = Map.of("Retry-After", "9".repeat(600_000));

    failures.remember(request("m", 100), 529, hugeHeader, new byte[10], null, OVERLOADED);

    assertEquals(0, failures.size());
    assertNull(failures.replayFor(request("m", 100)));
  }

  @Test
  void expiredOutcomesAreDroppedByTheNextRememberWithoutBeingLookedUp() {
    for (int i = 0; i < 500; i++) {
      rememberError(request("model-" + i, 100), 1000);
    }
    long burst = failures.retainedBytes();
    clock.advance(Duration.ofSeconds(10));

    rememberError(request("later", 100), 1000);

    assertEquals(1, failures.size());
    assertTrue(failures.retainedBytes() * 100 < burst, failures.retainedBytes() + " of " + burst);
  }

  @Test
  void anExpiredOutcomeIsNotReplayedAndALookupDropsIt() {
    rememberError(request("m", 100), 300);
    clock.advance(Duration.ofSeconds(10));

    assertNull(failures.replayFor(request("other", 100)));

    assertEquals(0, failures.size());
    assertEquals(0, failures.retainedBytes());
  }

  @Test
  void rememberingTheSameRequestAgainReplacesItsOutcomeAndRestartsItsWindow() {
    rememberError(request("m", 100), 300);
    clock.advance(Duration.ofSeconds(6));
    IOException reset = new IOException("Connection reset");
    failures.remember(request("m", 100), 0, null, null, reset, OVERLOADED);
    clock.advance(Duration.ofSeconds(6));

    RecentFailures.Remembered outcome = failures.replayFor(request("m", 100));

    assertNotNull(outcome);
    assertSame(reset, outcome.failure);
    assertEquals(1, failures.size());
  }

  @Test
  void aTransportFailureIsCountedWithItsStackTrace() {
    failures.remember(request("m", 100), 0, null, null, new IOException("Connection reset"), OVERLOADED);

    assertTrue(failures.retainedBytes() >= 8 * 1024, "retained " + failures.retainedBytes());
  }
}
