package dev.airbag.it.hardening;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.PlainOkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Another agent loaded before or after Airbag: both do their work and the app runs. */
class SecondAgentTest {
  private static final Pattern REPORT = Pattern.compile("\\[counting-agent] classes=(\\d+) okhttp-client=(\\w+)");

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

  static Stream<Arguments> ordersOnEveryJdk() {
    return Jdks.forTests().flatMap(jdk -> Stream.of("before", "after").map(order -> Arguments.of(jdk, order)));
  }

  @ParameterizedTest(name = "the other agent {1} Airbag on {0}")
  @MethodSource("ordersOnEveryJdk")
  void bothAgentsWorkAndTheAppRuns(Jdk jdk, String order) throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    String airbag = "-javaagent:" + ChildJvm.AGENT_JAR + "=config=" + config.write();
    String counting = "-javaagent:" + countingAgentJar();
    ChildJvm child = ChildJvm.on(jdk).testClasspath();
    child = order.equals("before") ? child.jvmArg(counting).jvmArg(airbag) : child.jvmArg(airbag).jvmArg(counting);

    ChildJvm.Result result = child.run(PlainOkHttpApp.class.getName(), server.baseUrl() + "/v1/chat/completions",
        "{\"model\":\"m-two-agents\"}");

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("RESULT status=529"), result.toString());
    assertTrue(result.stdout().contains("INTERCEPTORS 1"), result.toString());
    assertEquals(3, server.requestCount("m-two-agents"), "Airbag retried");
    assertEquals(1, Events.read(config.eventsFile()).size());
    Matcher report = REPORT.matcher(result.stderr());
    assertTrue(report.find(), result.toString());
    assertTrue(Integer.parseInt(report.group(1)) > 100, "the other agent saw the app's classes: " + report.group());
    assertEquals("true", report.group(2), "including OkHttp's client, which Airbag instruments");
    assertTrue(result.airbagLines().stream().noneMatch(line -> line.contains("could not")), result.toString());
  }

  private Path countingAgentJar() throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", CountingAgent.class.getName());
    manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    String entry = CountingAgent.class.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("counting-agent.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry(entry));
      jarOut.write(Files.readAllBytes(Paths.get(System.getProperty("airbag.test.classes")).resolve(entry)));
      jarOut.closeEntry();
    }
    return jar;
  }
}
