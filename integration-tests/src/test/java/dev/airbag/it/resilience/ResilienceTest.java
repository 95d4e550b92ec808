package dev.airbag.it.resilience;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.apps.AnthropicChatApp;
import dev.airbag.it.apps.OpenAiChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With no change to the app, its LLM calls survive an overloaded, rate-limited or failing provider: the real SDKs in
 * child JVMs with the agent, against the fault server, which counts every request it gets per model.
 */
class ResilienceTest extends FaultServerTest {
  static final String KEY = "sk-test-resilience";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void onATuesdayAfternoonEveryCallSucceedsWithFewExtraRequests(Jdk jdk) throws Exception {
    server.plan(FaultPlans.everyNth(5, Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).set("airbag.retry.base-delay", "20ms");

    ChildJvm.Result result = anthropic(jdk, config, "claude-sonnet-4-5", "sync", 1000, 2);

    assertEquals(1000, okCount(result), result.stdout().lines().filter(l -> !l.startsWith("RESULT ok")).toList().toString());
    assertTrue(server.requestCount() <= 1300, "upstream requests per app call must stay <= 1.3: " + server.requestCount());
    assertTrue(server.requestCount() >= 1200, "every fifth request failed and was retried: " + server.requestCount());
  }

  @Test
  void withAProviderOverloadedForeverTheServerSeesExactlyMaxAttemptsPerAppCall() throws Exception {
    server.plan(always(Faults.overloaded()));
    // Off, so that the second identical call reaches the server and this test sees X-Should-Retry alone at work.
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.retry.replay-window", "0s");

    // The SDKs' default of two retries of their own is left on: Airbag's attempts replace theirs.
    ChildJvm.Result anthropic = anthropic(Jdks.current(), config, "claude-sonnet-4-5", "sync", 2, 2);
    ChildJvm.Result openai = openai(Jdks.current(), config, "gpt-4o", "sync", 2, 2);

    assertTrue(anthropic.stdout().contains("RESULT error status=529"), anthropic.toString());
    assertTrue(openai.stdout().contains("RESULT error status=503"), openai.toString());
    assertEquals(6, server.requestCount("claude-sonnet-4-5"), "3 attempts x 2 calls, as the SDK alone; not 3 x 3 x 2");
    assertEquals(6, server.requestCount("gpt-4o"), "3 attempts x 2 calls, as the SDK alone; not 3 x 3 x 2");
  }

  @Test
  void anAppsOwnIdenticalCallsAfterAnExhaustedOneEachReachTheServer() throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-opus-4-1", "sync", 3, 0);

    assertEquals(0, okCount(result));
    assertEquals(9, server.requestCount(), "each of the app's three calls made its own three attempts");
    assertEquals(3, result.stdout().lines().filter(l -> l.contains("status=529")).count(), result.toString());
    assertEquals(3, Events.occurrences(Events.read(config.eventsFile()), e -> e.path("kind").asText().equals("llm_call")),
        "one event per call");
  }

  @Test
  void theSdksOwnReSendsOfACallAirbagExhaustedReachNoServer() throws Exception {
    // A cut connection has no headers to say X-Should-Retry: the SDK retries it twice on its own.
    server.plan(always(Faults.resetBeforeFirstByte()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = openai(Jdks.current(), config, "gpt-4o", "sync", 2, 2);

    assertEquals(0, okCount(result), result.toString());
    assertEquals(6, server.requestCount("gpt-4o"), "3 attempts per app call, as the SDK alone; not 3 x 3");
    List<JsonNode> calls = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("kind").asText().equals("llm_call")).toList();
    assertEquals(4, Events.occurrences(calls, e -> e.path("note").asText().contains("answered from memory")),
        "each app call's two SDK re-sends were answered from memory, each with its event: " + calls);
  }

  @Test
  void aRetryAfterOfTwoSecondsIsWaitedOut() throws Exception {
    server.plan(FaultPlans.sequence(Faults.rateLimited(2)));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());

    ChildJvm.Result result = openai(Jdks.current(), config, "gpt-4o", "sync", 1, 0);

    assertEquals(1, okCount(result), result.toString());
    List<RecordedRequest> requests = llmRequests();
    assertEquals(2, requests.size());
    long gapMillis = TimeUnit.NANOSECONDS.toMillis(requests.get(1).arrivalNanos() - requests.get(0).arrivalNanos());
    assertTrue(gapMillis >= 2000, "the next attempt came " + gapMillis + " ms later");
  }

