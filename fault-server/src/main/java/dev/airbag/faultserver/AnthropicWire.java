package dev.airbag.faultserver;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages bodies in the shapes {@code com.anthropic:anthropic-java} parses: {@code Message}, the
 * streaming event sequence with {@code event:} and {@code data:} lines, and the
 * {@code {"type":"error","error":{...}}} envelope. Stateless.
 */
final class AnthropicWire {
  private AnthropicWire() {}

  static String message(Completion c) {
    return "{\"id\":" + JsonStrings.quote(c.id()) + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
        + JsonStrings.quote(c.model()) + ",\"content\":[{\"type\":\"text\",\"text\":" + JsonStrings.quote(c.text()) + "}]"
        + ",\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":" + usage(c, c.outputTokens()) + "}";
  }

  /** message_start, content_block_start, one content_block_delta per piece, then the three closing events. */
  static List<String> events(Completion c) {
    List<String> events = new ArrayList<>();
    events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":" + JsonStrings.quote(c.id())
        + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + JsonStrings.quote(c.model())
        + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":" + usage(c, 1) + "}}"));
    events.add(event("content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    for (String piece : c.pieces()) {
      events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":" + JsonStrings.quote(piece) + "}}"));
    }
    events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + c.outputTokens() + "}}"));
    events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
    return events;
  }

  static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":" + JsonStrings.quote(type) + ",\"message\":" + JsonStrings.quote(message)
        + "}}";
  }

  /** An {@code event: error} in the middle of a stream, as Anthropic sends for a mid-stream overload. */
  static String streamError(String type, String message) {
    return event("error", error(type, message));
  }

  private static String usage(Completion c, int outputTokens) {
    return "{\"input_tokens\":" + c.inputTokens() + ",\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":0,\"output_tokens\":" + outputTokens + ",\"service_tier\":\"standard\"}";
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
