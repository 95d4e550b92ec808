package dev.airbag.it.hardening;

import static dev.airbag.faultserver.FaultPlans.healthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultServer;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apps that bring their own OkHttp, Jackson, Kotlin and Micrometer (old: 3.14, 2.9, 1.9, 1.9; new: 5.x, 2.22, 2.2,
 * 1.17) print the same with and without the agent: the versions and jars they resolve are their own.
 */
class ClassPathIsolationTest {
  @TempDir Path dir;
  FaultServer server;

  @BeforeEach
  void startServer() {
    server = FaultServer.start().plan(healthy());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  static Stream<Arguments> librarySetsOnEveryJdk() {
    return Jdks.forTests().flatMap(jdk -> Stream.of("legacy", "modern").map(libs -> Arguments.of(jdk, libs)));
  }

  @ParameterizedTest(name = "{1} libraries on {0}")
  @MethodSource("librarySetsOnEveryJdk")
  void theAppResolvesItsOwnLibrariesWithTheAgentExactlyAsWithout(Jdk jdk, String libs) throws Exception {
    Path config = AgentConfig.in(dir).faultServer(server.port()).write();
    String url = server.baseUrl() + "/v1/chat/completions";

    ChildJvm.Result without = ChildJvm.on(jdk).appLibs(libs).run(LibraryProbeApp.class.getName(), url);
    ChildJvm.Result with = ChildJvm.on(jdk).appLibs(libs).agentWithConfig(config).run(LibraryProbeApp.class.getName(), url);

    assertEquals(0, with.exitCode(), with.toString());
    assertEquals(probeLines(without), probeLines(with), with.toString());
    String expected = libs.equals("legacy") ? "okhttp okhttp/3.14.9 from okhttp-3.14.9.jar" : "okhttp 5.3.2 from okhttp-jvm-5.3.2.jar";
    assertEquals(expected, with.stdoutLines().get(0));
    List<String> lines = probeLines(with);
    String jackson = libs.equals("legacy") ? "jackson 2.9.10-8 from jackson-databind-2.9.10.8.jar"
        : "jackson 2.22.3 from jackson-databind-2.22.3.jar";
    assertTrue(lines.contains(jackson), lines.toString());
    assertTrue(lines.contains("kotlin " + (libs.equals("legacy") ? "1.9.25 from kotlin-stdlib-1.9.25.jar"
        : "2.2.21 from kotlin-stdlib-2.2.21.jar")), lines.toString());
    assertTrue(lines.contains("micrometer micrometer-core-" + (libs.equals("legacy") ? "1.9.17" : "1.17.1")
        + ".jar loader=app meters=1"), lines.toString());
    assertTrue(lines.contains("okhttp call status=200 length=" + lengthOf(without)), "the LLM call went through");
    // The agent's own classes live in a loader of their own: the app's loaders cannot resolve a single one.
    assertTrue(with.stdoutLines().contains("airbag-visible false false"), with.toString());
  }

  private static List<String> probeLines(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> !line.startsWith("airbag-visible")).toList();
  }

  private static String lengthOf(ChildJvm.Result result) {
    return result.stdoutLines().get(1).replaceAll(".*length=", "");
  }
}
