package dev.airbag.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.CallPlans;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.apps.GenaiChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * google-genai (OkHttp, its own RetryInterceptor at its defaults: 5 attempts, 1 s doubling, full jitter) against
 * the fault server speaking Gemini: its retries never multiply Airbag's, and a fallback model serves an outage well
 * within an app's deadline, on both API versions.
 */
class GenaiTest extends FaultServerTest {
  private static final String KEY = "genai-test-key";
  private static final String PRIMARY = "gemini-2.5-pro";
  private static final String FALLBACK = "gemini-2.5-flash";
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"v1beta, sync", "v1, sync", "v1beta, stream"})
  void anOutageOfThePrimaryIsServedByTheFallbackWithinAirbagsAttemptsPerCall(String apiVersion, String mode)
      throws Exception {
    server.plan(FaultPlans.byModel(Map.of(PRIMARY, FaultPlans.always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = gemini().set("airbag.fallback." + PRIMARY, FALLBACK);
    int calls = 6;

    ChildJvm.Result result = app(config.write(), mode, calls, apiVersion);

    assertEquals(calls, okCount(result), result.toString());
    assertEquals(calls, result.stdoutLines().stream().filter(l -> l.contains("Summary by " + FALLBACK)).count());
    assertTrue(server.requestCount() <= 3 * calls, "at most Airbag's 3 attempts per call, not 5 x 3: "
        + server.requestCount() + " requests\n" + result);
    assertTrue(meanMicros(result) < 5_000_000, "well within the deadline: " + result);
    RecordedRequest served = llmRequests().stream().filter(r -> r.model().equals(FALLBACK)).findFirst().orElseThrow();
    String method = mode.equals("stream") ? ":streamGenerateContent" : ":generateContent";
    assertEquals("/" + apiVersion + "/models/" + FALLBACK + method, served.path(), "the path rewritten");
    List<JsonNode> events = Events.read(config.eventsFile());
    JsonNode first = events.get(0);
    assertEquals("overloaded", first.path("category").asText(), events.toString());
    assertEquals(PRIMARY, first.path("model").asText(), "the circuit and the event keyed by the model in the path");
    assertEquals(FALLBACK, first.path("served_model").asText(), events.toString());
  }

  @Test
  void aStormFailingAThirdOfAttemptsCostsTheAppNoSuccessNorTheProviderExtraRequests() throws Exception {
    int calls = 30;
    server.plan(CallPlans.ratioPerCall(0.33, Faults.overloaded(), 7));
    ChildJvm.Result without = app(null, "sync", calls, "v1beta");
    int withoutRequests = server.requestCount();
    server.reset();
    server.plan(CallPlans.ratioPerCall(0.33, Faults.overloaded(), 7));
    AgentConfig config = gemini();

    ChildJvm.Result with = app(config.write(), "sync", calls, "v1beta");

    String both = "--- without: " + withoutRequests + " requests\n" + without + "\n--- with: " + server.requestCount()
        + " requests\n" + with;
    assertTrue(okCount(without) >= calls - 1, both);
    assertTrue(okCount(with) >= okCount(without), both);
    // A call genai alone lost after its 5 attempts may be won by a sixth (Airbag's 3, then 3 for the re-send that
    // memory no longer answers): only a call served that way may cost more, and at most Airbag's attempts more.
    assertTrue(server.requestCount() <= withoutRequests + 3 * (okCount(with) - okCount(without)), both);
    assertTrue(Events.read(config.eventsFile()).stream().anyMatch(e -> e.path("category").asText().equals("overloaded")),
        both);
  }

  private AgentConfig gemini() {
    // Both of Gemini's API versions, beside the fault server's OpenAI endpoint at /v1.
    return AgentConfig.in(dir)
        .set("airbag.endpoint.fake-gemini.url", server.baseUrl() + "/v1beta")
        .set("airbag.endpoint.fake-gemini.provider", "gemini")
        .set("airbag.endpoint.fake-gemini-v1.url", server.baseUrl() + "/v1/models")
        .set("airbag.endpoint.fake-gemini-v1.provider", "gemini");
  }

  private ChildJvm.Result app(Path config, String mode, int calls, String apiVersion) throws Exception {
    ChildJvm child = ChildJvm.on(Jdks.current()).testClasspath().timeout(DEADLINE.multipliedBy(2));
    return (config == null ? child : child.agentWithConfig(config)).run(GenaiChatApp.class.getName(),
        server.baseUrl(), KEY, PRIMARY, mode, String.valueOf(calls), apiVersion);
  }

  private List<RecordedRequest> llmRequests() {
    return server.requests().stream().filter(r -> r.method().equals("POST")).toList();
  }

  private static long meanMicros(ChildJvm.Result result) {
    java.util.regex.Matcher mean = java.util.regex.Pattern.compile("mean_us=(\\d+)").matcher(result.stdout());
    return mean.find() ? Long.parseLong(mean.group(1)) : Long.MAX_VALUE;
  }
}
