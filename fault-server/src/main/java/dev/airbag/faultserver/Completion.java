package dev.airbag.faultserver;

import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic answer text for a request, naming the model that served so a test can tell which model of
 * a fallback chain answered, with the token counts both wire formats report. Immutable.
 */
record Completion(String id, String model, String text, int inputTokens, int outputTokens, long created) {

  static Completion forRequest(RequestInfo info, String idPrefix) {
    String text = textFor(info.model());
    int inputTokens = Math.max(1, info.request().body().length / 4);
    return new Completion(idPrefix + info.index(), info.model(), text, inputTokens, pieces(text).size(),
        System.currentTimeMillis() / 1000);
  }

  /** The answer text for {@code model}: the same for every request and both wire formats. */
  static String textFor(String model) {
    return "Summary by " + (model.isEmpty() ? "unknown-model" : model) + ": the fault server answered normally.";
  }

  /** The text split into word-sized pieces (each keeps its trailing space) whose concatenation is the text. */
  List<String> pieces() {
    return pieces(text);
  }

  private static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }
}
