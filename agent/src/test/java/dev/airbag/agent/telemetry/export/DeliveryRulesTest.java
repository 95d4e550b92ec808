package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.engine.classify.HeaderLookup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryRulesTest {
  private static final DeliverySettings SETTINGS = DeliverySettings.from(AirbagConfig.defaults(), "svc");

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({"200, SENT", "202, SENT", "204, SENT", "400, REJECTED", "413, REJECTED", "422, REJECTED",
      "401, RETRY", "403, RETRY", "404, RETRY", "408, RETRY", "429, RETRY", "500, RETRY", "502, RETRY",
      "503, RETRY", "504, RETRY"})
  void collectorAnswersDecideBetweenSentRefusedAndRetried(int status, SendResult.Kind expected) {
    SendResult result = SendResult.of(new CollectorResponse(status, HeaderLookup.NONE, ""), 0);

    assertEquals(expected, result.kind);
  }

  @Test
  void aRetryAfterHintIsReadFromTheAnswer() {
    CollectorResponse answer = new CollectorResponse(503, HeaderLookup.of(Map.of("Retry-After", "7")), "busy");

    assertEquals(7_000, SendResult.of(answer, 0).waitHintMillis);
  }

  @ParameterizedTest(name = "failure {0}, random {1}, hint {2} ms -> {3} ms")
  @CsvSource({
      "1, 0.5, -1, 500",
      "2, 0.5, -1, 1000",
      "3, 0.99, -1, 3960",
      "20, 0.5, -1, 30000",
      "1, 0.5, 2000, 2000",
      "3, 0.99, 2000, 3960",
      "1, 0.0, 3600000, 300000"})
  void theDelayIsFullJitterBackoffButNeverShorterThanTheCappedRetryAfter(int failures, double random, long hint,
      long expectedMillis) {
    assertEquals(expectedMillis, TimeUnit.NANOSECONDS.toMillis(RetryDelay.nanos(SETTINGS, failures, hint, random)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"http://localhost:4318, http://localhost:4318/v1/logs",
      "http://localhost:4318/, http://localhost:4318/v1/logs",
      "https://otel.example.com/otlp, https://otel.example.com/otlp/v1/logs"})
  void theOtlpLogsPathIsAppendedToTheEndpoint(String endpoint, String expected) {
    assertEquals(URI.create(expected), CollectorSinks.logsUrl(URI.create(endpoint)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"checkout, checkout", "'my service/1', my_service_1", "'..', unknown-service", "'', unknown-service"})
  void theDefaultSpoolDirectoryIsPerServiceUnderTheTempDir(String service, String expected) {
    Path dir = DeliverySettings.defaultSpoolDir(service);

    assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "airbag-spool", expected), dir);
  }

  @ParameterizedTest(name = "header [{0}]")
  @CsvSource({"Host, h0st-value", "Content-Length, 12", "X-Token, 'line\rbreak-secret'", "'', value"})
  void headersTheClientCannotSendAreRefusedByNameWithoutTheirValue(String name, String value) {
    String unescaped = value.replace("\\r", "\r");
    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> CollectorSettings.of(URI.create("http://localhost:4318"), Map.of(name, unescaped), true, null));

    assertTrue(error.getMessage().contains("'" + name + "'"), error.getMessage());
    assertTrue(!error.getMessage().contains(unescaped), error.getMessage());
  }

  @Test
  void theDefaultsAreTheIssues() {
    DeliverySettings defaults = DeliverySettings.from(AirbagConfig.defaults(), "svc");

    assertEquals(512, defaults.batchSize());
    assertEquals(Duration.ofSeconds(2), defaults.flushInterval());
    assertEquals(Duration.ofSeconds(5), defaults.shutdownTimeout());
    assertEquals(64L * 1024 * 1024, defaults.spoolMaxBytes());
    assertEquals(Duration.ofSeconds(10), defaults.dedupeWindow());
    assertTrue(defaults.spoolDir().endsWith(Path.of("airbag-spool", "svc")));
  }

  @Test
  void aZeroShutdownTimeoutIsAcceptedAsTheKeyTableAllows() {
    DeliverySettings settings = DeliverySettings.from(TestConfig.with("airbag.export.shutdown-timeout", "0s"), "svc");

    assertEquals(Duration.ZERO, settings.shutdownTimeout());
  }
}
