package dev.airbag.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.it.apps.AnthropicChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An error event inside a 200 stream that arrives in the same read as the content before it (the whole stream in
 * one write, as a proxy that buffers sends it): the {@code stream_interrupted} event counts the bytes that reached
 * the app, not 0. anthropic-java over OkHttp.
 */
class StreamBytesDeliveredTest extends FaultServerTest {
  private static final String STREAM = event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
      + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
      + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}")
      + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
      + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
      + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Loan 42 is\"}}")
      + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

  @Test
  void anErrorEventInTheSameReadAsTheContentBeforeItCountsThatContent() throws Exception {
    server.plan(FaultPlans.always(response ->
        response.answer(200, "text/event-stream", STREAM.getBytes(StandardCharsets.UTF_8))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(1))
        .run(AnthropicChatApp.class.getName(), server.baseUrl(), "sk-ant-test", "claude-sonnet-4-5", "stream", "1", "0");

    assertEquals(0, result.exitCode(), result.toString());
    JsonNode event = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("outcome").asText().equals("stream_interrupted")).findFirst().orElseThrow();
    assertEquals("overloaded", event.path("category").asText(), event.toString());
    assertTrue(event.path("bytes_delivered").asLong() > STREAM.indexOf("event: error"),
        "the content before the error reached the app: " + event);
    assertEquals(1, server.requestCount());
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
