package dev.airbag.it.reactornetty;

import static dev.airbag.faultserver.FaultPlans.always;
import static dev.airbag.it.jdkhttp.OutageEvents.assertEachCallNamesTheModelAndItsCircuitIsTheModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring AI 1.1.2 with Reactor Netty 1.2.16 on its class path, as in a WebFlux app (its RestClient and WebClient both
 * on Reactor Netty), in a child JVM with only those libraries: an outage of the primary model is served by the
 * fallback, for a call and for a stream, and a storm costs no success.
 */
class SpringAiWebFluxTest extends FaultServerTest {
  private static final String APP = "dev.airbag.it.apps.SpringAiWebFluxApp";
  private static final String KEY = "sk-test-spring-ai-webflux";
  private static final int CALLS = 4;
  private static String classpath;

  @BeforeAll
  static void compileTheApp() throws IOException {
    classpath = ExternalApp.compile("spring-ai-webflux", APP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"call", "stream"})
  void anOutageOfThePrimaryModelIsServedByTheFallbackForEveryCall(String mode) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(config, mode, CALLS);

    assertEquals(CALLS, okCount(result), result.toString());
    assertEquals(CALLS, result.stdout().lines().filter(line -> line.startsWith("RESULT ok model=gpt-4o-mini "))
        .count(), result.toString());
    assertTrue(server.requestCount() <= 3 * CALLS, "at most Airbag's 3 attempts per call: " + server.requestCount());
    assertEachCallNamesTheModelAndItsCircuitIsTheModels(Events.read(config.eventsFile()), CALLS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"call", "stream"})
  void aStormOfOneRequestInThreeServesNoFewerCallsThanSpringAiAlone(String mode) throws Exception {
    server.plan(FaultPlans.everyNth(3, Faults.overloaded()));
    ChildJvm.Result alone = ChildJvm.on(Jdks.current()).classpath(classpath).timeout(Duration.ofMinutes(3))
        .run(APP, server.baseUrl(), KEY, "gpt-4o", mode, "9");

    ChildJvm.Result with = app(AgentConfig.in(dir).faultServer(server.port()).fastRetries(), mode, 9);

    assertTrue(okCount(with) >= okCount(alone), "alone " + alone + "\nwith " + with);
    assertEquals(9, okCount(with), with.toString());
  }

  private ChildJvm.Result app(AgentConfig config, String mode, int count) throws Exception {
    return ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3)).run(APP, server.baseUrl(), KEY, "gpt-4o", mode, String.valueOf(count));
  }
}
