package dev.airbag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airbag.faultserver.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads one run's files (the app's results log, Airbag's events) and the server's records into a {@link RunData}. */
final class RunReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunReader() {}

  /** {@code goEpochMs} and {@code goNanos}: the instant the driver said go, by the wall clock and by nanoTime. */
  static RunData read(Way way, Path results, Path events, List<RecordedRequest> requests, long goEpochMs,
      long goNanos, int exitCode) throws IOException {
    List<RunData.Call> calls = new ArrayList<>();
    List<RunData.CircuitChange> circuits = new ArrayList<>();
    for (JsonNode line : lines(results)) {
      if (line.path("kind").asText().equals("circuit")) {
        circuits.add(new RunData.CircuitChange(line.path("at").asLong() - goEpochMs, line.path("model").asText(),
            line.path("state").asText()));
        continue;
      }
      calls.add(new RunData.Call(line.path("number").asInt(), line.path("model").asText(),
          line.path("streamed").asBoolean(), line.path("start").asLong() - goEpochMs, line.path("millis").asDouble(),
          line.path("ok").asBoolean(), line.path("served_model").asText(null), line.path("text").asText(null),
          line.path("error").asText(null)));
    }
    Map<String, Integer> eventCounts = new TreeMap<>();
    List<String> alerts = new ArrayList<>();
    for (JsonNode event : lines(events)) {
      String kind = event.path("kind").asText();
      if (kind.equals("alert")) {
        if (event.path("state").asText().equals("firing")) {
          alerts.add(event.path("alert").asText());
        }
        continue;
      }
      // A folded summary stands for "count" events: the sum is the truth, not the number of lines.
      eventCounts.merge(kind, event.path("count").asInt(1), Integer::sum);
      if (kind.equals("circuit")) {
        circuits.add(new RunData.CircuitChange(epochMs(event) - goEpochMs, event.path("model").asText(),
            event.path("circuit_state").asText()));
      }
    }
    List<RunData.Upstream> upstream = new ArrayList<>();
    for (RecordedRequest request : requests) {
      if (!request.model().isEmpty()) {
        upstream.add(new RunData.Upstream((request.arrivalNanos() - goNanos) / 1e6, request.model()));
      }
    }
    calls.sort((a, b) -> Double.compare(a.startMs(), b.startMs()));
    circuits.sort((a, b) -> Double.compare(a.atMs(), b.atMs()));
    return new RunData(way, calls, circuits, upstream, eventCounts, alerts, exitCode);
  }

  private static long epochMs(JsonNode event) {
    return Instant.parse(event.path("timestamp").asText()).toEpochMilli();
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    if (file == null || !Files.exists(file)) {
      return nodes;
    }
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }
}
