package dev.airbag.agent.engine.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks exact secret values, whatever their shape: the credentials a request itself carried, which Airbag knows
 * at call time and which a provider may echo in an error body. Also masks a secret's start left at the very end
 * of a text that was cut inside it. Immutable and thread-safe.
 */
public final class KnownSecrets implements TextMask {
  /** Values shorter than this are no credential and would mask ordinary words. */
  public static final int MIN_LENGTH = 8;
  // A cut shorter than this says too little of the key to be worth the over-masking.
  private static final int MIN_CUT_PREFIX = 4;

  private final List<String> values;

  private KnownSecrets(List<String> values) {
    this.values = values;
  }

  /** The values of at least {@value #MIN_LENGTH} chars, longest first (so a key inside a longer one is whole). */
  public static KnownSecrets of(Collection<String> candidates) {
    List<String> kept = new ArrayList<>();
    for (String value : candidates) {
      if (value != null && value.length() >= MIN_LENGTH && !kept.contains(value)) {
        kept.add(value);
      }
    }
    kept.sort(Comparator.comparingInt(String::length).reversed());
    return new KnownSecrets(kept);
  }

  // For RecentCredentials only, which keeps them hashed: never handed outside this package.
  List<String> values() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String mask(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String value : values) {
      if (masked.contains(value)) {
        masked = masked.replace(value, Redactor.MASK);
      }
      masked = maskCutStart(masked, value);
    }
    return masked;
  }

  /** Each value's occurrences masked in every text of the list; null stays null. */
  public List<String> mask(List<String> texts) {
    if (texts == null || values.isEmpty()) {
      return texts;
    }
    List<String> masked = new ArrayList<>(texts.size());
    for (String text : texts) {
      masked.add(mask(text));
    }
    return masked;
  }

  private static String maskCutStart(String text, String value) {
    // Bounded texts end with "…" when cut; the secret's first chars may sit just before it.
    if (!text.endsWith("…")) {
      return text;
    }
    int end = text.length() - 1;
    for (int n = Math.min(value.length() - 1, end); n >= MIN_CUT_PREFIX; n--) {
      if (text.regionMatches(end - n, value, 0, n)) {
        return text.substring(0, end - n) + Redactor.MASK + text.substring(end);
      }
    }
    return text;
  }
}
