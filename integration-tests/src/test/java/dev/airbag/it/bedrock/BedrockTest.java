package dev.airbag.it.bedrock;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.apps.BedrockConverseApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import dev.airbag.it.support.SigV4;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS SDK's Bedrock runtime (Converse) on both of its Apache clients, in child JVMs with the agent. The SDK
 * retries on its own, signs every attempt and reads no X-Should-Retry, so Airbag gives each of its attempts one
 * try: the provider gets what the SDK alone sends, and Airbag's events say what failed. A signed request is never
 * rewritten by Airbag; the SDK's own last attempts of a failing call are signed by the SDK for the fallback model.
 */
class BedrockTest extends FaultServerTest {
  private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  /** The secret BedrockConverseApp signs with. */
  private static final String SECRET = "airbag-test-secret-key";

  private AgentConfig config() {
    return AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.endpoint.fake-bedrock.url", server.baseUrl() + "/model")
        .set("airbag.endpoint.fake-bedrock.provider", "bedrock")
        .set("airbag.fallback." + MODEL, "amazon.nova-pro-v1:0");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"apache5", "apache4"})
  void anOutageOfEveryModelCostsTheProviderWhatTheSdkAloneSendsAndEachCallsLastAttemptTriesTheFallback(String http)
      throws Exception {
    server.plan(always(Faults.overloaded()));
    ChildJvm.Result alone = app(null, http, 2);
    int aloneRequests = server.requestCount();
    server.reset();

    ChildJvm.Result withAgent = app(config(), http, 2);

    assertEquals(results(alone), results(withAgent), withAgent.toString());
    assertEquals(2, count(withAgent, "RESULT error type=ServiceUnavailableException"), withAgent.toString());
    assertEquals(6, aloneRequests, "the SDK makes 3 attempts of each call on its own");
    assertEquals(aloneRequests, server.requestCount(), "one try per SDK attempt, nothing on top");
    List<RecordedRequest> fallback = server.requests().stream()
        .filter(r -> "amazon.nova-pro-v1:0".equals(r.model())).collect(Collectors.toList());
    assertEquals(2, fallback.size(), "each call's last attempt, and only it: " + server.requests());
    for (RecordedRequest request : fallback) {
      assertTrue(request.headers().get("amz-sdk-request").startsWith("attempt=3"), request.toString());
      assertTrue(SigV4.verifies(request, SECRET), "signed by the SDK for the fallback: " + request);
    }
    List<JsonNode> events = Events.read(config().eventsFile());
    assertTrue(!events.isEmpty(), withAgent.toString());
    assertEquals("overloaded", events.get(0).path("category").asText(), events.get(0).toString());
    assertEquals(MODEL, events.get(0).path("model").asText(), events.get(0).toString());
    assertTrue(events.get(0).toString().contains("signed"), "the event says why Airbag did not rewrite it: " + events);
  }

  /**
   * The primary down, its fallback healthy, the circuit still closed: the SDK retries on its own, and its last attempt
   * of each call goes to the fallback, signed by the SDK. Alone every call fails; with Airbag every call is served,
   * for the same number of requests.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"apache5", "apache4"})
  void withinACallTheSdksLastAttemptIsServedByTheFallbackForNoExtraRequest(String http) throws Exception {
    server.plan(FaultPlans.byModel(Map.of(MODEL, always(Faults.overloaded())), FaultPlans.healthy()));
    ChildJvm.Result alone = app(null, http, 3);
    int aloneRequests = server.requestCount();
    server.reset();

    ChildJvm.Result withAgent = app(config(), http, 3);

    assertEquals(0, okCount(alone), alone.toString());
    assertEquals(3, okCount(withAgent), withAgent.toString());
    // At most: once five attempts have failed, the primary's circuit opens and a call's next attempt goes down the
    // chain at once.
    assertTrue(server.requestCount() <= aloneRequests, "at most the SDK's 3 attempts per call: " + server.requests());
    List<RecordedRequest> fallback = server.requests().stream()
        .filter(r -> "amazon.nova-pro-v1:0".equals(r.model())).collect(Collectors.toList());
    assertEquals(3, fallback.size(), server.requests().toString());
    for (RecordedRequest request : fallback) {
      assertTrue(SigV4.verifies(request, SECRET), "signed by the SDK for the fallback: " + request);
    }
  }

  /**
   * Once the primary's circuit is open, the SDK's calls go to the fallback model: Airbag's interceptor changes the
   * model before the SDK signs, and the provider can check that signature against the request it received.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"apache5", "apache4", "netty"})
  void onceThePrimarysCircuitIsOpenCallsGoToTheFallbackSignedByTheSdk(String http) throws Exception {
    server.plan(FaultPlans.byModel(Map.of(MODEL, always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = config().set("airbag.circuit.open-duration", "1m");

    ChildJvm.Result result = app(config, http, 10);

    List<String> results = results(result);
    assertEquals(10, results.size(), result.toString());
    assertTrue(results.subList(6, 10).stream().allMatch(line -> line.startsWith("RESULT ok")),
        "the last calls are served once the circuit is open: " + result);
    List<RecordedRequest> fallback = server.requests().stream()
        .filter(r -> "amazon.nova-pro-v1:0".equals(r.model())).collect(Collectors.toList());
    assertTrue(fallback.size() >= 4, "calls went to the fallback: " + server.requests());
    assertEquals(okCount(result), fallback.size(), "each served call made one request to the fallback");
    long primaryRequests = server.requests().stream().filter(r -> MODEL.equals(r.model())).count();
    assertTrue(primaryRequests <= 2 * 6, "the last calls never reached the primary: " + server.requests());
    RecordedRequest primary = server.requests().get(0);
    assertTrue(SigV4.verifies(primary, SECRET), "the check itself holds for a request Airbag left alone");
    RecordedRequest rewrittenAfterSigning = new RecordedRequest(primary.method(),
        primary.target().replace("anthropic.claude-3-5-sonnet-20240620-v1%3A0", "amazon.nova-pro-v1%3A0"),
        primary.headers(), primary.body(), "amazon.nova-pro-v1:0", primary.arrivalNanos());
    assertFalse(SigV4.verifies(rewrittenAfterSigning, SECRET), "and fails for a model changed after signing");
    for (RecordedRequest request : fallback) {
      assertTrue(request.path().contains("/model/amazon.nova-pro-v1%3A0/"), request.path());
      assertTrue(SigV4.verifies(request, SECRET), "signed by the SDK as it was sent: " + request);
    }
  }

  /**
   * The asynchronous client on Netty, an HTTP client Airbag does not hook: the SDK's last attempt of each call still
   * goes to the fallback, through the SDK's own signing, for the same requests; the SDK's interceptor hooks show
   * Airbag each attempt, for its events and its circuits.
   */
  @Test
  void onTheAsyncNettyClientTheSdksLastAttemptIsServedByTheFallbackToo() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(MODEL, always(Faults.overloaded())), FaultPlans.healthy()));
    ChildJvm.Result alone = app(null, "netty", 2);
    int aloneRequests = server.requestCount();
    server.reset();

    ChildJvm.Result withAgent = app(config(), "netty", 2);

    assertEquals(0, okCount(alone), alone.toString());
    assertEquals(2, okCount(withAgent), withAgent.toString());
    assertEquals(aloneRequests, server.requestCount(), "the same attempts per call: " + server.requests());
    List<RecordedRequest> fallback = server.requests().stream()
        .filter(r -> "amazon.nova-pro-v1:0".equals(r.model())).collect(Collectors.toList());
    assertEquals(2, fallback.size(), server.requests().toString());
    for (RecordedRequest request : fallback) {
      assertTrue(SigV4.verifies(request, SECRET), "signed by the SDK for the fallback: " + request);
    }
    List<JsonNode> events = Events.read(config().eventsFile());
    assertTrue(events.stream().anyMatch(e -> "overloaded".equals(e.path("category").asText())
        && MODEL.equals(e.path("model").asText())), "each failed attempt has its event: " + events);
  }

  /**
   * ConverseStream, which only the asynchronous client offers: the SDK's last attempt of a failing stream goes to the
   * fallback, signed by the SDK, and its events reach the app; each failed attempt has its event.
   */
  @Test
  void aConverseStreamsLastAttemptIsServedByTheFallbackAndEachFailedAttemptHasItsEvent() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(MODEL, always(Faults.overloaded())), FaultPlans.healthy()));
    ChildJvm.Result alone = app(null, "netty", 2, "stream");
    int aloneRequests = server.requestCount();
    server.reset();

    ChildJvm.Result withAgent = app(config(), "netty", 2, "stream");

    assertEquals(0, okCount(alone), alone.toString());
    assertEquals(2, count(withAgent, "RESULT ok streamed=Summary by amazon.nova-pro-v1:0"), withAgent.toString());
    assertEquals(aloneRequests, server.requestCount(), "the same attempts per call: " + server.requests());
    List<RecordedRequest> fallback = server.requests().stream()
        .filter(r -> "amazon.nova-pro-v1:0".equals(r.model())).collect(Collectors.toList());
    assertEquals(2, fallback.size(), server.requests().toString());
    for (RecordedRequest request : fallback) {
      assertTrue(request.path().endsWith("/converse-stream"), request.path());
      assertTrue(SigV4.verifies(request, SECRET), "signed by the SDK for the fallback: " + request);
    }
    List<JsonNode> events = Events.read(config().eventsFile());
    assertTrue(events.stream().anyMatch(e -> "overloaded".equals(e.path("category").asText())
        && MODEL.equals(e.path("model").asText())), "each failed attempt has its event: " + events);
  }

  /** Every hook throwing (the bridge itself fails): the SDK's calls go out, and come back, as without the agent. */
  @Test
  void hooksThatThrowLeaveTheSdksCallsAsWithoutTheAgent() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(MODEL, always(Faults.overloaded())), FaultPlans.healthy()));
    ChildJvm.Result alone = app(null, "apache5", 2);
    int aloneRequests = server.requestCount();
    server.reset();

    ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config().write())
        .jvmArg("-Dairbag-test.fault-injection=bridge")
        .run(BedrockConverseApp.class.getName(), server.baseUrl(), MODEL, "2", "apache5", "converse");

    assertEquals(results(alone), results(with), with.toString());
    assertEquals(aloneRequests, server.requestCount());
    assertTrue(server.requests().stream().allMatch(r -> MODEL.equals(r.model())), server.requests().toString());
    for (RecordedRequest request : server.requests()) {
      assertTrue(SigV4.verifies(request, SECRET), request.toString());
    }
  }

  /** InvokeModel, whose body is the model family's own: the same, to a fallback of the same family. */
  @Test
  void anInvokeModelCallsLastAttemptIsServedByAFallbackOfTheSameFamily() throws Exception {
    String haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    server.plan(FaultPlans.byModel(Map.of(MODEL, always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = config().set("airbag.fallback." + MODEL, haiku);

    ChildJvm.Result result = app(config, "apache5", 2, "invoke");

    assertEquals(2, okCount(result), result.toString());
    assertEquals(6, server.requestCount(), "the SDK's 3 attempts per call: " + server.requests());
    List<RecordedRequest> fallback = server.requests().stream().filter(r -> haiku.equals(r.model()))
        .collect(Collectors.toList());
    assertEquals(2, fallback.size(), server.requests().toString());
    for (RecordedRequest request : fallback) {
      assertTrue(request.path().endsWith("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke"), request.path());
      assertTrue(SigV4.verifies(request, SECRET), "signed by the SDK for the fallback: " + request);
    }
    assertEquals("overloaded", Events.read(config.eventsFile()).get(0).path("category").asText());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"apache5", "apache4"})
  void aHealthyCallReachesTheProviderSignedAsTheSdkSignedIt(String http) throws Exception {
    server.plan(FaultPlans.healthy());

    ChildJvm.Result result = app(config(), http, 1);

    assertEquals(1, okCount(result), result.toString());
    assertEquals(1, server.requestCount());
    RecordedRequest request = server.requests().get(0);
    String authorization = request.headers().get("Authorization");
    assertTrue(authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDAIRBAGTEST/"),
        String.valueOf(authorization));
    assertTrue(SigV4.verifies(request, SECRET), request.toString());
    assertTrue(request.headers().get("amz-sdk-request").startsWith("attempt=1"), request.headers().get("amz-sdk-request"));
    assertTrue(Events.read(config().eventsFile()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"apache5", "apache4"})
  void aStormOfOneInThreeCostsNoSuccessComparedWithTheSdkAlone(String http) throws Exception {
    server.plan(FaultPlans.ratio(1.0 / 3, Faults.overloaded(), 16));
    ChildJvm.Result alone = app(null, http, 20);
    int aloneRequests = server.requestCount();
    server.reset();

    ChildJvm.Result withAgent = app(config(), http, 20);

    assertTrue(okCount(withAgent) >= okCount(alone), alone + "\n" + withAgent);
    assertTrue(server.requestCount() <= aloneRequests + 2, aloneRequests + " alone, " + server.requestCount());
  }

  private ChildJvm.Result app(AgentConfig config, String http, int count) throws Exception {
    return app(config, http, count, "converse");
  }

  private ChildJvm.Result app(AgentConfig config, String http, int count, String api) throws Exception {
    ChildJvm jvm = ChildJvm.on(Jdks.current()).testClasspath();
    if (config != null) {
      jvm = jvm.agentWithConfig(config.write());
    }
    return jvm.run(BedrockConverseApp.class.getName(), server.baseUrl(), MODEL, String.valueOf(count), http, api);
  }

  private static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).collect(Collectors.toList());
  }

  private static long count(ChildJvm.Result result, String text) {
    return result.stdoutLines().stream().filter(line -> line.contains(text)).count();
  }
}
