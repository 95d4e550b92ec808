package dev.airbag.it.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.it.apps.HelloApp;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent names its release, the one the poms declare, and the repository says under which licence. */
class VersionTest {
  private static final String VERSION = System.getProperty("airbag.version", "missing");

  @TempDir Path dir;

  @Test
  void theReleaseIsAPlainVersionNotASnapshot() {
    assertTrue(VERSION.matches("\\d+\\.\\d+\\.\\d+"), VERSION);
  }

  @Test
  void theVersionCommandPrintsTheReleaseFromTheJarsManifest() throws Exception {
    ChildJvm.Result result = ChildJvm.on(Jdks.current()).classpath(ChildJvm.AGENT_JAR.toString())
        .run("dev.airbag.agent.launcher.AgentLauncher", "version");

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("Airbag " + VERSION + "\n", result.stdout());
  }

  @Test
  void theStartUpLineNamesTheRelease() throws Exception {
    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agent(null)
        .env("AIRBAG_EXPORT_FILE_PATH", dir.resolve("events.jsonl").toString())
        .run(HelloApp.class.getName());

    assertTrue(result.airbagLines().stream().anyMatch(line -> line.contains("Airbag " + VERSION + " active")),
        result::toString);
  }

  @Test
  void theRepositoryCarriesTheApacheLicence() throws Exception {
    String licence = Files.readString(Paths.get("..", "LICENSE"));

    assertTrue(licence.startsWith("                                 Apache License\n"
        + "                           Version 2.0, January 2004\n"), licence.substring(0, 120));
  }
}
