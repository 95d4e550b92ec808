package dev.airbag.agent.telemetry.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event's JSON form, written with jackson-core's streaming generator: {@code id}, {@code timestamp}
 * (ISO-8601 UTC, always with milliseconds), {@code kind}, then the attributes in insertion order. Numbers and
 * booleans are unquoted, lists are arrays of strings, a non-finite double is a string ({@code "NaN"}). Control
 * characters are escaped, so an event is always one line; other text, non-BMP included, is plain UTF-8, and
 * a lone surrogate becomes U+FFFD so the UTF-8 is valid. Stateless and thread-safe.
 */
public final class EventJson {
  // Thread-safe once built. Combining surrogates writes non-BMP text as plain 4-byte UTF-8, not as escapes.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private EventJson() {
  }

  /** The event as one line of UTF-8 JSON, without a trailing newline. */
  public static byte[] toJsonLine(Event event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      writeTo(event, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return out.toByteArray();
  }

  /** Writes the event's JSON object (no newline) to the stream, leaving the stream open. */
  public static void writeTo(Event event, OutputStream out) throws IOException {
    try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(event, generator);
    }
  }

  /** Writes the event as one JSON object into an open generator, e.g. as an element of a sink's array. */
  public static void write(Event event, JsonGenerator generator) throws IOException {
    generator.writeStartObject();
    generator.writeStringField(EventFields.ID, JsonText.wellFormed(event.id()));
    generator.writeStringField(EventFields.TIMESTAMP, formatTimestamp(event.timestampMillis()));
    generator.writeStringField(EventFields.KIND, JsonText.wellFormed(event.kind()));
    for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
      generator.writeFieldName(JsonText.wellFormed(attribute.getKey()));
      writeValue(attribute.getValue(), generator);
    }
    generator.writeEndObject();
  }

  /** Milliseconds since the epoch as {@code 2026-11-22T10:00:00.123Z}. */
  public static String formatTimestamp(long millis) {
    return TIMESTAMP.format(Instant.ofEpochMilli(millis));
  }

  static String toJsonString(Event event) {
    return new String(toJsonLine(event), StandardCharsets.UTF_8);
  }

  private static void writeValue(Object value, JsonGenerator generator) throws IOException {
    if (value instanceof String) {
      generator.writeString(JsonText.wellFormed((String) value));
    } else if (value instanceof Integer) {
      generator.writeNumber((Integer) value);
    } else if (value instanceof Long) {
      generator.writeNumber((Long) value);
    } else if (value instanceof Double) {
      writeDouble((Double) value, generator);
    } else if (value instanceof Boolean) {
      generator.writeBoolean((Boolean) value);
    } else if (value instanceof List) {
      generator.writeStartArray();
      for (Object element : (List<?>) value) {
        generator.writeString(JsonText.wellFormed(String.valueOf(element)));
      }
      generator.writeEndArray();
    } else {
      // The builder admits no other type; kept total so that a sink can never fail on a value.
      generator.writeString(JsonText.wellFormed(String.valueOf(value)));
    }
  }

  private static void writeDouble(double value, JsonGenerator generator) throws IOException {
    // JSON has no NaN or Infinity literals.
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      generator.writeString(Double.toString(value));
    } else {
      generator.writeNumber(value);
    }
  }
}
