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
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 threads, 30 seconds of succeeding and failing calls: the app finishes, every failed call has exactly one
 * event, each circuit's transitions chain, and the agent's only extra threads are daemons named airbag-*.
 */
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void twoHundredThreadsForThirtySecondsLoseNothingAndDeadlockNothing() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.byModel(Map.of(
          "m-bad", FaultPlans.always(Faults.openAiError(400, "invalid_request_error", null, "Bad field")),
          "m-down", FaultPlans.always(Faults.status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()))),
          FaultPlans.healthy()));
      AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.retry.replay-window", "0s").set("airbag.export.dedupe-window", "0s")
          .set("airbag.circuit.open-duration", "1s");
      String url = server.baseUrl() + "/v1/chat/completions";

      ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
          .timeout(Duration.ofSeconds(120)).run(ConcurrencyApp.class.getName(), url, "200", "30");
      ChildJvm.Result without = ChildJvm.on(Jdks.current()).testClasspath()
          .run(ConcurrencyApp.class.getName(), url, "20", "2");

      assertEquals(0, with.exitCode(), with.toString());
      Map<String, Integer> counts = counts(with);
      System.out.println("[it] calls with the agent: " + counts);
      List<JsonNode> events = Events.read(config.eventsFile());
      Map<String, Long> callEvents = events.stream().filter(e -> e.path("kind").asText().equals("llm_call"))
          .collect(Collectors.groupingBy(e -> e.path("model").asText(), Collectors.counting()));
      assertTrue(counts.getOrDefault("m-bad failed", 0) > 1000, counts.toString());
      assertEquals(counts.getOrDefault("m-bad failed", 0).longValue(), callEvents.getOrDefault("m-bad", 0L));
      assertEquals(counts.getOrDefault("m-down failed", 0).longValue(), callEvents.getOrDefault("m-down", 0L));
      assertEquals(0, counts.getOrDefault("m-ok failed", 0), "healthy calls never fail");
      assertEquals(0L, callEvents.getOrDefault("m-ok", 0L));
      assertCircuitsChain(events);
      assertAgentThreadsAreNamedDaemons(threads(without), threads(with));
    }
  }

  private static void assertCircuitsChain(List<JsonNode> events) {
    Map<String, String> state = new HashMap<>();
    int transitions = 0;
    for (JsonNode event : events) {
      if (event.path("kind").asText().equals("circuit")) {
        String circuit = event.path("endpoint_name").asText() + "/" + event.path("model").asText();
        String previous = state.getOrDefault(circuit, "closed");
        assertEquals(previous, event.path("previous_state").asText(), circuit + " jumped: " + event);
        state.put(circuit, event.path("circuit_state").asText());
        assertTrue(circuit.endsWith("/m-down"), "only the failing model's circuit moves: " + event);
        transitions++;
      }
    }
    assertTrue(transitions > 0, "m-down's circuit opened");
  }

  private static void assertAgentThreadsAreNamedDaemons(Set<String> without, Set<String> with) {
    Set<String> added = new HashSet<>(with);
    added.removeAll(without);
    System.out.println("[it] threads the agent added: " + added);
    for (String thread : added) {
      assertTrue(thread.startsWith("airbag-") && thread.endsWith(" daemon"), "unexpected thread " + thread);
    }
  }

  private static Map<String, Integer> counts(ChildJvm.Result result) {
    Map<String, Integer> counts = new HashMap<>();
    result.stdoutLines().stream().filter(line -> line.startsWith("COUNT ")).forEach(line -> {
      int last = line.lastIndexOf(' ');
      counts.put(line.substring(6, last), Integer.valueOf(line.substring(last + 1)));
    });
    return counts;
  }

  /** Thread names with numbers dropped (pools differ in size), plus daemon or user. */
  private static Set<String> threads(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("THREAD "))
        .map(line -> line.substring(7).replaceAll("\\d+", "N")).collect(Collectors.toSet());
  }
}
