package dev.airbag.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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

  /**
   * How many events these lines stand for: the events file folds identical events into the first line and a summary
   * whose {@code count} says how many followed it.
   */
  public static long occurrences(List<JsonNode> events, Predicate<JsonNode> which) {
    return events.stream().filter(which).mapToLong(e -> e.path("count").asLong(1)).sum();
  }

  public static String raw(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
