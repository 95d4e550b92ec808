package dev.airbag.agent.telemetry.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A spool file's content: the events as JSON lines ({@link EventJson}), read back with their id, timestamp,
 * kind and attributes (whole numbers as Integer when they fit, else Long; arrays as lists of strings), so a
 * replayed event encodes exactly as the original did. Stateless and thread-safe.
 */
final class SpoolCodec {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SpoolCodec() {
  }

  static byte[] encode(List<Event> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * events.size());
    try {
      for (Event event : events) {
        EventJson.writeTo(event, out);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return out.toByteArray();
  }

  /** Parses what {@link #encode} wrote; throws IOException on anything else (a torn or foreign file). */
  static List<Event> decode(byte[] content) throws IOException {
    List<Event> events = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(content)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token != JsonToken.START_OBJECT) {
          throw new IOException("spool file holds " + token + " where an event should start");
        }
        events.add(readEvent(parser));
      }
    } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
      throw new IOException("spool file holds an invalid event: " + e.getMessage(), e);
    }
    return events;
  }

  private static Event readEvent(JsonParser parser) throws IOException {
    String id = null;
    String timestamp = null;
    Event.Builder builder = null;
    List<Object[]> attributes = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      if (EventFields.ID.equals(field)) {
        id = parser.getText();
      } else if (EventFields.TIMESTAMP.equals(field)) {
        timestamp = parser.getText();
      } else if (EventFields.KIND.equals(field)) {
        builder = Event.builder(parser.getText());
      } else {
        attributes.add(new Object[] {field, readValue(parser, token)});
      }
    }
    if (builder == null || id == null || timestamp == null) {
      throw new IOException("spool event without id, timestamp or kind");
    }
    builder.id(id).timestampMillis(Instant.parse(timestamp).toEpochMilli());
    for (Object[] attribute : attributes) {
      EventCopy.put(builder, (String) attribute[0], attribute[1]);
    }
    return builder.build();
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        long value = parser.getLongValue();
        return value == (int) value ? (Object) (int) value : (Object) value;
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getBooleanValue();
      case START_ARRAY:
        List<String> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(parser.getText());
        }
        return list;
      default:
        throw new IOException("unexpected " + token + " in a spooled event");
    }
  }
}