  @Test
  void aRetryAfterOfTwoMinutesIsNotWaitedOutWhenAFallbackCanServe() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.rateLimited(120))), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    long started = System.nanoTime();
    ChildJvm.Result result = openai(Jdks.current(), config, "gpt-4o", "raw", 1, 0);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(result.stdout().contains("RESULT ok served_by=[gpt-4o-mini] Summary by gpt-4o-mini"), result.toString());
    assertEquals(1, server.requestCount("gpt-4o"));
    assertEquals(1, server.requestCount("gpt-4o-mini"));
    assertTrue(tookMillis < 60_000, "nothing waited out the 120 s hint: " + tookMillis + " ms");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void aFallbackServesEveryCallWithOnlyTheModelRewritten(Jdk jdk) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = openai(jdk, config, "gpt-4o", "raw", 5, 2);

    assertEquals(5, result.stdout().lines().filter(l -> l.startsWith("RESULT ok served_by=[gpt-4o-mini]")).count(),
        result.toString());
    RecordedRequest primary = llmRequests().stream().filter(r -> r.model().equals("gpt-4o")).findFirst().orElseThrow();
    RecordedRequest fallback = llmRequests().stream().filter(r -> r.model().equals("gpt-4o-mini")).findFirst().orElseThrow();
    assertEquals(primary.bodyText().replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback.bodyText(),
        "the fallback's body differs from the app's only by the model");
    List<JsonNode> events = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("kind").asText().equals("llm_call")).toList();
    assertTrue(events.size() >= 1, events.toString());
    JsonNode first = events.get(0);
    assertEquals("recovered", first.path("outcome").asText());
    assertEquals("gpt-4o-mini", first.path("served_model").asText());
    assertEquals("[\"gpt-4o\",\"gpt-4o-mini\"]", first.path("models_tried").toString());
  }

  @Test
  void failuresThatNoRetryOrModelCanFixReachTheServerExactlyOnce() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(
        "m-quota", always(Faults.openAiError(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota")),
        "m-policy", always(Faults.openAiError(400, "invalid_request_error", "content_policy_violation", "rejected by the safety system")),
        "m-bad", always(Faults.openAiError(400, "invalid_request_error", "invalid_value", "temperature must be <= 2")),
        "m-auth", always(Faults.openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided"))),
        FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    for (String model : List.of("m-quota", "m-policy", "m-bad", "m-auth")) {
      config.set("airbag.fallback." + model, "m-spare");
    }

    ChildJvm.Result result = openai(Jdks.current(), config, "m-quota,m-policy,m-bad,m-auth", "sync", 4, 2);

    assertEquals(0, okCount(result), result.toString());
    for (String model : List.of("m-quota", "m-policy", "m-bad", "m-auth")) {
      assertEquals(1, server.requestCount(model), model + " reached the server once: SDK retries suppressed too");
    }
    assertEquals(0, server.requestCount("m-spare"), "none of these falls back");
    Map<String, String> categories = Map.of("m-quota", "quota_exhausted", "m-policy", "content_policy", "m-bad",
        "bad_request", "m-auth", "auth");
    for (JsonNode event : Events.read(config.eventsFile())) {
      assertEquals(categories.get(event.path("model").asText()), event.path("category").asText(), event.toString());
    }
  }

  @Test
  void withFailFastChosenAThousandCallsMeetTheOpenCircuitAndReachNoServer() throws Exception {
    // One JVM: the first calls open the circuit, the next thousand meet it open. Failing fast is load shedding,
    // an opt-in; the hopeless rule is shortened so that the test opens the circuit in ten failures.
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.retry.replay-window", "0s").set("airbag.circuit.when-open", "fail-fast")
        .set("airbag.circuit.hopeless-after", "10").set("airbag.circuit.hopeless-span", "0s")
        .set("airbag.circuit.first-open-duration", "30s").set("airbag.circuit.open-duration", "30s");

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-opus-4-1", "sync", 1003, 0);

    assertEquals(0, okCount(result));
    int reached = server.requestCount();
    assertTrue(reached <= 12, "only the calls that opened the circuit reached the server: " + reached);
    long shortCircuited = result.stdout().lines().filter(l -> l.contains("status=503")).count();
    assertTrue(shortCircuited >= 999, "calls answered by the open circuit: " + shortCircuited);
    // Loose on purpose (a shared machine): the open circuit answers without the network, SDK parsing included.
    long tailMeanMicros = tailMeanMicros(result);
    assertTrue(tailMeanMicros < 5_000, "mean app-visible time of a short-circuited call: " + tailMeanMicros + " us");
    List<JsonNode> circuitEvents = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("kind").asText().equals("circuit")).toList();
    assertEquals("open", circuitEvents.get(0).path("circuit_state").asText(), circuitEvents.toString());
  }

  @Test
  void withAFallbackAnOpenCircuitSendsEveryCallToTheFallbackModel() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("claude-opus-4-1", always(Faults.anthropicOverloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.claude-opus-4-1", "claude-sonnet-4-5");

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-opus-4-1", "sync", 200, 2);

    assertEquals(200, okCount(result), result.toString());
    assertTrue(result.stdout().contains("Summary by claude-sonnet-4-5"));
    assertTrue(server.requestCount("claude-opus-4-1") <= 12,
        "once open, the primary is not asked again: " + server.requestCount("claude-opus-4-1"));
    assertEquals(200, server.requestCount("claude-sonnet-4-5"));
  }

  @Test
  void afterTheOpenDurationProbesCloseTheCircuitOnceTheProviderIsBack() throws Exception {
    // Exactly the ten failures that open the circuit, healthy after: the probe finds the provider back. The span is
    // stated: ten calls 100 ms apart last about 0.95 s, a hair under the default 1 s on a fast machine.
    dev.airbag.faultserver.Fault[] tenFailures = new dev.airbag.faultserver.Fault[10];
    java.util.Arrays.fill(tenFailures, Faults.anthropicOverloaded());
    server.plan(FaultPlans.sequence(tenFailures));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.hopeless-after", "10").set("airbag.circuit.hopeless-span", "500ms")
        .set("airbag.retry.max-attempts", "1").set("airbag.retry.replay-window", "0s");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(PacedAnthropicApp.class.getName(), server.baseUrl(), KEY, "claude-opus-4-1", "50", "100");

    List<String> transitions = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("kind").asText().equals("circuit"))
        .map(e -> e.path("previous_state").asText() + "->" + e.path("circuit_state").asText()).toList();
    assertEquals(List.of("closed->open", "open->half_open", "half_open->closed"), transitions, result.toString());
    assertTrue(result.stdout().lines().filter(l -> l.startsWith("RESULT ok")).count() >= 10, result.toString());
  }

  @Test
  void withLoadSheddingChosenARetryBudgetKeepsUpstreamLoadBoundedInAnOutage() throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    // Circuits off to isolate the budget; exempt-attempts=1 is the opt-in that makes every retry spend it.
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false").set("airbag.retry.replay-window", "0s")
        .set("airbag.retry.budget.exempt-attempts", "1");

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-opus-4-1", "sync", 300, 0);

    int calls = 300;
    int upstream = server.requestCount();
    // Per 10 s window, retries R <= 0.2 x (calls + R) + 3/s x 10 s, so R <= 0.25 calls + 37.5 per window; the run
    // takes well under two windows.
    int allowed = calls + (int) (0.25 * calls) + 2 * 38;
    assertTrue(upstream <= allowed, "upstream " + upstream + " <= " + allowed + " (without a budget: " + 3 * calls + ")");
    assertTrue(Events.raw(config.eventsFile()).contains("retry budget"), "events say why retries stopped");
    assertEquals(0, okCount(result));
  }

  @Test
  void aStreamThatFailsBeforeItsFirstByteIsRetriedAndTheAppGetsTheWholeStream() throws Exception {
    server.plan(FaultPlans.sequence(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-sonnet-4-5", "stream", 1, 0);

    assertTrue(result.stdout().contains("RESULT ok " + FaultServer.completionText("claude-sonnet-4-5")), result.toString());
    assertEquals(2, server.requestCount());
  }

  @Test
  void aStreamCutMidwayReachesTheAppPartlyAndIsReportedAsInterrupted() throws Exception {
    server.plan(always(Faults.cutStreamAfter(4)));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-sonnet-4-5", "stream", 1, 0);

    assertTrue(result.stdout().contains("RESULT error type=AnthropicIoException"), result.toString());
    assertEquals(1, server.requestCount(), "a stream that reached the app is never retried");
    JsonNode event = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("outcome").asText().equals("stream_interrupted")).findFirst().orElseThrow();
    assertTrue(event.path("bytes_delivered").asLong() > 0, event.toString());
    assertTrue(event.path("streamed").asBoolean());
  }

  @Test
  void aModelSlowerThanTheFirstByteTimeoutIsLeftForTheNextModel() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.delayFirstByte(java.time.Duration.ofSeconds(20)))),
        FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.timeout.first-byte", "500ms").set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    long started = System.nanoTime();
    ChildJvm.Result result = openai(Jdks.current(), config, "gpt-4o", "raw", 1, 0);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(result.stdout().contains("RESULT ok served_by=[gpt-4o-mini]"), result.toString());
    assertEquals(1, server.requestCount("gpt-4o"), "a timed-out model is not retried when another can serve");
    assertTrue(tookMillis < 15_000, "the 20 s first byte was not waited for: " + tookMillis + " ms");
    JsonNode event = Events.read(config.eventsFile()).get(0);
    assertEquals("timeout", event.path("category").asText(), event.toString());
    assertEquals("recovered", event.path("outcome").asText());
  }

  @Test
  void aStreamsPausesAfterTheFirstByteAreNotCutByTheFirstByteTimeout() throws Exception {
    server.plan(always(Faults.slowBody(java.time.Duration.ofMillis(700), 16, Faults.success())));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.timeout.first-byte", "300ms");

    ChildJvm.Result result = openai(Jdks.current(), config, "gpt-4o", "stream", 1, 0);

    assertEquals(1, okCount(result), "the client's own read timeout bounds the 700 ms pauses, not 300 ms: " + result);
    assertEquals(1, server.requestCount(), "the first byte came in time: one attempt");
  }

  @Test
  void anErrorEventInsideA200StreamIsClassified() throws Exception {
    server.plan(always(Faults.streamErrorEvent(2, "overloaded_error", "Overloaded")));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = anthropic(Jdks.current(), config, "claude-sonnet-4-5", "stream", 1, 0);

    assertEquals(0, okCount(result), result.toString());
    JsonNode event = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("outcome").asText().equals("stream_interrupted")).findFirst().orElseThrow();
    assertEquals("overloaded", event.path("category").asText(), event.toString());
    assertTrue(event.path("bytes_delivered").asLong() > 0, "two events reached the app before the error: " + event);
    assertEquals(1, server.requestCount(), "content had reached the app: no retry");
  }

  private ChildJvm.Result anthropic(Jdk jdk, AgentConfig config, String models, String mode, int count, int sdkRetries)
      throws Exception {
    return ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write()).timeout(java.time.Duration.ofMinutes(3))
        .run(AnthropicChatApp.class.getName(), server.baseUrl(), KEY, models, mode, String.valueOf(count),
            String.valueOf(sdkRetries));
  }

  private ChildJvm.Result openai(Jdk jdk, AgentConfig config, String models, String mode, int count, int sdkRetries)
      throws Exception {
    return ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write()).timeout(java.time.Duration.ofMinutes(3))
        .run(OpenAiChatApp.class.getName(), server.baseUrl() + "/v1", KEY, models, mode, String.valueOf(count),
            String.valueOf(sdkRetries));
  }

  private List<RecordedRequest> llmRequests() {
    return server.requests().stream().filter(r -> r.model() != null && !r.model().isEmpty()).toList();
  }


}
