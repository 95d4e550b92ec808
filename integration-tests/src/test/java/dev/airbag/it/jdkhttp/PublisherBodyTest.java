package dev.airbag.it.jdkhttp;

import static dev.airbag.faultserver.FaultPlans.always;
import static dev.airbag.it.jdkhttp.OutageEvents.assertEachCallNamesTheModelAndItsCircuitIsTheModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.PlainJdkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain java.net.http calls whose body comes from a one-shot publisher ({@code fromPublisher}, unknown length, as
 * Spring's JDK client sends): Airbag reads it once, so retries, fallbacks and per-model circuits work as for an
 * in-memory body, and the app's publisher is never subscribed twice.
 */
class PublisherBodyTest extends FaultServerTest {
  private static final String BODY = JdkHttpClientTest.BODY;
  private static final int CALLS = 6;

  @ParameterizedTest
  @ValueSource(strings = {"publisher", "publisher-async"})
  void anOutageOfThePrimaryModelIsServedByTheFallbackForEveryCall(String mode) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(config, mode, CALLS);

    assertEquals(CALLS, served(result, "gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 3 * CALLS, "at most Airbag's 3 attempts per call: " + server.requestCount());
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst()
        .orElseThrow().bodyText();
    assertEquals(BODY.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback, "the body read, with the model rewritten");
    server.requests().stream().filter(r -> "gpt-4o".equals(r.model()))
        .forEach(r -> assertEquals(BODY, r.bodyText(), "the primary gets the app's bytes"));
    assertEachCallNamesTheModelAndItsCircuitIsTheModels(Events.read(config.eventsFile()), CALLS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"publisher", "stream-body"})
  void aStormOfOneRequestInThreeFailsNoCall(String mode) throws Exception {
    server.plan(FaultPlans.everyNth(3, Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(config, mode, 9);

    assertEquals(9, served(result, "-"), "without Airbag, a third of these calls would fail: " + result);
    assertTrue(server.requestCount() <= 14, "each failed request retried once: " + server.requestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"publisher", "publisher-async"})
  void whenAirbagThrowsTheCallIsAsWithoutTheAgent(String mode) throws Exception {
    server.plan(FaultPlans.everyNth(2, Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result without = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainJdkHttpApp.class.getName(), server.baseUrl() + "/v1/chat/completions", BODY, mode, "4");
    ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .jvmArg("-Dairbag-test.fault-injection=classifier")
        .run(PlainJdkHttpApp.class.getName(), server.baseUrl() + "/v1/chat/completions", BODY, mode, "4");

    assertEquals(results(without), results(with), with.toString());
    assertEquals(8, server.requestCount(), "each call reached the server once");
    server.requests().forEach(r -> assertEquals(BODY, r.bodyText()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"publisher", "publisher-async"})
  void aCallToAHostNoEndpointCoversIsSentByteForByteAsWithoutTheAgent(String mode) throws Exception {
    String url = server.baseUrl() + "/v1/chat/completions";
    ChildJvm.Result without = ChildJvm.on(Jdks.current()).testClasspath()
        .run(PlainJdkHttpApp.class.getName(), url, BODY, mode, "1");
    ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(AgentConfig.in(dir).write())
        .run(PlainJdkHttpApp.class.getName(), url, BODY, mode, "1");

    assertEquals(results(without), results(with), with.toString());
    assertEquals(2, server.requestCount());
    assertEquals(server.requests().get(0).headers().toString(), server.requests().get(1).headers().toString());
    assertEquals(server.requests().get(0).bodyText(), server.requests().get(1).bodyText());
  }

  private ChildJvm.Result app(AgentConfig config, String mode, int count) throws Exception {
    return ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(PlainJdkHttpApp.class.getName(), server.baseUrl() + "/v1/chat/completions", BODY, mode,
            String.valueOf(count));
  }

  private static long served(ChildJvm.Result result, String by) {
    return result.stdout().lines().filter(line -> line.startsWith("RESULT status=200 served_by=" + by + " ")).count();
  }

  /** The app's results without what differs from run to run (the answer's id and time). */
  private static String results(ChildJvm.Result result) {
    return result.stdout().lines().filter(line -> line.startsWith("RESULT"))
        .map(line -> line.replaceAll("\"(id|created)\":[^,]*,", "")).collect(Collectors.joining("\n"));
  }
}
