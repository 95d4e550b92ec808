package dev.airbag.it.okhttp;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.AnthropicChatApp;
import dev.airbag.it.apps.OpenAiChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real openai-java and anthropic-java SDKs, in a child JVM with the agent, call the fault server; each failure
 * must come out as one event with the right category, and the app must see exactly what it sees without Airbag.
 */
class SdkFailureClassificationTest extends FaultServerTest {
  static final String CANARY = "sk-proj-AIRBAGCANARY7f3c9e1d2b4a6085";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void everyOpenAiFailureIsClassifiedOnceAndTheAppSeesWhatItWouldWithoutAirbag(Jdk jdk) throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, FaultPlan> plans = new LinkedHashMap<>();
    scenario(plans, expected, "m-quota", Faults.openAiError(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details."), "quota_exhausted");
    scenario(plans, expected, "m-rate", Faults.openAiError(429, "requests", "rate_limit_exceeded",
        "Rate limit reached for requests"), "rate_limited");
    scenario(plans, expected, "m-context", Faults.openAiError(400, "invalid_request_error", "context_length_exceeded",
        "This model's maximum context length is 128000 tokens."), "context_length");
    scenario(plans, expected, "m-policy", Faults.openAiError(400, "invalid_request_error", "content_policy_violation",
        "Your request was rejected as a result of our safety system."), "content_policy");
    scenario(plans, expected, "m-auth", Faults.openAiError(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: " + CANARY + "."), "auth");
    scenario(plans, expected, "m-retired", Faults.openAiError(404, "invalid_request_error", "model_not_found",
        "The model `m-retired` does not exist or you do not have access to it."), "not_found");
    scenario(plans, expected, "m-server", Faults.openAiError(500, "server_error", null,
        "The server had an error while processing your request."), "transient");
    scenario(plans, expected, "m-overloaded", Faults.overloaded(), "overloaded");
    scenario(plans, expected, "m-dropped", Faults.dropBeforeFirstByte(), "transient");
    plans.put("m-ok", always(Faults.success()));
    server.plan(FaultPlans.byModel(plans, always(Faults.success())));
    String models = String.join(",", plans.keySet());
    String[] app = {server.baseUrl() + "/v1", CANARY, models, "sync", String.valueOf(plans.size()), "0"};

    ChildJvm.Result without = ChildJvm.on(jdk).testClasspath().run(OpenAiChatApp.class.getName(), app);
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    ChildJvm.Result with = ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write())
        .run(OpenAiChatApp.class.getName(), app);

    assertEquals(0, with.exitCode(), with.toString());
    assertEquals(results(without), results(with), "the app must see exactly what it sees without the agent");
    assertTrue(results(with).get(plans.size() - 1).startsWith("RESULT ok Summary by m-ok"), with.toString());
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(expected.size(), events.size(), "one event per failed call: " + events);
    Map<String, JsonNode> byModel = events.stream().collect(Collectors.toMap(e -> e.get("model").asText(), e -> e));
    expected.forEach((model, category) -> {
      JsonNode event = byModel.get(model);
      assertEquals(category, event.path("category").asText(), "category of " + model + ": " + event);
      assertEquals("llm_call", event.path("kind").asText());
      assertEquals("failed", event.path("outcome").asText());
      assertEquals("openai", event.path("provider").asText());
      assertEquals("http://127.0.0.1:" + server.port() + "/v1/chat/completions", event.path("endpoint").asText());
      // Retryable categories get the default three attempts (as the SDK alone); the others exactly one.
      int attempts = event.path("retryable").asBoolean() ? 3 : 1;
      assertEquals(attempts, event.path("attempts").asInt(), event.toString());
      assertEquals(32, event.path("id").asText().length(), event.toString());
      assertFalse(event.path("user_message").asText().isEmpty());
      assertEquals("OpenAiChatApp", event.path("service").asText());
    });
    assertEquals(429, byModel.get("m-quota").path("http_status").asInt());
    assertEquals("insufficient_quota", byModel.get("m-quota").path("provider_error_code").asText());
    assertEquals("critical", byModel.get("m-quota").path("severity").asText());
    assertFalse(byModel.get("m-quota").path("retryable").asBoolean());
    assertTrue(byModel.get("m-rate").path("retryable").asBoolean());
    assertTrue(byModel.get("m-dropped").path("http_status").isMissingNode(), "a transport failure has no status");
    assertFalse(byModel.get("m-dropped").path("exception_type").asText().isEmpty());
    assertCanaryAbsent(config, with);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void everyAnthropicFailureIsClassifiedOnce(Jdk jdk) throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, FaultPlan> plans = new LinkedHashMap<>();
    scenario(plans, expected, "c-overloaded", Faults.anthropicOverloaded(), "overloaded");
    scenario(plans, expected, "c-rate", Faults.anthropicError(429, "rate_limit_error",
        "Number of request tokens has exceeded your per-minute rate limit"), "rate_limited");
    scenario(plans, expected, "c-spend", Faults.anthropicError(429, "rate_limit_error",
        "enforced_spend_limit_reached: You have reached your specified workspace API usage limits."), "quota_exhausted");
    scenario(plans, expected, "c-long", Faults.anthropicError(400, "invalid_request_error",
        "prompt is too long: 215000 tokens > 200000 maximum"), "context_length");
    scenario(plans, expected, "c-denied", Faults.anthropicError(403, "permission_error",
        "Your API key does not have permission to use the specified resource."), "auth");
    scenario(plans, expected, "c-large", Faults.anthropicError(413, "request_too_large",
        "Request exceeds the maximum allowed number of bytes."), "context_length");
    plans.put("c-ok", always(Faults.success()));
    server.plan(FaultPlans.byModel(plans, always(Faults.success())));
    String[] app = {server.baseUrl(), CANARY, String.join(",", plans.keySet()), "sync",
        String.valueOf(plans.size()), "0"};
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result with = ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write())
        .run(AnthropicChatApp.class.getName(), app);

    assertEquals(0, with.exitCode(), with.toString());
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(expected.size(), events.size(), "one event per failed call: " + events);
    for (JsonNode event : events) {
      String model = event.path("model").asText();
      assertEquals(expected.get(model), event.path("category").asText(), "category of " + model + ": " + event);
      assertEquals("anthropic", event.path("provider").asText());
      assertEquals("http://127.0.0.1:" + server.port() + "/v1/messages", event.path("endpoint").asText());
    }
    assertCanaryAbsent(config, with);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void asyncAndStreamedCallsAreSeenToo(Jdk jdk) throws Exception {
    server.plan(always(Faults.overloaded()));
    // Two identical calls per app: without this the second would be answered from the first's outcome.
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.retry.replay-window", "0s");
    Path file = config.write();

    ChildJvm.Result async = ChildJvm.on(jdk).testClasspath().agentWithConfig(file)
        .run(OpenAiChatApp.class.getName(), server.baseUrl() + "/v1", CANARY, "gpt-async", "async", "2", "0");
    ChildJvm.Result stream = ChildJvm.on(jdk).testClasspath().agentWithConfig(file)
        .run(AnthropicChatApp.class.getName(), server.baseUrl(), CANARY, "claude-stream", "stream", "2", "0");

    assertEquals(0, async.exitCode(), async.toString());
    assertEquals(0, stream.exitCode(), stream.toString());
    List<JsonNode> events = Events.read(config.eventsFile());
    Map<String, List<JsonNode>> byModel = events.stream().collect(Collectors.groupingBy(e -> e.get("model").asText()));
    assertEquals(2, byModel.get("gpt-async").size(), events.toString());
    assertEquals(2, byModel.get("claude-stream").size(), events.toString());
    byModel.get("claude-stream").forEach(event -> {
      assertEquals("overloaded", event.path("category").asText());
      assertTrue(event.path("streamed").asBoolean(), "a streamed call says so: " + event);
      assertEquals(529, event.path("http_status").asInt());
    });
    byModel.get("gpt-async").forEach(event -> assertEquals("overloaded", event.path("category").asText()));
  }

  private static void scenario(Map<String, FaultPlan> plans, Map<String, String> expected, String model,
      dev.airbag.faultserver.Fault fault, String category) {
    plans.put(model, always(fault));
    expected.put(model, category);
  }

  static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).toList();
  }

  static void assertCanaryAbsent(AgentConfig config, ChildJvm.Result result) throws Exception {
    assertFalse(Events.raw(config.eventsFile()).contains(CANARY), "canary key in the events file");
    assertFalse(Events.raw(config.eventsFile()).contains("AIRBAGCANARY"), "part of the canary key in the events file");
    assertFalse(result.stderr().contains("AIRBAGCANARY"), "canary key on stderr");
    assertFalse(result.stdout().contains("AIRBAGCANARY"), "canary key on stdout");
  }
}
