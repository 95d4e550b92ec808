package dev.airbag.agent.telemetry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {
  // 2026-11-22T10:00:00.123Z
  private static final long NOW = 1_795_341_600_123L;

  @Test
  void envelopeComesFirstThenAttributesInInsertionOrder() {
    Event event = Event.builder(EventKinds.LLM_CALL).timestampMillis(NOW).id("e1")
        .put(EventFields.CATEGORY, "overloaded").put(EventFields.PROVIDER, "anthropic")
        .put(EventFields.ATTEMPTS, 3).build();

    String line = new String(EventJson.toJsonLine(event), StandardCharsets.UTF_8);

    assertEquals("{\"id\":\"e1\",\"timestamp\":\"2026-11-22T10:00:00.123Z\",\"kind\":\"llm_call\","
        + "\"category\":\"overloaded\",\"provider\":\"anthropic\",\"attempts\":3}", line);
  }

  @Test
  void numbersAndBooleansAreUnquotedAndListsAreArrays() {
    Event event = Event.builder("x").timestampMillis(NOW)
        .put(EventFields.HTTP_STATUS, 529).put(EventFields.DURATION_MS, 12_345_678_901L)
        .put(EventFields.VALUE, 0.25).put(EventFields.RETRYABLE, false)
        .put(EventFields.MODELS_TRIED, List.of("claude-opus", "claude-sonnet")).build();

    Map<String, Object> parsed = JsonTestParser.parseObject(EventJson.toJsonLine(event));

    assertEquals(529L, parsed.get("http_status"));
    assertEquals(12_345_678_901L, parsed.get("duration_ms"));
    assertEquals(0.25, parsed.get("value"));
    assertEquals(false, parsed.get("retryable"));
    assertEquals(List.of("claude-opus", "claude-sonnet"), parsed.get("models_tried"));
  }

  @Test
  void aTimestampOnAWholeSecondStillHasMilliseconds() {
    Event event = Event.builder("x").timestampMillis(NOW - 123).build();

    assertEquals("2026-11-22T10:00:00.000Z", JsonTestParser.parseObject(EventJson.toJsonLine(event)).get("timestamp"));
  }

  @Test
  void nonFiniteDoublesBecomeStrings() {
    Event event = Event.builder("x").timestampMillis(NOW)
        .put("nan", Double.NaN).put("inf", Double.POSITIVE_INFINITY).build();

    Map<String, Object> parsed = JsonTestParser.parseObject(EventJson.toJsonLine(event));

    assertEquals("NaN", parsed.get("nan"));
    assertEquals("Infinity", parsed.get("inf"));
  }

  static Stream<Arguments> awkwardText() {
    return Stream.of(
        Arguments.of("quotes", "she said \"retry\"", "she said \"retry\""),
        Arguments.of("backslash", "C:\\path\\n", "C:\\path\\n"),
        Arguments.of("newlines", "line1\nline2\r\nline3", "line1\nline2\r\nline3"),
        Arguments.of("control characters", "nul\u0000bell\u0007tab\tesc\u001b", "nul\u0000bell\u0007tab\tesc\u001b"),
        Arguments.of("line separators", "a\u2028b\u2029c", "a\u2028b\u2029c"),
        Arguments.of("non-BMP", "busy \uD83D\uDE80 \uD835\uDD38", "busy \uD83D\uDE80 \uD835\uDD38"),
        Arguments.of("accents and CJK", "café 日本語", "café 日本語"),
        Arguments.of("lone high surrogate", "cut \uD83D", "cut \uFFFD"),
        Arguments.of("lone low surrogate", "\uDE80 start", "\uFFFD start"),
        Arguments.of("reversed pair", "\uDE00\uD83D", "\uFFFD\uFFFD"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awkwardText")
  void awkwardTextStaysOneValidLineAndRoundTrips(String description, String value, String expected) {
    Event event = Event.builder("x").timestampMillis(NOW)
        .put(EventFields.DETAIL, value).put(value, "as a field name too")
        .put(EventFields.MODELS_TRIED, List.of(value)).build();

    byte[] line = EventJson.toJsonLine(event);
    Map<String, Object> parsed = JsonTestParser.parseObject(line);

    assertFalse(new String(line, StandardCharsets.UTF_8).contains("\n"), "no raw newline in " + description);
    assertEquals(-1, indexOf(line, (byte) '\r'), "no raw carriage return");
    assertEquals(expected, parsed.get(EventFields.DETAIL));
    assertEquals(List.of(expected), parsed.get(EventFields.MODELS_TRIED));
    assertEquals("as a field name too", parsed.get(expected));
    assertEquals(new ArrayList<>(List.of("id", "timestamp", "kind", "detail", expected, "models_tried")),
        new ArrayList<>(parsed.keySet()));
  }

  @Test
  void textOutsideAsciiIsWrittenAsPlainUtf8NotEscapes() {
    Event event = Event.builder("x").timestampMillis(NOW).id("e").put("d", "é\uD83D\uDE80").build();

    String line = new String(EventJson.toJsonLine(event), StandardCharsets.UTF_8);

    assertEquals("{\"id\":\"e\",\"timestamp\":\"2026-11-22T10:00:00.123Z\",\"kind\":\"x\",\"d\":\"é\uD83D\uDE80\"}",
        line);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
