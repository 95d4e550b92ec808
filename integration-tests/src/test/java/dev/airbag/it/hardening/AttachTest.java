package dev.airbag.it.hardening;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.LiveJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java -jar airbag-agent.jar attach PID}: clients built before and after the attach are protected. */
class AttachTest {
  private static final String LAUNCHER = "dev.airbag.agent.launcher.AgentLauncher";

  @TempDir Path dir;
  FaultServer server;

  @BeforeEach
  void startServer() {
    server = FaultServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void clientsBuiltBeforeAndAfterTheAttachAreBothProtected(Jdk jdk) throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    Path go = dir.resolve("go");
    try (LiveJvm app = LiveJvm.start(jdk, List.of(), AttachTargetApp.class.getName(),
        server.baseUrl() + "/v1/chat/completions", go.toString())) {
      app.awaitLine("READY");

      ChildJvm.Result attach = attach(jdk, app.pid(), "config=" + config.write());
      ChildJvm.Result again = attach(jdk, app.pid(), "config=" + config.write());
      Files.createFile(go);
      List<String> out = app.finish();

      assertEquals(0, attach.exitCode(), attach.toString());
      assertTrue(attach.stdout().startsWith("Airbag loaded into JVM " + app.pid()), attach.toString());
      assertTrue(out.contains("RESULT m-before status=529") && out.contains("RESULT m-after status=529"), out.toString());
      assertTrue(out.contains("INTERCEPTORS before=0 after=1"),
          "the old client's list is immutable; its calls go through a covered copy: " + out);
      // airbag.retry.max-attempts defaults to 3 attempts per call in all, as the SDKs make on their own.
      assertEquals(3, server.requestCount("m-before"), "the client built before the attach is retried by Airbag");
      assertEquals(3, server.requestCount("m-after"), "one interceptor, even after a second attach");
      List<JsonNode> events = Events.read(config.eventsFile());
      assertEquals(List.of("m-before", "m-after"), events.stream().map(e -> e.path("model").asText()).toList());
      String stderr = app.stderr();
      assertTrue(stderr.contains("[airbag] Airbag is already active in this JVM"), stderr);
      assertEquals(0, again.exitCode(), again.toString());
      assertDynamicAgentWarning(jdk, attach, stderr);
    }
  }

  @Test
  void attachingToAProcessThatDoesNotExistFailsWithOneLine() throws Exception {
    // Never a live non-JVM process: the attach mechanism would send it SIGQUIT.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    ChildJvm.Result result = attach(dev.airbag.it.support.Jdks.current(), gone.pid(), null);
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderr().startsWith("could not attach to JVM " + gone.pid()), result.toString());
    assertEquals(1, result.stderr().lines().count(), result.toString());
  }

  // JDK 21+ (JEP 451) warns on the target's console about an agent loaded while it runs; the tool says so.
  private static void assertDynamicAgentWarning(Jdk jdk, ChildJvm.Result attach, String targetStderr) {
    boolean warns = jdk.major() >= 21;
    assertEquals(warns, targetStderr.contains("WARNING: A Java agent has been loaded dynamically"), targetStderr);
    assertEquals(warns, attach.stdout().contains("-XX:+EnableDynamicAgentLoading"), attach.toString());
    assertFalse(targetStderr.contains("Exception"), targetStderr);
  }

  private static ChildJvm.Result attach(Jdk jdk, long pid, String config) throws Exception {
    ChildJvm cli = ChildJvm.on(jdk).classpath(ChildJvm.AGENT_JAR.toString());
    return config == null ? cli.run(LAUNCHER, "attach", String.valueOf(pid))
        : cli.run(LAUNCHER, "attach", String.valueOf(pid), config);
  }
}
