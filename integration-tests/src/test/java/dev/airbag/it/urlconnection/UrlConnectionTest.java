package dev.airbag.it.urlconnection;

import static dev.airbag.faultserver.FaultPlans.always;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.Fault;
import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.PlainUrlConnectionApp;
import dev.airbag.it.apps.RestTemplateApp;
import dev.airbag.it.h2.TlsProvider;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hand-written {@code HttpURLConnection} client in child JVMs with the agent: the same protection as the other
 * clients, streamed answers still read as they come, error bodies and other URLs as without Airbag.
 */
class UrlConnectionTest extends FaultServerTest {
  static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String STREAMED = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void anOutageOfThePrimaryIsServedByTheFallbackOnEveryCall(Jdk jdk) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(jdk, config, completions(), BODY, "post", 5);

    assertEquals(5, okCount(result), result.toString());
    assertEquals(5, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 15, "at most Airbag's 3 attempts per call: " + server.requestCount());
    String primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).findFirst().orElseThrow().bodyText();
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst().orElseThrow().bodyText();
    assertEquals(primary.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback);
    List<JsonNode> events = Events.read(config.eventsFile());
    assertTrue(!events.isEmpty(), result.toString());
    assertEquals("overloaded", events.get(0).path("category").asText(), events.get(0).toString());
    assertEquals("gpt-4o-mini", events.get(0).path("served_model").asText(), events.get(0).toString());
  }

  /**
   * A streamed body goes out as the app writes it. While the primary's circuit is open the app's own connection must
   * not carry the first attempt, or every call would still reach the failing model before the fallback served it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"post-fixed", "post-chunked"})
  void whileThePrimarysCircuitIsOpenNoStreamedRequestReachesIt(String mode) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini")
        .set("airbag.circuit.first-open-duration", "60s")
        .set("airbag.circuit.open-duration", "60s");

    ChildJvm.Result result = app(Jdks.current(), config, completions(), BODY, mode, 20);

    assertEquals(20, okCount(result), result.toString());
    assertEquals(20, count(result, "served_by=gpt-4o-mini"), result.toString());
    long primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).count();
    // The circuit opens once 5 attempts failed (airbag.circuit.minimum-calls); without probes for a minute after.
    assertTrue(primary <= 6, "requests the failing primary got, of 20 calls: " + primary);
  }

  @Test
  void aStormOfOneInThreeCostsNoSuccessComparedWithTheAppAlone() throws Exception {
    server.plan(FaultPlans.ratio(1.0 / 3, Faults.overloaded(), 16));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainUrlConnectionApp.class.getName(), completions(), BODY, "post", "30");
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result protectedRun = app(Jdks.current(), config, completions(), BODY, "post", 30);

    assertTrue(okCount(alone) >= 0 && okCount(alone) < 30, alone.toString());
    assertTrue(okCount(protectedRun) >= okCount(alone), alone + "\n" + protectedRun);
    // Three attempts leave a call failed about once in 27 at 1 in 3.
    assertTrue(okCount(protectedRun) >= 27, "three attempts serve nearly every call: " + alone + "\n" + protectedRun);
  }

  @Test
  void aStreamIsRetriedBeforeItsFirstByteAndThenReadAsItComes() throws Exception {
    server.plan(FaultPlans.firstFailure(FaultPlans.sequence(Faults.overloaded()),
        always(Faults.slowBody(Duration.ofMillis(150)))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(Jdks.current(), config, completions(), STREAMED, "stream", 1);

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "one overloaded attempt, then the stream");
    Matcher stream = Pattern.compile("first_line_ms=(\\d+) total_ms=(\\d+) lines=(\\d+)").matcher(result.stdout());
    assertTrue(stream.find(), result.toString());
    long first = Long.parseLong(stream.group(1));
    long total = Long.parseLong(stream.group(2));
    assertTrue(Integer.parseInt(stream.group(3)) > 2, result.toString());
    assertTrue(total - first >= 300, "the first line came before the stream ended: " + result.stdout());
  }

  @Test
  void anAppThatReadsTheAnswerAfterDisconnectingGetsItAsWithoutTheAgentAndSendsNothingMore() throws Exception {
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainUrlConnectionApp.class.getName(), completions(), BODY, "post-then-disconnect", "2");
    int aloneRequests = server.requestCount();
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());

    ChildJvm.Result withAgent = app(Jdks.current(), config, completions(), BODY, "post-then-disconnect", 2);

    List<String> after = alone.stdout().lines().filter(line -> line.startsWith("AFTER ")).toList();
    assertEquals(2, after.size(), alone.toString());
    assertTrue(after.get(0).startsWith("AFTER status=200 type=application/json"), alone.toString());
    assertEquals(after, withAgent.stdout().lines().filter(line -> line.startsWith("AFTER ")).toList(),
        withAgent.toString());
    assertEquals(2, aloneRequests);
    assertEquals(2, server.requestCount(), "reading after a disconnect sends nothing: " + withAgent);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"post", "post-fixed", "post-chunked"})
  void eachAttemptSendsItsBodyAsTheAppsConnectionWould(String mode) throws Exception {
    // A connection dropped before the answer: the JDK sends a buffered POST once more by itself, never a streamed one.
    server.plan(FaultPlans.sequence(Faults.dropBeforeFirstByte()));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainUrlConnectionApp.class.getName(), completions(), BODY, mode, "1");
    List<String> aloneFraming = framing();
    server.reset();
    server.plan(FaultPlans.sequence(Faults.dropBeforeFirstByte()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result withAgent = app(Jdks.current(), config, completions(), BODY, mode, 1);

    boolean buffered = mode.equals("post");
    String expected = mode.equals("post-chunked") ? "chunked" : "length=" + BODY.length();
    assertEquals(buffered ? 1 : 0, okCount(alone), alone.toString());
    assertEquals(buffered ? List.of(expected, expected) : List.of(expected), aloneFraming, alone.toString());
    assertEquals(1, okCount(withAgent), withAgent.toString());
    assertEquals(List.of(expected, expected), framing(), "every attempt as the app's: " + withAgent);
    // Buffered, the JDK's own second send served the first attempt, and the engine saw nothing fail; streamed, the
    // engine's retry did.
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(buffered ? 0 : 1, events.size(), events.toString());
  }

  @Test
  void theConnectionsOwnAuthenticatorAnswersTheServersChallengeAsWithoutTheAgent() throws Exception {
    String credentials = "Basic " + Base64.getEncoder().encodeToString("llm-user:llm-secret".getBytes(UTF_8));
    Fault challenge = Faults.status(401, "{\"error\":{\"message\":\"log in\"}}",
        Map.of("WWW-Authenticate", "Basic realm=\"llm\""));
    FaultPlan basicAuth = request -> credentials.equals(request.request().headers().get("Authorization"))
        ? Faults.success() : challenge;
    server.plan(basicAuth);
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainUrlConnectionApp.class.getName(), completions(), BODY, "post-authenticator", "1");
    int aloneRequests = server.requestCount();
    server.reset();
    server.plan(basicAuth);
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result withAgent = app(Jdks.current(), config, completions(), BODY, "post-authenticator", 1);

    assertEquals(1, okCount(alone), alone.toString());
    assertEquals(2, aloneRequests, "challenged, then answered: " + alone);
    assertEquals(1, okCount(withAgent), withAgent.toString());
    assertEquals(List.of("none", credentials), server.requests().stream()
        .map(request -> request.headers().first("Authorization").orElse("none")).collect(Collectors.toList()));
    assertTrue(Events.read(config.eventsFile()).isEmpty(), "the JDK answered the challenge inside the attempt");
  }

  /** How each request the server saw carried its body: its length, or chunks. */
  private List<String> framing() {
    return server.requests().stream().map(request -> request.headers().hasToken("Transfer-Encoding", "chunked")
        ? "chunked" : "length=" + request.headers().get("Content-Length")).collect(Collectors.toList());
  }

  @Test
  void aUrlThatIsNoLlmEndpointIsUntouched() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());
    String health = server.baseUrl() + "/health";
    String other = server.baseUrl() + "/other";

    ChildJvm.Result get = app(Jdks.current(), config, health, BODY, "get", 1);
    ChildJvm.Result post = app(Jdks.current(), config, other, BODY, "post", 1);
    ChildJvm.Result postAlone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainUrlConnectionApp.class.getName(), other, BODY, "post", "1");

    assertEquals(results(get), List.of("RESULT status=200 served_by=- body=ok"), get.toString());
    assertEquals(results(postAlone), results(post));
    assertEquals(3, server.requests().size(), "each call reached the server exactly once");
    assertTrue(Events.read(config.eventsFile()).isEmpty());
  }

  @Test
  void errorBodiesReachTheAppAsWithoutTheAgent() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(
        "m-bad", always(Faults.openAiError(400, "invalid_request_error", "invalid_value", "bad temperature")),
        "gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    String bad = BODY.replace("gpt-4o", "m-bad");

    List<String> alone = List.of(
        results(ChildJvm.on(Jdks.current()).testClasspath()
            .run(PlainUrlConnectionApp.class.getName(), completions(), bad, "post", "1")).get(0),
        results(ChildJvm.on(Jdks.current()).testClasspath()
            .run(PlainUrlConnectionApp.class.getName(), completions(), BODY, "post", "1")).get(0));
    List<String> withAgent = List.of(
        results(app(Jdks.current(), config, completions(), bad, "post", 1)).get(0),
        results(app(Jdks.current(), config, completions(), BODY, "post", 1)).get(0));

    assertEquals(alone, withAgent);
    assertTrue(alone.get(0).contains("status=400") && alone.get(0).contains("bad temperature"), alone.toString());
    assertTrue(alone.get(1).contains("status=503"), alone.toString());
  }

  @Test
  void restTemplateOnItsDefaultFactoryIsServedByTheFallback() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(RestTemplateApp.class.getName(), completions(), BODY, "3");

    assertEquals(3, okCount(result), result.toString());
    assertEquals(3, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 9, "at most Airbag's 3 attempts per call: " + server.requestCount());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void anHttpsConnectionWithItsOwnTrustIsRetriedWithThatTrust(Jdk jdk) throws Exception {
    try (TlsProvider provider = TlsProvider.start(dir)) {
      provider.server.enqueue(new MockResponse().setResponseCode(503).setHeader("Content-Type", "application/json")
          .setBody("{\"error\":{\"type\":\"server_error\",\"message\":\"overloaded\"}}"));
      provider.server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"ok\":1}"));
      AgentConfig config = provider.config(dir).set("airbag.retry.base-delay", "10ms");

      ChildJvm.Result result = ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write())
          .run(PlainUrlConnectionApp.class.getName(), provider.url("/v1/chat/completions"), BODY, "post", "1",
              provider.trustStore().toString());

      assertEquals(List.of("RESULT status=200 served_by=- body={\"ok\":1}"), results(result), result.toString());
      assertEquals(2, provider.server.getRequestCount(), "the 503, then the retry through the app's own trust");
    }
  }

  @Test
  void connectionsTheAppDropsWithoutDisconnectingAreFreedAsWithoutTheAgent() throws Exception {
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());
    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(ForgottenConnectionsApp.class.getName(), completions(), BODY, "40");

    // Airbag's state for a connection once held the connection itself, so that none was ever freed.
    assertEquals(List.of("RESULT collected=40 of 40"), results(result), result.toString());
    assertEquals(40, server.requestCount());
  }

  private String completions() {
    return server.baseUrl() + "/v1/chat/completions";
  }

  private static ChildJvm.Result app(Jdk jdk, AgentConfig config, String url, String json, String mode, int count)
      throws Exception {
    return ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write())
        .run(PlainUrlConnectionApp.class.getName(), url, json, mode, String.valueOf(count));
  }

  private static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).collect(Collectors.toList());
  }

  private static long count(ChildJvm.Result result, String text) {
    return result.stdoutLines().stream().filter(line -> line.contains(text)).count();
  }
}
