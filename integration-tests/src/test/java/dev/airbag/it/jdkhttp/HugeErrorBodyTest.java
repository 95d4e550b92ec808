package dev.airbag.it.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error answers with bodies far larger than the app's heap ({@code -Xmx64m}): with the agent, java.net.http apps get
 * the same status and the same bytes as without it, whether they count, stream or discard the body, after Airbag's
 * retries; Airbag reads no more of each error than it classifies, and the connections of the attempts it retried
 * are released rather than left holding the unread rest. On the build's JDK and the newest other one, whose client
 * wraps body subscribers differently.
 */
class HugeErrorBodyTest extends FaultServerTest {
  // Larger than the child's whole heap: buffering one such body fails with OutOfMemoryError.
  private static final long HUGE = 100L * 1024 * 1024;
  private static final long MEDIUM = 3L * 1024 * 1024;
  private static final int ATTEMPTS = 4;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void hugeErrorBodiesReachTheAppWholeAfterTheRetriesAsWithoutTheAgent(Jdk jdk) throws Exception {
    server.plan(FaultPlans.always(Faults.hugeBody(503, HUGE)));
    String[] cases = {"send:count", "async:count", "send:stream", "async:stream", "send:discard", "async:discard"};

    List<String> without = results(child(jdk).run(HugeErrorBodyApp.class.getName(), args(cases)));
    int requestsWithout = server.requestCount();
    server.reset();
    AgentConfig config = config();
    ChildJvm.Result agent = child(jdk).agentWithConfig(config.write())
        .run(HugeErrorBodyApp.class.getName(), args(cases));
    List<String> with = results(agent);

    assertEquals(cases.length, without.size());
    assertTrue(without.stream().allMatch(line -> line.contains("status=503")), String.join("\n", without));
    assertTrue(without.stream().filter(line -> !line.contains("discard"))
        .allMatch(line -> line.contains("bytes=" + HUGE)), String.join("\n", without));
    assertEquals(without, with, agent.toString());
    assertFalse(agent.stderr().contains("OutOfMemoryError"), agent.toString());
    assertEquals(cases.length, requestsWithout);
    assertEquals(cases.length * ATTEMPTS, server.requestCount(), "every call was retried");
    assertReleased();
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(cases.length, Events.occurrences(events, e -> e.path("outcome").asText().equals("failed")),
        events.toString());
  }

  @Test
  void anErrorBodyLargerThanAirbagReadsButSmallEnoughForOfStringIsTheSameString() throws Exception {
    server.plan(FaultPlans.always(Faults.hugeBody(500, MEDIUM)));
    String[] cases = {"send:string", "async:string"};

    List<String> without = results(child(Jdks.current()).run(HugeErrorBodyApp.class.getName(), args(cases)));
    server.reset();
    List<String> with = results(child(Jdks.current()).agentWithConfig(config().write())
        .run(HugeErrorBodyApp.class.getName(), args(cases)));

    assertTrue(without.stream().allMatch(line -> line.contains("status=500 bytes=" + MEDIUM)),
        String.join("\n", without));
    assertEquals(without, with);
    assertEquals(cases.length * ATTEMPTS, server.requestCount());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void aHugeErrorIsRetriedAwayAndTheAppGetsTheAnswer(Jdk jdk) throws Exception {
    // Each call's first attempt meets the huge error, its retry the provider's answer.
    server.plan(request -> request.index() % 2 == 0 ? Faults.hugeBody(503, HUGE) : Faults.success());
    String[] cases = {"send:string", "async:string", "send:count", "async:stream"};

    List<String> with = results(child(jdk).agentWithConfig(config().write())
        .run(HugeErrorBodyApp.class.getName(), args(cases)));

    assertEquals(cases.length, with.size());
    assertTrue(with.stream().allMatch(line -> line.contains("status=200")), String.join("\n", with));
    assertEquals(cases.length * 2, server.requestCount());
    assertReleased();
  }

  /** A retried attempt's connection is closed when the next attempt starts; it does not stay open with its rest. */
  private void assertReleased() {
    System.out.println("[it] huge error bodies: at most " + server.peakOpenConnections()
        + " connections open at once of " + server.connectionCount());
    // Two at most: the server may see the next attempt connect a moment before it sees the previous one close.
    assertTrue(server.peakOpenConnections() <= 2, "connections open at once: " + server.peakOpenConnections());
  }

  private AgentConfig config() {
    // Airbag drops a failed attempt just before the next one connects; a fixed 100 ms between attempts lets the
    // server see each release before the attempt after next, even on a busy machine.
    return AgentConfig.in(dir).faultServer(server.port()).set("airbag.circuit.enabled", "false")
        .set("airbag.retry.max-attempts", String.valueOf(ATTEMPTS)).set("airbag.retry.jitter", "none")
        .set("airbag.retry.base-delay", "100ms").set("airbag.retry.max-delay", "100ms");
  }

  private String[] args(String... cases) {
    String[] args = new String[cases.length + 1];
    args[0] = server.baseUrl() + "/v1/chat/completions";
    System.arraycopy(cases, 0, args, 1, cases.length);
    return args;
  }

  private static ChildJvm child(Jdk jdk) {
    return ChildJvm.on(jdk).testClasspath().jvmArg("-Xmx64m");
  }

  private static List<String> results(ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT ")).toList();
  }
}
