package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.OpenAiChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spool directory someone else made (mode 777, owner nobody) with a planted batch, and a batch planted in
 * Airbag's own spool: the planted fake critical alert never reaches the collector, the foreign directory is
 * refused in one line and left as it was (not chmod-ed), and the app's real events still arrive.
 */
class PlantedSpoolTest {
  private static final String PLANTED = "{\"id\":\"0123456789abcdef0123456789abcdef\",\"timestamp\":"
      + "\"2026-01-01T00:00:00Z\",\"kind\":\"alert\",\"alert\":\"PLANTED_FAKE_ALERT\",\"severity\":\"critical\"}\n";

  @TempDir Path dir;

  @Test
  void aSpoolDirectoryOwnedByAnotherUserIsRefusedAndItsBatchNeverDelivered() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make a directory another user owns");
    Path spool = Files.createDirectory(dir.resolve("spool"));
    Path slot = Files.createDirectory(spool.resolve("http"));
    Path planted = Files.writeString(slot.resolve("0000000000000000001-1.jsonl"), PLANTED);
    UserPrincipal nobody = spool.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    for (Path path : new Path[] {spool, slot, planted}) {
      Files.setOwner(path, nobody);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    String delivered = runAgainstCollector(spool, result -> {
      long refusals = result.airbagLines().stream().filter(l -> l.contains("refuses to spool under")).count();
      assertEquals(1, refusals, result.toString());
    });

    assertFalse(delivered.contains("PLANTED_FAKE_ALERT"), delivered);
    assertEquals(nobody, Files.getOwner(spool));
    assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)));
  }

  @Test
  void aBatchPlantedInAirbagsOwnSpoolIsNeverDelivered() throws Exception {
    Path spool = dir.resolve("own-spool");
    runAgainstCollector(spool, result -> { });
    Path planted = Files.writeString(spool.resolve("http/0000000000000000000-1.jsonl"), PLANTED);

    String delivered = runAgainstCollector(spool, result -> { });

    assertFalse(delivered.contains("PLANTED_FAKE_ALERT"), delivered);
    assertFalse(Files.exists(planted), "the planted file is discarded, not kept for ever");
  }

  /** Runs one failing call with the http sink on a live collector; returns every body the collector got. */
  private String runAgainstCollector(Path spool, java.util.function.Consumer<ChildJvm.Result> check)
      throws Exception {
    try (FaultServer llm = FaultServer.start(); LoopbackCollector collector = new LoopbackCollector()) {
      llm.plan(FaultPlans.always(Faults.openAiError(401, "invalid_request_error", "invalid_api_key", "no")));
      AgentConfig config = AgentConfig.in(dir).faultServer(llm.port())
          .set("airbag.export.sinks", "http").set("airbag.export.http.url", "http://127.0.0.1:" + collector.port())
          .set("airbag.export.spool.dir", spool.toString()).set("airbag.export.flush-interval", "50ms")
          .set("airbag.export.shutdown-timeout", "3s").set("airbag.metrics.otlp.enabled", "false");

      ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
          .run(OpenAiChatApp.class.getName(), llm.baseUrl() + "/v1", "sk-test", "gpt-4o", "sync", "1", "0");

      assertEquals(0, result.exitCode(), result.toString());
      check.accept(result);
      String delivered = String.join("\n", collector.requests());
      assertTrue(delivered.contains("llm_call"), "the app's own event arrived: " + delivered + "\n" + result);
      return delivered;
    }
  }
}
