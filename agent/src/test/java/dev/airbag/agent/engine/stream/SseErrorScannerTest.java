package dev.airbag.agent.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseErrorScannerTest {
  private final List<String> errors = new ArrayList<>();
  private final SseErrorScanner scanner = new SseErrorScanner(data -> errors.add(new String(data, StandardCharsets.UTF_8)));

  private void feed(String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      scanner.accept(b);
    }
  }

  @Test
  void anthropicErrorEventIsReportedWithItsData() {
    feed("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");

    assertEquals(List.of("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"), errors);
  }

  @Test
  void openAiErrorChunkIsReported() {
    feed("data: {\"id\":\"c1\",\"choices\":[]}\r\n\r\ndata: {\"error\": {\"message\": \"server error\", \"type\": \"server_error\"}}\r\n\r\n");

    assertEquals(1, errors.size());
    assertEquals("{\"error\": {\"message\": \"server error\", \"type\": \"server_error\"}}", errors.get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "data: {\"choices\":[{\"delta\":{\"content\":\"the word error appears\"}}]}\n\n",
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"{\\\"error\\\"\"}}\n\n",
      "data: [DONE]\n\n",
  })
  void ordinaryEventsAreNotErrors(String stream) {
    feed(stream);

    assertEquals(List.of(), errors);
  }

  @Test
  void onlyTheFirstErrorIsReported() {
    feed("event: error\ndata: {\"a\":1}\n\nevent: error\ndata: {\"b\":2}\n\n");

    assertEquals(List.of("{\"a\":1}"), errors);
  }

  @Test
  void aHugeLineIsBoundedAndDoesNotHideALaterError() {
    feed("data: {\"choices\":\"" + "x".repeat(100_000) + "\"}\n\nevent: error\ndata: {\"late\":true}\n\n");

    assertEquals(List.of("{\"late\":true}"), errors);
  }
}
