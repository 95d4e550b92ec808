package dev.airbag.faultserver;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Chat Completions bodies in the shapes {@code com.openai:openai-java} parses: {@code ChatCompletion},
 * {@code ChatCompletionChunk} as SSE {@code data:} lines ending with {@code [DONE]}, and the
 * {@code {"error": {...}}} envelope. Stateless.
 */
final class OpenAiWire {
  private OpenAiWire() {}

  static String completion(Completion c) {
    return "{\"id\":" + JsonStrings.quote(c.id()) + ",\"object\":\"chat.completion\",\"created\":" + c.created()
        + ",\"model\":" + JsonStrings.quote(c.model())
        + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + JsonStrings.quote(c.text())
        + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}]"
        + ",\"usage\":" + usage(c) + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fault\"}";
  }

  /** The chunk events of a streamed answer; a usage chunk only when the request asked for one. */
  static List<String> chunks(Completion c, boolean includeUsage) {
    List<String> events = new ArrayList<>();
    events.add(data(chunk(c, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null")));
    for (String piece : c.pieces()) {
      events.add(data(chunk(c, "{\"content\":" + JsonStrings.quote(piece) + "}", "null")));
    }
    events.add(data(chunk(c, "{}", "\"stop\"")));
    if (includeUsage) {
      events.add(data(head(c) + ",\"choices\":[],\"usage\":" + usage(c) + "}"));
    }
    events.add(data("[DONE]"));
    return events;
  }

  static String error(String type, String code, String message, String param) {
    return "{\"error\":{\"message\":" + JsonStrings.quote(message) + ",\"type\":" + JsonStrings.quote(type)
        + ",\"param\":" + JsonStrings.quote(param) + ",\"code\":" + JsonStrings.quote(code) + "}}";
  }

  /** An error in the middle of a stream: a {@code data:} line carrying the error envelope. */
  static String streamError(String type, String code, String message) {
    return data(error(type, code, message, null));
  }

  private static String chunk(Completion c, String delta, String finishReason) {
    return head(c) + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
        + finishReason + "}]}";
  }

  private static String head(Completion c) {
    return "{\"id\":" + JsonStrings.quote(c.id()) + ",\"object\":\"chat.completion.chunk\",\"created\":" + c.created()
        + ",\"model\":" + JsonStrings.quote(c.model()) + ",\"service_tier\":\"default\""
        + ",\"system_fingerprint\":\"fp_fault\"";
  }

  private static String usage(Completion c) {
    return "{\"prompt_tokens\":" + c.inputTokens() + ",\"completion_tokens\":" + c.outputTokens()
        + ",\"total_tokens\":" + (c.inputTokens() + c.outputTokens())
        + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}"
        + ",\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
  }

  private static String data(String payload) {
    return "data: " + payload + "\n\n";
  }
}
