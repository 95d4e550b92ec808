package dev.airbag.it.reactornetty;

import static dev.airbag.faultserver.FaultPlans.always;
import static dev.airbag.it.jdkhttp.OutageEvents.assertEachCallNamesTheModelAndItsCircuitIsTheModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlan;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * azure-ai-openai 1.0.0-beta.16 on its default client, azure-core-http-netty 1.15.11 over Reactor Netty 1.0.48 (the
 * adapter compiles against 1.3), in a child JVM with only its libraries: a deployment's outage is served by the
 * fallback deployment (the path rewritten), with Azure's own retries each getting Airbag's attempts, and its storms
 * cost no success.
 */
class AzureNettyClientTest extends FaultServerTest {
  private static final String APP = "dev.airbag.it.apps.AzureOpenAiNettyChatApp";
  private static final String KEY = "sk-test-azure-netty";
  private static final int CALLS = 5;
  private static String classpath;

  @BeforeAll
  static void compileTheApp() throws IOException {
    classpath = ExternalApp.compile("azure-openai-netty", APP);
  }

  @Test
  void anOutageOfThePrimaryDeploymentIsServedByTheFallbackForEveryCall() throws Exception {
    FaultPlan healthy = FaultPlans.healthy();
    server.plan(request -> request.path().contains("/deployments/gpt-4o/") ? Faults.overloaded()
        : healthy.choose(request));
    AgentConfig config = azure(AgentConfig.in(dir)).fastRetries().set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(config, CALLS);

    assertEquals(CALLS, okCount(result), result.toString());
    assertEquals(CALLS, server.requests().stream().filter(r -> r.path().contains("/deployments/gpt-4o-mini/"))
        .count());
    assertTrue(server.requestCount() <= 3 * CALLS, "at most Airbag's 3 attempts per call: " + server.requestCount());
    assertEachCallNamesTheModelAndItsCircuitIsTheModels(Events.read(config.eventsFile()), CALLS);
  }

  @Test
  void aStormOfOneRequestInThreeServesNoFewerCallsThanAzureAlone() throws Exception {
    server.plan(FaultPlans.everyNth(3, Faults.overloaded()));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).classpath(classpath).timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), KEY, "gpt-4o", "9");

    ChildJvm.Result with = app(azure(AgentConfig.in(dir)).fastRetries(), 9);

    assertTrue(okCount(with) >= okCount(alone), "alone " + alone + "\nwith " + with);
    assertEquals(9, okCount(with), with.toString());
  }

  /**
   * An open circuit with no fallback deployment answers without the network, and Azure raises the exception a
   * provider's 503 raises alone ({@code HttpResponseException}, status 503); only the attempts that opened the
   * circuit reach the server. Azure's own retries are off here: they honour the answer's Retry-After (the minute the
   * circuit stays open), as they would a provider's.
   */
  @Test
  void anOpenCircuitAnswersAzureWithA503ResponseAsTheProviderWould() throws Exception {
    server.plan(always(Faults.overloaded()));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).classpath(classpath).timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), KEY, "gpt-4o", "1", "0");
    int aloneRequests = server.requestCount();
    AgentConfig config = azure(AgentConfig.in(dir)).fastRetries()
        .set("airbag.retry.replay-window", "0s").set("airbag.circuit.when-open", "fail-fast")
        .set("airbag.circuit.hopeless-after", "3").set("airbag.circuit.hopeless-span", "0s")
        .set("airbag.circuit.first-open-duration", "60s").set("airbag.circuit.open-duration", "60s");

    ChildJvm.Result with = ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3)).run(APP, server.baseUrl(), KEY, "gpt-4o", "3", "0");

    List<String> expected = List.of("RESULT error status=503 type=HttpResponseException");
    assertEquals(expected, alone.stdoutLines().stream().filter(l -> l.startsWith("RESULT")).toList(),
        alone.toString());
    assertEquals(List.of(expected.get(0), expected.get(0), expected.get(0)),
        with.stdoutLines().stream().filter(l -> l.startsWith("RESULT")).toList(), with.toString());
    assertEquals(3, server.requestCount() - aloneRequests, "only the three attempts that opened the circuit");
  }

  private AgentConfig azure(AgentConfig config) {
    return config.set("airbag.endpoint.fake-azure.url", server.baseUrl() + "/openai")
        .set("airbag.endpoint.fake-azure.provider", "azure-openai");
  }

  private ChildJvm.Result app(AgentConfig config, int count) throws Exception {
    return ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), KEY, "gpt-4o", String.valueOf(count));
  }
}
