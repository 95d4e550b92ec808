package dev.airbag.it.jdkhttp;

import static dev.airbag.faultserver.FaultPlans.always;
import static dev.airbag.it.jdkhttp.OutageEvents.assertEachCallNamesTheModelAndItsCircuitIsTheModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spring AI 1.1.2's OpenAI chat model on Spring's JDK client (no Reactor Netty), in a child JVM with only Spring AI
 * and its dependencies: its one-shot request bodies are read once, so its calls get per-model circuits, retries and
 * fallbacks like any other.
 */
class SpringAiJdkClientTest extends FaultServerTest {
  private static final String APP = "dev.airbag.it.apps.SpringAiChatApp";
  private static final int CALLS = 5;
  private static String classpath;

  @BeforeAll
  static void compileTheApp() throws IOException {
    classpath = ExternalApp.compile("spring-ai", APP);
  }

  @Test
  void anOutageOfThePrimaryModelIsServedByTheFallbackForEveryCall() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(config, CALLS);

    assertEquals(CALLS, okCount(result), result.toString());
    assertEquals(CALLS, result.stdout().lines().filter(line -> line.startsWith("RESULT ok model=gpt-4o-mini ")).count(),
        result.toString());
    assertTrue(server.requestCount() <= 3 * CALLS, "at most Airbag's 3 attempts per call: " + server.requestCount());
    assertEachCallNamesTheModelAndItsCircuitIsTheModels(Events.read(config.eventsFile()), CALLS);
  }

  @Test
  void aStormOfOneRequestInThreeServesNoFewerCallsThanSpringAiAlone() throws Exception {
    server.plan(FaultPlans.everyNth(3, Faults.overloaded()));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).classpath(classpath).timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), JdkHttpClientTest.KEY, "gpt-4o", String.valueOf(9));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result with = app(config, 9);

    assertTrue(okCount(with) >= okCount(alone), "alone " + alone + "\nwith " + with);
    assertEquals(9, okCount(with), with.toString());
  }

  @Test
  void aCallToAHostNoEndpointCoversIsSentByteForByteAsWithoutTheAgent() throws Exception {
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).classpath(classpath)
        .run(APP, server.baseUrl(), JdkHttpClientTest.KEY, "gpt-4o", "1");
    List<RecordedRequest> without = server.requests();

    ChildJvm.Result with = app(AgentConfig.in(dir), 1);
    List<RecordedRequest> withAgent = server.requests().subList(without.size(), server.requestCount());

    assertEquals(1, okCount(alone), alone.toString());
    assertEquals(1, okCount(with), with.toString());
    assertEquals(1, withAgent.size());
    assertEquals(without.get(0).bodyText(), withAgent.get(0).bodyText());
    assertEquals(without.get(0).headers().toString(), withAgent.get(0).headers().toString());
  }

  private ChildJvm.Result app(AgentConfig config, int count) throws Exception {
    return ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), JdkHttpClientTest.KEY, "gpt-4o", String.valueOf(count));
  }
}
