package dev.airbag.it.apache;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.apps.PlainApacheAsyncClient5App;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hand-written Apache HttpClient 5 async client (the newest; the adapter compiles against 5.1) in child JVMs with
 * the agent: fallback for {@code SimpleHttpRequest}s and a streaming consumer, a storm, cancellation, other URLs
 * byte for byte as without Airbag, and a classifier that throws.
 */
class ApacheAsyncClientTest extends FaultServerTest {
  static final String APP = PlainApacheAsyncClient5App.class.getName();
  static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String STREAMED =
      "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  /**
   * One call after another ({@code post}, {@code stream}, {@code one-shot}: a body that can be written once, replayed
   * from what Airbag held), or eight at once ({@code concurrent}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"post", "stream", "one-shot", "concurrent"})
  void anOutageOfThePrimaryIsServedByTheFallbackOnEveryCall(String mode) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");
    int calls = mode.equals("concurrent") ? 8 : 5;

    ChildJvm.Result result =
        app(config, completions(), mode.equals("stream") ? STREAMED : BODY, mode, calls, "default");

    assertEquals(calls, okCount(result), result.toString());
    assertEquals(calls, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 3 * calls, "at most Airbag's 3 attempts per call: " + server.requestCount());
    String primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).findFirst().orElseThrow()
        .bodyText();
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst()
        .orElseThrow().bodyText();
    assertEquals(primary.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback);
    // Five failed attempts open the primary's circuit: later calls (or, at once, later attempts) go straight to the
    // fallback, another kind of event.
    List<JsonNode> events = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("kind").asText().equals("llm_call")).toList();
    assertTrue(mode.equals("concurrent")
        || events.stream().anyMatch(e -> e.path("category").asText().equals("overloaded")), events.toString());
    for (JsonNode event : events) {
      assertTrue(Set.of("overloaded", "circuit_open").contains(event.path("category").asText()), event.toString());
      assertEquals("gpt-4o-mini", event.path("served_model").asText(), event.toString());
    }
  }

  /**
   * The client retries a 503 once on its own, from outside Airbag's handler: that re-send of a call Airbag exhausted
   * is answered from memory, as a real response with the provider's body, so an outage costs Airbag's attempts per
   * call, not the client's times Airbag's.
   */
  @Test
  void theClientsOwnRetryOfA503DoesNotMultiplyAirbagsAttempts() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false");

    ChildJvm.Result result = app(config, completions(), BODY, "post", 2, "default");

    assertEquals(2, count(result, "RESULT status=503"), result.toString());
    assertEquals(6, server.requestCount(), "3 attempts per call; the client's re-send answered from memory");
    assertEquals(2, count(result, "The engine is currently overloaded"), "the provider's own error body: " + result);
  }

  /**
   * 503s, which the client alone retries once (after a second): Airbag's attempts sit inside that retry handler,
   * whose re-send of a call Airbag exhausted is answered from memory. With its default 3 attempts Airbag may send more
   * than the client's 2 per failing call; held to 2, it sends no more requests than the client alone.
   */
  @Test
  void aStormOfOneInThreeCostsNoSuccessAndNoRequestsComparedWithTheClientAlone() throws Exception {
    server.plan(FaultPlans.ratio(1.0 / 3, Faults.overloaded(), 16));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(APP, completions(), BODY, "post", "30", "default");
    int aloneRequests = server.requestCount();
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    ChildJvm.Result byDefault = app(config, completions(), BODY, "post", 30, "default");
    int defaultRequests = server.requestCount();
    server.reset();

    ChildJvm.Result asTheClient = app(config.set("airbag.retry.max-attempts", "2"), completions(), BODY, "post", 30,
        "default");

    assertTrue(okCount(alone) >= 0 && okCount(alone) < 30, alone.toString());
    assertTrue(okCount(byDefault) >= okCount(alone), alone + "\n" + byDefault);
    assertTrue(defaultRequests <= aloneRequests * 3 / 2, aloneRequests + " alone, " + defaultRequests);
    assertTrue(okCount(asTheClient) >= okCount(alone), alone + "\n" + asTheClient);
    assertTrue(server.requestCount() <= aloneRequests,
        aloneRequests + " requests alone, " + server.requestCount() + " with Airbag\n" + asTheClient);
    System.out.println("STORM alone requests=" + aloneRequests + " ok=" + okCount(alone) + "; airbag requests="
        + defaultRequests + " ok=" + okCount(byDefault) + "; airbag at 2 attempts requests=" + server.requestCount()
        + " ok=" + okCount(asTheClient));
  }

  @Test
  void aStreamIsRetriedBeforeItsFirstByteAndThenReadAsItComes() throws Exception {
    server.plan(FaultPlans.firstFailure(FaultPlans.sequence(Faults.overloaded()),
        always(Faults.slowBody(Duration.ofMillis(150)))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(config, completions(), STREAMED, "stream", 1, "no-retries");

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "one overloaded attempt, then the stream");
    java.util.regex.Matcher stream = java.util.regex.Pattern.compile("first_line_ms=(\\d+) total_ms=(\\d+) lines=(\\d+)")
        .matcher(result.stdout());
    assertTrue(stream.find(), result.toString());
    assertTrue(Integer.parseInt(stream.group(3)) > 2, result.toString());
    assertTrue(Long.parseLong(stream.group(2)) - Long.parseLong(stream.group(1)) >= 300,
        "the first data came before the stream ended: " + result.stdout());
  }

  /** An error event inside a 200 stream reaches the app as sent, and is classified: content had come, no retry. */
  @Test
  void anErrorEventInsideA200StreamIsClassified() throws Exception {
    server.plan(always(Faults.streamErrorEvent()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(config, completions(), STREAMED, "stream", 1, "no-retries");

    assertEquals(1, count(result, "RESULT status=200"), result.toString());
    assertEquals(1, server.requestCount(), "content had reached the app: no retry");
    JsonNode event = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("outcome").asText().equals("stream_interrupted")).findFirst().orElseThrow();
    assertTrue(event.path("bytes_delivered").asLong() > 0, event.toString());
    assertEquals("overloaded", event.path("category").asText(), event.toString());
  }

  /** A connection reset before the first byte, after the request went out: sent again with the held bytes. */
  @Test
  void aResetBeforeTheFirstByteIsRetriedWithTheSameBytes() throws Exception {
    server.plan(FaultPlans.sequence(Faults.resetBeforeFirstByte()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(config, completions(), BODY, "post", 1, "no-retries");

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "the reset attempt, then the retry");
    assertEquals(server.requests().get(0).bodyText(), server.requests().get(1).bodyText());
    assertEquals("transient", Events.read(config.eventsFile()).get(0).path("category").asText());
  }

  /**
   * The app cancels each call's future (after 700 ms) while Airbag waits to retry a 503, or while the attempt is in
   * flight (the provider slow to answer 503): no retry follows.
   */
  @ParameterizedTest
  @ValueSource(strings = {"while waiting to retry", "while the attempt is in flight"})
  void cancellingTheFutureCancelsTheCallAndNoRetryFollows(String when) throws Exception {
    boolean waiting = when.startsWith("while waiting");
    server.plan(always(waiting ? Faults.overloaded() : Faults.delayFirstByte(Duration.ofSeconds(2), Faults.overloaded())));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port())
        .set("airbag.retry.base-delay", waiting ? "2s" : "10ms").set("airbag.retry.jitter", "none");

    ChildJvm.Result result = app(config, completions(), BODY, "cancel", 2, "no-retries");

    assertEquals(2, count(result, "RESULT cancelled=true"), result.toString());
    assertEquals(2, server.requestCount(), "one attempt per call, none after the app cancelled: " + result);
  }

  @Test
  void aUrlThatIsNoLlmEndpointIsUntouched() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());
    String health = server.baseUrl() + "/health";
    String other = server.baseUrl() + "/other";

    ChildJvm.Result get = app(config, health, BODY, "get", 1, "no-retries");
    ChildJvm.Result post = app(config, other, BODY, "post", 1, "no-retries");
    ChildJvm.Result postAlone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(APP, other, BODY, "post", "1", "no-retries");

    assertEquals(List.of("RESULT status=200 served_by=- body=ok"), results(get), get.toString());
    assertEquals(results(postAlone), results(post));
    assertEquals(3, server.requests().size(), "each call reached the server exactly once");
    RecordedRequest withAgent = server.requests().get(1);
    RecordedRequest alone = server.requests().get(2);
    assertEquals(alone.target(), withAgent.target());
    assertEquals(alone.headers().entries(), withAgent.headers().entries(), "the same headers, in the same order");
    assertArrayEquals(alone.body(), withAgent.body());
    assertTrue(Events.read(config.eventsFile()).isEmpty());
  }

  /**
   * An error body far past what Airbag holds (64 KiB): the rest waits on the connection while Airbag decides, is
   * dropped with its connection for a retry, and reaches the app whole when the failure is its answer.
   */
  @Test
  void aHugeErrorBodyReachesTheAppWholeAfterTheRetries() throws Exception {
    long huge = 5L * 1024 * 1024;
    server.plan(always(Faults.hugeBody(503, huge)));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false");

    List<String> alone = results(ChildJvm.on(Jdks.current()).testClasspath()
        .run(APP, completions(), BODY, "count", "1", "no-retries"));
    server.reset();
    ChildJvm.Result with = app(config, completions(), BODY, "count", 1, "no-retries");

    assertEquals(List.of("RESULT status=503 bytes=" + huge), alone);
    assertEquals(alone, results(with), with.toString());
    assertEquals(3, server.requestCount(), "Airbag's 3 attempts");
  }

  /** The first attempt of each call meets a huge error, its retry the provider's answer. */
  @Test
  void aHugeErrorIsRetriedAwayAndTheAppGetsTheAnswer() throws Exception {
    server.plan(request -> request.index() % 2 == 0 ? Faults.hugeBody(503, 5L * 1024 * 1024) : Faults.success());
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result with = app(config, completions(), BODY, "post", 3, "no-retries");

    assertEquals(3, okCount(with), with.toString());
    assertEquals(6, server.requestCount());
  }

  @Test
  void errorBodiesReachTheAppAsWithoutTheAgent() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(
        "m-bad", always(Faults.openAiError(400, "invalid_request_error", "invalid_value", "bad temperature"))),
        FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    String bad = BODY.replace("gpt-4o", "m-bad");

    String alone = results(ChildJvm.on(Jdks.current()).testClasspath().run(APP, completions(), bad, "post", "1"))
        .get(0);
    String withAgent = results(app(config, completions(), bad, "post", 1, "default")).get(0);

    assertEquals(alone, withAgent);
    assertTrue(alone.contains("status=400") && alone.contains("bad temperature"), alone);
    assertEquals(2, server.requestCount(), "a bad request is not retried");
  }

  /**
   * Fail-open: with Airbag's classifier throwing, or every hook (the builder's too), each call goes and comes back as
   * without the agent, once, and one line says what failed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"classifier", "bridge"})
  void faultsInsideAirbagLeaveEveryCallAsWithoutTheAgent(String fault) throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result without = ChildJvm.on(Jdks.current()).testClasspath()
        .run(APP, completions(), BODY, "post", "3", "no-retries");
    ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .jvmArg("-Dairbag-test.fault-injection=" + fault).run(APP, completions(), BODY, "post", "3", "no-retries");

    assertEquals(results(without), results(with), with.toString());
    assertEquals(3, results(with).size(), with.toString());
    assertEquals(6, server.requestCount(), "each call reached the server once: no retries, no duplicates");
    List<String> failures = with.airbagLines().stream().filter(line -> line.contains("internal error")).toList();
    assertEquals(1, failures.size(), with.toString());
    assertFalse(with.stderr().contains("\tat "), "no stack trace reaches the app's console: " + with);
  }

  private String completions() {
    return server.baseUrl() + "/v1/chat/completions";
  }

  private static ChildJvm.Result app(AgentConfig config, String url, String json, String mode, int count,
      String client) throws Exception {
    return ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(APP, url, json, mode, String.valueOf(count), client);
  }

  private static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).collect(Collectors.toList());
  }

  private static long count(ChildJvm.Result result, String text) {
    return result.stdoutLines().stream().filter(line -> line.contains(text)).count();
  }
}
