package dev.airbag.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.Fault;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * An error whose body trickles in (20 bytes every 1.5 s) never holds the app: Airbag waits a moment for each body it
 * classifies, retries inside its deadline, and the app gets the same status and the same body bytes as without
 * Airbag, the rest of the last body read from the network as it comes. OkHttp and java.net.http, plain and SSE.
 */
class SlowErrorBodyTest extends FaultServerTest {
  private static final String ERROR = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}";
  private static final Pattern RESPONSE_MS = Pattern.compile("response_ms=(\\d+)");
  private static final int ATTEMPTS = 4;
  // Before: each of the 4 attempts read its whole 4.5 s body (18 s and more). Now: about 1 s each.
  private static final long RESPONSE_BOUND_MS = 10_000;

  private static Fault trickled(Fault fault) {
    return Faults.slowBody(Duration.ofMillis(1500), 20, fault);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void aTricklingErrorBodyReachesTheAppWholeWithoutHoldingIt(Jdk jdk) throws Exception {
    server.plan(FaultPlans.always(trickled(Faults.status(500, ERROR, Map.of()))));
    String[] cases = {"okhttp", "send", "async"};

    List<String> without = results(ChildJvm.on(jdk).testClasspath().run(TimedCallApp.class.getName(), args(cases)));
    server.reset();
    List<String> with = results(ChildJvm.on(jdk).testClasspath().agentWithConfig(config().write())
        .timeout(Duration.ofMinutes(3)).run(TimedCallApp.class.getName(), args(cases)));

    assertSameAnswers(without, with);
    for (String line : with) {
      assertTrue(responseMillis(line) < RESPONSE_BOUND_MS, "the app held the response late: " + line);
    }
    assertEquals(cases.length * ATTEMPTS, server.requestCount(), "Airbag still retried each call");
  }

  @Test
  void aSlow503StreamIsHandedBackAsItCameWithoutWaitingForItsEnd() throws Exception {
    String event = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    server.plan(FaultPlans.always(Faults.slowBody(Duration.ofSeconds(2), 1,
        response -> response.events(503, List.of(event, event, event)))));
    String[] cases = {"okhttp:0:stream", "send:0:stream"};

    List<String> without = results(ChildJvm.on(Jdks.current()).testClasspath()
        .run(TimedCallApp.class.getName(), args(cases)));
    server.reset();
    List<String> with = results(ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config().write())
        .timeout(Duration.ofMinutes(3)).run(TimedCallApp.class.getName(), args(cases)));

    assertSameAnswers(without, with);
    for (String line : with) {
      assertTrue(responseMillis(line) < RESPONSE_BOUND_MS, "the app held the response late: " + line);
    }
  }

  private AgentConfig config() {
    return AgentConfig.in(dir).faultServer(server.port()).set("airbag.circuit.enabled", "false")
        .set("airbag.retry.max-attempts", String.valueOf(ATTEMPTS)).set("airbag.retry.jitter", "none")
        .set("airbag.retry.base-delay", "100ms").set("airbag.retry.max-delay", "100ms")
        .set("airbag.retry.deadline", "20s").set("airbag.retry.replay-window", "0s");
  }

  /** Same status and body, case by case; the timings differ by design. */
  private static void assertSameAnswers(List<String> without, List<String> with) {
    assertEquals(strip(without), strip(with), "without:\n" + String.join("\n", without) + "\nwith:\n"
        + String.join("\n", with));
  }

  private static List<String> strip(List<String> lines) {
    return lines.stream().map(line -> line.replaceAll(" (response_ms|body_ms|ms)=\\d+", "")).toList();
  }

  private static long responseMillis(String line) {
    Matcher matcher = RESPONSE_MS.matcher(line);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }

  private String[] args(String... cases) {
    String[] args = new String[cases.length + 1];
    args[0] = server.baseUrl() + "/v1/chat/completions";
    System.arraycopy(cases, 0, args, 1, cases.length);
    return args;
  }

  private static List<String> results(ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    List<String> lines = result.stdoutLines().stream().filter(line -> line.startsWith("RESULT ")).toList();
    System.out.println("[it] " + String.join("\n[it] ", lines));
    return lines;
  }
}
