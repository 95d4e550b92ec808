package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
  private static final long NOW = 1_795_000_000_123L;

  @Test
  void attributesKeepInsertionOrderAndIgnoreNulls() {
    Event event = Event.builder(EventKinds.LLM_CALL).timestampMillis(NOW)
        .put(EventFields.PROVIDER, "openai")
        .put(EventFields.HTTP_STATUS, (Integer) null)
        .put(EventFields.MODEL, "gpt-4o")
        .put(EventFields.DETAIL, (String) null)
        .put(EventFields.ATTEMPTS, 3)
        .build();

    assertEquals(List.of(EventFields.PROVIDER, EventFields.MODEL, EventFields.ATTEMPTS),
        new ArrayList<>(event.attributes().keySet()));
    assertEquals(3, event.get(EventFields.ATTEMPTS));
  }

  @Test
  void puttingAFieldTwiceKeepsItsPositionAndTheLastValue() {
    Event event = Event.builder("x").timestampMillis(NOW)
        .put("a", "first").put("b", 1L).put("a", "second").build();

    assertEquals(List.of("a", "b"), new ArrayList<>(event.attributes().keySet()));
    assertEquals("second", event.get("a"));
  }

  @Test
  void eachValueTypeIsStoredAsGiven() {
    Event event = Event.builder("x").timestampMillis(NOW)
        .put("s", "text").put("l", 5L).put("i", 7).put("d", 0.5).put("b", true)
        .put("list", List.of("a", "b")).build();

    assertEquals(Map.of("s", "text", "l", 5L, "i", 7, "d", 0.5, "b", true, "list", List.of("a", "b")),
        event.attributes());
  }

  @Test
  void builderStampsTheTimeFromTheInjectedClock() {
    Event event = Event.builder(EventKinds.CIRCUIT, new FakeClock(NOW)).build();

    assertEquals(NOW, event.timestampMillis());
    assertEquals(NOW, event.get(EventFields.TIMESTAMP));
    assertEquals(EventKinds.CIRCUIT, event.get(EventFields.KIND));
    assertEquals(event.id(), event.get(EventFields.ID));
  }

  @Test
  void anEventWithoutATimestampIsRefused() {
    assertThrows(IllegalStateException.class, () -> Event.builder("x").build());
  }

  @ParameterizedTest
  @ValueSource(strings = {EventFields.ID, EventFields.TIMESTAMP, EventFields.KIND})
  void envelopeFieldsCannotBeAttributes(String field) {
    assertThrows(IllegalArgumentException.class, () -> Event.builder("x").put(field, "clash"));
  }

  @Test
  void attributesCannotBeModifiedAfterBuildNorThroughTheBuilder() {
    List<String> models = new ArrayList<>(List.of("gpt-4o"));
    Event.Builder builder = Event.builder("x").timestampMillis(NOW).put(EventFields.MODELS_TRIED, models);
    Event event = builder.build();

    models.add("gpt-4o-mini");
    builder.put("later", "value");

    assertEquals(List.of("gpt-4o"), event.get(EventFields.MODELS_TRIED));
    assertFalse(event.attributes().containsKey("later"));
    assertThrows(UnsupportedOperationException.class, () -> event.attributes().put("y", "z"));
    @SuppressWarnings("unchecked")
    List<String> stored = (List<String>) event.get(EventFields.MODELS_TRIED);
    assertThrows(UnsupportedOperationException.class, () -> stored.add("z"));
  }

  @Test
  void idsAreRandomHexAndAnExplicitIdIsKept() {
    Event first = Event.builder("x").timestampMillis(NOW).build();
    Event second = Event.builder("x").timestampMillis(NOW).build();
    Event replayed = Event.builder("x").timestampMillis(NOW).id("abc").build();

    assertTrue(first.id().matches("[0-9a-f]{32}"), first.id());
    assertNotEquals(first.id(), second.id());
    assertEquals("abc", replayed.id());
  }

  @Test
  void aHugeStringIsCutToTheBoundWithoutSplittingASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String huge = "a".repeat(AttributeValues.MAX_STRING_CHARS - 2) + emoji + "tail";

    String stored = (String) Event.builder("x").timestampMillis(NOW).put("d", huge).build().get("d");

    assertTrue(stored.length() <= AttributeValues.MAX_STRING_CHARS, "length " + stored.length());
    assertTrue(stored.endsWith("a…"), "cut before the pair, not inside it");
  }

  @Test
  void aHugeListKeepsItsFirstElementsAndDropsNulls() {
    List<String> huge = new ArrayList<>(Collections.nCopies(AttributeValues.MAX_LIST_ELEMENTS + 10, "m"));
    huge.set(0, null);

    List<?> stored = (List<?>) Event.builder("x").timestampMillis(NOW).put("l", huge).build().get("l");

    assertEquals(AttributeValues.MAX_LIST_ELEMENTS, stored.size());
    assertFalse(stored.contains(null));
    assertEquals(List.of("a", "c"),
        Event.builder("x").timestampMillis(NOW).put("l", Arrays.asList("a", null, "c")).build().get("l"));
  }
}
