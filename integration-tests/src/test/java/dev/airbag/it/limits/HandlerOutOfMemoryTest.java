package dev.airbag.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.jdkhttp.HugeErrorBodyApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A java.net.http app whose {@code ofString} handler runs out of memory on a 50 MB error body ({@code -Xmx128m})
 * gets the same IOException as without Airbag, from {@code send} and from {@code sendAsync}'s future: the replay
 * through its handler always completes the call.
 */
class HandlerOutOfMemoryTest extends FaultServerTest {
  private static final long BODY = 50L * 1024 * 1024;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void aHandlerRunningOutOfMemoryFailsTheCallAsWithoutAirbag(Jdk jdk) throws Exception {
    server.plan(FaultPlans.always(Faults.hugeBody(500, BODY)));
    String[] cases = {"send:string", "async:string"};

    List<String> without = results(child(jdk).run(HugeErrorBodyApp.class.getName(), args(cases)));
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false").set("airbag.retry.max-attempts", "2");
    List<String> with = results(child(jdk).agentWithConfig(config.write())
        .run(HugeErrorBodyApp.class.getName(), args(cases)));

    assertTrue(without.stream().allMatch(line -> line.contains("Java heap space")), String.join("\n", without));
    assertEquals(without, with);
  }

  private static ChildJvm child(Jdk jdk) {
    // Before the fix the call never returned: the child is stopped well before the test's own budget.
    return ChildJvm.on(jdk).testClasspath().jvmArg("-Xmx128m").timeout(Duration.ofSeconds(60));
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
