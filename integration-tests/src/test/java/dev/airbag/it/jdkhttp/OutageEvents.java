package dev.airbag.it.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** What the events of a primary-model outage of gpt-4o must say, whatever the stack. */
public final class OutageEvents {
  private OutageEvents() {}

  /**
   * Every call (repeated events fold into one with a count) names gpt-4o, failed as overloaded or held off by its
   * open circuit, and the circuit that opened is gpt-4o's, not the endpoint's.
   */
  public static void assertEachCallNamesTheModelAndItsCircuitIsTheModels(List<JsonNode> events, int calls) {
    List<JsonNode> callEvents = events.stream().filter(e -> e.path("kind").asText().equals("llm_call")).toList();
    assertEquals(calls, callEvents.stream().mapToInt(e -> e.path("count").asInt(1)).sum(), events.toString());
    for (JsonNode event : callEvents) {
      assertEquals("gpt-4o", event.path("model").asText(), "the model was read from the body: " + event);
      assertTrue(Set.of("overloaded", "circuit_open").contains(event.path("category").asText()), event.toString());
    }
    assertTrue(callEvents.stream().anyMatch(e -> e.path("category").asText().equals("overloaded")), events.toString());
    events.stream().filter(e -> e.path("kind").asText().equals("circuit"))
        .forEach(e -> assertEquals("gpt-4o", e.path("model").asText(), "a circuit per model: " + e));
  }
}
