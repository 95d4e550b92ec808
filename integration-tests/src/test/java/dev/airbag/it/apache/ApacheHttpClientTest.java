package dev.airbag.it.apache;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.apps.PlainApacheClient4App;
import dev.airbag.it.apps.PlainApacheClient5App;
import dev.airbag.it.apps.RestTemplateApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hand-written Apache HttpClient 5 and 4.5 clients (the newest of each; the adapters compile against 5.1 and
 * 4.5.13) in child JVMs with the agent: fallback, no multiplication with the client's own retry of a 503, streamed
 * answers read as they come, one-shot bodies, error bodies and other URLs as without Airbag.
 */
class ApacheHttpClientTest extends FaultServerTest {
  /** Each client, and the settings under which it retries a 503 on its own (5 by default, 4.5 when told to). */
  enum Client {
    V5(PlainApacheClient5App.class, "default"),
    V4(PlainApacheClient4App.class, "retry-503");

    final String app;
    final String retrying503;

    Client(Class<?> app, String retrying503) {
      this.app = app.getName();
      this.retrying503 = retrying503;
    }
  }

  static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String STREAMED = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  static Stream<Arguments> clientsAndJdks() {
    return Stream.of(Client.values()).flatMap(client -> Jdks.forTests().map(jdk -> Arguments.of(client, jdk)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("clientsAndJdks")
  void anOutageOfThePrimaryIsServedByTheFallbackOnEveryCall(Client client, Jdk jdk) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(client, jdk, config, completions(), BODY, "post", 5, "default");

    assertEquals(5, okCount(result), result.toString());
    assertEquals(5, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 15, "at most Airbag's 3 attempts per call: " + server.requestCount());
    String primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).findFirst().orElseThrow()
        .bodyText();
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst()
        .orElseThrow().bodyText();
    assertEquals(primary.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback);
    List<JsonNode> events = Events.read(config.eventsFile());
    assertTrue(!events.isEmpty(), result.toString());
    assertEquals("overloaded", events.get(0).path("category").asText(), events.get(0).toString());
    assertEquals("gpt-4o-mini", events.get(0).path("served_model").asText(), events.get(0).toString());
  }

  /**
   * The client retries a 503 once on its own (HttpClient 5 by default, 4.5 when the app sets a service-unavailable
   * retry), from outside Airbag's handler: that re-send of a call Airbag exhausted is answered from memory, so an outage costs Airbag's attempts per call, not the client's times Airbag's.
   */
  @ParameterizedTest
  @EnumSource(Client.class)
  void theClientsOwnRetryOfA503DoesNotMultiplyAirbagsAttempts(Client client) throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false");

    ChildJvm.Result result = app(client, Jdks.current(), config, completions(), BODY, "post", 2, client.retrying503);

    assertEquals(2, count(result, "RESULT status=503"), result.toString());
    assertEquals(6, server.requestCount(), "3 attempts per call; the client's re-send answered from memory");
    assertTrue(count(result, "The engine is currently overloaded") == 2, "the provider's own error body: " + result);
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aStormOfOneInThreeCostsNoSuccessComparedWithTheClientAlone(Client client) throws Exception {
    // 500s, which the client does not retry on its own.
    server.plan(FaultPlans.ratio(1.0 / 3, Faults.status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()), 16));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(client.app, completions(), BODY, "post", "30", "default");
    int aloneRequests = server.requestCount();
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result protectedRun = app(client, Jdks.current(), config, completions(), BODY, "post", 30, "default");

    assertEquals(30, aloneRequests, "the client alone sends each call once: " + alone);
    assertTrue(okCount(alone) < 30, alone.toString());
    assertTrue(okCount(protectedRun) >= okCount(alone), alone + "\n" + protectedRun);
    assertTrue(okCount(protectedRun) >= 27, "three attempts serve nearly every call: " + protectedRun);
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aStreamIsRetriedBeforeItsFirstByteAndThenReadAsItComes(Client client) throws Exception {
    server.plan(FaultPlans.firstFailure(FaultPlans.sequence(Faults.overloaded()),
        always(Faults.slowBody(Duration.ofMillis(150)))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(client, Jdks.current(), config, completions(), STREAMED, "stream", 1, "no-retries");

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "one overloaded attempt, then the stream");
    Matcher stream = Pattern.compile("first_line_ms=(\\d+) total_ms=(\\d+) lines=(\\d+)").matcher(result.stdout());
    assertTrue(stream.find(), result.toString());
    long first = Long.parseLong(stream.group(1));
    long total = Long.parseLong(stream.group(2));
    assertTrue(Integer.parseInt(stream.group(3)) > 2, result.toString());
    assertTrue(total - first >= 300, "the first line came before the stream ended: " + result.stdout());
  }

  static Stream<Arguments> clientsAndEntities() {
    return Stream.of(Client.values()).flatMap(client -> Stream.of("one-shot", "post")
        .map(mode -> Arguments.of(client, mode)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clientsAndEntities")
  void aBodyIsReplayedForTheRetryWhateverItsEntity(Client client, String mode) throws Exception {
    server.plan(FaultPlans.sequence(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(client, Jdks.current(), config, completions(), BODY, mode, 1, "system");

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "one overloaded attempt, then the retry");
    assertEquals(BODY, server.requests().get(1).bodyText(), "the retry sent the app's bytes");
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aUrlThatIsNoLlmEndpointIsUntouched(Client client) throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());
    String health = server.baseUrl() + "/health";
    String other = server.baseUrl() + "/other";

    ChildJvm.Result get = app(client, Jdks.current(), config, health, BODY, "get", 1, "no-retries");
    ChildJvm.Result post = app(client, Jdks.current(), config, other, BODY, "post", 1, "no-retries");
    ChildJvm.Result postAlone = ChildJvm.on(Jdks.current()).testClasspath()
        .run(client.app, other, BODY, "post", "1", "no-retries");

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

  @ParameterizedTest
  @EnumSource(Client.class)
  void errorBodiesReachTheAppAsWithoutTheAgent(Client client) throws Exception {
    server.plan(FaultPlans.byModel(Map.of(
        "m-bad", always(Faults.openAiError(400, "invalid_request_error", "invalid_value", "bad temperature"))),
        FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    String bad = BODY.replace("gpt-4o", "m-bad");

    String alone = results(ChildJvm.on(Jdks.current()).testClasspath()
        .run(client.app, completions(), bad, "post", "1", "default")).get(0);
    String withAgent = results(app(client, Jdks.current(), config, completions(), bad, "post", 1, "default")).get(0);

    assertEquals(alone, withAgent);
    assertTrue(alone.contains("status=400") && alone.contains("bad temperature"), alone);
    assertEquals(2, server.requestCount(), "a bad request is not retried");
  }

  /** Spring's RestTemplate on HttpClient 5 sends its body as a one-shot entity: still replayed for the fallback. */
  @org.junit.jupiter.api.Test
  void restTemplateOnHttpClient5IsServedByTheFallback() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(RestTemplateApp.class.getName(), completions(), BODY, "3", "apache5");

    assertEquals(3, okCount(result), result.toString());
    assertEquals(3, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 9, "at most Airbag's 3 attempts per call: " + server.requestCount());
    assertTrue(server.requests().stream().allMatch(r -> r.bodyText().contains("\"messages\"")), "whole bodies");
  }

  private String completions() {
    return server.baseUrl() + "/v1/chat/completions";
  }

  private static ChildJvm.Result app(Client client, Jdk jdk, AgentConfig config, String url, String json,
      String mode, int count, String settings) throws Exception {
    return ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write())
        .run(client.app, url, json, mode, String.valueOf(count), settings);
  }

  private static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).collect(Collectors.toList());
  }

  private static long count(ChildJvm.Result result, String text) {
    return result.stdoutLines().stream().filter(line -> line.contains(text)).count();
  }
}
