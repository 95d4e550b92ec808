package dev.airbag.agent.telemetry.events;

/** Makes text safe to encode as UTF-8: a surrogate without its partner has no UTF-8 form. Stateless. */
public final class JsonText {
  private static final char REPLACEMENT = '\uFFFD';

  private JsonText() {
  }

  /** The text with every lone surrogate replaced by U+FFFD; the same instance when there is none. */
  public static String wellFormed(String text) {
    int bad = firstLoneSurrogate(text, 0);
    if (bad < 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    while (bad >= 0) {
      chars[bad] = REPLACEMENT;
      bad = firstLoneSurrogate(text, bad + 1);
    }
    return new String(chars);
  }

  private static int firstLoneSurrogate(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
