package dev.airbag.agent.engine.redact;

/** Masks what it knows to be secret in a text; null stays null. Implementations are thread-safe. */
public interface TextMask {
  /** Masks nothing. */
  TextMask NONE = text -> text;

  String mask(String text);

  /** This mask, then {@code next}. */
  default TextMask then(TextMask next) {
    return text -> next.mask(mask(text));
  }
}
