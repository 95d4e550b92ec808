package dev.airbag.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The caller's own timeout bounds the whole call with Airbag as without it: Airbag starts no retry that cannot end
 * inside it, and the app gets the provider's last real answer, not its own timeout's cancellation. A provider that
 * answers 503 after 3 s, callers with 5 s.
 */
class CallerTimeoutTest extends FaultServerTest {
  private static final Pattern MS = Pattern.compile(" (?:response_ms|ms)=(\\d+)");

  @Test
  void openAiJavaWithATimeoutGetsThe503ItWouldHaveGotWithoutAirbagAndNoMoreRequestsReachTheProvider()
      throws Exception {
    server.plan(FaultPlans.always(Faults.delayFirstByte(Duration.ofSeconds(3), Faults.overloaded())));

    List<String> without = results(ChildJvm.on(Jdks.current()).testClasspath()
        .run(OpenAiTimeoutApp.class.getName(), server.baseUrl() + "/v1", "sk-test", "5000"));
    int requestsWithout = server.requestCount();
    server.reset();
    List<String> with = results(ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config().write())
        .timeout(Duration.ofMinutes(2)).run(OpenAiTimeoutApp.class.getName(), server.baseUrl() + "/v1", "sk-test", "5000"));

    assertEquals(strip(without), strip(with), "without: " + without + "\nwith: " + with);
    assertTrue(with.get(0).contains("status=503"), with.toString());
    assertTrue(server.requestCount() <= requestsWithout,
        server.requestCount() + " requests with Airbag, " + requestsWithout + " without");
  }

  @Test
  void okHttpCallTimeoutAndHttpRequestTimeoutStillBoundTheCall() throws Exception {
    server.plan(FaultPlans.always(Faults.delayFirstByte(Duration.ofSeconds(3), Faults.overloaded())));
    String[] cases = {"okhttp:5000", "send:5000", "async:5000"};

    List<String> without = results(ChildJvm.on(Jdks.current()).testClasspath()
        .run(TimedCallApp.class.getName(), args(cases)));
    server.reset();
    List<String> with = results(ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config().write())
        .timeout(Duration.ofMinutes(2)).run(TimedCallApp.class.getName(), args(cases)));

    assertEquals(strip(without), strip(with), "without: " + without + "\nwith: " + with);
    for (String line : with) {
      assertTrue(line.contains("status=503"), line);
      assertTrue(millis(line) < 5_000, "the caller's 5 s bound the call: " + line);
    }
    assertEquals(cases.length, server.requestCount(), "a second 3 s attempt cannot end inside the 2 s left");
  }

  @Test
  void a503WhoseHeadersTrickleInForThreeSecondsEndsAsWithoutAirbagInsideTheCallersTimeout() throws Exception {
    // Each piece of the head comes well inside the clients' read timeouts; only the callers' 5 s bound the call.
    server.plan(FaultPlans.always(Faults.slowHead(Duration.ofSeconds(3), Faults.overloaded())));
    String[] cases = {"okhttp:5000", "send:5000"};

    List<String> without = results(ChildJvm.on(Jdks.current()).testClasspath()
        .run(TimedCallApp.class.getName(), args(cases)));
    server.reset();
    List<String> with = results(ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config().write())
        .timeout(Duration.ofMinutes(2)).run(TimedCallApp.class.getName(), args(cases)));

    assertEquals(strip(without), strip(with), "without: " + without + "\nwith: " + with);
    for (String line : with) {
      assertTrue(millis(line) < 5_000, "the caller's 5 s bound the call: " + line);
    }
    assertEquals(cases.length, server.requestCount(), "a second 3 s attempt cannot end inside the 2 s left");
  }

  private AgentConfig config() {
    return AgentConfig.in(dir).faultServer(server.port()).set("airbag.circuit.enabled", "false")
        .set("airbag.retry.base-delay", "500ms").set("airbag.retry.deadline", "30s");
  }

  private String[] args(String... cases) {
    String[] args = new String[cases.length + 1];
    args[0] = server.baseUrl() + "/v1/chat/completions";
    System.arraycopy(cases, 0, args, 1, cases.length);
    return args;
  }

  private static List<String> strip(List<String> lines) {
    return lines.stream().map(line -> line.replaceAll(" (response_ms|body_ms|ms)=\\d+", "")
        .replaceAll("request-id: [^ ]*|req_fault_\\d+", "")).toList();
  }

  private static long millis(String line) {
    Matcher matcher = MS.matcher(line);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }

  private static List<String> results(ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    List<String> lines = result.stdoutLines().stream().filter(line -> line.startsWith("RESULT ")).toList();
    System.out.println("[it] " + String.join("\n[it] ", lines));
    return lines;
  }
}
