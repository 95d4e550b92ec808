package dev.airbag.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the events a child JVM wrote; every line must be one JSON object. */
public final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  public static List<JsonNode> read(Path file) {
    List<JsonNode> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return events;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          JsonNode event = JSON.readTree(line);
          if (!event.isObject()) {
            throw new AssertionError("event line is not a JSON object: " + line);
          }
          events.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  public static String raw(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
