package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each fault is observable by a client, byte for byte where it matters. */
class FaultsTest {
  private static FaultServer server;
  private static final HttpClient CLIENT = Requests.client();

  @BeforeAll
  static void startServer() {
    server = FaultServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void resetServer() {
    server.reset();
  }

  private static RawHttp.Response raw(WireFormat format, String model, boolean stream) throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(Requests.path(format, model, stream), Requests.body(format, model, stream)));
      return http.read();
    }
  }

  @ParameterizedTest
  @EnumSource(value = WireFormat.class, names = {"OPENAI", "ANTHROPIC"})
  void aDropBeforeTheFirstByteIsAnIoErrorButTheRequestIsCounted(WireFormat format) {
    server.plan(FaultPlans.always(Faults.dropBeforeFirstByte()));

    assertThrows(IOException.class, () -> Requests.send(CLIENT, server, format, "m", false));
    assertTrue(server.requestCount("m") >= 1);
  }

  @Test
  void aResetBeforeTheFirstByteIsAnIoError() {
    server.plan(FaultPlans.always(Faults.resetBeforeFirstByte()));

    assertThrows(IOException.class, () -> raw(WireFormat.ANTHROPIC, "m", false));
  }

  @ParameterizedTest
  @EnumSource(value = WireFormat.class, names = {"OPENAI", "ANTHROPIC"})
  void aCutStreamDeliversThatManyEventsThenEndsWithoutTheTerminatingChunk(WireFormat format) {
    server.plan(FaultPlans.always(Faults.cutStreamAfter(3)));

    RawHttp.Truncated cut = assertThrows(RawHttp.Truncated.class, () -> raw(format, "m", true));

    String partial = new String(cut.partial, StandardCharsets.UTF_8);
    assertEquals(3, partial.split("\n\n").length, partial);
    assertTrue(partial.endsWith("\n\n"), "whole events only");
  }

  @Test
  void aCutStreamFailsTheJdkClientMidBody() {
    server.plan(FaultPlans.always(Faults.cutStreamAfter(2)));

    assertThrows(IOException.class, () -> Requests.send(CLIENT, server, WireFormat.OPENAI, "m", true));
  }

  @Test
  void aCutPlainAnswerIsShorterThanItsContentLength() {
    server.plan(FaultPlans.always(Faults.cutStreamAfter(5)));

    RawHttp.Truncated cut = assertThrows(RawHttp.Truncated.class, () -> raw(WireFormat.OPENAI, "m", false));

    assertEquals("{\"id\"", new String(cut.partial, StandardCharsets.UTF_8));
  }

  @Test
  void aDelayedFirstByteTripsAShorterClientTimeoutAndSucceedsOtherwise() throws Exception {
    Duration delay = Duration.ofMillis(400);
    server.plan(FaultPlans.always(Faults.delayFirstByte(delay)));
    var request = Requests.post(server, Requests.OPENAI_PATH, Requests.openAi("m", false));

    assertThrows(HttpTimeoutException.class,
        () -> CLIENT.send(request.timeout(Duration.ofMillis(100)).build(), HttpResponse.BodyHandlers.ofString()));
    long start = System.nanoTime();
    HttpResponse<String> slow = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, slow.statusCode());
    assertTrue(System.nanoTime() - start >= delay.toNanos(), "waited at least the delay");
  }

  @Test
  void aSlowBodyArrivesInManySmallChunks() throws Exception {
    server.plan(FaultPlans.always(Faults.slowBody(Duration.ofMillis(2))));

    RawHttp.Response plain = raw(WireFormat.OPENAI, "m", false);
    RawHttp.Response stream = raw(WireFormat.ANTHROPIC, "m", true);

    assertEquals("chunked", plain.header("Transfer-Encoding"));
    assertTrue(plain.chunks().size() > 10, "16-byte chunks");
    assertTrue(plain.chunks().stream().allMatch(c -> c.length <= 16));
    assertTrue(plain.text().contains(FaultServer.completionText("m")));
    assertTrue(stream.chunks().stream().allMatch(c -> new String(c, StandardCharsets.UTF_8).startsWith("event: ")),
        "one event per chunk");
  }

  @Test
  void aSlowHeadTricklesTheStatusLineAndHeadersOutOverItsDuration() throws Exception {
    server.plan(FaultPlans.always(Faults.slowHead(Duration.ofMillis(600), Faults.overloaded())));

    long started = System.nanoTime();
    RawHttp.Response response = raw(WireFormat.OPENAI, "m", false);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(503, response.status());
    assertTrue(tookMillis >= 500, "the head took " + tookMillis + " ms");
  }

  @Test
  void aHugeBodyHasItsLengthAndNumberedLinesToTheLastByte() throws Exception {
    long length = 5_000_003;
    server.plan(FaultPlans.always(Faults.hugeBody(503, length)));

    HttpResponse<InputStream> response = CLIENT.send(
        Requests.post(server, Requests.OPENAI_PATH, Requests.openAi("m", false)).build(),
        HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(503, response.statusCode());
    assertEquals(String.valueOf(length), response.headers().firstValue("Content-Length").orElseThrow());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readAllBytes();
    }
    assertEquals(length, body.length);
    String text = new String(body, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("filler line 0000000000\nfiller line 0000000001\n"), text.substring(0, 60));
    // 23-byte lines: 217,391 whole ones, then 10 bytes of the next.
    assertTrue(text.endsWith("filler line 0000217390\nfiller lin"), text.substring(text.length() - 40));
  }

  @Test
  void aGzippedErrorHasTheHeaderAndACompressedBody() throws Exception {
    server.plan(FaultPlans.always(Faults.gzipped(Faults.anthropicOverloaded())));

    RawHttp.Response response = raw(WireFormat.ANTHROPIC, "m", false);

    assertEquals(529, response.status());
    assertEquals("gzip", response.header("Content-Encoding"));
    assertEquals(response.body().length, Integer.parseInt(response.header("Content-Length")));
    String json = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", json);
  }

  @ParameterizedTest
  @EnumSource(value = WireFormat.class, names = {"OPENAI", "ANTHROPIC"})
  void rateLimitedAnswers429WithRetryAfterInTheRequestsFormat(WireFormat format) throws Exception {
    server.plan(FaultPlans.always(Faults.rateLimited(7)));

    HttpResponse<String> response = Requests.send(CLIENT, server, format, "m", false);

    assertEquals(429, response.statusCode());
    assertEquals("7", response.headers().firstValue("retry-after").orElseThrow());
    assertTrue(response.body().contains(format == WireFormat.OPENAI
        ? "\"code\":\"rate_limit_exceeded\"" : "\"type\":\"rate_limit_error\""), response.body());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "OPENAI    | overloaded     | 503 | \"type\":\"server_error\"",
      "ANTHROPIC | overloaded     | 529 | \"type\":\"overloaded_error\"",
      "OPENAI    | notFound       | 404 | \"code\":\"model_not_found\"",
      "ANTHROPIC | notFound       | 404 | \"type\":\"not_found_error\"",
      "OPENAI    | contentPolicy  | 400 | \"code\":\"content_policy_violation\"",
      "ANTHROPIC | contentPolicy  | 400 | content filtering policy",
      "OPENAI    | contextLength  | 400 | \"code\":\"context_length_exceeded\"",
      "ANTHROPIC | contextLength  | 400 | prompt is too long",
      "OPENAI    | quota          | 429 | \"code\":\"insufficient_quota\"",
      "ANTHROPIC | quota          | 400 | credit balance is too low",
      "OPENAI    | unauthorized   | 401 | \"code\":\"invalid_api_key\"",
      "ANTHROPIC | unauthorized   | 401 | \"type\":\"authentication_error\"",
      "OPENAI    | serverError    | 502 | \"type\":\"server_error\"",
      "ANTHROPIC | serverError    | 502 | \"type\":\"api_error\"",
      "GEMINI    | overloaded     | 503 | \"status\":\"UNAVAILABLE\"",
      "GEMINI    | notFound       | 404 | \"status\":\"NOT_FOUND\"",
      "GEMINI    | contentPolicy  | 400 | blocked due to safety",
      "GEMINI    | contextLength  | 400 | exceeds the maximum number of tokens",
      "GEMINI    | quota          | 429 | \"status\":\"RESOURCE_EXHAUSTED\"",
      "GEMINI    | unauthorized   | 401 | \"status\":\"UNAUTHENTICATED\"",
      "GEMINI    | serverError    | 502 | \"status\":\"INTERNAL\"",
  })
  void providerErrorsAnswerInTheRequestsDialect(WireFormat format, String name, int status, String marker)
      throws Exception {
    Map<String, Fault> faults = Map.of("overloaded", Faults.overloaded(),
        "notFound", ProviderErrors.modelNotFound(), "contentPolicy", ProviderErrors.contentPolicy(),
        "contextLength", ProviderErrors.contextLength(), "quota", ProviderErrors.quotaExhausted(),
        "unauthorized", ProviderErrors.unauthorized(), "serverError", ProviderErrors.serverError(502));
    server.plan(FaultPlans.always(faults.get(name)));

    HttpResponse<String> response = Requests.send(CLIENT, server, format, "m", false);

    assertEquals(status, response.statusCode());
    assertTrue(response.body().contains(marker), response.body());
    assertTrue(response.body().startsWith(format == WireFormat.ANTHROPIC ? "{\"type\":\"error\"" : "{\"error\":{"));
  }

  @Test
  void explicitProviderErrorsKeepTheirExactEnvelope() throws Exception {
    server.plan(FaultPlans.sequence(Faults.openAiError(400, "invalid_request_error", null, "bad"),
        Faults.anthropicError(413, "request_too_large", "too big")));

    String openAi = Requests.send(CLIENT, server, WireFormat.OPENAI, "m", false).body();
    HttpResponse<String> anthropic = Requests.send(CLIENT, server, WireFormat.ANTHROPIC, "m", false);

    assertEquals("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
        openAi);
    assertEquals(413, anthropic.statusCode());
    assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"too big\"}}",
        anthropic.body());
  }

  @Test
  void anthropicStreamErrorIsAnErrorEventInsideA200Stream() throws Exception {
    server.plan(FaultPlans.always(Faults.streamErrorEvent(2, "overloaded_error", "Overloaded")));

    RawHttp.Response response = raw(WireFormat.ANTHROPIC, "m", true);

    String[] events = response.text().split("\n\n");
    assertEquals(200, response.status());
    assertEquals(3, events.length);
    assertEquals("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}", events[2]);
  }

  @Test
  void openAiStreamErrorIsADataLineCarryingTheErrorEnvelope() throws Exception {
    server.plan(FaultPlans.always(Faults.streamErrorEvent()));

    String[] events = raw(WireFormat.OPENAI, "m", true).text().split("\n\n");

    assertEquals(3, events.length);
    assertTrue(events[2].startsWith("data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\""),
        events[2]);
  }

  @Test
  void geminiStreamErrorIsADataLineCarryingGooglesEnvelope() throws Exception {
    server.plan(FaultPlans.always(Faults.streamErrorEvent()));

    String[] events = raw(WireFormat.GEMINI, "g", true).text().split("\r\n\r\n");

    assertEquals(3, events.length);
    assertEquals("data: {\"error\":{\"code\":500,\"message\":\"Overloaded\",\"status\":\"INTERNAL\"}}", events[2]);
  }

  @Test
  void aStreamErrorOnAPlainRequestIsAnErrorStatus() throws Exception {
    server.plan(FaultPlans.always(Faults.streamErrorEvent()));

    assertEquals(529, Requests.send(CLIENT, server, WireFormat.ANTHROPIC, "m", false).statusCode());
    assertEquals(500, Requests.send(CLIENT, server, WireFormat.OPENAI, "m", false).statusCode());
  }

  @Test
  void statusAndWithHeaderComposeFreely() throws Exception {
    Fault fault = Faults.withHeader(Faults.status(503, "upstream down", Map.of("Content-Type", "text/plain")),
        "x-should-retry", "true");
    server.plan(FaultPlans.always(fault));

    HttpResponse<String> response = Requests.send(CLIENT, server, WireFormat.OPENAI, "m", false);

    assertEquals(503, response.statusCode());
    assertEquals("upstream down", response.body());
    assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("true", response.headers().firstValue("x-should-retry").orElseThrow());
  }

  @Test
  void aPlanThatThrowsAnswersALoud500() throws Exception {
    server.plan(request -> {
      throw new IllegalStateException("script bug");
    });

    HttpResponse<String> response = Requests.send(CLIENT, server, WireFormat.OPENAI, "m", false);

    assertEquals(500, response.statusCode());
    assertTrue(response.body().contains("fault plan failed") && response.body().contains("script bug"));
  }
}
