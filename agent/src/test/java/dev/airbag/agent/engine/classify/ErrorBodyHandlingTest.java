package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static dev.airbag.agent.engine.classify.ClassifierFixtures.gzip;
import static dev.airbag.agent.engine.classify.ClassifierFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.endpoint.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodyHandlingTest {
  private static final String QUOTA = "{\"error\":{\"message\":\"You exceeded your current quota\","
      + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}";
  private static final Map<String, String> GZIP = Map.of("Content-Encoding", "gzip");

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"error\":{\"message\":\"half|429|RATE_LIMITED",
      "{{{{]]]|503|OVERLOADED",
      "<html><body><h1>502 Bad Gateway</h1></body></html>|502|TRANSIENT",
      "<html><body>Request blocked by content filter</body></html>|400|CONTENT_POLICY",
      "upstream connect error or disconnect/reset before headers|503|OVERLOADED",
      "null|418|BAD_REQUEST",
      "[1,2,3]|504|TRANSIENT",
      "{\"error\":{\"message\":\"x\"}}|501|UNKNOWN"})
  void unusableBodiesFallBackToTheStatusTable(String body, int status, Category expected) {
    Classification verdict = classify(Provider.OPENAI, status, body);

    assertEquals(expected, verdict.category(), verdict.toString());
    assertTrue(verdict.reason().startsWith("status " + status), verdict.reason());
  }

  @Test
  void aHugeErrorCodeIsCutToAnIdentifiersLength() {
    String junk = "c".repeat(50_000);

    Classification verdict = classify(Provider.OPENAI, 500, "{\"error\":{\"code\":\"" + junk + "\"}}");

    assertEquals(Category.TRANSIENT, verdict.category());
    assertEquals("c".repeat(ErrorFields.MAX_CODE), verdict.providerErrorCode());
  }

  @Test
  void anEmptyBodyFallsBackToTheStatusWithoutDetail() {
    Classification verdict = classify(Provider.ANTHROPIC, 529, Map.of(), new byte[0]);

    assertEquals(Category.OVERLOADED, verdict.category());
    assertNull(verdict.detail());
    assertNull(verdict.providerErrorCode());
  }

  @Test
  void aNullBodyFallsBackToTheStatus() {
    Classification verdict = classify(Provider.ANTHROPIC, 401, Map.of(), null);

    assertEquals(Category.AUTH, verdict.category());
  }

  @Test
  void anHtmlPageBecomesAShortDetail() {
    String page = "<html><body>" + "x".repeat(10_000) + "</body></html>";

    Classification verdict = classify(Provider.OPENAI, 502, page);

    assertTrue(verdict.detail().startsWith("<html><body>xxx"));
    assertTrue(verdict.detail().length() <= 200, "detail length " + verdict.detail().length());
  }

  @Test
  void aHugeBodyIsClassifiedFromItsPrefixQuickly() {
    byte[] body = Arrays.copyOf(utf8(QUOTA.replace("}}", "},\"padding\":\"")), 50 * 1024 * 1024);
    Arrays.fill(body, QUOTA.length(), body.length, (byte) 'a');

    Classification verdict = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ClassifierFixtures.DEFAULT
        .classify(Provider.OPENAI, Observation.response(429, HeaderLookup.NONE, body, true)));

    assertEquals(Category.QUOTA_EXHAUSTED, verdict.category());
  }

  @Test
  void nothingPastTheScanLimitIsRead() {
    // The deciding field sits after 70 KB of message: a bounded reader never sees it.
    String body = "{\"error\":{\"message\":\"" + "m".repeat(70 * 1024) + "\",\"code\":\"insufficient_quota\"}}";

    Classification verdict = classify(Provider.OPENAI, 429, body);

    assertEquals(Category.RATE_LIMITED, verdict.category());
    assertEquals("status 429", verdict.reason());
  }

  @Test
  void aGzipBodyIsInflated() {
    Classification verdict = classify(Provider.OPENAI, 429, GZIP, gzip(utf8(QUOTA)));

    assertEquals(Category.QUOTA_EXHAUSTED, verdict.category());
    assertEquals("You exceeded your current quota", verdict.detail());
  }

  @Test
  void aTruncatedGzipBodyIsReadAsFarAsItInflates() {
    String body = QUOTA.replace("}}", "},\"padding\":\"" + "p".repeat(100_000) + "\"}");
    byte[] compressed = gzip(utf8(body));
    byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

    Classification verdict = classify(Provider.OPENAI, 429, GZIP, truncated);

    assertEquals(Category.QUOTA_EXHAUSTED, verdict.category());
  }

  @Test
  void aGzipHeaderOnAnAlreadyInflatedBodyIsHarmless() {
    Classification verdict = classify(Provider.OPENAI, 429, GZIP, utf8(QUOTA));

    assertEquals(Category.QUOTA_EXHAUSTED, verdict.category());
  }

  @Test
  void aCorruptGzipBodyFallsBackToTheStatus() {
    byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    Classification verdict = classify(Provider.OPENAI, 503, GZIP, garbage);

    assertEquals(Category.OVERLOADED, verdict.category());
  }

  @Test
  void aGzipBombIsInflatedOnlyToTheScanLimit() {
    byte[] bomb = gzip(new byte[20 * 1024 * 1024]);

    ErrorBody body = ErrorBody.decode(bomb);

    assertEquals(ErrorBody.MAX_SCAN_BYTES, body.length());
  }

  @Test
  void deeplyNestedJsonIsSkippedNotRecursed() {
    String body = "{\"error\":{\"details\":" + "[".repeat(500) + "]".repeat(500)
        + ",\"type\":\"overloaded_error\"}}";

    Classification verdict = classify(Provider.ANTHROPIC, 500, body);

    assertEquals(Category.OVERLOADED, verdict.category());
  }

  @Test
  void nestingBeyondTheParserLimitFallsBackToTheStatus() {
    String body = "{\"error\":{\"details\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}}";

    Classification verdict = classify(Provider.ANTHROPIC, 500, body);

    assertEquals(Category.TRANSIENT, verdict.category());
    assertEquals("status 500", verdict.reason());
  }

  @Test
  void aUtf8BodyWithAByteOrderMarkIsStillJson() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] json = QUOTA.getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(bom, bom.length + json.length);
    System.arraycopy(json, 0, body, bom.length, json.length);

    Classification verdict = classify(Provider.OPENAI, 429, Map.of(), body);

    assertEquals(Category.QUOTA_EXHAUSTED, verdict.category());
  }
}
