package dev.airbag.agent.engine.redact;

/**
 * Makes a name the app chose (a thread's, a model's) safe to ship as a field or a metric tag: a key pasted in
 * it is masked like in any text, control characters are made visible, and it is bounded. Stateless.
 */
public final class NameRedactor {
  /** Longest name kept; model names are far shorter, and a longer "name" is no name. */
  public static final int MAX_LENGTH = 256;

  private NameRedactor() {
  }

  /** The name made safe; null stays null. */
  public static String safe(String name) {
    return name == null ? null : ControlChars.escape(Redactor.redact(name, MAX_LENGTH));
  }

  /** The name with {@code known} masked first (the call's own credentials), then made safe. */
  public static String safe(String name, TextMask known) {
    return safe(known.mask(name));
  }
}
