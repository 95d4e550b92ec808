package dev.airbag.it.hardening;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.PlainOkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's own exporter is never intercepted, even when its collector is also declared as an LLM endpoint:
 * the collector gets exactly the batches, each once, and no event describes the exporter's own calls.
 */
class NoRecursionTest {
  @TempDir Path dir;

  @Test
  void theExporterReachesACollectorDeclaredAsAnLlmEndpointUntouched() throws Exception {
    try (FaultServer server = FaultServer.start().plan(always(Faults.anthropicOverloaded()));
        LoopbackCollector collector = new LoopbackCollector()) {
      Path config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.export.sinks", "http")
          .set("airbag.export.http.url", "http://127.0.0.1:" + collector.port() + "/v1/chat/completions")
          .set("airbag.endpoint.collector.url", "http://127.0.0.1:" + collector.port() + "/v1")
          .set("airbag.endpoint.collector.provider", "openai")
          .set("airbag.export.flush-interval", "50ms").set("airbag.export.dedupe-window", "0s")
          .set("airbag.retry.replay-window", "0s").write();

      ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config)
          .run(PlainOkHttpApp.class.getName(), server.baseUrl() + "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"m-app\"}", "2");

      assertEquals(0, result.exitCode(), result.toString());
      List<String> requests = collector.requests();
      assertFalse(requests.isEmpty(), result.toString());
      assertEquals(requests.size(), new HashSet<>(requests).size(), "no batch was sent twice: " + requests);
      List<JsonNode> events = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (String request : requests) {
        assertTrue(request.startsWith("POST /v1/chat/completions ["), request);
        json.readTree(request.substring(request.indexOf('['))).forEach(events::add);
      }
      assertEquals(2, events.size(), "exactly the app's two failed calls: " + events);
      for (JsonNode event : events) {
        assertEquals("m-app", event.path("model").asText(), event.toString());
        assertEquals("fake-openai", event.path("endpoint_name").asText(), event.toString());
      }
      assertEquals(6, server.requestCount(), "the app's calls were retried as usual");
      assertTrue(result.airbagLines().stream().noneMatch(line -> line.contains("WARN") || line.contains("ERROR")),
          result.toString());
    }
  }
}
