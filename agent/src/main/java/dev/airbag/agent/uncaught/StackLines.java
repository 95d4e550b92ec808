package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.redact.Redactor;
import dev.airbag.agent.engine.redact.TextMask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Renders a throwable and its causes as bounded, redacted lines for an event, in the familiar shape of
 * {@code printStackTrace} ({@code com.acme.Orders.place(Orders.java:42)}, {@code Caused by: ...}). Line numbers
 * stay here, where they help a person; only the fingerprint ignores them. Stateless.
 */
final class StackLines {
  private static final int MAX_LINE_CHARS = 300;
  private static final StackTraceElement[] NONE = new StackTraceElement[0];

  private StackLines() {
  }

  /** At most {@code maxLines} lines: the error's frames, then each cause's header and frames. */
  static List<String> render(List<Throwable> chain, int maxLines) {
    return render(chain, maxLines, TextMask.NONE);
  }

  /** As {@link #render(List, int)}, with the known secrets masked by value in each cause's message. */
  static List<String> render(List<Throwable> chain, int maxLines, TextMask secrets) {
    List<String> lines = new ArrayList<>(Math.min(maxLines, 64));
    for (int i = 0; i < chain.size() && lines.size() < maxLines; i++) {
      Throwable t = chain.get(i);
      if (i > 0) {
        lines.add(Redactor.redact("Caused by: " + headline(t, secrets), MAX_LINE_CHARS));
      }
      for (StackTraceElement element : safeStack(t)) {
        if (lines.size() >= maxLines) {
          break;
        }
        if (element != null) {
          lines.add(Redactor.redact(element.toString(), MAX_LINE_CHARS));
        }
      }
    }
    return Collections.unmodifiableList(lines);
  }

  /** {@code type: message} with the message masked, or the type alone. */
  static String headline(Throwable t, TextMask secrets) {
    String message = MessageMasker.forEvent(secrets.mask(safeMessage(t)), MAX_LINE_CHARS);
    String type = t.getClass().getName();
    return message == null ? type : type + ": " + message;
  }

  static String safeMessage(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException overridden) {
      // getMessage is overridable; app code may throw from it.
      return null;
    }
  }

  static StackTraceElement[] safeStack(Throwable t) {
    try {
      StackTraceElement[] stack = t.getStackTrace();
      return stack == null ? NONE : stack;
    } catch (RuntimeException overridden) {
      return NONE;
    }
  }
}
