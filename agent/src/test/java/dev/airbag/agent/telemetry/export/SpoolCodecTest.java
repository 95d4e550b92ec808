package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpoolCodecTest {
  @Test
  void eventsRoundTripToTheSameJson() throws IOException {
    Event event = EventCopy.of(TestEvents.llmFailure(TestEvents.T0))
        .put("ratio", 0.25).put("big", 5_000_000_000L).put("nan", Double.NaN).build();

    List<Event> read = SpoolCodec.decode(SpoolCodec.encode(List.of(event, event)));

    assertEquals(2, read.size());
    assertEquals(new String(EventJson.toJsonLine(event), StandardCharsets.UTF_8),
        new String(EventJson.toJsonLine(read.get(1)), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "{\"id\":\"a\",\"kind\":\"x\"}", "{\"id\":\"a\",\"timestamp\":\"yesterday\",\"kind\":\"x\"}",
      "{\"id\":\"a\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"kind\":\"x\",\"o\":{}}", "{\"id\":"})
  void aForeignOrTornFileIsRefused(String content) {
    assertThrows(IOException.class, () -> SpoolCodec.decode(content.getBytes(StandardCharsets.UTF_8)));
  }
}
