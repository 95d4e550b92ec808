package dev.airbag.agent.telemetry.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The generic {@code http} sink's body: a JSON array of the same event objects the JSON-lines file holds
 * ({@link EventJson}). Stateless and thread-safe.
 */
final class JsonArrayEncoder implements BatchEncoder {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public EncodedBatch encode(List<Event> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * batch.size() + 2);
    try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      generator.writeStartArray();
      for (Event event : batch) {
        EventJson.write(event, generator);
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return new EncodedBatch(out.toByteArray(), "application/json");
  }
}
