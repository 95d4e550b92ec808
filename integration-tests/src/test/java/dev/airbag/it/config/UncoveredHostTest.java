package dev.airbag.it.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.PlainJdkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The first hour's silent pitfall: the endpoint declared as {@code localhost}, the app calling {@code 127.0.0.1}.
 * The call passes as without Airbag and the log says why, once, with the line to add; {@code airbag.auto-protect}
 * protects it instead.
 */
class UncoveredHostTest extends FaultServerTest {
  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void aCallToAnotherNameOfTheDeclaredHostPassesUnprotectedAndTheLogSaysWhatToAddOnce() throws Exception {
    server.plan(FaultPlans.always(Faults.overloaded()));
    AgentConfig config = declaredAsLocalhost();

    ChildJvm.Result result = app(config, 3);

    assertEquals(3, result.stdout().lines().filter(line -> line.contains("RESULT status=503")).count(),
        result.toString());
    assertEquals(3, server.requestCount(), "no retry: the call is not protected");
    List<String> warnings = result.airbagLines().stream().filter(line -> line.contains("looks like an LLM call"))
        .collect(Collectors.toList());
    assertEquals(1, warnings.size(), result.toString());
    assertTrue(warnings.get(0).contains("an endpoint is declared for localhost:" + server.port()), warnings.get(0));
    assertTrue(warnings.get(0).contains("airbag.endpoint.127-0-0-1.url=http://127.0.0.1:" + server.port() + "/v1"),
        warnings.get(0));
  }

  @Test
  void withAutoProtectTheSameCallIsRetriedAndReported() throws Exception {
    server.plan(FaultPlans.sequence(Faults.overloaded(), Faults.success()));
    AgentConfig config = declaredAsLocalhost().set("airbag.auto-protect", "true");

    ChildJvm.Result result = app(config, 1);

    assertTrue(result.stdout().contains("RESULT status=200"), result.toString());
    assertEquals(2, server.requestCount(), "the 503 was retried");
    List<JsonNode> events = Events.read(config.eventsFile());
    assertTrue(events.stream().anyMatch(event -> event.path("endpoint_name").asText()
        .equals("auto-127.0.0.1-" + server.port())), events.toString());
  }

  private AgentConfig declaredAsLocalhost() {
    return AgentConfig.in(dir).fastRetries()
        .set("airbag.endpoint.local.url", "http://localhost:" + server.port() + "/v1")
        .set("airbag.presets", "none");
  }

  private ChildJvm.Result app(AgentConfig config, int calls) throws Exception {
    return ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(PlainJdkHttpApp.class.getName(), "http://127.0.0.1:" + server.port() + "/v1/chat/completions", BODY,
            "send", String.valueOf(calls));
  }
}
