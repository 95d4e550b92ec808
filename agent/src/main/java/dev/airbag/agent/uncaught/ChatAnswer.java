package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Turns a chat-completions response into an AI verdict. The model's JSON (possibly inside a Markdown code
 * fence) must name a severity and an escalation from the vocabulary, and a known category or none; anything
 * else is rejected, and a rejected answer routes the fingerprint to human review. Stateless.
 */
final class ChatAnswer {
  private static final int MAX_REASON_CHARS = 200;

  private ChatAnswer() {
  }

  /** The verdict the answer gives, labelled by {@link LabelSource#AI}; a human-review verdict when unusable. */
  static Verdict verdict(String responseBody) {
    try {
      return accepted(content(responseBody));
    } catch (IOException | RuntimeException unusable) {
      return rejected(unusable.getMessage());
    }
  }

  static Verdict rejected(String why) {
    return new Verdict(Severity.WARNING, Escalation.HUMAN_REVIEW, null, LabelSource.AI,
        "ai answer rejected: " + MessageMasker.forEvent(String.valueOf(why), MAX_REASON_CHARS));
  }

  private static String content(String responseBody) throws IOException {
    Object choices = field(SmallJson.parse(responseBody), "choices");
    if (!(choices instanceof List) || ((List<?>) choices).isEmpty()) {
      throw new IOException("no choices in the response");
    }
    Object content = field(field(((List<?>) choices).get(0), "message"), "content");
    if (!(content instanceof String)) {
      throw new IOException("no message content in the first choice");
    }
    return (String) content;
  }

  private static Verdict accepted(String content) throws IOException {
    int start = content.indexOf('{');
    int end = content.lastIndexOf('}');
    // Models often wrap JSON in a ```json fence or a sentence: the object is what lies between the braces.
    if (start < 0 || end < start) {
      throw new IOException("the answer holds no JSON object");
    }
    Object answer = SmallJson.parse(content.substring(start, end + 1));
    Severity severity = Vocabulary.severity(text(answer, "severity"));
    Escalation escalation = Vocabulary.escalation(text(answer, "escalation"));
    if (severity == null || escalation == null) {
      throw new IOException("severity or escalation missing or out of vocabulary");
    }
    String categoryText = text(answer, "category");
    Category category = null;
    if (categoryText != null && !categoryText.isEmpty() && !"none".equalsIgnoreCase(categoryText)
        && !"null".equalsIgnoreCase(categoryText)) {
      category = Vocabulary.category(categoryText);
      if (category == null) {
        throw new IOException("category out of vocabulary");
      }
    }
    String reason = MessageMasker.forEvent(text(answer, "reason"), MAX_REASON_CHARS);
    if (escalation == Escalation.PAGE) {
      // The message the model read is the app's (or an attacker's) text: waking someone needs a human's yes.
      return new Verdict(severity, Escalation.HUMAN_REVIEW, category, LabelSource.AI,
          "ai asked to page; a human confirms" + (reason == null ? "" : ": " + reason));
    }
    return new Verdict(severity, escalation, category, LabelSource.AI, reason == null ? "ai" : "ai: " + reason);
  }

  private static Object field(Object object, String name) {
    return object instanceof Map ? ((Map<?, ?>) object).get(name) : null;
  }

  private static String text(Object object, String name) {
    Object value = field(object, name);
    return value instanceof String ? ((String) value).trim() : null;
  }
}
