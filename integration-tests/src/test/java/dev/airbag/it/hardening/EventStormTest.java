package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm of failures (200 threads, most calls short-circuited by an open circuit) against a small events file:
 * the file sink folds identical events as the collectors do, so the file stays far under its bound, the counts
 * add up to every failed call, and the incident's first events (the first failure, the circuit opening) are kept.
 */
class EventStormTest {
  private static final int MAX_FILE_BYTES = 64 * 1024;

  @TempDir Path dir;

  @Test
  void aStormOfFailuresIsFoldedAndTheIncidentsStartIsKept() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.byModel(Map.of(
          "m-bad", FaultPlans.always(Faults.openAiError(400, "invalid_request_error", null, "Bad field")),
          "m-down", FaultPlans.always(Faults.status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()))),
          FaultPlans.healthy()));
      AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.retry.replay-window", "0s").set("airbag.circuit.open-duration", "30s")
          .set("airbag.export.file.max-size", String.valueOf(MAX_FILE_BYTES));

      ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
          .timeout(Duration.ofSeconds(90)).run(ConcurrencyApp.class.getName(),
              server.baseUrl() + "/v1/chat/completions", "200", "8");

      assertEquals(0, result.exitCode(), result.toString());
      int failed = count(result, "m-bad failed") + count(result, "m-down failed");
      // Unfolded, a thousand failures would fill the file's bound several times over; a busy machine makes fewer.
      assertTrue(failed > 1_000, "a storm: " + failed + " failed calls");
      Path previous = dir.resolve(config.eventsFile().getFileName() + ".1");
      List<JsonNode> events = new ArrayList<>(Events.read(previous));
      events.addAll(Events.read(config.eventsFile()));
      long counted = events.stream().filter(e -> e.path("kind").asText().equals("llm_call"))
          .mapToLong(e -> e.path("count").asLong(1)).sum();
      long bytes = Files.size(config.eventsFile()) + (Files.exists(previous) ? Files.size(previous) : 0);
      System.out.println("[it] " + failed + " failed calls, " + events.size() + " lines, " + bytes + " bytes");
      assertTrue(bytes < MAX_FILE_BYTES, "folded far under the bound: " + bytes + " bytes");
      assertEquals(failed, counted, "every failed call is counted once");
      JsonNode first = events.stream().filter(e -> e.path("kind").asText().equals("llm_call")).findFirst().get();
      assertTrue(!first.has("count"), "the incident's first failure is written as it happened: " + first);
      assertTrue(events.stream().anyMatch(e -> e.path("kind").asText().equals("circuit")
          && e.path("circuit_state").asText().equals("open")), "the circuit's opening is kept");
    }
  }

  private static int count(ChildJvm.Result result, String key) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("COUNT " + key + " "))
        .mapToInt(line -> Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
