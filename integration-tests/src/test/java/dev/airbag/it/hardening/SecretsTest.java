package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdks;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary key sent in Authorization, x-api-key, api-key, x-goog-api-key and a key= query (and echoed by the
 * provider's 401, and thrown in an uncaught exception's message) appears nowhere Airbag writes: events, its log
 * lines, metrics, health, spool files. Spool files are owner-only; the scrape endpoint answers on loopback only.
 */
class SecretsTest {
  private static final String CANARY = "sk-canary-7f3a9c1e5b2d4";

  @TempDir Path dir;

  @Test
  void theCanaryKeyAppearsInNothingAirbagProduces() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.byModel(Map.of(
          "m-auth", FaultPlans.always(Faults.openAiError(401, "invalid_request_error", "invalid_api_key",
              "Incorrect API key provided: " + CANARY)),
          "m-busy", FaultPlans.always(Faults.overloaded())), FaultPlans.healthy()));
      Path spool = dir.resolve("spool");
      int scrapePort = freePort();
      AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.export.sinks", "file,otlp").set("airbag.export.otlp.endpoint", "http://127.0.0.1:" + freePort())
          .set("airbag.export.spool.dir", spool.toString()).set("airbag.export.shutdown-timeout", "1s")
          .set("airbag.export.flush-interval", "50ms").set("airbag.metrics.prometheus.port", String.valueOf(scrapePort))
          .set("airbag.log.level", "debug");

      ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
          .run(CanaryApp.class.getName(), server.baseUrl(), CANARY, String.valueOf(scrapePort));

      assertTrue(result.stdout().contains("okhttp m-auth 401") && result.stdout().contains("jdk m-busy 503"),
          result.toString());
      assertTrue(server.requests().stream().allMatch(r -> r.target().contains("key=" + CANARY)
          && r.headers().toString().contains(CANARY)), "the app's key reached the provider untouched");
      assertFalse(Events.read(config.eventsFile()).isEmpty());
      assertClean("the events file", Events.raw(config.eventsFile()));
      assertClean("Airbag's log lines", String.join("\n", result.airbagLines()));
      String scrapes = result.stdout().substring(result.stdout().indexOf("SCRAPE /metrics"));
      assertTrue(scrapes.contains("SCRAPE /metrics 200") && scrapes.contains("SCRAPE /health 200"), scrapes);
      assertClean("the /metrics and /health output", scrapes);
      assertFalse(result.stdout().contains("NON-LOOPBACK answered"), result.stdout());
      List<Path> spoolFiles;
      try (Stream<Path> files = Files.walk(spool)) {
        spoolFiles = files.filter(Files::isRegularFile).toList();
      }
      assertFalse(spoolFiles.isEmpty(), "the dead collector's batches were spooled");
      for (Path file : spoolFiles) {
        assertClean("spool file " + file, new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertTrue(permissions.stream().allMatch(p -> p.name().startsWith("OWNER")), file + " " + permissions);
      }
    }
  }

  private static void assertClean(String where, String text) {
    assertFalse(text.contains(CANARY), where + " contains the key:\n" + text);
    assertFalse(text.contains(CANARY.substring(3)), where + " contains the key's tail:\n" + text);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
