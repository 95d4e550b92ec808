package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.redact.Redactor;
import java.util.regex.Pattern;

/**
 * Masks exception messages before they leave the process. Events get the {@link Redactor}'s secret masking
 * plus e-mail addresses; what goes to an AI model is also stripped of UUIDs, hex ids and numbers, which
 * carry customer data and make no difference to a label. Stateless and thread-safe.
 */
public final class MessageMasker {
  public static final String EMAIL = "<email>";
  public static final String UUID = "<uuid>";
  public static final String ID = "<id>";
  public static final String NUMBER = "<n>";

  private static final Pattern EMAILS = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
  private static final Pattern UUIDS = Pattern.compile(
      "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
  // Hex runs with at least one digit and one letter (object ids, hashes); plain words never match.
  private static final Pattern HEX_IDS = Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])"
      + "[0-9a-fA-F]{8,}\\b");
  private static final Pattern NUMBERS = Pattern.compile("(?<![A-Za-z_])\\d+(?:[.,]\\d+)*");

  private MessageMasker() {
  }

  /** Secrets and e-mail addresses masked, at most {@code maxLength} chars; null stays null. */
  public static String forEvent(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String bounded = text.length() > 4 * maxLength ? text.substring(0, 4 * maxLength) : text;
    return Redactor.redact(EMAILS.matcher(bounded).replaceAll(EMAIL), maxLength);
  }

  /** Everything {@link #forEvent} masks, plus UUIDs, hex ids and numbers. */
  public static String forModel(String text, int maxLength) {
    String masked = forEvent(text, maxLength);
    if (masked == null) {
      return null;
    }
    masked = UUIDS.matcher(masked).replaceAll(UUID);
    masked = HEX_IDS.matcher(masked).replaceAll(ID);
    return NUMBERS.matcher(masked).replaceAll(NUMBER);
  }
}
