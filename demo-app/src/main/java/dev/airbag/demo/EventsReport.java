package dev.airbag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints what Airbag wrote to its events file during the demo: one line per event, then counts per category. */
public final class EventsReport {
  public static void main(String[] args) throws Exception {
    Path file = Paths.get(args.length > 0 ? args[0] : "demo-output/airbag-events.jsonl");
    if (!Files.exists(file)) {
      System.out.println("No events file at " + file + " (was the agent attached?)");
      return;
    }
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(file);
    Map<String, Integer> byCategory = new TreeMap<>();
    System.out.printf("%nAirbag events (%s):%n", file);
    System.out.printf("  %-15s %-9s %-10s %-18s %-6s %-22s %s%n", "category", "severity", "escalation", "model", "status",
        "provider code", "user message");
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event = json.readTree(line);
      String category = event.path("category").asText("-");
      byCategory.merge(category, 1, Integer::sum);
      System.out.printf("  %-15s %-9s %-10s %-18s %-6s %-22s %s%n", category, event.path("severity").asText("-"),
          event.path("escalation").asText("-"), event.path("model").asText("-"), event.path("http_status").asText("-"),
          event.path("provider_error_code").asText("-"), event.path("user_message").asText(""));
    }
    System.out.printf("%n  %d events: %s%n", lines.size(), byCategory);
  }
}
