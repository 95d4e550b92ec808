package dev.airbag.it.jdkhttp;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.LangChainApp;
import dev.airbag.it.apps.PlainJdkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j (its default JDK HTTP client and its own retries) and plain java.net.http calls, in child JVMs with
 * the agent: the same protection as OkHttp calls, and LangChain4j's retries never multiply with Airbag's.
 */
class JdkHttpClientTest extends FaultServerTest {
  static final String KEY = "sk-test-jdk";
  static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void withOneRequestInFiveOverloadedEveryLangChainCallSucceeds(Jdk jdk) throws Exception {
    server.plan(FaultPlans.everyNth(5, Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result openai = langChain(jdk, config, "openai", "gpt-4o", "sync", 30);
    ChildJvm.Result anthropic = langChain(jdk, config, "anthropic", "claude-sonnet-4-5", "sync", 30);

    assertEquals(30, okCount(openai), openai.toString());
    assertEquals(30, okCount(anthropic), anthropic.toString());
    assertTrue(server.requestCount() <= 78, "60 calls, every fifth request retried once: " + server.requestCount());
  }

  @Test
  void langChainsRetriesAndAirbagsDoNotMultiply() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false");

    ChildJvm.Result openai = langChain(Jdks.current(), config, "openai", "gpt-4o", "sync", 2);
    ChildJvm.Result anthropic = langChain(Jdks.current(), config, "anthropic", "claude-sonnet-4-5", "sync", 2);

    assertEquals(0, okCount(openai), openai.toString());
    assertEquals(0, okCount(anthropic), anthropic.toString());
    // LangChain4j sends each call three times; its re-sends are answered from Airbag's exhausted outcome.
    assertEquals(6, server.requestCount("gpt-4o"), "3 attempts x 2 calls, as LangChain4j alone; not 3 x 3 x 2");
    assertEquals(6, server.requestCount("claude-sonnet-4-5"), "3 attempts x 2 calls, as LangChain4j alone; not 3 x 3 x 2");
  }

  @Test
  void aFallbackServesWithTheRewrittenModel() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = langChain(Jdks.current(), config, "openai", "gpt-4o", "sync", 3);

    assertEquals(3, okCount(result), result.toString());
    assertTrue(result.stdout().contains("Summary by gpt-4o-mini"), result.toString());
    String primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).findFirst().orElseThrow().bodyText();
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst().orElseThrow().bodyText();
    assertEquals(primary.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback);
  }

  @Test
  void contentPolicyAndBadRequestsReachTheServerOnce() throws Exception {
    server.plan(FaultPlans.byModel(Map.of(
        "m-policy", always(Faults.openAiError(400, "invalid_request_error", "content_policy_violation", "rejected")),
        "m-bad", always(Faults.openAiError(400, "invalid_request_error", "invalid_value", "bad temperature"))),
        FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.m-policy", "m-spare").set("airbag.fallback.m-bad", "m-spare");

    langChain(Jdks.current(), config, "openai", "m-policy", "sync", 1);
    langChain(Jdks.current(), config, "openai", "m-bad", "sync", 1);

    assertEquals(1, server.requestCount("m-policy"));
    assertEquals(1, server.requestCount("m-bad"));
    assertEquals(0, server.requestCount("m-spare"));
    List<String> categories = Events.read(config.eventsFile()).stream().map(e -> e.path("category").asText()).toList();
    assertEquals(List.of("content_policy", "bad_request"), categories);
  }

  @Test
  void anOutageCostsNoMoreRequestsThanLangChainAloneAndAFallbackServesEveryCall() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result failing = langChain(Jdks.current(), config, "openai", "gpt-4o", "sync", 20);
    int reached = server.requestCount("gpt-4o");
    config.set("airbag.fallback.gpt-4o", "gpt-4o-mini");
    ChildJvm.Result fallingBack = langChain(Jdks.current(), config, "openai", "gpt-4o", "sync", 20);

    assertEquals(0, okCount(failing));
    assertTrue(reached <= 60, "LangChain4j alone sends 20 calls x 3 attempts: " + reached);
    assertEquals(20, okCount(fallingBack), fallingBack.toString());
  }

  @Test
  void aLangChainStreamIsRetriedBeforeItsFirstByte() throws Exception {
    server.plan(FaultPlans.sequence(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = langChain(Jdks.current(), config, "openai", "gpt-4o", "stream", 1);

    assertTrue(result.stdout().contains("RESULT ok " + FaultServer.completionText("gpt-4o")), result.toString());
    assertEquals(2, server.requestCount());
  }

  @Test
  void aLangChainStreamCutMidwayIsReportedAsInterrupted() throws Exception {
    server.plan(always(Faults.cutStreamAfter(3)));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = langChain(Jdks.current(), config, "anthropic", "claude-sonnet-4-5", "stream", 1);

    assertEquals(0, okCount(result), result.toString());
    JsonNode event = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("outcome").asText().equals("stream_interrupted")).findFirst().orElseThrow();
    assertTrue(event.path("bytes_delivered").asLong() > 0, event.toString());
  }

  @Test
  void aPlainCallToAnotherHostIsUntouchedWithSendAndSendAsync() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir);
    String url = server.baseUrl() + "/v1/chat/completions";

    ChildJvm.Result send = jdkApp(config, url, "send");
    ChildJvm.Result async = jdkApp(config, url, "async");

    assertTrue(send.stdout().contains("RESULT status=503"), send.toString());
    assertTrue(async.stdout().contains("RESULT status=503"), async.toString());
    assertEquals(2, server.requestCount(), "each call reached the server exactly once");
    assertTrue(Events.read(config.eventsFile()).isEmpty());
  }

  @Test
  void plainSendAndSendAsyncToAnLlmEndpointAreRetried() throws Exception {
    server.plan(FaultPlans.sequence(Faults.overloaded(), Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    String url = server.baseUrl() + "/v1/chat/completions";

    ChildJvm.Result send = jdkApp(config, url, "send");
    ChildJvm.Result async = jdkApp(config, url, "async");

    assertTrue(send.stdout().contains("RESULT status=200"), send.toString());
    assertTrue(async.stdout().contains("RESULT status=200"), async.toString());
    assertEquals(4, server.requestCount(), "two failures, then one success each");
  }

  @Test
  void aBodyFromAnInputStreamIsReadOnceAndRetried() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = jdkApp(config, server.baseUrl() + "/v1/chat/completions", "stream-body");

    assertTrue(result.stdout().contains("RESULT status=503"), result.toString());
    assertEquals(3, server.requestCount(), "Airbag's attempts, each with the body it read");
    server.requests().forEach(r -> assertEquals(BODY, r.bodyText()));
    JsonNode event = Events.read(config.eventsFile()).get(0);
    assertEquals("gpt-4o", event.path("model").asText(), event.toString());
  }

  private ChildJvm.Result jdkApp(AgentConfig config, String url, String mode) throws Exception {
    return ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(PlainJdkHttpApp.class.getName(), url, BODY, mode, "1");
  }

  private ChildJvm.Result langChain(Jdk jdk, AgentConfig config, String provider, String model, String mode, int count)
      throws Exception {
    String baseUrl = provider.equals("openai") ? server.baseUrl() + "/v1" : server.baseUrl() + "/v1/";
    return ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write()).timeout(java.time.Duration.ofMinutes(3))
        .run(LangChainApp.class.getName(), provider, baseUrl, KEY, model, mode, String.valueOf(count));
  }


}
