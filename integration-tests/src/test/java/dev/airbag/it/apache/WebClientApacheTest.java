package dev.airbag.it.apache;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.ExternalApp;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring's WebClient on Apache HttpClient 5's async client ({@code HttpComponentsClientHttpConnector}), the real
 * jars: its request body comes from a reactive producer that can be written once, so the retries and the fallback
 * send the bytes Airbag held from the first send.
 */
class WebClientApacheTest extends FaultServerTest {
  static final String APP = "dev.airbag.it.apps.WebClientApacheChatApp";
  static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String STREAMED =
      "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static String classpath;

  @BeforeAll
  static void compileTheApp() throws IOException {
    classpath = ExternalApp.compile("webclient-hc5", APP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"post", "stream"})
  void anOutageOfThePrimaryIsServedByTheFallbackOnEveryCall(String mode) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(config, mode.equals("stream") ? STREAMED : BODY, mode, 5);

    assertEquals(5, okCount(result), result.toString());
    assertEquals(5, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 15, "at most Airbag's 3 attempts per call: " + server.requestCount());
    String primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).findFirst().orElseThrow()
        .bodyText();
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst()
        .orElseThrow().bodyText();
    assertEquals(mode.equals("stream") ? STREAMED : BODY, primary, "the app's bytes, as it wrote them");
    assertEquals(primary.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback);
    List<JsonNode> events = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("kind").asText().equals("llm_call")).collect(Collectors.toList());
    assertTrue(events.stream().anyMatch(e -> e.path("category").asText().equals("overloaded")), events.toString());
    assertTrue(events.stream().allMatch(e -> e.path("served_model").asText().equals("gpt-4o-mini")),
        events.toString());
  }

  @Test
  void aStormOfOneInThreeCostsNoSuccessComparedWithTheStackAlone() throws Exception {
    server.plan(FaultPlans.ratio(1.0 / 3, Faults.status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()), 16));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).classpath(classpath).timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), BODY, "post", "30");
    int aloneRequests = server.requestCount();
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result protectedRun = app(config, BODY, "post", 30);

    assertEquals(30, aloneRequests, "the stack alone sends each call once: " + alone);
    assertTrue(okCount(alone) < 30, alone.toString());
    assertTrue(okCount(protectedRun) >= okCount(alone), alone + "\n" + protectedRun);
    assertTrue(okCount(protectedRun) >= 27, "three attempts serve nearly every call: " + protectedRun);
  }

  @Test
  void aStreamIsRetriedBeforeItsFirstByteAndThenReadAsItComes() throws Exception {
    server.plan(FaultPlans.firstFailure(FaultPlans.sequence(Faults.overloaded()),
        always(Faults.slowBody(Duration.ofMillis(150)))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(config, STREAMED, "stream", 1);

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "one overloaded attempt, then the stream");
    assertEquals(STREAMED, server.requests().get(1).bodyText(), "the retry sent the app's bytes");
    Matcher stream = Pattern.compile("first_line_ms=(\\d+) total_ms=(\\d+) lines=(\\d+)").matcher(result.stdout());
    assertTrue(stream.find(), result.toString());
    assertTrue(Integer.parseInt(stream.group(3)) > 2, result.toString());
    assertTrue(Long.parseLong(stream.group(2)) - Long.parseLong(stream.group(1)) >= 300,
        "the first chunk came before the stream ended: " + result.stdout());
  }

  private ChildJvm.Result app(AgentConfig config, String json, String mode, int count) throws Exception {
    return ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3)).run(APP, server.baseUrl(), json, mode, String.valueOf(count));
  }

  private static long count(ChildJvm.Result result, String text) {
    return result.stdoutLines().stream().filter(line -> line.contains(text)).count();
  }
}
