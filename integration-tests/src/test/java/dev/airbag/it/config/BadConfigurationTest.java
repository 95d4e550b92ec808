package dev.airbag.it.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.it.apps.HelloApp;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configuration gets one clear line naming the key; the app always starts and prints what it always prints. */
class BadConfigurationTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void anUnknownKeyGetsTheClosestKnownKeySuggested(Jdk jdk) throws Exception {
    Path config = write("airbag.retry.max-attempt=3\n");

    ChildJvm.Result result = ChildJvm.on(jdk).testClasspath().agentWithConfig(config).run(HelloApp.class.getName());

    assertAppRanNormally(result);
    assertOneLineContaining(result, "airbag.retry.max-attempt", "airbag.retry.max-attempts");
  }

  @Test
  void aBadDurationNamesTheKeyTheValueAndWhatIsAllowed() throws Exception {
    Path config = write("airbag.retry.base-delay=fast\n");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config)
        .run(HelloApp.class.getName());

    assertAppRanNormally(result);
    assertOneLineContaining(result, "airbag.retry.base-delay", "fast", "500ms");
  }

  @Test
  void anUnreadableFileIsSaidAndTheDefaultsApply() throws Exception {
    Path missing = dir.resolve("nope/airbag.properties");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(missing)
        .env("AIRBAG_EXPORT_FILE_PATH", dir.resolve("events.jsonl").toString())
        .run(HelloApp.class.getName());

    assertAppRanNormally(result);
    assertOneLineContaining(result, "WARN", "cannot read", missing.toString());
  }

  @Test
  void aBadValueFromAnEnvironmentVariableIsSaidToo() throws Exception {
    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agent(null)
        .env("AIRBAG_RETRY_MAX_ATTEMPTS", "many")
        .env("AIRBAG_EXPORT_FILE_PATH", dir.resolve("events.jsonl").toString())
        .run(HelloApp.class.getName());

    assertAppRanNormally(result);
    assertOneLineContaining(result, "airbag.retry.max-attempts", "many");
  }

  @Test
  void disabledMeansOneLineAndNothingElse() throws Exception {
    Path config = write("airbag.enabled=false\n");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config)
        .run(HelloApp.class.getName());

    assertAppRanNormally(result);
    assertEquals(1, result.airbagLines().size(), result.toString());
    assertTrue(result.airbagLines().get(0).contains("disabled"), result.toString());
  }

  @Test
  void theStartupLineSaysVersionConfigEndpointsAndWhereEventsGo() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Path config = write("airbag.endpoint.local.url=http://127.0.0.1:8089/v1\nairbag.export.file.path=" + events + "\n");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config)
        .run(HelloApp.class.getName());

    assertAppRanNormally(result);
    assertEquals(1, result.airbagLines().size(), "exactly one start-up line: " + result);
    String line = result.airbagLines().get(0);
    assertTrue(line.matches("\\[airbag] INFO Airbag \\S+ active: .*"), line);
    for (String part : List.of(config.toString(), "local", "127.0.0.1:8089/v1", "openai", "anthropic", events.toString())) {
      assertTrue(line.contains(part), "start-up line names " + part + ": " + line);
    }
  }

  private Path write(String text) throws Exception {
    Path file = dir.resolve("airbag.properties");
    Files.writeString(file, text + "airbag.export.file.path=" + dir.resolve("events.jsonl") + "\n");
    return file;
  }

  private static void assertAppRanNormally(ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("HELLO from the app"), result.stdoutLines(), result.toString());
  }

  private static void assertOneLineContaining(ChildJvm.Result result, String... parts) {
    List<String> matching = result.airbagLines().stream()
        .filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
    assertEquals(1, matching.size(), "one [airbag] line containing " + List.of(parts) + ":\n" + result);
  }
}
